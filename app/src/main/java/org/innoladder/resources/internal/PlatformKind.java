package org.innoladder.resources.internal;

import java.util.List;
import java.util.Locale;

/** The kinds of R&D platform (研发平台) a host enterprise may hold, with the spellings a registry file may use. */
public enum PlatformKind {
    ENGINEERING_CENTRE("工程技术研究中心", "engineering technology research centre", "工程中心", "工程技术中心"),
    ENTERPRISE_TECH_CENTRE("企业技术中心", "enterprise technology centre", "技术中心"),
    KEY_LAB("重点实验室", "key laboratory", "实验室"),
    NEW_RD_INSTITUTION("新型研发机构", "new-type R&D institution", "新型研发组织"),
    POSTDOC_STATION("博士后工作站", "postdoctoral workstation", "博士后科研工作站", "博士后创新实践基地"),
    ACADEMICIAN_STATION("院士工作站", "academician workstation", "院士专家工作站");

    private final String zh;
    private final String en;
    private final List<String> aliases;

    PlatformKind(String zh, String en, String... aliases) {
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
    public static PlatformKind fromText(String text) {
        if (text == null) return null;
        String t = text.strip();
        for (PlatformKind k : values()) {
            if (k.zh.equals(t) || k.name().equalsIgnoreCase(t) || k.en.equalsIgnoreCase(t) || k.aliases.contains(t)) return k;
        }
        return null;
    }
}
