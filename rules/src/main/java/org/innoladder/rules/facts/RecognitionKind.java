package org.innoladder.rules.facts;

import java.util.Locale;

/** The official recognitions (certificates) an enterprise may hold, with their Chinese names. */
public enum RecognitionKind {
    TSME("科技型中小企业"),
    HNTE("高新技术企业"),
    GAZELLE("瞪羚企业"),
    SEED_UNICORN("种子独角兽"),
    POTENTIAL_UNICORN("潜在独角兽"),
    UNICORN("独角兽"),
    INNOVATIVE_SME("创新型中小企业"),
    SPECIALISED_SME("专精特新中小企业"),
    LITTLE_GIANT("专精特新小巨人");

    private final String nameZh;

    RecognitionKind(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() { return nameZh; }

    /** The kind named by its code (any case) or Chinese name, or null. */
    public static RecognitionKind parse(String text) {
        if (text == null) return null;
        String n = HeaderMatch.normalise(text);
        for (RecognitionKind k : values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(n) || HeaderMatch.normalise(k.nameZh).equals(n)) return k;
        }
        return null;
    }
}
