package org.innoladder.generator.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.innoladder.rules.facts.Column;

/**
 * Turns a valid row's cells into a row that breaks exactly one importer rule ({@link ErrorKind}); every
 * other cell keeps its valid value so the importer's report names one column and one reason.
 */
public final class ErrorInjector {
    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final String FORBIDDEN = "IOZSV";

    private ErrorInjector() {
    }

    /** {@code previous}: the row written just before (the source of a duplicate). */
    public static void apply(ErrorKind kind, String[] cells, List<String> previous, Rng rng, int toYear) {
        switch (kind) {
            case CREDIT_CODE_CHECK_CHARACTER -> {
                String code = get(cells, Column.CREDIT_CODE);
                int right = CODE_ALPHABET.indexOf(code.charAt(17));
                char wrong = CODE_ALPHABET.charAt((right + 1 + rng.below(30)) % 31);
                set(cells, Column.CREDIT_CODE, code.substring(0, 17) + wrong);
            }
            case CREDIT_CODE_LENGTH -> {
                String code = get(cells, Column.CREDIT_CODE);
                set(cells, Column.CREDIT_CODE, rng.chance(0.5) ? code.substring(0, 17) : code + code.charAt(17));
            }
            case CREDIT_CODE_FORBIDDEN_CHARACTER -> {
                String code = get(cells, Column.CREDIT_CODE);
                int at = 8 + rng.below(8);
                set(cells, Column.CREDIT_CODE, code.substring(0, at) + FORBIDDEN.charAt(rng.below(5)) + code.substring(at + 1));
            }
            case NAME_MISSING -> set(cells, Column.NAME, "");
            case FOUNDED_ON_MISSING -> set(cells, Column.FOUNDED_ON, "");
            case FOUNDED_ON_FUTURE -> {
                // far enough ahead to stay in the future for decades, fixed so files stay reproducible
                LocalDate founded = LocalDate.parse(get(cells, Column.FOUNDED_ON));
                set(cells, Column.FOUNDED_ON, LocalDate.of(toYear + 50, founded.getMonthValue(), 1).toString());
            }
            case FOUNDED_ON_FORMAT -> {
                LocalDate founded = LocalDate.parse(get(cells, Column.FOUNDED_ON));
                set(cells, Column.FOUNDED_ON, String.format(java.util.Locale.ROOT, "%02d.%02d.%d",
                        founded.getDayOfMonth(), founded.getMonthValue(), founded.getYear()));
            }
            case YEAR_OUT_OF_RANGE -> set(cells, Column.YEAR, rng.chance(0.5) ? "1989" : "2999");
            case MONEY_NOT_NUMERIC -> {
                // the letter O typed for a zero, or a placeholder word: neither can be read as a number
                String costs = get(cells, Column.TOTAL_COSTS);
                set(cells, Column.TOTAL_COSTS, rng.chance(0.5) ? costs.replaceFirst("\\d(?=\\.)", "O") : "待定");
            }
            case MONEY_NEGATIVE -> {
                BigDecimal v = new BigDecimal(get(cells, Column.TOTAL_LIABILITIES));
                if (v.signum() == 0) v = new BigDecimal("1000.00");
                set(cells, Column.TOTAL_LIABILITIES, v.negate().toPlainString());
            }
            case MONEY_TOO_MANY_DECIMALS -> set(cells, Column.TOTAL_ASSETS,
                    get(cells, Column.TOTAL_ASSETS) + (1 + rng.below(9)));
            case INT_NEGATIVE -> set(cells, Column.CONVERSIONS,
                    Integer.toString(-1 - Integer.parseInt(get(cells, Column.CONVERSIONS))));
            case TECH_STAFF_OVER_EMPLOYEES -> set(cells, Column.TECH_STAFF,
                    Integer.toString(Integer.parseInt(get(cells, Column.EMPLOYEES)) + 1 + rng.below(5)));
            case RD_STAFF_OVER_EMPLOYEES -> set(cells, Column.RD_STAFF,
                    Integer.toString(Integer.parseInt(get(cells, Column.EMPLOYEES)) + 1 + rng.below(5)));
            case MAIN_BUSINESS_OVER_SALES -> set(cells, Column.MAIN_BUSINESS_REVENUE,
                    exceed(get(cells, Column.SALES_REVENUE), rng));
            case HIGHTECH_OVER_TOTAL_INCOME -> set(cells, Column.HIGHTECH_INCOME,
                    exceed(get(cells, Column.TOTAL_INCOME), rng));
            case DOMESTIC_RD_OVER_RD -> set(cells, Column.RD_EXPENSE_DOMESTIC,
                    exceed(get(cells, Column.RD_EXPENSE), rng));
            case HNTE_DOMAIN_INVALID -> set(cells, Column.HNTE_DOMAIN, List.of("09", "00", "10", "99").get(rng.below(4)));
            case INDUSTRY_CODE_INVALID -> {
                String code = get(cells, Column.INDUSTRY_CODE);
                set(cells, Column.INDUSTRY_CODE, rng.chance(0.5) ? code.substring(1) : code + "1");
            }
            case REGION_CODE_FORMAT -> {
                String code = get(cells, Column.REGION_CODE);
                set(cells, Column.REGION_CODE, rng.chance(0.5) ? code.substring(0, 5) : code.substring(0, 6) + "0");
            }
            case REGION_CODE_UNKNOWN -> {
                // well-formed codes that exist nowhere in the national table: 3204 has no county 99, no district town 999
                String code = get(cells, Column.REGION_CODE);
                set(cells, Column.REGION_CODE, rng.chance(0.5) ? "320499" : code.substring(0, 6) + "999");
            }
            case BOOLEAN_INVALID -> set(cells, Column.LISTED, List.of("2", "是否", "10").get(rng.below(3)));
            case RD_INSTITUTION_LEVEL_INVALID -> set(cells, Column.RD_INSTITUTION_LEVEL,
                    List.of("county", "district", "international").get(rng.below(3)));
            case EXPERT_SCORE_OUT_OF_BOUNDS -> set(cells, Column.HNTE_TECH_ADVANCEMENT, Integer.toString(9 + rng.below(4)));
            case DUPLICATE_ROW -> {
                for (int i = 0; i < cells.length; i++) cells[i] = previous.get(i);
            }
        }
    }

    /** A money value larger than {@code limit} by 1–20% (at least 1,000 yuan), with two decimals. */
    private static String exceed(String limit, Rng rng) {
        BigDecimal l = new BigDecimal(limit);
        BigDecimal extra = l.multiply(BigDecimal.valueOf(rng.between(1, 20))).movePointLeft(2).setScale(2, java.math.RoundingMode.HALF_UP);
        if (extra.compareTo(new BigDecimal("1000")) < 0) extra = new BigDecimal("1000.00");
        return l.add(extra).toPlainString();
    }

    private static String get(String[] cells, Column c) {
        return cells[c.ordinal()];
    }

    private static void set(String[] cells, Column c, String value) {
        cells[c.ordinal()] = value;
    }
}
