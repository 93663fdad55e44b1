package org.innoladder.resources.internal;

import org.springframework.modulith.NamedInterface;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.importer.TableReader;
import org.innoladder.importer.UnreadableFileException;
import org.innoladder.rules.facts.CreditCode;

/**
 * A registry file read through the importer's bounded readers (CSV in UTF-8 or GB18030, or XLSX; the importer's file
 * limits): the header matched against the registry's columns (Chinese or English), then each data row handed to the
 * caller, whose {@link RowError}s become the row-level report. Blank rows are skipped.
 */
@NamedInterface("registry-file")
public final class RegistryFile {
    /** Receives one row; throws {@link RowError} to reject it. */
    @NamedInterface("registry-file")
    @FunctionalInterface
    public interface RowHandler {
        void accept(Row row);
    }

    private RegistryFile() {
    }

    /** Reads the file, passing each row to the handler; returns the rows read and the rejections. */
    public static Result read(Path file, String originalName, List<RegistryColumn> columns, RowHandler handler)
            throws UnreadableFileException {
        List<RowProblem> rejections = new ArrayList<>();
        int rows = 0;
        try (TableReader reader = TableReader.open(file, originalName)) {
            Map<String, Integer> index = new HashMap<>();
            List<String> header = reader.header();
            for (int i = 0; i < header.size(); i++) {
                for (RegistryColumn c : columns) {
                    if (c.matches(header.get(i)) && !index.containsKey(c.key())) index.put(c.key(), i);
                }
            }
            List<String> missing = columns.stream().filter(c -> c.required() && !index.containsKey(c.key()))
                    .map(c -> c.zh() + "（" + c.key() + "）").toList();
            if (!missing.isEmpty()) {
                throw new UnreadableFileException("文件缺少必填列：" + String.join("、", missing),
                        "the file lacks the required columns " + String.join(", ", missing));
            }
            for (TableReader.RawRow raw; (raw = reader.next()) != null; ) {
                if (raw.blank()) continue;
                rows++;
                try {
                    handler.accept(new Row(raw, index, columns));
                } catch (RowError e) {
                    rejections.add(e.at(raw.line()));
                }
            }
        } catch (IOException e) {
            throw new UnreadableFileException("无法读取文件：" + originalName, "cannot read the file: " + originalName, e);
        }
        return new Result(rows, rejections);
    }

    @NamedInterface("registry-file")
    public record Result(int rows, List<RowProblem> rejections) {
    }

    /** One data row, read by column key; every accessor names the column and value in its {@link RowError}. */
    @NamedInterface("registry-file")
    public static final class Row {
        private final TableReader.RawRow raw;
        private final Map<String, Integer> index;
        private final Map<String, RegistryColumn> columns = new HashMap<>();

        Row(TableReader.RawRow raw, Map<String, Integer> index, List<RegistryColumn> columns) {
            this.raw = raw;
            this.index = index;
            columns.forEach(c -> this.columns.put(c.key(), c));
        }

        public int line() {
            return raw.line();
        }

        /** The cell as text (numbers without trailing zeros, dates as YYYY-MM-DD), stripped; null when empty. */
        public String text(String key) {
            Integer i = index.get(key);
            if (i == null || i >= raw.cells().length || raw.cells()[i] == null) return null;
            Object v = raw.cells()[i];
            String s;
            if (v instanceof BigDecimal d) s = d.stripTrailingZeros().toPlainString();
            else if (v instanceof LocalDateTime t) s = t.toLocalDate().toString();
            else s = v.toString().strip();
            if (raw.cutCells() != null && raw.cutCells().get(i)) {
                throw error(key, s, "单元格过长，超出导入限制", "the cell is longer than the import limit");
            }
            return s.isEmpty() ? null : s;
        }

        /** Text that must be present, at most {@code max} characters. */
        public String required(String key, int max) {
            String s = text(key);
            if (s == null) throw error(key, "", "必须填写", "is required");
            if (s.length() > max) throw error(key, s, "不能超过 " + max + " 个字符", "at most " + max + " characters");
            return s;
        }

        /** Optional text of at most {@code max} characters. */
        public String optional(String key, int max) {
            String s = text(key);
            if (s != null && s.length() > max) throw error(key, s, "不能超过 " + max + " 个字符", "at most " + max + " characters");
            return s;
        }

        /** A year 1990–2100 ("2023", "2023年" or a date in that year). */
        public int year(String key) {
            String s = required(key, 20);
            String digits = s.endsWith("年") ? s.substring(0, s.length() - 1) : s;
            if (digits.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) digits = digits.substring(0, 4);
            if (!digits.matches("[0-9]{4}")) throw error(key, s, "须为四位年份，如 2023", "must be a four-digit year such as 2023");
            int y = Integer.parseInt(digits);
            if (y < 1990 || y > 2100) throw error(key, s, "年份须在 1990 到 2100 之间", "the year must lie between 1990 and 2100");
            return y;
        }

        /** A unified social credit code (18 characters, checked), upper-cased. */
        public String creditCode(String key) {
            String s = required(key, 40).toUpperCase(java.util.Locale.ROOT);
            Optional<CreditCode.Problem> problem = CreditCode.check(s);
            if (problem.isPresent()) throw error(key, s, problem.get().zh(), problem.get().en());
            return s;
        }

        /** A date YYYY-MM-DD (or an Excel date); null when empty and not required. */
        public LocalDate date(String key, boolean required) {
            String s = required ? required(key, 20) : text(key);
            if (s == null) return null;
            try {
                return LocalDate.parse(s.replace('/', '-').replace('.', '-'));
            } catch (DateTimeParseException e) {
                throw error(key, s, "须为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD");
            }
        }

        /** An amount in 万元 with at most four decimals, not negative; null when empty and not required. */
        public BigDecimal amount(String key, boolean required) {
            String s = required ? required(key, 30) : text(key);
            if (s == null) return null;
            BigDecimal d;
            try {
                d = new BigDecimal(s.replace(",", "").replace("，", ""));
            } catch (NumberFormatException e) {
                throw error(key, s, "须为金额（万元）", "must be an amount in 10k yuan");
            }
            if (d.signum() < 0) throw error(key, s, "金额不能为负", "the amount cannot be negative");
            if (d.compareTo(new BigDecimal("100000000")) > 0) throw error(key, s, "金额超出合理范围（1 万亿元）", "the amount exceeds 10^12 yuan");
            if (Math.max(d.stripTrailingZeros().scale(), 0) > 4) throw error(key, s, "至多四位小数", "at most four decimals");
            return d;
        }

        /** A non-negative number of at most two decimals below {@code max} (an area in m²); null when empty. */
        public BigDecimal measure(String key, BigDecimal max, String unitZh, String unitEn) {
            String s = text(key);
            if (s == null) return null;
            BigDecimal d;
            try {
                d = new BigDecimal(s.replace(",", "").replace("，", ""));
            } catch (NumberFormatException e) {
                throw error(key, s, "须为数值（" + unitZh + "）", "must be a number (" + unitEn + ")");
            }
            if (d.signum() < 0) throw error(key, s, "不能为负", "cannot be negative");
            if (d.compareTo(max) > 0) throw error(key, s, "超出合理范围（" + max.toPlainString() + unitZh + "）",
                    "exceeds " + max.toPlainString() + " " + unitEn);
            if (Math.max(d.stripTrailingZeros().scale(), 0) > 2) throw error(key, s, "至多两位小数", "at most two decimals");
            return d;
        }

        /** A rule broken by the value of the column. */
        public RowError error(String key, String value, String zh, String en) {
            return error(key, value, zh, en, "INVALID");
        }

        /** A problem of the given kind (NOT_FOUND, DUPLICATE) with the value of the column. */
        public RowError error(String key, String value, String zh, String en, String problem) {
            RegistryColumn c = columns.get(key);
            String field = c == null ? key : c.zh();
            return new RowError(key, value, field + "：" + zh, key + ": " + en, problem);
        }
    }
}
