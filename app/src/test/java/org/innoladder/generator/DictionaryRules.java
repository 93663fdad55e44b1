package org.innoladder.generator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.CreditCode;

/**
 * An independent reading of ../shared/data-dictionary.md, written for the tests: which columns of a row (as text)
 * break a rule. It is deliberately strict (ISO dates only, booleans only true/false/是/否) because the generator
 * only writes those forms; it must not share code with the generator.
 */
final class DictionaryRules {
    private static final Pattern INDUSTRY = Pattern.compile("[A-T]\\d{0,4}");
    private static final Pattern REGION = Pattern.compile("\\d{6}|\\d{9}");
    private static final Pattern MONEY = Pattern.compile("-?\\d+(\\.\\d{1,2})?");
    private static final Pattern INT = Pattern.compile("-?\\d+");
    private static final Set<String> BOOLEANS = Set.of("true", "false", "是", "否");
    private static final Set<String> LEVELS = Set.of("none", "city", "provincial", "national");
    private static final Set<String> DOMAINS = Set.of("01", "02", "03", "04", "05", "06", "07", "08");

    /** Every code of the national county and town tables (the region table the importer checks against). */
    static final Set<String> NATIONAL_CODES = loadCodes("regions/regions-china-county.csv", "regions/regions-china-town.csv");

    private DictionaryRules() {
    }

    static Set<Column> broken(List<String> cells, LocalDate today) {
        Set<Column> broken = EnumSet.noneOf(Column.class);
        for (Column c : Column.values()) {
            String v = cells.get(c.ordinal());
            if (v.isEmpty()) {
                if (c.required()) broken.add(c);
                continue;
            }
            boolean ok = switch (c.type()) {
                case TEXT -> true;
                case INT -> INT.matcher(v).matches() && (Long.parseLong(v) >= 0)
                        && (c.min() == null || Long.parseLong(v) >= c.min()) && (c.max() == null || Long.parseLong(v) <= c.max());
                case MONEY -> MONEY.matcher(v).matches() && (c.negativeAllowed() || new BigDecimal(v).signum() >= 0);
                case BOOL -> BOOLEANS.contains(v);
                case DATE -> isPastDate(v, today);
            };
            if (!ok) broken.add(c);
        }
        check(broken, Column.CREDIT_CODE, cells, v -> CreditCode.isValid(v));
        check(broken, Column.INDUSTRY_CODE, cells, v -> INDUSTRY.matcher(v).matches());
        check(broken, Column.HNTE_DOMAIN, cells, DOMAINS::contains);
        check(broken, Column.REGION_CODE, cells, v -> REGION.matcher(v).matches() && NATIONAL_CODES.contains(v));
        check(broken, Column.RD_INSTITUTION_LEVEL, cells, LEVELS::contains);
        check(broken, Column.YEAR, cells, v -> INT.matcher(v).matches() && Integer.parseInt(v) >= 1990
                && Integer.parseInt(v) <= today.getYear());
        notAbove(broken, cells, Column.TECH_STAFF, Column.EMPLOYEES);
        notAbove(broken, cells, Column.RD_STAFF, Column.EMPLOYEES);
        notAbove(broken, cells, Column.MAIN_BUSINESS_REVENUE, Column.SALES_REVENUE);
        notAbove(broken, cells, Column.HIGHTECH_INCOME, Column.TOTAL_INCOME);
        notAbove(broken, cells, Column.RD_EXPENSE_DOMESTIC, Column.RD_EXPENSE);
        return broken;
    }

    private static boolean isPastDate(String v, LocalDate today) {
        try {
            return !LocalDate.parse(v).isAfter(today);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void check(Set<Column> broken, Column c, List<String> cells, java.util.function.Predicate<String> rule) {
        String v = cells.get(c.ordinal());
        if (!v.isEmpty() && !rule.test(v)) broken.add(c);
    }

    private static void notAbove(Set<Column> broken, List<String> cells, Column part, Column whole) {
        String p = cells.get(part.ordinal());
        String w = cells.get(whole.ordinal());
        if (p.isEmpty() || w.isEmpty() || broken.contains(part) || broken.contains(whole)) return;
        if (new BigDecimal(p).compareTo(new BigDecimal(w)) > 0) broken.add(part);
    }

    static Set<String> loadCodes(String... resources) {
        Set<String> codes = new HashSet<>();
        for (String resource : resources) {
            try (InputStream in = DictionaryRules.class.getClassLoader().getResourceAsStream(resource)) {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                r.readLine();
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.isBlank()) codes.add(line.substring(0, line.indexOf(',')));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return codes;
    }
}
