package org.innoladder.web;

import org.innoladder.identity.DataScope;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one way request parameters (query, form and path values, pages and API alike) are read: each parser either
 * returns a value inside its rule or throws a {@link BadParameterException} naming the parameter, the value and the
 * rule, which both the pages ({@link PageProblemAdvice}) and the API ({@link ApiProblemAdvice}) answer with 400.
 * Blank means "not given" throughout; bounds keep every derived number (an OFFSET, a date) inside what the
 * database accepts.
 */
public final class Params {
    public static final int MIN_YEAR = 1990;
    public static final int MAX_YEAR = 2100;
    /** Far beyond any real list; keeps {@code (page - 1) * size} a small positive number. */
    public static final int MAX_PAGE = 100_000;

    private Params() {
    }

    /** A whole number within [min, max]; null when blank. */
    public static Integer integer(String name, String value, int min, int max) {
        String text = blankToNull(value);
        if (text == null) return null;
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, value, "必须是整数", "must be a whole number");
        }
        if (v < min || v > max) throw outOfRange(name, value, min, max);
        return (int) v;
    }

    /** A whole number within [min, max]; {@code absent} when blank. */
    public static int integer(String name, String value, int min, int max, int absent) {
        Integer v = integer(name, value, min, max);
        return v == null ? absent : v;
    }

    /** A whole-number id (≥ 1); null when blank. */
    public static Long id(String name, String value) {
        String text = blankToNull(value);
        if (text == null) return null;
        try {
            long v = Long.parseLong(text);
            if (v >= 1) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameterException(name, value, "必须是正整数编号", "must be a whole-number id of 1 or more");
    }

    /** A required whole-number id (≥ 1): blank is refused like a bad value, never passed on as null. */
    public static long requiredId(String name, String value) {
        Long id = id(name, value);
        if (id == null) throw missing(name);
        return id;
    }

    /** Ids the framework converted from a repeated parameter ({@code ids=1&ids=2}); a blank one arrives as null. */
    public static List<Long> ids(String name, List<Long> ids) {
        if (ids != null && ids.stream().anyMatch(id -> id == null || id < 1)) {
            throw new BadParameterException(name, String.valueOf(ids), "须为正整数编号", "must be whole-number ids of 1 or more");
        }
        return ids;
    }

    /** A year within {@value #MIN_YEAR}–{@value #MAX_YEAR}; null when blank. */
    public static Integer optionalYear(String name, String value) {
        String text = blankToNull(value);
        if (text == null) return null;
        try {
            int y = Integer.parseInt(text);
            if (y >= MIN_YEAR && y <= MAX_YEAR) return y;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameterException(name, value, "年度须为 " + MIN_YEAR + "–" + MAX_YEAR + " 之间的整数",
                "the year must be a whole number " + MIN_YEAR + "–" + MAX_YEAR);
    }

    /** A year within {@value #MIN_YEAR}–{@value #MAX_YEAR}; required. */
    public static int year(String name, String value) {
        Integer y = optionalYear(name, value);
        if (y == null) {
            throw new BadParameterException(name, "", "年度须为 " + MIN_YEAR + "–" + MAX_YEAR + " 之间的整数",
                    "the year must be a whole number " + MIN_YEAR + "–" + MAX_YEAR);
        }
        return y;
    }

    /** A year already converted by the framework (a typed parameter), checked against the same range. */
    public static int year(String name, int value) {
        return year(name, Integer.toString(value));
    }

    /** The page number {@code page}: 1 when blank, at most {@value #MAX_PAGE}. */
    public static int page(String value) {
        return page("page", value);
    }

    public static int page(String name, String value) {
        return integer(name, value, 1, MAX_PAGE, 1);
    }

    /** A page number the framework already converted. */
    public static int page(int value) {
        return page("page", Integer.toString(value));
    }

    /** The page size {@code size}: {@code absent} when blank, else 1 to {@code max}. */
    public static int size(String value, int absent, int max) {
        return integer("size", value, 1, max, absent);
    }

    /** A page size the framework already converted. */
    public static int size(int value, int max) {
        return size(Integer.toString(value), 1, max);
    }

    /** A region code (2 to 9 digits: province to town); null when blank. Whether it is in scope is the caller's rule. */
    public static String regionCode(String name, String value) {
        String text = blankToNull(value);
        if (text == null) return null;
        if (!text.matches("[0-9]{2,9}")) {
            throw new BadParameterException(name, value, "区划代码须为 2–9 位数字", "a region code is 2 to 9 digits");
        }
        return text;
    }

    /** One of an enum's constants by name, case-insensitive; null when blank. */
    /**
     * A region filter within a data scope: blank means the scope's root (null for a scope that is not a region
     * subtree); otherwise a region code inside the scope's subtree, else a 400 ("outside your data scope").
     */
    public static String regionInScope(DataScope scope, String value) {
        String r = value == null || value.isBlank() ? null : value.strip();
        if (r == null) return scope instanceof DataScope.RegionSubtree s ? s.regionCode() : null;
        regionCode("region", r);
        if (scope instanceof DataScope.RegionSubtree s && !r.startsWith(s.regionCode())) {
            throw new BadParameterException("region", r, "区划不在您的数据范围（" + s.regionCode() + "）内",
                    "the region is outside your data scope (" + s.regionCode() + ")");
        }
        return r;
    }

    public static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        String text = blankToNull(value);
        if (text == null) return null;
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) return e;
        }
        throw notOneOf(name, value, type.getEnumConstants());
    }

    /** The rule "one of A, B, C" for a value that is none of them. */
    public static BadParameterException notOneOf(String name, String value, Object[] allowed) {
        String list = Arrays.stream(allowed).map(String::valueOf).collect(Collectors.joining(", "));
        return new BadParameterException(name, value, "须为以下之一：" + list.replace(", ", "、"), "must be one of " + list);
    }

    public static BadParameterException outOfRange(String name, String value, long min, long max) {
        return new BadParameterException(name, value, "必须在 " + min + " 到 " + max + " 之间",
                "must be between " + min + " and " + max);
    }

    /** A value the framework could not convert to the handler's type (path variables, typed query parameters). */
    public static BadParameterException typeMismatch(String name, Object value, Class<?> type) {
        String shown = value == null ? "" : String.valueOf(value);
        if (type != null && type.isEnum()) return notOneOf(name, shown, type.getEnumConstants());
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return new BadParameterException(name, shown, "必须是整数", "must be a whole number");
        }
        if (type == java.time.LocalDate.class) {
            return new BadParameterException(name, shown, "须为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD");
        }
        if (type == boolean.class || type == Boolean.class) {
            return new BadParameterException(name, shown, "须为 true 或 false", "must be true or false");
        }
        if (type == double.class || type == Double.class || type == java.math.BigDecimal.class) {
            return new BadParameterException(name, shown, "必须是数字", "must be a number");
        }
        String t = type == null ? "value" : type.getSimpleName().toLowerCase(Locale.ROOT);
        return new BadParameterException(name, shown, "必须是 " + t + " 类型的值", "must be a value of type " + t);
    }

    /** A required parameter that was not sent. */
    public static BadParameterException missing(String name) {
        return new BadParameterException(name, "", "必须填写", "is required");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
