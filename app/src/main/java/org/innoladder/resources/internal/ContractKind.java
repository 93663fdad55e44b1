package org.innoladder.resources.internal;

import java.util.List;
import java.util.Locale;

/** The five kinds of registered technology contract (技术开发/转让/许可/咨询/服务), with the spellings a file may use. */
public enum ContractKind {
    DEVELOPMENT("技术开发", "technology development", "技术开发合同", "开发"),
    TRANSFER("技术转让", "technology transfer", "技术转让合同", "转让"),
    LICENSING("技术许可", "technology licensing", "技术许可合同", "许可"),
    CONSULTING("技术咨询", "technology consulting", "技术咨询合同", "咨询"),
    SERVICE("技术服务", "technology service", "技术服务合同", "服务");

    private final String zh;
    private final String en;
    private final List<String> aliases;

    ContractKind(String zh, String en, String... aliases) {
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
    public static ContractKind fromText(String text) {
        if (text == null) return null;
        String t = text.strip();
        for (ContractKind k : values()) {
            if (k.zh.equals(t) || k.name().equalsIgnoreCase(t) || k.en.equalsIgnoreCase(t) || k.aliases.contains(t)) return k;
        }
        return null;
    }
}
