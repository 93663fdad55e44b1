package org.innoladder.generator;

import java.time.LocalDate;

/**
 * An official recognition certificate held by a synthetic enterprise, consistent with its yearly facts
 * (an HNTE certificate covers exactly the years whose {@code hnte_certified} is true).
 * {@code kind} uses the names of the {@code recognition.kind} column.
 */
public record Recognition(String creditCode, Kind kind, String certificateNo, LocalDate issuedOn,
                          LocalDate expiresOn, String issuer) {

    public enum Kind { HNTE, TSME, INNOVATIVE_SME, SPECIALISED_SME, GAZELLE, SEED_UNICORN, POTENTIAL_UNICORN, UNICORN }

    public static final String HNTE_ISSUER = "江苏省科学技术厅 江苏省财政厅 国家税务总局江苏省税务局";
    public static final String TSME_ISSUER = "江苏省科学技术厅";
    public static final String SME_ISSUER = "江苏省工业和信息化厅";
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
