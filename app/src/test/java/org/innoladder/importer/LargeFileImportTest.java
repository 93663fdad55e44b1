package org.innoladder.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Files imported by a JVM with a small heap: the importer streams, it does not hold the file, a row or a cell. */
@SpringBootTest
@ActiveProfiles("test")
class LargeFileImportTest {
    static final int ROWS = 100_000;

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    @Test
    void importsAHundredThousandRowsWithin128MbOfHeap() throws Exception {
        ImportFiles.regions(jdbc);
        Path file = dir.resolve("large.csv");
        String first = null;
        String last = null;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("统一社会信用代码,企业名称,所属区划代码,成立日期,年度,职工总数,科技人员数,研发人员数,销售收入,主营业务收入,"
                    + "研发费用,境内研发费用,总收入,高新技术产品（服务）收入,Ⅰ类知识产权数,是否上市\n");
            for (int i = 0; i < ROWS; i++) {
                String code = ImportFiles.newCode();
                if (i == 0) first = code;
                last = code;
                w.write(code + ",常州测试企业" + i + "有限公司,320412100,2012-03-0" + (1 + i % 9) + "," + (2020 + i % 5) + ","
                        + (50 + i % 200) + "," + (10 + i % 40) + "," + (5 + i % 30) + "," + (1_000_000 + i) + ".25,"
                        + (900_000 + i) + ",80000.5,70000," + (1_000_000 + i) + ".25,700000," + (i % 4) + "," + (i % 2 == 0 ? "否" : "是") + "\n");
            }
        }
        String output = importWithHeap(file, "-Xmx128m");
        assertThat(output).contains("status=COMMITTED read=100000 inserted=100000", "maxHeapMB=");
        assertThat(jdbc.sql("SELECT count(*) FROM enterprise WHERE credit_code IN (?, ?)").params(first, last)
                .query(Long.class).single()).isEqualTo(2);
    }

    /**
     * Issue 9, finding 2: a 2 GB cell was read whole (and failed with "-2147483648", or ran out of memory). A 300 MB
     * cell in a JVM with 64 MB of heap: the reader keeps only the cell limit's worth, the row is rejected, the
     * rest is imported.
     */
    @Test
    void aCellOfThreeHundredMegabytesIsNeverHeldInMemory() throws Exception {
        ImportFiles.regions(jdbc);
        Path file = dir.resolve("huge-cell.csv");
        String huge = ImportFiles.newCode();
        String ok = ImportFiles.newCode();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("credit_code,name,region_code,founded_on,year\n" + huge + ",\"");
            char[] block = "常州超长名称有限公司".repeat(10_000).toCharArray();
            for (long written = 0; written < 100_000_000; written += block.length) w.write(block);
            w.write("\",320412100,2015-01-01,2024\n" + ok + ",常州正常有限公司,320412100,2015-01-01,2024\n");
        }
        assertThat(Files.size(file)).isGreaterThan(300_000_000);

        String output = importWithHeap(file, "-Xmx64m");

        assertThat(output).contains("status=COMMITTED read=2 inserted=1");
        assertThat(jdbc.sql("SELECT count(*) FROM enterprise WHERE credit_code IN (?, ?)").params(huge, ok)
                .query(Long.class).single()).isOne();
    }

    /** Imports the file in a forked JVM with the given heap limit; returns its output, asserting it exited 0. */
    private String importWithHeap(Path file, String heap) throws Exception {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-cp", classpath, BoundedHeapImportMain.class.getName(), url, file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
