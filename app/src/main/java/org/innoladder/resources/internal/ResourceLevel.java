package org.innoladder.resources.internal;

import java.util.Locale;

/**
 * The level of a recognition (国家级 / 省级 / 市级), and the {@code rd_institution_level} value of the data dictionary a
 * platform of that level supplies (none / city / provincial / national).
 */
public enum ResourceLevel {
    NATIONAL("国家级", "national", "national", "国家"),
    PROVINCIAL("省级", "provincial", "provincial", "省"),
    MUNICIPAL("市级", "municipal", "city", "市");

    private final String zh;
    private final String en;
    private final String fact;
    private final String shortZh;

    ResourceLevel(String zh, String en, String fact, String shortZh) {
        this.zh = zh;
        this.en = en;
        this.fact = fact;
        this.shortZh = shortZh;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    /** The value of {@code rd_institution_level} a platform of this level supplies. */
    public String fact() { return fact; }

    public String label(Locale locale) {
        return "en".equals(locale.getLanguage()) ? en : zh;
    }

    /** The level a cell names (国家级/国家, 省级/省, 市级/市, the English word or the constant), or null. */
    public static ResourceLevel fromText(String text) {
        if (text == null) return null;
        String t = text.strip();
        for (ResourceLevel l : values()) {
            if (l.zh.equals(t) || l.shortZh.equals(t) || l.name().equalsIgnoreCase(t) || l.en.equalsIgnoreCase(t)
                    || l.fact.equalsIgnoreCase(t)) return l;
        }
        return null;
    }
}
