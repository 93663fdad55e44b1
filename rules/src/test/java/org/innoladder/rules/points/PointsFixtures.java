package org.innoladder.rules.points;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.rules.facts.FactRow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Enterprise rows for points tests. */
final class PointsFixtures {
    static final int YEAR = 2025;

    private PointsFixtures() {
    }

    static String code(int k) {
        return CreditCode.complete(String.format("91320400%08d", k));
    }

    /** A row for year Y of enterprise k founded {@code age} full years before 31 December of Y. */
    static FactRow.Builder row(int k, int year, int age) {
        return FactRow.builder().set(Column.CREDIT_CODE, code(k)).set(Column.NAME, "企业" + k)
                .set(Column.YEAR, year).set(Column.FOUNDED_ON, LocalDate.of(YEAR - age, 6, 1));
    }

    static FactRow.Builder money(FactRow.Builder b, Column c, double yuan) {
        return b.set(c, BigDecimal.valueOf(yuan));
    }

    static String defaultYaml() {
        try (InputStream in = PointsModel.class.getClassLoader().getResourceAsStream("points/default.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PointsModel load(String file, String yaml) {
        return PointsModel.load(file, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Random rows (Y and Y−1) for n enterprises, facts drawn from few levels so that many pairs of
     * enterprises are ordered on every indicator, with unknown facts at the given rate.
     */
    static List<FactRow> population(long seed, int n, double unknownRate) {
        Random r = new Random(seed);
        List<FactRow> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int age = r.nextInt(15);
            for (int o = 0; o < 2; o++) {
                FactRow.Builder b = row(k, YEAR - o, age);
                int employees = 10 + 10 * r.nextInt(4);
                set(b, r, unknownRate, Column.EMPLOYEES, employees);
                set(b, r, unknownRate, Column.TECH_STAFF, employees / 10 * r.nextInt(4));
                set(b, r, unknownRate, Column.RD_STAFF, employees / 10 * r.nextInt(3));
                double sales = 10_000_000.0 * (1 + r.nextInt(4)) * (r.nextInt(8) == 0 ? 50 : 1);
                setMoney(b, r, unknownRate, Column.SALES_REVENUE, sales);
                setMoney(b, r, unknownRate, Column.TOTAL_INCOME, sales);
                setMoney(b, r, unknownRate, Column.HIGHTECH_INCOME, sales * r.nextInt(3) / 4);
                setMoney(b, r, unknownRate, Column.TOTAL_ASSETS, 20_000_000.0);
                setMoney(b, r, unknownRate, Column.TOTAL_LIABILITIES, 5_000_000.0 * r.nextInt(4));
                setMoney(b, r, unknownRate, Column.NET_PROFIT, sales * (r.nextInt(3) - 1) / 10);
                setMoney(b, r, unknownRate, Column.RD_EXPENSE, sales * r.nextInt(3) / 20);
                setMoney(b, r, unknownRate, Column.EQUITY_FINANCING, 1_000_000.0 * r.nextInt(3));
                set(b, r, unknownRate, Column.IP_CLASS1, r.nextInt(3));
                set(b, r, unknownRate, Column.IP_CLASS2, r.nextInt(3));
                set(b, r, unknownRate, Column.CONVERSIONS, r.nextInt(2));
                setBool(b, r, unknownRate, Column.HNTE_CERTIFIED, r.nextBoolean());
                setBool(b, r, unknownRate, Column.NATIONAL_AWARD_5Y, r.nextInt(10) == 0);
                setBool(b, r, unknownRate, Column.LED_STANDARD_5Y, r.nextInt(8) == 0);
                setBool(b, r, unknownRate, Column.BAD_CREDIT, r.nextInt(15) == 0);
                setBool(b, r, unknownRate, Column.MAJOR_INCIDENT, r.nextInt(20) == 0);
                if (r.nextDouble() >= unknownRate) {
                    b.set(Column.RD_INSTITUTION_LEVEL, List.of("none", "city", "provincial", "national").get(r.nextInt(4)));
                }
                rows.add(b.build());
            }
        }
        return rows;
    }

    private static void set(FactRow.Builder b, Random r, double unknownRate, Column c, int v) {
        if (r.nextDouble() >= unknownRate) b.set(c, v);
    }

    private static void setMoney(FactRow.Builder b, Random r, double unknownRate, Column c, double v) {
        if (r.nextDouble() >= unknownRate) b.set(c, BigDecimal.valueOf(v));
    }

    private static void setBool(FactRow.Builder b, Random r, double unknownRate, Column c, boolean v) {
        if (r.nextDouble() >= unknownRate) b.set(c, v);
    }

    /**
     * The rows plus, for every third enterprise, a twin that is no better on any indicator: the same facts with
     * some of IP, conversions, equity financing and R&D expense lowered, or liabilities raised, in year Y.
     */
    static List<FactRow> withDominatedTwins(List<FactRow> rows, long seed) {
        Random r = new Random(seed);
        List<FactRow> out = new ArrayList<>(rows);
        java.util.Map<String, Boolean[]> changes = new java.util.HashMap<>();
        for (FactRow row : rows) {
            int k = Integer.parseInt(row.creditCode().substring(8, 16));
            if (k % 3 != 0) continue;
            FactRow.Builder b = FactRow.builder();
            row.asMap().forEach(b::set);
            b.set(Column.CREDIT_CODE, code(k + 500_000)).set(Column.NAME, "企业" + k + "（弱）");
            if (row.year() == YEAR) {
                Boolean[] c = changes.computeIfAbsent(row.creditCode(), x -> new Boolean[6]);
                for (int j = 0; j < c.length; j++) c[j] = r.nextBoolean();
                if (c[0] && row.has(Column.IP_CLASS1)) b.set(Column.IP_CLASS1, Math.max(0, row.integer(Column.IP_CLASS1) - 1));
                if (c[1] && row.has(Column.IP_CLASS2)) b.set(Column.IP_CLASS2, 0);
                if (c[2] && row.has(Column.CONVERSIONS)) b.set(Column.CONVERSIONS, 0);
                if (c[3] && row.has(Column.EQUITY_FINANCING)) b.set(Column.EQUITY_FINANCING, BigDecimal.ZERO);
                if (c[4] && row.has(Column.RD_EXPENSE)) b.set(Column.RD_EXPENSE, row.money(Column.RD_EXPENSE).divide(BigDecimal.valueOf(2)));
                if (c[5] && row.has(Column.TOTAL_LIABILITIES)) {
                    b.set(Column.TOTAL_LIABILITIES, row.money(Column.TOTAL_LIABILITIES).add(BigDecimal.valueOf(1_000_000)));
                }
            }
            out.add(b.build());
        }
        return out;
    }
}
