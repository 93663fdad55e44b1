package org.innoladder.bench;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.BatchResult;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Population;
import org.innoladder.rules.Ruleset;
import org.innoladder.rules.Rulesets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * tsme@2017 over the same 100,000 synthetic enterprise-years three ways: the engine's batch path (the ruleset
 * compiled to one column-at-a-time program, {@code cel.VecProgram}), the CEL interpreter row by row, and a
 * hand-written Java evaluator of the same rules, the yardstick. All three run on all cores in chunks of 4,096
 * rows and produce outcome and score range per row; setup checks that the engine and the yardstick agree on
 * every row. The population's columns are materialised during setup, so the figures are evaluation only
 * (see {@link PopulationBenchmark} for end to end).
 *
 * <p>Run: {@code mvn -B -q -o package -pl rules,bench -am -DskipTests && java -jar bench/target/benchmarks.jar TsmeBatch -f 1 -wi 5 -i 10}
 * (on a shared machine, compare variants within one run and prefer the minimum over the mean). JMH runs the
 * contestants one after the other, so a change of load between them skews the ratios;
 * {@link #main(String[])} runs them interleaved, round by round, which a shared machine's drifting load
 * affects alike: {@code java -cp bench/target/benchmarks.jar org.innoladder.bench.TsmeBatchBenchmark [rounds]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class TsmeBatchBenchmark {
    private static final int N = 100_000;
    private static final int YEAR = 2023;
    private static final int CHUNK = 4096;

    private Ruleset tsme;
    private Population population;
    private HandWritten handWritten;

    @Setup
    public void setup() {
        tsme = Rulesets.get("tsme@2017");
        List<FactRow> rows = generate(N, new Random(2023));
        population = Population.of(rows, YEAR);
        handWritten = new HandWritten(rows);
        // The comparison only means something if all three compute the same thing.
        BatchResult engine = tsme.evaluate(population);
        byte[] hand = handWritten.run();
        for (int i = 0; i < N; i++) {
            if (engine.outcome(i).ordinal() != hand[i] || engine.scoreMin(i) != handWritten.scoreMin[i]
                    || engine.scoreMax(i) != handWritten.scoreMax[i]) {
                throw new IllegalStateException("hand-written evaluator disagrees with the engine at row " + i
                        + ": " + engine.result(i).toJson());
            }
        }
    }

    @Benchmark
    public BatchResult engineBatch() {
        return tsme.evaluate(population);
    }

    @Benchmark
    public BatchResult interpretedCelPerRow() {
        return tsme.evaluateInterpreted(population);
    }

    @Benchmark
    public byte[] handWrittenJava() {
        return handWritten.run();
    }

    /**
     * The three contestants interleaved: every round runs each once (after {@code rounds / 4} warm-up
     * rounds); prints the minimum and median per contestant and the ratios of the minima and medians.
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        TsmeBatchBenchmark b = new TsmeBatchBenchmark();
        b.setup();
        String[] names = {"engineBatch", "handWrittenJava", "interpretedCelPerRow"};
        int warm = rounds / 4;
        long[][] t = new long[3][rounds - warm];
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < 3; c++) {
                // the interpreter is ~50x slower: every fourth round keeps the run short
                if (c == 2 && r % 4 != 0) continue;
                long start = System.nanoTime();
                Object out = c == 0 ? b.engineBatch() : c == 1 ? b.handWrittenJava() : b.interpretedCelPerRow();
                long took = System.nanoTime() - start;
                if (out == null) throw new IllegalStateException();
                if (r >= warm) t[c][r - warm] = took;
            }
        }
        double[] min = new double[3], median = new double[3];
        for (int c = 0; c < 3; c++) {
            long[] x = java.util.Arrays.stream(t[c]).filter(v -> v > 0).sorted().toArray();
            min[c] = x[0] / 1e6;
            median[c] = x[x.length / 2] / 1e6;
            System.out.printf(java.util.Locale.ROOT, "%-22s min %8.1f ms  median %8.1f ms  (%d runs)%n", names[c], min[c], median[c], x.length);
        }
        System.out.printf(java.util.Locale.ROOT, "engine / hand-written: %.2fx (minima), %.2fx (medians)%n", min[0] / min[1], median[0] / median[1]);
        System.out.printf(java.util.Locale.ROOT, "interpreted / engine: %.0fx (minima), %.0fx (medians)%n", min[2] / min[0], median[2] / median[0]);
        System.out.printf(java.util.Locale.ROOT, "load average %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static List<FactRow> generate(int n, Random random) {
        List<FactRow> rows = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int employees = 5 + random.nextInt(600);
            double sales = Math.floor(random.nextDouble() * 2.5e8);
            FactRow.Builder b = FactRow.builder()
                    .set(Column.CREDIT_CODE, CreditCode.complete(String.format("91330100%08d", k)))
                    .set(Column.NAME, "企业" + k).set(Column.YEAR, YEAR)
                    .set(Column.FOUNDED_ON, LocalDate.of(2005 + random.nextInt(18), 1 + random.nextInt(12), 1))
                    .set(Column.EMPLOYEES, employees)
                    .set(Column.TECH_STAFF, random.nextInt(employees / 2 + 1))
                    .set(Column.SALES_REVENUE, maybe(random, BigDecimal.valueOf((long) sales)))
                    .set(Column.TOTAL_ASSETS, BigDecimal.valueOf((long) (random.nextDouble() * 2.5e8)))
                    .set(Column.TOTAL_COSTS, BigDecimal.valueOf((long) (sales * (0.5 + random.nextDouble()))))
                    .set(Column.RD_EXPENSE, BigDecimal.valueOf((long) (sales * random.nextDouble() * 0.1)))
                    .set(Column.IP_CLASS1, random.nextInt(4) == 0 ? 1 : 0)
                    .set(Column.IP_CLASS2, maybe(random, random.nextInt(6)))
                    .set(Column.MAJOR_INCIDENT, random.nextInt(50) == 0)
                    .set(Column.BAD_CREDIT, random.nextInt(50) == 0)
                    .set(Column.HNTE_CERTIFIED, maybe(random, random.nextInt(10) == 0))
                    .set(Column.NATIONAL_AWARD_5Y, false)
                    .set(Column.LED_STANDARD_5Y, random.nextInt(40) == 0)
                    .set(Column.RD_INSTITUTION_LEVEL, new String[]{"none", "city", "provincial", "national"}[random.nextInt(4)]);
            rows.add(b.build());
        }
        return rows;
    }

    /** About 5% unknown, so the three-valued paths are exercised too. */
    private static <T> T maybe(Random random, T value) {
        return random.nextInt(20) == 0 ? null : value;
    }

    /**
     * The same tsme@2017 rules written by hand over primitive arrays: what a developer would code without a
     * rules engine. Unknown is NaN; three-valued logic is spelled out.
     */
    static final class HandWritten {
        private static final int T = 1, F = 0, U = -1;
        final double[] employees, tech, sales, assets, costs, rd, ip1, ip2, incident, badCredit, hnte, award, standard, institution;
        final int[] scoreMin, scoreMax;

        HandWritten(List<FactRow> rows) {
            int n = rows.size();
            employees = column(rows, Column.EMPLOYEES);
            tech = column(rows, Column.TECH_STAFF);
            sales = column(rows, Column.SALES_REVENUE);
            assets = column(rows, Column.TOTAL_ASSETS);
            costs = column(rows, Column.TOTAL_COSTS);
            rd = column(rows, Column.RD_EXPENSE);
            ip1 = column(rows, Column.IP_CLASS1);
            ip2 = column(rows, Column.IP_CLASS2);
            incident = column(rows, Column.MAJOR_INCIDENT);
            badCredit = column(rows, Column.BAD_CREDIT);
            hnte = column(rows, Column.HNTE_CERTIFIED);
            award = column(rows, Column.NATIONAL_AWARD_5Y);
            standard = column(rows, Column.LED_STANDARD_5Y);
            institution = new double[n];
            for (int i = 0; i < n; i++) {
                String level = rows.get(i).text(Column.RD_INSTITUTION_LEVEL);
                institution[i] = level == null ? Double.NaN : level.equals("provincial") || level.equals("national") ? 1 : 0;
            }
            scoreMin = new int[n];
            scoreMax = new int[n];
        }

        private static double[] column(List<FactRow> rows, Column c) {
            double[] a = new double[rows.size()];
            for (int i = 0; i < a.length; i++) {
                Object v = rows.get(i).get(c);
                a[i] = v == null ? Double.NaN : v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
            }
            return a;
        }

        byte[] run() {
            int n = employees.length;
            byte[] out = new byte[n];
            IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().forEach(k -> {
                for (int i = k * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) out[i] = (byte) row(i);
            });
            return out;
        }

        private int row(int i) {
            // Score items as [lo, hi]; an unknown ratio may be in any band.
            double techRatio = employees[i] > 0 ? tech[i] / employees[i] : employees[i] == employees[i] ? 0 : Double.NaN;
            int techLo, techHi;
            if (techRatio != techRatio) {
                techLo = 0;
                techHi = 20;
            } else {
                techLo = techHi = techRatio >= 0.30 ? 20 : techRatio >= 0.25 ? 16 : techRatio >= 0.20 ? 12
                        : techRatio >= 0.15 ? 8 : techRatio >= 0.10 ? 4 : 0;
            }
            double bySales = sales[i] > 0 ? rd[i] / sales[i] : sales[i] == sales[i] ? 0 : Double.NaN;
            double byCosts = costs[i] > 0 ? rd[i] / costs[i] : costs[i] == costs[i] ? 0 : Double.NaN;
            int salesLo, salesHi, costsLo, costsHi;
            if (bySales != bySales) {
                salesLo = 0;
                salesHi = 50;
            } else {
                salesLo = salesHi = bySales >= 0.06 ? 50 : bySales >= 0.05 ? 40 : bySales >= 0.04 ? 30
                        : bySales >= 0.03 ? 20 : bySales >= 0.02 ? 10 : 0;
            }
            if (byCosts != byCosts) {
                costsLo = 0;
                costsHi = 50;
            } else {
                costsLo = costsHi = byCosts >= 0.30 ? 50 : byCosts >= 0.25 ? 40 : byCosts >= 0.20 ? 30
                        : byCosts >= 0.15 ? 20 : byCosts >= 0.10 ? 10 : 0;
            }
            int rdLo = Math.max(salesLo, costsLo), rdHi = Math.max(salesHi, costsHi);
            int ipLo = Integer.MAX_VALUE, ipHi = Integer.MIN_VALUE;
            int[] points = {30, 24, 18, 12, 6, 0};
            for (int c = 0; c < points.length; c++) {
                int t = c == 0 ? ge(ip1[i], 1) : c == 5 ? T : ge(ip2[i], 5 - c);
                if (t == F) continue;
                ipLo = Math.min(ipLo, points[c]);
                ipHi = Math.max(ipHi, points[c]);
                if (t == T) break;
            }
            int lo = techLo + rdLo + ipLo, hi = techHi + rdHi + ipHi;
            scoreMin[i] = lo;
            scoreMax[i] = hi;
            int scorePass = lo >= 60 ? T : hi < 60 ? F : U;
            int techNonZero = techLo >= 1 ? T : techHi < 1 ? F : U;
            int eligible = and(and(le(employees[i], 500), le(sales[i], 2e8)), and(le(assets[i], 2e8),
                    and(not(incident[i]), not(badCredit[i]))));
            int direct = or(or(is(hnte[i]), is(award[i])), or(is(institution[i]), is(standard[i])));
            int d = and(eligible, or(and(techNonZero, scorePass), direct));
            return d == T ? Outcome.QUALIFIED.ordinal() : d == F ? Outcome.NOT_QUALIFIED.ordinal() : Outcome.UNDETERMINED.ordinal();
        }

        private static int ge(double x, double k) { return x != x ? U : x >= k ? T : F; }

        private static int le(double x, double k) { return x != x ? U : x <= k ? T : F; }

        private static int is(double x) { return x != x ? U : x != 0 ? T : F; }

        private static int not(double x) { return x != x ? U : x != 0 ? F : T; }

        private static int and(int a, int b) { return a == F || b == F ? F : a == U || b == U ? U : T; }

        private static int or(int a, int b) { return a == T || b == T ? T : a == U || b == U ? U : F; }
    }
}
