package org.innoladder.rules.facts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a file's header row maps onto canonical columns. Headers match a column's English key or its Chinese
 * header after NFKC normalisation (full-width brackets, letters and spaces become their half-width forms,
 * Ⅰ becomes I), removal of all white space and lower-casing.
 *
 * @param columns  for each header position, the column it feeds, or null when the header is ignored
 * @param warnings unknown headers (ignored), one message each
 * @param problem  why the file cannot be read (duplicate headers, missing required columns), or null
 */
public record HeaderMatch<C>(List<C> columns, List<FieldError> warnings, FieldError problem) {

    public boolean readable() {
        return problem == null;
    }

    /** The position of a column in the file, or -1 when the file lacks it. */
    public int indexOf(C column) {
        return columns.indexOf(column);
    }

    /** Normalises a header or a column name for matching. */
    public static String normalise(String header) {
        if (header == null) return "";
        String s = Normalizer.normalize(header, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\uFEFF' || ch == '\u200B') continue;
            b.append(ch);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** Matches data-dictionary headers. */
    public static HeaderMatch<Column> ofFacts(List<String> headers) {
        return match(headers, List.of(Column.values()), Column::key, Column::headerZh, Column::required);
    }

    /** Matches recognition (certificate) headers. */
    public static HeaderMatch<RecognitionColumn> ofRecognitions(List<String> headers) {
        return match(headers, List.of(RecognitionColumn.values()), RecognitionColumn::key,
                RecognitionColumn::headerZh, RecognitionColumn::required);
    }

    public static <C> HeaderMatch<C> match(List<String> headers, List<C> known, Function<C, String> key,
                                           Function<C, String> headerZh, Predicate<C> required) {
        Map<String, C> byName = new LinkedHashMap<>();
        for (C c : known) {
            byName.put(normalise(key.apply(c)), c);
            byName.put(normalise(headerZh.apply(c)), c);
        }
        List<C> columns = new ArrayList<>(headers.size());
        List<FieldError> warnings = new ArrayList<>();
        Map<C, Integer> seen = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String raw = headers.get(i) == null ? "" : headers.get(i).strip();
            String n = normalise(raw);
            C c = byName.get(n);
            if (c == null) {
                columns.add(null);
                if (!n.isEmpty()) {
                    warnings.add(new FieldError(null, raw, "未知表头“" + raw + "”（第" + (i + 1) + "列）已忽略",
                            "unknown header '" + raw + "' (column " + (i + 1) + ") ignored"));
                }
                continue;
            }
            Integer before = seen.putIfAbsent(c, i);
            if (before != null) {
                duplicates.add(key.apply(c) + " (" + (before + 1) + ", " + (i + 1) + ")");
                columns.add(null);
            } else {
                columns.add(c);
            }
        }
        FieldError problem = null;
        if (!duplicates.isEmpty()) {
            String list = String.join(", ", duplicates);
            problem = new FieldError(null, null, "表头重复：" + list, "duplicate headers: " + list);
        } else {
            List<String> missingZh = new ArrayList<>();
            List<String> missingEn = new ArrayList<>();
            for (C c : known) {
                if (required.test(c) && !seen.containsKey(c)) {
                    missingZh.add(headerZh.apply(c) + "(" + key.apply(c) + ")");
                    missingEn.add(key.apply(c) + " (" + headerZh.apply(c) + ")");
                }
            }
            if (!missingZh.isEmpty()) {
                problem = new FieldError(null, null, "缺少必填列：" + String.join("、", missingZh),
                        "missing required columns: " + String.join(", ", missingEn));
            }
        }
        return new HeaderMatch<>(Collections.unmodifiableList(columns), List.copyOf(warnings), problem);
    }
}
