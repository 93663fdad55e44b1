package org.innoladder.resources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.enterprise.Populations;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.importer.UnreadableFileException;
import org.innoladder.resources.internal.PlatformImport;
import org.innoladder.resources.internal.PlatformKind;
import org.innoladder.resources.internal.RegistryImports;
import org.innoladder.resources.internal.ResourceLevel;
import org.innoladder.rules.facts.Column;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The resources part of the demo data set, on a database without platforms: a platform register written as a CSV file
 * and imported through the same importer as an upload, so its import, provenance and audit entries are real. Its hosts
 * are the demo enterprises whose imported R&D institution level is the same, and not none, in every year the
 * rulesets read (the latest year and the years before it): each gets a platform of that level recognised in the first
 * of those years (every sixth a second one), so the registry supplies the very values that were imported and the
 * demo's evaluations do not change. Deterministic.
 */
@Component
public class ResourcesDemo {
    private static final Logger log = LoggerFactory.getLogger(ResourcesDemo.class);
    static final int MAX_HOSTS = 120;

    private final JdbcClient jdbc;
    private final Populations populations;
    private final PlatformImport importer;

    public ResourcesDemo(JdbcClient jdbc, Populations populations, PlatformImport importer) {
        this.jdbc = jdbc;
        this.populations = populations;
        this.importer = importer;
    }

    /** Loads the demo platforms when there are none yet; {@code year} is the demo's latest year. */
    public void ensureLoaded(int year) {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM rd_platform)").query(Boolean.class).single()) return;
        record Host(String creditCode, String name, int firstYear, String level, int years) {
        }
        Map<Long, Host> hosts = new LinkedHashMap<>();
        Map<Long, Boolean> constant = new LinkedHashMap<>();
        populations.read(Populations.Query.of(year, null).byEnterprise(), (id, row) -> {
            String level = row.text(Column.RD_INSTITUTION_LEVEL);
            Host h = hosts.get(id);
            if (h == null) {
                hosts.put(id, new Host(row.creditCode(), row.name(), row.year(), level, 1));
                constant.put(id, level != null && !level.equals("none"));
            } else {
                hosts.put(id, new Host(h.creditCode(), h.name(), Math.min(h.firstYear(), row.year()), h.level(), h.years() + 1));
                if (level == null || !level.equals(h.level())) constant.put(id, false);
            }
        });
        List<String> lines = new ArrayList<>();
        lines.add("依托单位统一社会信用代码,平台类型,平台名称,级别,认定文号,认定年度");
        int n = 0;
        for (Map.Entry<Long, Host> e : hosts.entrySet()) {
            if (!constant.get(e.getKey()) || e.getValue().years() < 2 || n >= MAX_HOSTS) continue;
            Host h = e.getValue();
            ResourceLevel level = ResourceLevel.fromText(h.level());
            PlatformKind kind = PlatformKind.values()[n % PlatformKind.values().length];
            lines.add(line(h.creditCode(), h.name(), kind, level, h.firstYear(), n));
            if (n % 6 == 5) {
                PlatformKind second = PlatformKind.values()[(n + 2) % PlatformKind.values().length];
                lines.add(line(h.creditCode(), h.name(), second, level, h.firstYear(), n + 1000));
            }
            n++;
        }
        if (n == 0) return;
        Path file = null;
        try {
            file = Files.createTempFile("innoladder-demo-platforms", ".csv");
            Files.write(file, lines, StandardCharsets.UTF_8);
            CurrentUser system = new CurrentUser(0, "system", "system", Role.ADMIN, null, null, null);
            RegistryImports.Report report = importer.importFile(system, file, "demo-rd-platforms.csv", null);
            if (report.rejected() > 0) throw new IllegalStateException("demo platforms rejected: " + report.rejections());
            log.info("Loaded {} demo R&D platforms of {} hosts", report.added(), n);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the demo platforms", e);
        } catch (UnreadableFileException e) {
            throw new IllegalStateException("the demo platform file is unreadable: " + e.reason(), e);
        } finally {
            if (file != null) file.toFile().delete();
        }
    }

    private static String line(String creditCode, String host, PlatformKind kind, ResourceLevel level, int year, int seq) {
        String issuer = switch (level) {
            case NATIONAL -> "国科发";
            case PROVINCIAL -> "苏科技";
            case MUNICIPAL -> "常科发";
        };
        String shortName = host.replaceAll("(股份)?有限(责任)?公司$", "");
        return String.join(",", java.util.stream.Stream.of(creditCode, kind.zh(), shortName + kind.zh(), level.zh(),
                issuer + "〔" + year + "〕" + (10 + seq % 90) + "号", String.valueOf(year))
                .map(f -> "\"" + f.replace("\"", "\"\"") + "\"").toList());
    }
}
