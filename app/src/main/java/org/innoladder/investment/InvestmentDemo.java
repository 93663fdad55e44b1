package org.innoladder.investment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.importer.UnreadableFileException;
import org.innoladder.investment.domain.InvestmentSource;
import org.innoladder.investment.domain.InvestmentStatus;
import org.innoladder.investment.internal.ProjectImport;
import org.innoladder.resources.internal.RegistryImports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's 科技招商 projects, on a database without any: a register written as a CSV file and imported through the
 * same importer as an upload (so its import, history and audit entries are real) — {@value #PER_TOWN} projects in each
 * of the {@value #TOWNS} towns with the most demo enterprises, one at each stage in turn, signed and landed in the
 * demo's last two years, the landed ones linked to an enterprise of their town. Deterministic.
 */
@Component
public class InvestmentDemo {
    private static final Logger log = LoggerFactory.getLogger(InvestmentDemo.class);
    static final int TOWNS = 8;
    static final int PER_TOWN = 6;
    static final String[] FIELDS = {"智能制造", "新能源", "新材料", "生物医药", "集成电路", "数字经济"};
    static final String[] KINDS = {"研发中心", "生产基地", "总部项目", "中试平台", "产业化项目", "创新中心"};
    private static final CurrentUser SYSTEM = new CurrentUser(0, "system", "system", Role.ADMIN, null, null, null);

    private final JdbcClient jdbc;
    private final ProjectImport importer;

    InvestmentDemo(JdbcClient jdbc, ProjectImport importer) {
        this.jdbc = jdbc;
        this.importer = importer;
    }

    /** Loads the demo projects where there are none yet; {@code year} is the demo's latest year. */
    public void ensureLoaded(int year) {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM investment_project)").query(Boolean.class).single()) return;
        record Town(String code, String name) {
        }
        List<Town> towns = jdbc.sql("SELECT e.region_code, r.name FROM enterprise e JOIN region r ON r.code = e.region_code"
                        + " WHERE r.level = 'town' GROUP BY e.region_code, r.name ORDER BY count(*) DESC, e.region_code LIMIT :n")
                .param("n", TOWNS).query((rs, n) -> new Town(rs.getString(1), rs.getString(2))).list();
        if (towns.isEmpty()) return;
        List<String> lines = new ArrayList<>();
        lines.add("项目名称,产业领域,计划投资额（万元）,项目来源,所属镇街代码,项目阶段,线索日期,签约投资额（万元）,签约日期,企业统一社会信用代码,落地日期,投产日期,终止原因");
        InvestmentStatus[] stages = InvestmentStatus.values();
        int n = 0;
        for (Town t : towns) {
            List<String> firms = jdbc.sql("SELECT credit_code FROM enterprise WHERE region_code = :r ORDER BY id LIMIT 3")
                    .param("r", t.code()).query(String.class).list();
            for (int k = 0; k < PER_TOWN; k++, n++) {
                InvestmentStatus s = stages[(k + n / PER_TOWN) % stages.length];
                boolean signed = s == InvestmentStatus.SIGNED || s == InvestmentStatus.LANDED || s == InvestmentStatus.PRODUCING;
                boolean landed = (s == InvestmentStatus.LANDED || s == InvestmentStatus.PRODUCING) && !firms.isEmpty();
                if (!landed && (s == InvestmentStatus.LANDED || s == InvestmentStatus.PRODUCING)) s = InvestmentStatus.SIGNED;
                int planned = 2000 + (n * 1370) % 48000;
                int y = year - 1 + k % 2;
                String field = FIELDS[n % FIELDS.length];
                lines.add(csv(t.name() + field + KINDS[(n / 2) % KINDS.length], field, String.valueOf(planned),
                        InvestmentSource.values()[n % InvestmentSource.values().length].zh(), t.code(), s.zh(),
                        y + "-0" + (1 + k % 3) + "-15", signed ? String.valueOf(planned * 4 / 5) : "", signed ? y + "-05-20" : "",
                        landed ? firms.get(k % firms.size()) : "", landed ? y + "-08-10" : "", s == InvestmentStatus.PRODUCING ? y + "-11-30" : "",
                        s == InvestmentStatus.TERMINATED ? "投资方调整战略布局，项目不再推进" : ""));
            }
        }
        Path file = null;
        try {
            file = Files.createTempFile("innoladder-demo-investment", ".csv");
            Files.write(file, lines, StandardCharsets.UTF_8);
            RegistryImports.Report report = importer.importFile(SYSTEM, file, "demo-investment-projects.csv", null);
            if (report.rejected() > 0) throw new IllegalStateException("demo investment rows rejected: " + report.rejections());
            log.info("Loaded {} demo investment projects", report.added());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the demo investment register", e);
        } catch (UnreadableFileException e) {
            throw new IllegalStateException("the demo investment register is unreadable: " + e.reason(), e);
        } finally {
            if (file != null) file.toFile().delete();
        }
    }

    private static String csv(String... fields) {
        return String.join(",", java.util.stream.Stream.of(fields).map(f -> "\"" + f.replace("\"", "\"\"") + "\"").toList());
    }
}
