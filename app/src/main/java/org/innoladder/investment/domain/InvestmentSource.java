package org.innoladder.investment.domain;

import java.util.Locale;

/** Where a project came from (项目来源). */
public enum InvestmentSource {
    EVENT("招商活动", "Promotion event"),
    REFERRAL("以商招商", "Referral by an investor"),
    AGENCY("中介机构", "Agency"),
    FUND("基金招商", "Fund"),
    CARRIER("载体招商", "Carrier (incubator, park)"),
    DISTRICT_TOWN("区镇联动", "District and town together"),
    OTHER("其他", "Other");

    private final String zh;
    private final String en;

    InvestmentSource(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() { return zh; }

    public String en() { return en; }

    public String label(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : zh;
    }

    public static InvestmentSource fromText(String s) {
        if (s == null) return null;
        String t = s.strip();
        for (InvestmentSource v : values()) if (v.zh.equals(t) || v.name().equalsIgnoreCase(t)) return v;
        return null;
    }
}
