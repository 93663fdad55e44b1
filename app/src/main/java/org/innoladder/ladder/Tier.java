package org.innoladder.ladder;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The cultivation ladders as data: every tier in climbing order within its ladder, the ruleset that decides
 * eligibility (none for tiers that exist only as recognitions) and the recognition kind that makes it official
 * (the {@code recognition.kind} value equals the constant name). Declaration order is the order of the ladder;
 * nothing else in the capability hard-codes a rank.
 *
 * <p>Growth ladder (科技部门): 科技型中小企业 → 高新技术企业 → 瞪羚 → 种子独角兽 → 潜在独角兽 → 独角兽. The seed
 * unicorn sits between gazelle and potential unicorn because Changzhou 常政规〔2023〕4号 sets up the 种子 → 潜在 →
 * 独角兽 ladder (shared/standards/README.md §5); it is a regional tier, evaluated by {@code seed_unicorn}.
 * MIIT ladder (工信部门): 创新型中小企业 → 专精特新中小企业 → 专精特新"小巨人"; only the first has a ruleset.
 */
public enum Tier {
    TSME(Ladder.GROWTH, "tsme", "科技型中小企业", "Technology-based SME"),
    HNTE(Ladder.GROWTH, "hnte", "高新技术企业", "High and new technology enterprise"),
    GAZELLE(Ladder.GROWTH, "gazelle", "瞪羚企业", "Gazelle"),
    SEED_UNICORN(Ladder.GROWTH, "seed_unicorn", "种子独角兽", "Seed unicorn"),
    POTENTIAL_UNICORN(Ladder.GROWTH, "potential_unicorn", "潜在独角兽", "Potential unicorn"),
    UNICORN(Ladder.GROWTH, "unicorn", "独角兽", "Unicorn"),
    INNOVATIVE_SME(Ladder.MIIT, "innovative_sme", "创新型中小企业", "Innovative SME"),
    SPECIALISED_SME(Ladder.MIIT, null, "专精特新中小企业", "Specialised and sophisticated SME"),
    LITTLE_GIANT(Ladder.MIIT, null, "专精特新“小巨人”", "Little giant");

    /** The two ladders that run beside each other. */
    public enum Ladder { GROWTH, MIIT }

    private final Ladder ladder;
    private final String rulesetId;
    private final String nameZh;
    private final String nameEn;

    Tier(Ladder ladder, String rulesetId, String nameZh, String nameEn) {
        this.ladder = ladder;
        this.rulesetId = rulesetId;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public Ladder ladder() { return ladder; }

    /** The ruleset id deciding eligibility, or empty for recognition-only tiers. */
    public Optional<String> rulesetId() { return Optional.ofNullable(rulesetId); }

    public String nameZh() { return nameZh; }

    public String nameEn() { return nameEn; }

    /** 1-based position within its ladder. */
    public int rank() {
        int r = 0;
        for (Tier t : values()) {
            if (t.ladder == ladder) r++;
            if (t == this) return r;
        }
        throw new AssertionError();
    }

    /** Whether this tier is on the same ladder and at least as high as {@code other}. */
    public boolean atOrAbove(Tier other) {
        return ladder == other.ladder && rank() >= other.rank();
    }

    public static List<Tier> of(Ladder ladder) {
        return Arrays.stream(values()).filter(t -> t.ladder == ladder).toList();
    }

    /** Tiers that have a reserve pool: those decided by a ruleset. */
    public static List<Tier> withRuleset() {
        return Arrays.stream(values()).filter(t -> t.rulesetId != null).toList();
    }

    public static Optional<Tier> byRuleset(String rulesetId) {
        return Arrays.stream(values()).filter(t -> rulesetId.equals(t.rulesetId)).findFirst();
    }

    /** Parses a request value (case-insensitive constant name). */
    public static Optional<Tier> parse(String value) {
        if (value == null) return Optional.empty();
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(value.strip())).findFirst();
    }
}
