package org.innoladder.ladder.target;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a target counts for a tier in a region subtree and year (docs/ladder.md "Targets"):
 * RECOGNISED_TOTAL the official count at year end (recognitions of the tier in force on 31 December),
 * NET_INCREASE that count minus the previous year's, ELIGIBLE_TOTAL the enterprises evaluated QUALIFIED for the tier.
 */
public enum Metric {
    RECOGNISED_TOTAL("年末有效认定数", "Recognised at year end"),
    NET_INCREASE("净增数（较上年）", "Net increase over the previous year"),
    ELIGIBLE_TOTAL("评估合格数", "Evaluated eligible");

    private final String nameZh;
    private final String nameEn;

    Metric(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() { return nameZh; }

    public String nameEn() { return nameEn; }

    public static Optional<Metric> parse(String value) {
        if (value == null) return Optional.empty();
        return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(value.strip())).findFirst();
    }
}
