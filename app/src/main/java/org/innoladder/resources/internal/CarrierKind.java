package org.innoladder.resources.internal;

import java.util.List;
import java.util.Locale;

/** The kinds of 科创载体 (innovation carrier), with the spellings a registry file may use. */
public enum CarrierKind {
    INCUBATOR("科技企业孵化器", "technology business incubator", "孵化器", "企业孵化器"),
    MAKERSPACE("众创空间", "makerspace"),
    ACCELERATOR("加速器", "accelerator", "科技企业加速器"),
    PROFESSIONAL_INCUBATOR("专业孵化器", "specialised incubator", "专业化孵化器"),
    OFFSITE_INCUBATOR("飞地孵化器", "offsite incubator", "离岸孵化器", "飞地");

    private final String zh;
    private final String en;
    private final List<String> aliases;

    CarrierKind(String zh, String en, String... aliases) {
        this.zh = zh;
        this.en = en;
        this.aliases = List.of(aliases);
    }

    public String zh() { return zh; }

    public String en() { return en; }

    public String label(Locale locale) {
        return "en".equals(locale.getLanguage()) ? en : zh;
    }

    /** The kind a cell names (Chinese, an alias, the English name or the constant), or null. */
    public static CarrierKind fromText(String text) {
        if (text == null) return null;
        String t = text.strip();
        for (CarrierKind k : values()) {
            if (k.zh.equals(t) || k.name().equalsIgnoreCase(t) || k.en.equalsIgnoreCase(t) || k.aliases.contains(t)) return k;
        }
        return null;
    }
}
