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
import org.innoladder.resources.internal.CarrierImport;
import org.innoladder.resources.internal.CarrierKind;
import org.innoladder.resources.internal.ContractImport;
import org.innoladder.resources.internal.ContractKind;
import org.innoladder.resources.internal.PlatformImport;
import org.innoladder.resources.internal.TalentImport;
import org.innoladder.resources.internal.TenantImport;
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
 * demo's evaluations do not change. Then, on a database without carriers, one carrier in each of the towns with the
 * most demo enterprises (kinds and levels in turn) and up to a dozen of each town's enterprises as its tenants, some
 * moved out or graduated in the demo's last two years. Deterministic.
 */
@Component
public class ResourcesDemo {
    private static final Logger log = LoggerFactory.getLogger(ResourcesDemo.class);
    static final int MAX_HOSTS = 120;

    static final int CARRIER_TOWNS = 8;
    static final int TENANTS_PER_CARRIER = 12;
    private static final CurrentUser SYSTEM = new CurrentUser(0, "system", "system", Role.ADMIN, null, null, null);

    private final JdbcClient jdbc;
    private final Populations populations;
    private final PlatformImport importer;
    private final CarrierImport carrierImport;
    private final TenantImport tenantImport;
    private final ContractImport contractImport;
    private final TalentImport talentImport;

    public ResourcesDemo(JdbcClient jdbc, Populations populations, PlatformImport importer, CarrierImport carrierImport,
                         TenantImport tenantImport, ContractImport contractImport, TalentImport talentImport) {
        this.talentImport = talentImport;
        this.contractImport = contractImport;
        this.jdbc = jdbc;
        this.populations = populations;
        this.importer = importer;
        this.carrierImport = carrierImport;
        this.tenantImport = tenantImport;
    }

    /** Loads the demo platforms and carriers where there are none yet; {@code year} is the demo's latest year. */
    public void ensureLoaded(int year) {
        platforms(year);
        carriers(year);
        contracts(year);
        talents(year);
    }

    /** Talent programmes of the demo (a city's, a province's, a district's), and invented names. */
    static final String[] PROGRAMMES = {"龙城英才计划", "江苏省双创计划", "武进区创新人才计划"};
    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};
    static final String[] GIVEN = {"志远", "晓明", "海涛", "丽华", "建国", "思源", "雨婷", "国强", "文博", "佳怡", "子涵", "明轩", "欣然"};
    static final String[] ROLES = {"创新领军人才", "创业领军人才", "高层次技术人才"};
    static final int TALENT_AWARDS = 45;

    /** On a database without talent awards, {@value #TALENT_AWARDS} awards over the demo's last three years. */
    private void talents(int year) {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM talent_award)").query(Boolean.class).single()) return;
        List<String> codes = jdbc.sql("SELECT credit_code FROM enterprise ORDER BY id LIMIT 400").query(String.class).list();
        if (codes.isEmpty()) return;
        List<String> lines = new ArrayList<>();
        lines.add("人才计划,入选年度,姓名,职务或类别,企业统一社会信用代码");
        for (int n = 0; n < TALENT_AWARDS; n++) {
            lines.add(csv(PROGRAMMES[n % PROGRAMMES.length], String.valueOf(year - n % 3), SURNAMES[(n * 5) % SURNAMES.length]
                    + GIVEN[(n * 7) % GIVEN.length], ROLES[n % ROLES.length], codes.get((n * 11) % codes.size())));
        }
        RegistryImports.Report report = importCsv(lines, "demo-talent-awards.csv", talentImport::importFile);
        log.info("Loaded {} demo talent awards", report.added());
    }

    /** Parties outside the demo region (universities and institutes), by region code: the other side of a cross-border trade. */
    static final String[][] OUTSIDE = {
            {"南京大学", "320113"}, {"东南大学", "320115"}, {"上海交通大学", "310112"}, {"浙江大学", "330106"},
            {"苏州纳米技术研究所", "320571"}, {"中国科学院上海微系统所", "310104"}};
    static final int CONTRACTS_PER_YEAR = 60;

    /**
     * On a database without contracts, {@value #CONTRACTS_PER_YEAR} contracts in each of the demo's last three years: demo
     * enterprises selling to each other, to and buying from the outside parties, every kind in turn, amounts from 5 to
     * 800 万元.
     */
    private void contracts(int year) {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM tech_contract)").query(Boolean.class).single()) return;
        record Party(String name, String code, String region) {
        }
        List<Party> firms = jdbc.sql("SELECT name, credit_code, region_code FROM enterprise WHERE length(region_code) = 9 ORDER BY id LIMIT 300")
                .query((rs, n) -> new Party(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        List<Party> outside = new ArrayList<>();
        for (String[] o : OUTSIDE) {
            if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM region WHERE code = :c)").param("c", o[1]).query(Boolean.class).single()) {
                outside.add(new Party(o[0], "", o[1]));
            }
        }
        if (firms.size() < 2 || outside.isEmpty()) return;
        List<String> lines = new ArrayList<>();
        lines.add("合同编号,合同类型,买方名称,买方统一社会信用代码,买方所在地区代码,卖方名称,卖方统一社会信用代码,卖方所在地区代码,合同金额（万元）,技术交易额（万元）,签订日期");
        int n = 0;
        for (int y = year - 2; y <= year; y++) {
            for (int i = 0; i < CONTRACTS_PER_YEAR; i++, n++) {
                Party a = firms.get((n * 7) % firms.size());
                Party b = firms.get((n * 13 + 5) % firms.size());
                Party o = outside.get(n % outside.size());
                // two in five local, two in five sold outside, one in five bought from outside
                Party seller = n % 5 == 4 ? o : a;
                Party buyer = n % 5 == 2 || n % 5 == 3 ? o : n % 5 == 4 ? a : b;
                if (seller == buyer) buyer = b == a ? o : b;
                ContractKind kind = ContractKind.values()[n % ContractKind.values().length];
                int amount = 5 + (n * 37) % 796;
                String tech = String.valueOf(amount * (60 + n % 41) / 100.0);
                String date = y + "-" + String.format("%02d", 1 + n % 12) + "-" + String.format("%02d", 1 + (n * 3) % 28);
                lines.add(csv(y + "32" + String.format("%06d", n), kind.zh(), buyer.name(), buyer.code(), buyer.region(), seller.name(),
                        seller.code(), seller.region(), String.valueOf(amount), tech, date));
            }
        }
        RegistryImports.Report report = importCsv(lines, "demo-tech-contracts.csv", contractImport::importFile);
        log.info("Loaded {} demo technology contracts", report.added());
    }

    private void carriers(int year) {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM carrier)").query(Boolean.class).single()) return;
        record Town(String code, String name) {
        }
        List<Town> towns = jdbc.sql("SELECT e.region_code, r.name FROM enterprise e JOIN region r ON r.code = e.region_code"
                        + " WHERE length(e.region_code) = 9 GROUP BY e.region_code, r.name ORDER BY count(*) DESC, e.region_code LIMIT :n")
                .param("n", CARRIER_TOWNS).query((rs, n) -> new Town(rs.getString(1), rs.getString(2))).list();
        if (towns.isEmpty()) return;
        List<String> carriers = new ArrayList<>();
        carriers.add("载体名称,载体类型,级别,所在地区代码,运营单位,面积（平方米）,认定文号,认定年度");
        List<String> tenants = new ArrayList<>();
        tenants.add("载体名称,企业统一社会信用代码,入驻日期,迁出日期,毕业日期");
        for (int i = 0; i < towns.size(); i++) {
            Town t = towns.get(i);
            CarrierKind kind = CarrierKind.values()[i % CarrierKind.values().length];
            ResourceLevel level = ResourceLevel.values()[i % ResourceLevel.values().length];
            int recognised = year - 6 + i % 3;
            String name = t.name() + kind.zh();
            carriers.add(csv(name, kind.zh(), level.zh(), t.code(), t.name() + "科创发展有限公司", String.valueOf(3000 + 1500 * i),
                    (level == ResourceLevel.NATIONAL ? "国科发区" : level == ResourceLevel.PROVINCIAL ? "苏科高发" : "常科发") + "〔"
                            + recognised + "〕" + (20 + i) + "号", String.valueOf(recognised)));
            List<String> codes = jdbc.sql("SELECT credit_code FROM enterprise WHERE region_code = :r ORDER BY id LIMIT :n")
                    .param("r", t.code()).param("n", TENANTS_PER_CARRIER).query(String.class).list();
            for (int k = 0; k < codes.size(); k++) {
                String in = (year - 4 + k % 5) + "-" + String.format("%02d", 1 + (k * 5) % 12) + "-01";
                // every fourth graduated and left in the year before the last, every fifth left in the last without graduating
                String out = k % 4 == 3 ? (year - 1) + "-09-30" : k % 5 == 4 ? year + "-06-30" : "";
                String graduated = k % 4 == 3 ? (year - 1) + "-09-15" : "";
                if (!out.isEmpty() && out.compareTo(in) < 0) out = graduated = "";
                tenants.add(csv(name, codes.get(k), in, out, graduated));
            }
        }
        RegistryImports.Report c = importCsv(carriers, "demo-carriers.csv", carrierImport::importFile);
        RegistryImports.Report t = importCsv(tenants, "demo-carrier-tenants.csv", tenantImport::importFile);
        log.info("Loaded {} demo carriers with {} tenant stays", c.added(), t.added());
    }

    @FunctionalInterface
    interface Importer {
        RegistryImports.Report run(CurrentUser user, Path file, String name, String ip) throws UnreadableFileException;
    }

    /** Writes the lines to a temporary CSV file and imports it as the system; every row must be kept. */
    private static RegistryImports.Report importCsv(List<String> lines, String name, Importer importer) {
        Path file = null;
        try {
            file = Files.createTempFile("innoladder-demo-registry", ".csv");
            Files.write(file, lines, StandardCharsets.UTF_8);
            RegistryImports.Report report = importer.run(SYSTEM, file, name, null);
            if (report.rejected() > 0) throw new IllegalStateException("demo registry rows rejected (" + name + "): " + report.rejections());
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the demo registry " + name, e);
        } catch (UnreadableFileException e) {
            throw new IllegalStateException("the demo registry " + name + " is unreadable: " + e.reason(), e);
        } finally {
            if (file != null) file.toFile().delete();
        }
    }

    private static String csv(String... fields) {
        return String.join(",", java.util.stream.Stream.of(fields).map(f -> "\"" + f.replace("\"", "\"\"") + "\"").toList());
    }

    private void platforms(int year) {
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
        RegistryImports.Report report = importCsv(lines, "demo-rd-platforms.csv", importer::importFile);
        log.info("Loaded {} demo R&D platforms of {} hosts", report.added(), n);
    }

    private static String line(String creditCode, String host, PlatformKind kind, ResourceLevel level, int year, int seq) {
        String issuer = switch (level) {
            case NATIONAL -> "国科发";
            case PROVINCIAL -> "苏科技";
            case MUNICIPAL -> "常科发";
        };
        String shortName = host.replaceAll("(股份)?有限(责任)?公司$", "");
        return csv(creditCode, kind.zh(), shortName + kind.zh(), level.zh(), issuer + "〔" + year + "〕" + (10 + seq % 90) + "号",
                String.valueOf(year));
    }
}
