package org.innoladder.generator;

import java.time.LocalDate;

import org.innoladder.rules.ladder.Tier;

/**
 * An official recognition certificate held by a synthetic enterprise, consistent with its yearly facts
 * (an HNTE certificate covers exactly the years whose {@code hnte_certified} is true).
 * {@code kind} is the ladder's one vocabulary of tiers ({@link Tier}), whose names the {@code recognition.kind}
 * column holds.
 */
public record Recognition(String creditCode, Tier kind, String certificateNo, LocalDate issuedOn,
                          LocalDate expiresOn, String issuer) {

    public static final String HNTE_ISSUER = "江苏省科学技术厅 江苏省财政厅 国家税务总局江苏省税务局";
    public static final String TSME_ISSUER = "江苏省科学技术厅";
    public static final String SME_ISSUER = "江苏省工业和信息化厅";
    public static final String LITTLE_GIANT_ISSUER = "中华人民共和国工业和信息化部";
    public static final String GAZELLE_ISSUER = "常州市科学技术局";
    public static final String UNICORN_ISSUER = "江苏省生产力促进中心";
    public static final String SEED_UNICORN_ISSUER = "常州市科学技术局";

    /** The CSV columns of a recognitions file, in order. */
    public static final String[] COLUMNS = {"credit_code", "kind", "certificate_no", "issued_on", "expires_on", "issuer"};

    /** Whether the certificate is valid on some day of {@code year}. */
    public boolean coversYear(int year) {
        return issuedOn.getYear() <= year && (expiresOn == null || expiresOn.getYear() >= year);
    }
}
