package org.innoladder.rules;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.rules.facts.FactRow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random enterprise histories for property tests: values near the thresholds, zeros, and unknown facts and
 * missing years at a given rate, so that every branch of the rulesets is reached.
 */
final class Synthetic {
    private final Random random;
    private final double unknownRate;

    Synthetic(long seed, double unknownRate) {
        this.random = new Random(seed);
        this.unknownRate = unknownRate;
    }

    /** Rows for Y, Y−1 and Y−2 of n enterprises (some years missing). */
    List<FactRow> population(int n, int year) {
        List<FactRow> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) rows.addAll(enterprise(k, year));
        return rows;
    }

    List<FactRow> enterprise(int k, int year) {
        String code = CreditCode.complete(String.format("91330100%08d", k));
        LocalDate founded = unknown() ? null : LocalDate.of(year - random.nextInt(12), 1 + random.nextInt(12), 1 + random.nextInt(28));
        // A third are strong candidates, so that qualifying outcomes are reached too.
        boolean strong = random.nextInt(3) == 0;
        if (strong && founded != null && founded.getYear() > year - 4) founded = founded.withYear(year - 4);
        String domain = strong ? "01" : pick("01", "05", "08", "09", null);
        List<FactRow> rows = new ArrayList<>();
        for (int o = 0; o < 3; o++) {
            if (o > 0 && random.nextDouble() < 0.1) continue;
            FactRow.Builder b = FactRow.builder()
                    .set(Column.CREDIT_CODE, code).set(Column.NAME, "企业" + k).set(Column.YEAR, year - o)
                    .set(Column.FOUNDED_ON, founded).set(Column.HNTE_DOMAIN, domain);
            int employees = random.nextInt(5) == 0 ? random.nextInt(3) : 5 + random.nextInt(700);
            int tech = employees == 0 ? 0 : strong ? employees / 5 + random.nextInt(employees / 5 + 1) : random.nextInt(employees + 1);
            setInt(b, Column.EMPLOYEES, employees);
            setInt(b, Column.TECH_STAFF, tech);
            double sales = strong ? 1e7 * (4 - o) + random.nextInt(1_000_000) : money(3e8);
            setMoney(b, Column.SALES_REVENUE, sales);
            double income = sales * (1 + random.nextDouble() * 0.1);
            setMoney(b, Column.TOTAL_INCOME, income);
            setMoney(b, Column.HIGHTECH_INCOME, Math.floor(income * (strong ? 0.6 + 0.4 * random.nextDouble() : random.nextDouble())));
            double assets = strong ? 3e7 * (4 - o) : money(3e8);
            setMoney(b, Column.TOTAL_ASSETS, assets);
            setMoney(b, Column.TOTAL_LIABILITIES, Math.floor(assets * random.nextDouble() * (strong ? 0.5 : 1.2)));
            setMoney(b, Column.TOTAL_COSTS, Math.floor(sales * (0.5 + random.nextDouble())));
            double rd = Math.floor(sales * (strong ? 0.05 + random.nextDouble() * 0.05 : random.nextDouble() * 0.12));
            setMoney(b, Column.RD_EXPENSE, rd);
            setMoney(b, Column.RD_EXPENSE_DOMESTIC, Math.floor(rd * (strong ? 0.7 + 0.3 * random.nextDouble() : 0.4 + 0.6 * random.nextDouble())));
            setInt(b, Column.IP_CLASS1, strong || random.nextInt(3) == 0 ? random.nextInt(3) : 0);
            setInt(b, Column.IP_CLASS2, random.nextInt(7));
            setBool(b, Column.IP_OWN_RD, random.nextBoolean());
            setInt(b, Column.CONVERSIONS, strong ? 3 + random.nextInt(5) : random.nextInt(8));
            setBool(b, Column.MAJOR_INCIDENT, random.nextInt(20) == 0);
            setBool(b, Column.BAD_CREDIT, random.nextInt(20) == 0);
            setBool(b, Column.HNTE_CERTIFIED, random.nextInt(10) == 0);
            setBool(b, Column.NATIONAL_AWARD_5Y, random.nextInt(30) == 0);
            setBool(b, Column.LED_STANDARD_5Y, random.nextInt(30) == 0);
            if (!unknown()) b.set(Column.RD_INSTITUTION_LEVEL, pick("none", "city", "provincial", "national"));
            if (strong || random.nextBoolean()) setInt(b, Column.HNTE_TECH_ADVANCEMENT, strong ? 5 + random.nextInt(4) : random.nextInt(9));
            if (strong || random.nextBoolean()) setInt(b, Column.HNTE_CORE_SUPPORT, strong ? 5 + random.nextInt(4) : random.nextInt(9));
            if (strong || random.nextBoolean()) setInt(b, Column.HNTE_RD_MANAGEMENT, strong ? 12 + random.nextInt(9) : random.nextInt(21));
            if (random.nextBoolean()) setInt(b, Column.HNTE_STANDARDS_BONUS, random.nextInt(3));
            rows.add(b.build());
        }
        return rows;
    }

    private boolean unknown() {
        return random.nextDouble() < unknownRate;
    }

    private double money(double max) {
        int kind = random.nextInt(10);
        if (kind == 0) return 0;
        if (kind == 1) return 200_000_000; // the TSME size limit itself
        if (kind == 2) return 50_000_000;  // the HNTE small tier limit
        return Math.floor(random.nextDouble() * max);
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private void setInt(FactRow.Builder b, Column c, int v) {
        b.set(c, unknown() ? null : v);
    }

    private void setMoney(FactRow.Builder b, Column c, double v) {
        b.set(c, unknown() ? null : BigDecimal.valueOf((long) v));
    }

    private void setBool(FactRow.Builder b, Column c, boolean v) {
        b.set(c, unknown() ? null : v);
    }
}
