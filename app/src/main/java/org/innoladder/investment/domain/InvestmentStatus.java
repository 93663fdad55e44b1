package org.innoladder.investment.domain;

import java.util.Locale;

/** The stages of a 科技招商 project: 线索 → 洽谈 → 签约 → 落地 → 投产, or 终止. */
public enum InvestmentStatus {
    LEAD("线索", "Lead"),
    NEGOTIATING("洽谈", "Negotiating"),
    SIGNED("签约", "Signed"),
    LANDED("落地", "Landed"),
    PRODUCING("投产", "In production"),
    TERMINATED("终止", "Terminated");

    private final String zh;
    private final String en;

    InvestmentStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    public String label(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : zh;
    }

    /** The stage named by its Chinese label or its code, or null. */
    public static InvestmentStatus fromText(String s) {
        if (s == null) return null;
        String t = s.strip();
        for (InvestmentStatus v : values()) {
            if (v.zh.equals(t) || v.name().equalsIgnoreCase(t) || t.equals(v.zh + "阶段")) return v;
        }
        return null;
    }
}
