package org.innoladder.enterprise;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.innoladder.rules.facts.CreditCode;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Test data written with plain SQL, as the importer would leave it. */
final class EnterpriseFixtures {
    private EnterpriseFixtures() {
    }

    /** The real regions the tests use; idempotent so it coexists with the full region load of migration V2. */
    static void regions(JdbcClient jdbc) {
        String[][] rows = {
                {"32", "江苏省", "province", null},
                {"3204", "常州市", "city", "32"},
                {"320402", "天宁区", "county", "3204"},
                {"320411", "新北区", "county", "3204"},
                {"320412", "武进区", "county", "3204"},
                {"320402001", "雕庄街道", "town", "320402"},
                {"320411002", "三井街道", "town", "320411"},
                {"320411003", "龙虎塘街道", "town", "320411"},
                {"320412100", "湖塘镇", "town", "320412"},
                {"320412102", "牛塘镇", "town", "320412"},
                {"3205", "苏州市", "city", "32"},
                {"320505", "虎丘区", "county", "3205"},
                {"320505001", "横塘街道", "town", "320505"},
        };
        for (String[] r : rows) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
    }

    /** A valid credit code: market-regulation enterprise (91), the county's division code, a numbered body. */
    static String code(String county6, int tag, int n) {
        return CreditCode.complete("91" + county6 + String.format("%02d%06d", tag, n));
    }

    static long enterprise(JdbcClient jdbc, String code, String name, String region, String industry, String domain,
                           LocalDate founded, Boolean listed) {
        return jdbc.sql("""
                INSERT INTO enterprise (credit_code, name, region_code, industry_code, hnte_domain, founded_on, listed)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name
                RETURNING id""")
                .params(code, name, region, industry, domain, founded, listed).query(Long.class).single();
    }

    /** Inserts (or replaces) one year; keys are data-dictionary column keys. */
    static void year(JdbcClient jdbc, long enterpriseId, int year, Map<String, Object> values, String sourcesJson) {
        Map<String, Object> all = new LinkedHashMap<>(values);
        List<String> columns = new ArrayList<>(all.keySet());
        StringBuilder sql = new StringBuilder("INSERT INTO enterprise_year (enterprise_id, year, sources");
        columns.forEach(c -> sql.append(", ").append(c));
        sql.append(") VALUES (:id, :year, CAST(:sources AS jsonb)");
        columns.forEach(c -> sql.append(", :").append(c));
        sql.append(") ON CONFLICT (enterprise_id, year) DO NOTHING");
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString()).param("id", enterpriseId).param("year", year)
                .param("sources", sourcesJson == null ? "{}" : sourcesJson);
        for (String c : columns) spec = spec.param(c, all.get(c));
        spec.update();
    }

    static void recognition(JdbcClient jdbc, long enterpriseId, String kind, String certificate, LocalDate issued,
                            LocalDate expires, Long batchId) {
        jdbc.sql("""
                INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, issuer, source, batch_id)
                VALUES (?, ?, ?, ?, ?, '江苏省科学技术厅', 'upload', ?) ON CONFLICT DO NOTHING""")
                .params(enterpriseId, kind, certificate, issued, expires, batchId).update();
    }

    static long bank(JdbcClient jdbc, String code, String name) {
        return jdbc.sql("INSERT INTO bank (code, name) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name"
                + " RETURNING id").params(code, name).query(Long.class).single();
    }

    static long batch(JdbcClient jdbc, String fileName) {
        return jdbc.sql("""
                INSERT INTO import_batch (file_name, file_sha256, file_kind, status, finished_at)
                VALUES (?, md5(random()::text), 'ENTERPRISE_YEAR', 'COMMITTED', now()) RETURNING id""")
                .params(fileName).query(Long.class).single();
    }

    static CurrentUser user(Role role, String region, Long enterpriseId, Long bankId) {
        return new CurrentUser(900 + role.ordinal(), role.name().toLowerCase() + "-test", role.name() + " tester",
                role, region, enterpriseId, bankId);
    }

    private static final Pattern ROW_CODE = Pattern.compile("data-credit-code=\"([0-9A-Z]{18})\"");

    /** The credit codes of the rows of a rendered list page, in order. */
    static List<String> listedCodes(String html) {
        List<String> codes = new ArrayList<>();
        Matcher m = ROW_CODE.matcher(html);
        while (m.find()) codes.add(m.group(1));
        return codes;
    }
}
