package org.innoladder.bench;

import org.innoladder.rules.facts.FactRow;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.generator.SyntheticData;
import org.innoladder.rules.BatchResult;
import org.innoladder.rules.EvaluationResult;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Population;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.innoladder.bench.Measure.cpuNanos;
import static org.innoladder.bench.Measure.load;
import static org.innoladder.bench.Measure.ms;
import static org.innoladder.bench.Measure.option;
import static org.innoladder.bench.Measure.secs;

/**
 * End to end from memory: a synthetic population of enterprises (by default 1,000,000 enterprises with a row
 * for 2024 and their rows for 2022–2023, which hnte@2016's three-year ratios and growth need) is built once,
 * then each run times, on all cores:
 * <ol>
 *   <li>{@code Population.of} over every row (grouping by credit code, columns materialised on demand),</li>
 *   <li>{@code tsme.evaluate(population)}: outcome and score range of every enterprise-year of 2024,</li>
 *   <li>{@code hnte.evaluate(population)}: the same for hnte@2016,</li>
 * </ol>
 * and reports the total of the three (the aim: 1,000,000 enterprise-years through both rulesets in under
 * 5 s). Separately, outside the total, it builds full results (criteria, items, gaps) for the enterprises
 * that are NOT_QUALIFIED, the ones that want an explanation, up to {@code --explain} of them per ruleset.
 *
 * <p>Generating the rows (the app's {@link SyntheticData}, in parallel) is not part of any figure.
 *
 * <p>Run: {@code mvn -B -q -o -pl rules,app,bench -am package -DskipTests &&
 * java -Xmx6g -cp bench/target/benchmarks.jar org.innoladder.bench.PopulationBenchmark [--enterprises 1000000]
 * [--years 3] [--runs 3] [--explain 100000]}
 */
public final class PopulationBenchmark {
    private static final int YEAR = 2024;

    private PopulationBenchmark() {
    }

    public static void main(String[] args) {
        int enterprises = option(args, "--enterprises", 1_000_000);
        int years = option(args, "--years", 3);
        int runs = option(args, "--runs", 3);
        int explain = option(args, "--explain", 100_000);
        long seed = option(args, "--seed", 2026);
        machine();

        long t0 = System.nanoTime();
        SyntheticData data = new SyntheticData(new GeneratorSettings(enterprises, YEAR - years + 1, YEAR, seed, false));
        List<FactRow> rows = IntStream.range(0, enterprises).parallel()
                .mapToObj(data::enterprise).flatMap(e -> e.rows().stream()).toList();
        System.out.printf("generated %,d rows of %,d enterprises (%d–%d) in %.1f s (not timed below)%n",
                rows.size(), enterprises, YEAR - years + 1, YEAR, secs(t0));

        Ruleset tsme = Rulesets.get("tsme@2017"), hnte = Rulesets.get("hnte@2016");
        System.out.println();
        System.out.println("| run | population build | tsme@2017 | hnte@2016 | total | enterprise-years/s (both rulesets) | CPU time (all threads) | load average |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        BatchResult lastTsme = null, lastHnte = null;
        for (int run = 1; run <= runs; run++) {
            long cpu = cpuNanos();
            long a = System.nanoTime();
            Population population = Population.of(rows, YEAR);
            long b = System.nanoTime();
            BatchResult t = tsme.evaluate(population);
            long c = System.nanoTime();
            BatchResult h = hnte.evaluate(population);
            long d = System.nanoTime();
            cpu = cpuNanos() - cpu;
            System.out.printf(Locale.ROOT, "| %d%s | %s | %s | %s | **%s** | %,.0f | %s | %.1f |%n", run, run == 1 ? " (cold JIT)" : "",
                    ms(b - a), ms(c - b), ms(d - c), ms(d - a), population.size() / ((d - a) / 1e9), ms(cpu), load());
            lastTsme = t;
            lastHnte = h;
        }
        int n = lastTsme.size();
        System.out.printf("%n%,d enterprise-years of %d evaluated per ruleset%n", n, YEAR);
        for (BatchResult r : List.of(lastTsme, lastHnte)) {
            System.out.printf("%s: QUALIFIED %,d  NOT_QUALIFIED %,d  UNDETERMINED %,d%n", r == lastTsme ? "tsme@2017" : "hnte@2016",
                    r.count(Outcome.QUALIFIED), r.count(Outcome.NOT_QUALIFIED), r.count(Outcome.UNDETERMINED));
        }

        System.out.println();
        System.out.println("| explanations + gaps (NOT_QUALIFIED only) | results | time | results/s | gaps |");
        System.out.println("|---|---|---|---|---|");
        for (BatchResult r : List.of(lastTsme, lastHnte)) {
            int[] notQualified = IntStream.range(0, r.size()).filter(i -> r.outcome(i) == Outcome.NOT_QUALIFIED)
                    .limit(explain).toArray();
            long a = System.nanoTime();
            List<EvaluationResult> results = IntStream.of(notQualified).parallel().mapToObj(r::result).toList();
            long b = System.nanoTime();
            long gaps = results.stream().mapToLong(x -> x.gaps().size()).sum();
            System.out.printf("| %s | %,d | %s | %,.0f | %,d |%n", r == lastTsme ? "tsme@2017" : "hnte@2016",
                    results.size(), ms(b - a), results.size() / ((b - a) / 1e9), gaps);
        }
    }

    private static void machine() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "java %s (%s), %d processors, max heap %,d MB, load average %.2f%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.availableProcessors(),
                rt.maxMemory() >> 20, load());
    }
}
