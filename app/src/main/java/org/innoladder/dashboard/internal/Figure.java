package org.innoladder.dashboard.internal;

import java.util.Arrays;
import java.util.Optional;

/** The figures a dashboard number can stand for, each with the enterprises behind it. */
public enum Figure {
    /** Highest valid recognition is the tier (the funnel). */
    OFFICIAL("最高认定", "Official (highest)"),
    /** A recognition of the tier valid on 31 December (有效认定). */
    HOLDING("有效认定", "Recognitions held"),
    /** Highest tier evaluated QUALIFIED. */
    ELIGIBLE("最高可达", "Eligible (highest)"),
    /** Evaluation of the tier QUALIFIED. */
    QUALIFIED("评估合格", "Qualified"),
    /** Reserve pool of the tier (optionally one reason). */
    POOL("后备库", "Reserve pool"),
    /** A recognition of the tier lapsed during the year. */
    LAPSED("本年到期", "Lapsed this year"),
    /** Official-tier change from the previous year (optionally one kind). */
    CHANGE("梯度变化", "Change since last year");

    private final String nameZh;
    private final String nameEn;

    Figure(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() { return nameZh; }

    public String nameEn() { return nameEn; }

    public static Optional<Figure> parse(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(value.strip())).findFirst();
    }
}
