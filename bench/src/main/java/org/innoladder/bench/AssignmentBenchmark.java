package org.innoladder.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.innoladder.review.domain.Assignment;
import org.innoladder.review.domain.Conflicts;

import static org.innoladder.bench.Measure.load;
import static org.innoladder.bench.Measure.option;

/**
 * The review engine's assignment (issue 13): proposals for every application of a batch over the whole expert pool,
 * by field match and workload, with every conflict rule checked for every matching expert and the workload carried
 * from one application to the next ({@link Assignment#proposeAll}). Default 5,000 experts × 2,000 applications,
 * panels of 5; the pool has 30 field tags (each expert 1–3, each application 1–2), two declared conflicts and one
 * joint application per expert, 5% unavailable, workloads 0–5 of 12. One thread, like a request.
 *
 * <p>Run: {@code mvn -B -q -o -pl rules,app,bench -am package -DskipTests &&
 * java -cp bench/target/benchmarks.jar org.innoladder.bench.AssignmentBenchmark [--experts 5000] [--applications 2000] [--panel 5] [--runs 7]}
 */
public final class AssignmentBenchmark {
    private AssignmentBenchmark() {
    }

    public static void main(String[] args) {
        int experts = option(args, "--experts", 5_000), applications = option(args, "--applications", 2_000);
        int panel = option(args, "--panel", 5), runs = option(args, "--runs", 7);
        System.out.printf(Locale.ROOT, "java %s, load average %.2f; %,d experts × %,d applications, panels of %d%n",
                System.getProperty("java.version"), load(), experts, applications, panel);
        Random rnd = new Random(13);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < applications; i++) codes.add(String.format("91320400%09dX", i).substring(0, 18));
        List<Assignment.Candidate> pool = new ArrayList<>();
        for (int i = 0; i < experts; i++) {
            pool.add(new Assignment.Candidate(i, "专家" + i, tags(rnd, 1 + rnd.nextInt(3)),
                    new Conflicts.ExpertTies("单位" + rnd.nextInt(800), null,
                            new HashSet<>(List.of(codes.get(rnd.nextInt(codes.size())), codes.get(rnd.nextInt(codes.size())))),
                            List.of(new Conflicts.CoApplication(codes.get(rnd.nextInt(codes.size())), 2023 + rnd.nextInt(3)))),
                    rnd.nextInt(20) != 0, rnd.nextInt(6), 12));
        }
        List<Assignment.Case> cases = new ArrayList<>();
        for (int i = 0; i < applications; i++) {
            cases.add(new Assignment.Case(i, new Conflicts.Applicant("申报单位" + i, "单位" + rnd.nextInt(800), codes.get(i), 2025),
                    tags(rnd, 1 + rnd.nextInt(2))));
        }
        List<Long> times = new ArrayList<>(), cpus = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            List<Assignment.Proposal> out = Assignment.proposeAll(cases, pool, panel);
            long t = System.nanoTime() - t0, cpu = threads.getCurrentThreadCpuTime() - c0;
            cpus.add(cpu);
            times.add(t);
            long proposed = out.stream().mapToLong(p -> p.proposed().size()).sum();
            long excluded = out.stream().mapToLong(p -> p.excluded().size()).sum();
            long conflicts = out.stream().flatMap(p -> p.excluded().stream()).filter(x -> x.kind() == Assignment.Exclusion.CONFLICT).count();
            long shortPanels = out.stream().filter(p -> p.shortBy() > 0).count();
            System.out.printf(Locale.ROOT, "run %d: %,.0f ms (thread CPU %,.0f ms); %,d experts proposed, %,d excluded with reasons (%,d conflicts), %,d panels short%n",
                    r + 1, t / 1e6, cpu / 1e6, proposed, excluded, conflicts, shortPanels);
        }
        times.sort(null);
        cpus.sort(null);
        System.out.printf(Locale.ROOT, "wall: median %,.0f ms, best %,.0f ms; thread CPU: median %,.0f ms, best %,.0f ms (target < 2,000 ms)%n",
                times.get(times.size() / 2) / 1e6, times.get(0) / 1e6, cpus.get(cpus.size() / 2) / 1e6, cpus.get(0) / 1e6);
    }

    static Set<String> tags(Random rnd, int n) {
        Set<String> out = new HashSet<>();
        while (out.size() < n) out.add("F" + rnd.nextInt(30));
        return out;
    }
}
