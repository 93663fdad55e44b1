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
 * Random five-year histories (Y−4..Y) for the growth-tier rulesets (gazelles, unicorns, seed unicorns,
 * innovative SMEs): revenue that grows or shrinks year by year, valuations over four orders of magnitude,
 * financing rounds, young and old enterprises, missing years and unknown facts at a given rate. Kept apart
 * from {@link Synthetic} so that the national rulesets' random data stays as it was.
 */
final class GrowthSynthetic {
    private final Random random;
    private final double unknownRate;

    GrowthSynthetic(long seed, double unknownRate) {
        this.random = new Random(seed);
        this.unknownRate = unknownRate;
    }

    List<FactRow> population(int n, int year) {
        List<FactRow> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) rows.addAll(enterprise(k, year));
        return rows;
    }

    List<FactRow> enterprise(int k, int year) {
        String code = CreditCode.complete(String.format("91320400%08d", k));
        LocalDate founded = unknown() ? null : LocalDate.of(year - random.nextInt(14), 1 + random.nextInt(12), 1 + random.nextInt(28));
        Boolean listed = unknown() ? null : random.nextInt(8) == 0;
        double sales = Math.exp(Math.log(5e6) + random.nextDouble() * Math.log(120)); // 500万 .. 6亿
        double growth = 0.85 + random.nextDouble() * 0.7;                             // per year, going back
        double valuation = random.nextInt(6) == 0 ? 0 : Math.exp(Math.log(1e6) + random.nextDouble() * Math.log(3000));
        List<FactRow> rows = new ArrayList<>();
        for (int o = 0; o < 5; o++) {
            if (founded != null && year - o < founded.getYear()) break;
            if (o > 0 && random.nextDouble() < 0.08) continue;
            FactRow.Builder b = FactRow.builder().set(Column.CREDIT_CODE, code).set(Column.NAME, "成长" + k)
                    .set(Column.YEAR, year - o).set(Column.FOUNDED_ON, founded).set(Column.LISTED, listed);
            double s = Math.floor(sales / Math.pow(growth, o));
            money(b, Column.SALES_REVENUE, s);
            money(b, Column.MAIN_BUSINESS_REVENUE, Math.floor(s * (0.4 + 0.6 * random.nextDouble())));
            money(b, Column.RD_EXPENSE, Math.floor(s * random.nextDouble() * 0.08));
            double assets = Math.floor(s * (0.5 + 1.5 * random.nextDouble()));
            money(b, Column.TOTAL_ASSETS, assets);
            money(b, Column.TOTAL_LIABILITIES, Math.floor(assets * random.nextDouble()));
            money(b, Column.NET_PROFIT, Math.floor(s * (-0.1 + 0.3 * random.nextDouble())));
            money(b, Column.EQUITY_FINANCING, random.nextInt(3) == 0 ? Math.floor(random.nextDouble() * 8e6) : 0);
            if (o == 0) money(b, Column.VALUATION_USD, Math.floor(valuation));
            integer(b, Column.IP_CLASS1, random.nextInt(4) == 0 ? random.nextInt(3) : 0);
            integer(b, Column.IP_CLASS2, random.nextInt(5));
            bool(b, Column.IP_OWN_RD, random.nextBoolean());
            bool(b, Column.HNTE_CERTIFIED, random.nextInt(10) == 0);
            bool(b, Column.NATIONAL_AWARD_5Y, random.nextInt(25) == 0);
            if (!unknown()) b.set(Column.RD_INSTITUTION_LEVEL, new String[]{"none", "none", "city", "provincial", "national"}[random.nextInt(5)]);
            rows.add(b.build());
        }
        return rows;
    }

    private boolean unknown() {
        return random.nextDouble() < unknownRate;
    }

    private void money(FactRow.Builder b, Column c, double v) {
        b.set(c, unknown() ? null : BigDecimal.valueOf((long) v));
    }

    private void integer(FactRow.Builder b, Column c, int v) {
        b.set(c, unknown() ? null : v);
    }

    private void bool(FactRow.Builder b, Column c, boolean v) {
        b.set(c, unknown() ? null : v);
    }
}
