package org.innoladder.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

import org.innoladder.generator.GeneratorSettings;
import org.innoladder.generator.OutputFormat;
import org.innoladder.generator.SyntheticData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The synthetic data generator on about 100,000 enterprise-years (19,000 enterprises over 2019–2024): generating
 * the typed rows alone, and generating and formatting them as CSV (written to a discarding stream).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class GeneratorBenchmark {
    private final SyntheticData data = new SyntheticData(new GeneratorSettings(19_000, 2019, 2024, 2026, true));

    @Benchmark
    public long generateRows() {
        return data.rows().mapToInt(r -> r.year()).sum();
    }

    @Benchmark
    public long generateCsv() throws IOException {
        return data.writeCsv(OutputStream.nullOutputStream(), OutputFormat.csv()).rows();
    }
}
