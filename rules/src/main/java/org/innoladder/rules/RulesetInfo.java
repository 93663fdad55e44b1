package org.innoladder.rules;

import java.time.LocalDate;
import java.util.List;

/** What a ruleset is and which documents it encodes, for listings. */
public record RulesetInfo(String id, String version, String titleZh, String titleEn, List<Reference> references,
                          LocalDate effectiveFrom, LocalDate effectiveTo, List<String> notes) {
    /** {@code id@version}, the key results are stored under. */
    public String ref() {
        return id + "@" + version;
    }
}
