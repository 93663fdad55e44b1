package org.innoladder.enterprise.internal;

import java.util.Locale;

import org.innoladder.rules.ladder.Tier;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/** One official recognition (certificate) of an enterprise. */
@Schema(description = "An official recognition (certificate) held by the enterprise")
public record RecognitionHeld(
        @Schema(description = "Kind: TSME, HNTE, GAZELLE, SEED_UNICORN, POTENTIAL_UNICORN, UNICORN, INNOVATIVE_SME, SPECIALISED_SME, LITTLE_GIANT") String kind,
        @Schema(description = "Chinese name of the kind") String kindZh,
        @Schema(description = "Certificate number (证书编号)") String certificateNo,
        @Schema(description = "Date issued") LocalDate issuedOn,
        @Schema(description = "Date it expires; null = no expiry recorded") LocalDate expiresOn,
        @Schema(description = "Issuing authority") String issuer,
        @Schema(description = "Source of the record (e.g. upload, IP office)") String source,
        @Schema(description = "Import batch that supplied it; null when entered otherwise") Long batchId,
        @Schema(description = "Whether the recognition is valid today (issued and not expired)") boolean valid) {

    static RecognitionHeld of(String kind, String certificateNo, LocalDate issuedOn, LocalDate expiresOn,
                              String issuer, String source, Long batchId, LocalDate today) {
        boolean valid = !issuedOn.isAfter(today) && (expiresOn == null || !expiresOn.isBefore(today));
        return new RecognitionHeld(kind, Tier.valueOf(kind).recognitionLabel(Locale.CHINESE), certificateNo, issuedOn, expiresOn,
                issuer, source, batchId, valid);
    }

    public String kindEn() {
        return Tier.valueOf(kind).recognitionLabel(Locale.ENGLISH);
    }
}
