package org.innoladder.rules.facts;

/** The columns of a recognitions (certificates) file. */
public enum RecognitionColumn {
    CREDIT_CODE("credit_code", "统一社会信用代码", true),
    KIND("kind", "类别", true),
    CERTIFICATE_NO("certificate_no", "证书编号", true),
    ISSUED_ON("issued_on", "发证日期", true),
    EXPIRES_ON("expires_on", "有效期至", false),
    ISSUER("issuer", "发证机关", false);

    private final String key;
    private final String headerZh;
    private final boolean required;

    RecognitionColumn(String key, String headerZh, boolean required) {
        this.key = key;
        this.headerZh = headerZh;
        this.required = required;
    }

    public String key() { return key; }

    public String headerZh() { return headerZh; }

    public boolean required() { return required; }

    /** The most characters a cell may hold: 100 for the certificate number, 200 for the issuer, 64 otherwise. */
    public int maxLength() {
        return switch (this) {
            case CERTIFICATE_NO -> 100;
            case ISSUER -> 200;
            default -> Column.VALUE_MAX_LENGTH;
        };
    }
}
