package org.innoladder.rules.ladder;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

import org.innoladder.rules.facts.HeaderMatch;

/**
 * The one vocabulary of the cultivation ladders: every tier in climbing order within its ladder, which is also the
 * kind of official recognition (certificate) that makes it official — {@code recognition.kind} in the database, the
 * kind column of a recognitions file and the {@code rec.<kind>} facts of policies are these constant names. The
 * ruleset that decides eligibility (none for tiers that exist only as recognitions). Declaration order is the order of
 * the ladder; nothing else hard-codes a rank.
 *
 * <p>Growth ladder (科技部门): 科技型中小企业 → 高新技术企业 → 瞪羚 → 种子独角兽 → 潜在独角兽 → 独角兽. The seed
 * unicorn sits between gazelle and potential unicorn because Changzhou 常政规〔2023〕4号 sets up the 种子 → 潜在 →
 * 独角兽 ladder (shared/standards/README.md §5); it is a regional tier, evaluated by {@code seed_unicorn}.
 * MIIT ladder (工信部门): 创新型中小企业 → 专精特新中小企业 → 专精特新"小巨人", each with a ruleset.
 *
 * <p>Labels live in the message bundle {@code org/innoladder/rules/ladder/labels} (keys {@code tier.<NAME>} for the
 * rung, {@code recognition.<NAME>} for the certificate), which the application's pages read as well.
 */
public enum Tier {
    TSME(Ladder.GROWTH, "tsme"),
    HNTE(Ladder.GROWTH, "hnte"),
    GAZELLE(Ladder.GROWTH, "gazelle"),
    SEED_UNICORN(Ladder.GROWTH, "seed_unicorn"),
    POTENTIAL_UNICORN(Ladder.GROWTH, "potential_unicorn"),
    UNICORN(Ladder.GROWTH, "unicorn"),
    INNOVATIVE_SME(Ladder.MIIT, "innovative_sme"),
    SPECIALISED_SME(Ladder.MIIT, "specialised_sme", "专精特新中小企业"),
    LITTLE_GIANT(Ladder.MIIT, "little_giant", "专精特新小巨人", "小巨人");

    /** The two ladders that run beside each other. */
    public enum Ladder { GROWTH, MIIT }

    /** The bundle of the labels. */
    public static final String LABELS = "org.innoladder.rules.ladder.labels";

    private final Ladder ladder;
    private final String rulesetId;
    private final String[] otherSpellings;

    Tier(Ladder ladder, String rulesetId, String... otherSpellings) {
        this.ladder = ladder;
        this.rulesetId = rulesetId;
        this.otherSpellings = otherSpellings;
    }

    public Ladder ladder() { return ladder; }

    /** The ruleset id deciding eligibility, or empty for recognition-only tiers. */
    public Optional<String> rulesetId() { return Optional.ofNullable(rulesetId); }

    /** The tier's label in a language (Chinese unless English is asked for). */
    public String label(Locale locale) {
        return text("tier.", locale);
    }

    /** The certificate's label: the name a recognition of this kind goes by. */
    public String recognitionLabel(Locale locale) {
        return text("recognition.", locale);
    }

    public String nameZh() { return label(Locale.CHINESE); }

    public String nameEn() { return label(Locale.ENGLISH); }

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

    /**
     * The kind a recognitions file names (its code in any case, or a Chinese name: the tier's, the certificate's, or an
     * older spelling), or null.
     */
    public static Tier fromText(String text) {
        if (text == null) return null;
        String n = HeaderMatch.normalise(text);
        for (Tier k : values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(n) || HeaderMatch.normalise(k.label(Locale.CHINESE)).equals(n)
                    || HeaderMatch.normalise(k.recognitionLabel(Locale.CHINESE)).equals(n)) {
                return k;
            }
            for (String other : k.otherSpellings) {
                if (HeaderMatch.normalise(other).equals(n)) return k;
            }
        }
        return null;
    }

    private String text(String prefix, Locale locale) {
        boolean en = locale != null && "en".equals(locale.getLanguage());
        try {
            // no fallback to the JVM's default locale: the base bundle is Chinese
            return ResourceBundle.getBundle(LABELS, en ? Locale.ENGLISH : Locale.ROOT,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                    .getString(prefix + name());
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no label " + prefix + name() + " in " + LABELS, e);
        }
    }
}
