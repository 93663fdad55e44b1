package org.innoladder.generator;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a file is written: header language and, for CSV, the character set. UTF-8 files start with a BOM (as
 * Excel writes "CSV UTF-8"); GBK/GB18030 files have none (as Excel writes "CSV" on a Chinese Windows).
 * Files with Chinese headers also write booleans as 是/否.
 */
public record OutputFormat(boolean chineseHeaders, Charset charset) {

    public static OutputFormat csv() {
        return new OutputFormat(false, StandardCharsets.UTF_8);
    }

    public OutputFormat withChineseHeaders(boolean chinese) {
        return new OutputFormat(chinese, charset);
    }

    public OutputFormat withCharset(Charset cs) {
        return new OutputFormat(chineseHeaders, cs);
    }

    public boolean bom() {
        return charset.equals(StandardCharsets.UTF_8);
    }

    /** utf-8, gbk or gb18030 (case-insensitive); null for anything else. */
    public static Charset charsetNamed(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "gbk" -> Charset.forName("GBK");
            case "gb18030" -> Charset.forName("GB18030");
            default -> null;
        };
    }
}
