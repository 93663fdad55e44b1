package org.innoladder.enterprise.internal;

import java.time.Year;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.innoladder.web.BadParameterException;
import org.innoladder.web.Params;

/**
 * A validated enterprise search: text (name substring or credit-code prefix), filters, the data year for the
 * yearly list columns (null = each enterprise's latest year), sort and page. Built only through {@link #parse},
 * which names the parameter, value and rule of the first bad input.
 *
 * @param page 1-based
 */
public record EnterpriseSearch(String text, String county, String town, String industry, String domain,
                               Integer year, EnterpriseSort sort, boolean descending, int page, int size) {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    public static final int MAX_TEXT = 100;
    public static final int MIN_YEAR = 1990;

    public static EnterpriseSearch parse(String q, String county, String town, String industry, String domain,
                                         String year, String sort, String dir, String page, String size) {
        String text = blankToNull(q);
        if (text != null && text.length() > MAX_TEXT) {
            throw new BadParameterException("q", text, "长度不能超过 " + MAX_TEXT + " 个字符",
                    "must be at most " + MAX_TEXT + " characters long");
        }
        String c = blankToNull(county);
        if (c != null && !c.matches("[0-9]{6}")) {
            throw new BadParameterException("county", c, "区县代码必须是 6 位数字", "a county code is 6 digits");
        }
        String t = blankToNull(town);
        if (t != null && !t.matches("[0-9]{9}")) {
            throw new BadParameterException("town", t, "镇/街道代码必须是 9 位数字", "a town code is 9 digits");
        }
        String ind = blankToNull(industry);
        if (ind != null) {
            ind = ind.toUpperCase();
            if (!ind.matches("[A-Z]?[0-9]{0,4}")) {
                throw new BadParameterException("industry", industry.trim(),
                        "行业代码（GB/T 4754-2017）为一个门类字母加最多 4 位数字，或其前缀",
                        "an industry code (GB/T 4754-2017) is a section letter and up to 4 digits, or a prefix of one");
            }
        }
        String d = blankToNull(domain);
        if (d != null && HnteDomain.ofCode(d) == null) {
            throw new BadParameterException("domain", d, "高新技术领域代码为 01 至 08", "an HNTE domain is 01 to 08");
        }
        int maxYear = Year.now().getValue();
        Integer y = integer("year", year, MIN_YEAR, maxYear, null);
        EnterpriseSort s = EnterpriseSort.NAME;
        String sortText = blankToNull(sort);
        if (sortText != null) {
            s = EnterpriseSort.ofKey(sortText);
            if (s == null) {
                String keys = Arrays.stream(EnterpriseSort.values()).map(EnterpriseSort::key)
                        .collect(Collectors.joining(", "));
                throw new BadParameterException("sort", sortText, "排序字段必须是 " + keys + " 之一",
                        "must be one of " + keys);
            }
        }
        String dirText = blankToNull(dir);
        boolean descending;
        if (dirText == null) {
            descending = false;
        } else if (dirText.equalsIgnoreCase("asc") || dirText.equalsIgnoreCase("desc")) {
            descending = dirText.equalsIgnoreCase("desc");
        } else {
            throw new BadParameterException("dir", dirText, "排序方向必须是 asc 或 desc", "must be asc or desc");
        }
        int p = Params.page(page);
        int sz = integer("size", size, 1, MAX_SIZE, DEFAULT_SIZE);
        return new EnterpriseSearch(text, c, t, ind, d, y, s, descending, p, sz);
    }

    /** The same search without paging parameters, for links that keep the filters. */
    public Map<String, Object> filterParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "q", text);
        put(m, "county", county);
        put(m, "town", town);
        put(m, "industry", industry);
        put(m, "domain", domain);
        put(m, "year", year);
        m.put("sort", sort.key());
        m.put("dir", descending ? "desc" : "asc");
        return m;
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }

    private static Integer integer(String name, String raw, int min, int max, Integer absent) {
        Integer value = Params.integer(name, raw, min, max);
        return value == null ? absent : value;
    }

    private static String blankToNull(String s) {
        if (s == null) return null;
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
