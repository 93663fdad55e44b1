package org.innoladder.enterprise.internal;

/** The kinds of official recognition (certificate) table {@code recognition} may hold. */
public enum RecognitionKind {
    TSME("科技型中小企业", "Technology-based SME"),
    HNTE("高新技术企业", "High and new technology enterprise"),
    GAZELLE("瞪羚企业", "Gazelle"),
    SEED_UNICORN("种子独角兽企业", "Seed unicorn"),
    POTENTIAL_UNICORN("潜在独角兽企业", "Potential unicorn"),
    UNICORN("独角兽企业", "Unicorn"),
    INNOVATIVE_SME("创新型中小企业", "Innovative SME"),
    SPECIALISED_SME("专精特新中小企业", "Specialised and sophisticated SME"),
    LITTLE_GIANT("专精特新“小巨人”企业", "Little giant");

    private final String nameZh;
    private final String nameEn;

    RecognitionKind(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() { return nameZh; }

    public String nameEn() { return nameEn; }
}
