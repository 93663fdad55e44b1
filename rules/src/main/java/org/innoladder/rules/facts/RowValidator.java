package org.innoladder.rules.facts;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.innoladder.rules.facts.Cells.CellException;

/**
 * Turns the cells of one import row into a {@link FactRow}, applying every rule of the data dictionary
 * (../shared/data-dictionary.md). A row with any error is rejected whole and every error in it is reported;
 * an empty cell is unknown (absent from the row), never zero.
 */
public final class RowValidator {
    private static final Pattern INDUSTRY = Pattern.compile("[A-T]\\d{0,4}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern DOMAIN = Pattern.compile("0?[1-8]");
    private static final Column[] COLUMNS = Column.values();

    private final LocalDate today;
    private final Predicate<String> regionExists;

    /**
     * @param clock        "today" for dates that must not lie in the future and the latest allowed year
     * @param regionExists whether a (6- or 9-digit) region code exists; {@code code -> true} skips the check
     */
    public RowValidator(Clock clock, Predicate<String> regionExists) {
        this.today = LocalDate.now(clock);
        this.regionExists = regionExists;
    }

    /** Checks formats only (no region table): for dry runs and unit tests. */
    public RowValidator(Clock clock) {
        this(clock, code -> true);
    }

    public RowResult<FactRow> validate(Map<Column, ?> cells) {
        Object[] byOrdinal = new Object[COLUMNS.length];
        cells.forEach((c, v) -> byOrdinal[c.ordinal()] = v);
        return validate(byOrdinal);
    }

    /** @param cells the raw cells indexed by {@link Column#ordinal()}; shorter arrays mean trailing cells are empty */
    public RowResult<FactRow> validate(Object[] cells) {
        List<FieldError> errors = new ArrayList<>(2);
        FactRow.Builder row = FactRow.builder();
        for (Column c : COLUMNS) {
            Object cell = c.ordinal() < cells.length ? cells[c.ordinal()] : null;
            String text = Cells.text(cell);
            if (text == null) {
                if (c.required()) {
                    errors.add(new FieldError(c.key(), null, label(c) + "为必填项，不能为空",
                            c.key() + " is required and must not be empty"));
                }
                continue;
            }
            if (text.length() > c.maxLength()) {
                errors.add(Cells.tooLong(c.key(), label(c), text, c.maxLength()));
                continue;
            }
            try {
                row.set(c, parse(c, cell, text));
            } catch (CellException e) {
                errors.add(new FieldError(c.key(), text, label(c) + "“" + text + "”" + e.zh(),
                        c.key() + " '" + text + "' " + e.en()));
            }
        }
        FactRow built = row.build();
        crossCheck(built, Column.TECH_STAFF, Column.EMPLOYEES, errors);
        crossCheck(built, Column.RD_STAFF, Column.EMPLOYEES, errors);
        crossCheck(built, Column.MAIN_BUSINESS_REVENUE, Column.SALES_REVENUE, errors);
        crossCheck(built, Column.HIGHTECH_INCOME, Column.TOTAL_INCOME, errors);
        crossCheck(built, Column.RD_EXPENSE_DOMESTIC, Column.RD_EXPENSE, errors);
        return errors.isEmpty() ? RowResult.valid(built) : RowResult.invalid(errors);
    }

    /** The Chinese header with the key, as errors name a column. */
    private static String label(Column c) {
        return c.headerZh();
    }

    private Object parse(Column c, Object cell, String text) throws CellException {
        return switch (c) {
            case CREDIT_CODE -> creditCode(text);
            case NAME -> text;
            case REGION_CODE -> regionCode(text);
            case INDUSTRY_CODE -> industryCode(text);
            case HNTE_DOMAIN -> hnteDomain(text);
            case RD_INSTITUTION_LEVEL -> institutionLevel(text);
            case FOUNDED_ON -> pastDate(cell);
            case YEAR -> year(cell);
            default -> switch (c.type()) {
                case TEXT -> text;
                case INT -> boundedInt(c, cell);
                case MONEY -> money(c, cell);
                case BOOL -> Cells.bool(cell);
                case DATE -> Cells.date(cell);
            };
        };
    }

    private static String creditCode(String text) throws CellException {
        String code = text.toUpperCase(Locale.ROOT);
        var problem = CreditCode.check(code);
        if (problem.isPresent()) throw new CellException("无效：" + problem.get().zh(), "is invalid: " + problem.get().en());
        return code;
    }

    private String regionCode(String text) throws CellException {
        if (!DIGITS.matcher(text).matches()) {
            throw new CellException("应为6位县级或9位乡镇级数字代码", "must be a 6-digit county or 9-digit town code");
        }
        String code = text.length() == 12 ? text.substring(0, 9) : text;
        if (code.length() != 6 && code.length() != 9) {
            throw new CellException("应为6位县级或9位乡镇级代码（12位代码截取前9位），实际为" + text.length() + "位",
                    "must have 6 or 9 digits (12-digit codes are cut to 9), has " + text.length());
        }
        if (!regionExists.test(code)) {
            throw new CellException("在区划表中不存在", "does not exist in the region table");
        }
        return code;
    }

    private static String industryCode(String text) throws CellException {
        String code = text.toUpperCase(Locale.ROOT);
        if (!INDUSTRY.matcher(code).matches()) {
            throw new CellException("应为 GB/T 4754-2017 代码（门类字母 A–T 加最多4位数字）",
                    "must be a GB/T 4754-2017 code (section letter A–T and up to 4 digits)");
        }
        return code;
    }

    private static String hnteDomain(String text) throws CellException {
        if (!DOMAIN.matcher(text).matches()) {
            throw new CellException("应为 01–08", "must be 01–08");
        }
        return text.length() == 1 ? "0" + text : text;
    }

    private static String institutionLevel(String text) throws CellException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "none", "无" -> "none";
            case "city", "市级" -> "city";
            case "provincial", "省级" -> "provincial";
            case "national", "国家级" -> "national";
            default -> throw new CellException("应为 无/市级/省级/国家级（none/city/provincial/national）",
                    "must be none, city, provincial or national (无/市级/省级/国家级)");
        };
    }

    private LocalDate pastDate(Object cell) throws CellException {
        LocalDate d = Cells.date(cell);
        if (d.isAfter(today)) {
            throw new CellException("晚于今天（" + today + "）", "is in the future (today is " + today + ")");
        }
        return d;
    }

    private int year(Object cell) throws CellException {
        int y = Cells.integer(cell);
        if (y < 1990 || y > today.getYear()) {
            throw new CellException("应在 1990 至 " + today.getYear() + " 之间", "must be between 1990 and " + today.getYear());
        }
        return y;
    }

    private static int boundedInt(Column c, Object cell) throws CellException {
        int v = Cells.integer(cell);
        int min = c.min() == null ? 0 : c.min();
        if (v < min || (c.max() != null && v > c.max())) {
            if (c.max() != null) {
                throw new CellException("应在 " + min + " 至 " + c.max() + " 之间", "must be between " + min + " and " + c.max());
            }
            throw new CellException("不能为负数", "must not be negative");
        }
        return v;
    }

    private static BigDecimal money(Column c, Object cell) throws CellException {
        BigDecimal v = Cells.money(cell);
        if (v.signum() < 0 && !c.negativeAllowed()) throw new CellException("不能为负数", "must not be negative");
        return v;
    }

    /** part ≤ whole, checked only when both are known and individually valid. */
    private static void crossCheck(FactRow row, Column part, Column whole, List<FieldError> errors) {
        Object p = row.get(part);
        Object w = row.get(whole);
        if (p == null || w == null) return;
        boolean exceeds = p instanceof Integer pi ? pi > (Integer) w : ((BigDecimal) p).compareTo((BigDecimal) w) > 0;
        if (exceeds) {
            String pv = show(p);
            String wv = show(w);
            errors.add(new FieldError(part.key(), pv, part.headerZh() + " " + pv + " 大于" + whole.headerZh() + " " + wv,
                    part.key() + " " + pv + " exceeds " + whole.key() + " " + wv));
        }
    }

    private static String show(Object v) {
        return v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v.toString();
    }
}
