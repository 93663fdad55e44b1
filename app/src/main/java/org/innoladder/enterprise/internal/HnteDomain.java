package org.innoladder.enterprise.internal;

/** The eight top-level domains of 《国家重点支持的高新技术领域》 (standards §1.1), stored as codes 01–08. */
public enum HnteDomain {
    D01("01", "电子信息", "Electronic information"),
    D02("02", "生物与新医药", "Biotechnology and new medicine"),
    D03("03", "航空航天", "Aerospace"),
    D04("04", "新材料", "New materials"),
    D05("05", "高技术服务", "High-tech services"),
    D06("06", "新能源与节能", "New energy and energy saving"),
    D07("07", "资源与环境", "Resources and environment"),
    D08("08", "先进制造与自动化", "Advanced manufacturing and automation");

    private final String code;
    private final String nameZh;
    private final String nameEn;

    HnteDomain(String code, String nameZh, String nameEn) {
        this.code = code;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String code() { return code; }

    public String nameZh() { return nameZh; }

    public String nameEn() { return nameEn; }

    /** The domain with this two-digit code, or null. */
    public static HnteDomain ofCode(String code) {
        for (HnteDomain d : values()) {
            if (d.code.equals(code)) return d;
        }
        return null;
    }
}
