package org.innoladder.generator.internal;

import java.math.BigDecimal;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;

/**
 * The data conditions of the MIIT ladder's upper rungs as the generator grants titles by them: the numbers of
 * {@code specialised_sme@2026} and {@code little_giant@2026} (shared/standards/README.md §6). An unknown value
 * never meets a condition. The generator's own reading, so that a granted title agrees with the rows; the
 * rulesets stay the one definition of eligibility.
 */
final class MiitFacts {
    private MiitFacts() {
    }

    /** Provincial 专精特新: revenue ≥ 1,500万, main business ≥ 80%, debt ≤ 80%, R&D ≥ 100万 and ≥ 3% in Y and Y−1, a Class I item or a provincial institution. */
    static boolean specialised(FactRow y, FactRow y1) {
        if (y1 == null) return false;
        double sales = v(y, Column.SALES_REVENUE);
        return sales >= 15_000_000 && share(y, Column.MAIN_BUSINESS_REVENUE, Column.SALES_REVENUE) >= 0.8
                && share(y, Column.TOTAL_LIABILITIES, Column.TOTAL_ASSETS) <= 0.8
                && rdEachYear(y, 1_000_000) && rdEachYear(y1, 1_000_000)
                && (v(y, Column.IP_CLASS1) >= 1 || "provincial".equals(y.text(Column.RD_INSTITUTION_LEVEL))
                    || "national".equals(y.text(Column.RD_INSTITUTION_LEVEL)));
    }

    /** 小巨人: revenue ≥ 5,000万, main business ≥ 90%, Y ≥ Y−2 × 1.05², debt ≤ 75%, R&D of two years ≥ 1,200万 and ≥ 3% each year, four Class I items. */
    static boolean littleGiant(FactRow y, FactRow y1, FactRow y2) {
        if (y1 == null || y2 == null) return false;
        double sales = v(y, Column.SALES_REVENUE), base = v(y2, Column.SALES_REVENUE);
        return sales >= 50_000_000 && share(y, Column.MAIN_BUSINESS_REVENUE, Column.SALES_REVENUE) >= 0.9
                && base > 0 && sales >= base * 1.1025
                && share(y, Column.TOTAL_LIABILITIES, Column.TOTAL_ASSETS) <= 0.75
                && v(y, Column.RD_EXPENSE) + v(y1, Column.RD_EXPENSE) >= 12_000_000
                && rdEachYear(y, 0) && rdEachYear(y1, 0) && v(y, Column.IP_CLASS1) >= 4;
    }

    private static boolean rdEachYear(FactRow row, double minimum) {
        return v(row, Column.RD_EXPENSE) >= minimum && share(row, Column.RD_EXPENSE, Column.SALES_REVENUE) >= 0.03;
    }

    private static double share(FactRow row, Column part, Column whole) {
        double w = v(row, whole), p = v(row, part);
        return w > 0 ? p / w : Double.NaN;
    }

    /** The value, NaN when unknown: every comparison with NaN is false. */
    private static double v(FactRow row, Column column) {
        Object o = row.get(column);
        if (o instanceof BigDecimal b) return b.doubleValue();
        if (o instanceof Integer i) return i;
        return Double.NaN;
    }
}
