package org.innoladder.bench;

import org.innoladder.rules.facts.FactRow;
import org.innoladder.generator.GeneratorSettings;
import org.innoladder.generator.Recognition;
import org.innoladder.generator.SyntheticData;
import org.innoladder.generator.SyntheticEnterprise;
import org.innoladder.rules.policy.Policies;
import org.innoladder.rules.policy.Policy;
import org.innoladder.rules.policy.PolicyFacts;
import org.innoladder.rules.policy.PolicyWhatIf;
import org.innoladder.rules.Population;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static org.innoladder.bench.Measure.cpuNanos;
import static org.innoladder.bench.Measure.load;
import static org.innoladder.bench.Measure.ms;
import static org.innoladder.bench.Measure.option;
import static org.innoladder.bench.Measure.secs;

/**
 * The what-if sandbox (政策沙盘) over an in-memory population: by default 1,000,000 synthetic enterprises with rows for
 * 2023–2024 and their recognitions as policy context. Each run times, on all cores, {@link PolicyWhatIf#compare}
 * (the policy's baseline and its changed parameters over the same population: eligibility and amount of every
 * enterprise, twice, and the gained / lost sets) for two example policies:
 * <ul>
 *   <li>{@code rd_increase_subsidy}: facts and a formula, {@code min_growth} 0.20 → 0.15 and {@code cap} 100万 → 80万;</li>
 *   <li>{@code hnte_first_award}: recognition context, {@code award} 20万 → 30万.</li>
 * </ul>
 * Generating the rows, building the population and filling the context are reported apart (the app loads them once
 * and keeps them for the sandbox's repeated questions).
 *
 * <p>Run: {@code mvn -B -q -o -pl rules,app,bench -am package -DskipTests &&
 * java -Xmx6g -cp bench/target/benchmarks.jar org.innoladder.bench.PolicySandboxBenchmark [--enterprises 1000000] [--runs 3]}
 */
public final class PolicySandboxBenchmark {
    private static final int YEAR = 2024;

    private PolicySandboxBenchmark() {
    }

    public static void main(String[] args) {
        int enterprises = option(args, "--enterprises", 1_000_000);
        int runs = option(args, "--runs", 3);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "java %s, %d processors, max heap %,d MB, load average %.2f%n",
                System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20, load());

        long t0 = System.nanoTime();
        SyntheticData data = new SyntheticData(new GeneratorSettings(enterprises, YEAR - 1, YEAR, 2026, false));
        List<SyntheticEnterprise> all = IntStream.range(0, enterprises).parallel().mapToObj(data::enterprise).toList();
        List<FactRow> rows = all.stream().flatMap(e -> e.rows().stream()).toList();
        System.out.printf("generated %,d rows of %,d enterprises in %.1f s (not timed below)%n", rows.size(), enterprises, secs(t0));

        long t1 = System.nanoTime();
        PolicyFacts facts = PolicyFacts.of(Population.of(rows, YEAR));
        long t2 = System.nanoTime();
        context(facts, all);
        long t3 = System.nanoTime();
        System.out.printf("population of %,d enterprise-years: build %s, recognition context %s%n", facts.size(), ms(t2 - t1), ms(t3 - t2));

        Policy rd = Policies.example("rd_increase_subsidy"), first = Policies.example("hnte_first_award");
        Policy rdChanged = rd.withParameters(Map.of("min_growth", 0.15, "cap", 800_000.0));
        Policy firstChanged = first.withParameters(Map.of("award", 300_000.0));
        System.out.println();
        System.out.println("| run | rd_increase_subsidy (baseline + changed) | hnte_first_award (baseline + changed) | CPU time (all threads) | load average |");
        System.out.println("|---|---|---|---|---|");
        PolicyWhatIf lastRd = null, lastFirst = null;
        for (int run = 1; run <= runs; run++) {
            long cpu = cpuNanos();
            long a = System.nanoTime();
            lastRd = PolicyWhatIf.compare(rd, rdChanged, facts);
            long b = System.nanoTime();
            lastFirst = PolicyWhatIf.compare(first, firstChanged, facts);
            long c = System.nanoTime();
            cpu = cpuNanos() - cpu;
            System.out.printf(Locale.ROOT, "| %d%s | %s | %s | %s | %.1f |%n", run, run == 1 ? " (cold JIT)" : "", ms(b - a), ms(c - b),
                    ms(cpu), load());
        }
        System.out.println();
        for (var e : Map.of("rd_increase_subsidy", lastRd, "hnte_first_award", lastFirst).entrySet()) {
            PolicyWhatIf w = e.getValue();
            System.out.printf(Locale.ROOT, "%s: eligible %,d → %,d (gained %,d, lost %,d, amount changed %,d); total %s → %s yuan; budget %s%n",
                    e.getKey(), w.eligibleBefore(), w.eligibleAfter(), w.gained().length, w.lost().length, w.amountChanged(),
                    w.totalBefore().toPlainString(), w.totalAfter().toPlainString(), w.budget().toPlainString());
        }
    }

    /** The recognition context the app reads from its recognition table, from the synthetic certificates. */
    private static void context(PolicyFacts facts, List<SyntheticEnterprise> all) {
        int n = facts.size();
        String[] kinds = {"hnte", "tsme", "innovative_sme", "specialised_sme"};
        double[][] held = new double[kinds.length][n], firstYear = new double[kinds.length][n], latest = new double[kinds.length][n];
        LocalDate yearEnd = LocalDate.of(YEAR, 12, 31);
        for (SyntheticEnterprise e : all) {
            int i = facts.indexOf(e.creditCode());
            if (i < 0) continue;
            for (Recognition r : e.recognitions()) {
                if (r.issuedOn().isAfter(yearEnd)) continue;
                // the policy facts name a kind in lower case; kinds the benchmark does not read are skipped
                int k = List.of(kinds).indexOf(r.kind().name().toLowerCase(Locale.ROOT));
                if (k < 0) continue;
                if (r.expiresOn() == null || !r.expiresOn().isBefore(yearEnd)) held[k][i] = 1;
                int y = r.issuedOn().getYear();
                if (firstYear[k][i] == 0 || y < firstYear[k][i]) firstYear[k][i] = y;
                if (y > latest[k][i]) latest[k][i] = y;
            }
        }
        for (int k = 0; k < kinds.length; k++) {
            facts.setColumn("rec." + kinds[k] + ".held", held[k]);
            facts.setColumn("rec." + kinds[k] + ".first_year", firstYear[k]);
            facts.setColumn("rec." + kinds[k] + ".latest_year", latest[k]);
        }
    }
}
