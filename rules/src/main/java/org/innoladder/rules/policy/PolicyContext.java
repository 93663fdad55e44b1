package org.innoladder.rules.policy;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.rules.cel.FactSchema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a policy may read beyond the enterprise's facts: its recognitions, its tiers, its evaluation outcomes and
 * its innovation points for the period Y. Each name has a frame slot after the {@link FactSchema} slots, so the
 * same compiled closures read facts and context alike. The app fills the slots from its tables; a slot it does
 * not fill is unknown (NaN), never zero.
 *
 * <ul>
 *   <li>{@code rec.<kind>.held} (bool): a certificate of that kind in force on 31 December of Y;
 *   {@code rec.<kind>.first_year}, {@code .latest_year}: issue year of the first and the latest certificate issued
 *   by the end of Y, {@code .expiry_year}: expiry year of the latest (0 = none: the recognition lists are the
 *   register, so "never recognised" is known, not unknown). Kinds: tsme, hnte, gazelle, seed_unicorn,
 *   potential_unicorn, unicorn, innovative_sme, specialised_sme, little_giant.</li>
 *   <li>{@code tier.growth.official}, {@code tier.growth.eligible}, {@code tier.miit.official},
 *   {@code tier.miit.eligible}: the tier's 1-based rank in its ladder (0 = none).</li>
 *   <li>{@code eval.<ruleset id>} (bool): the stored evaluation for Y is QUALIFIED (true) or NOT_QUALIFIED
 *   (false); UNDETERMINED or not evaluated is unknown.</li>
 *   <li>{@code points.total}, {@code points.percentile} (0–100 within the stage), {@code points.stage} (text:
 *   the points model's stage id — startup, growth, stable in the default model): the innovation points of Y,
 *   unknown when not scored.</li>
 *   <li>{@code credit.disbursed_yuan}, {@code credit.disbursed_loans}: yuan and number of loans disbursed in Y on
 *   the platform (the loans banks report to the credit module); {@code credit.points_loan_yuan},
 *   {@code credit.points_loans}: the same for 积分贷 products only; {@code credit.points_loan} (bool): at least one
 *   积分贷 disbursed in Y. The platform's loans are the register of platform loans, so "none" is a known 0; the
 *   names are unknown only where no credit module supplies them.</li>
 * </ul>
 */
public final class PolicyContext {
    /** Ruleset ids whose outcome a policy may read (the built-in ones). */
    public static final String[] RULESETS = {"tsme", "hnte", "innovative_sme", "gazelle", "seed_unicorn",
            "potential_unicorn", "unicorn"};
    public static final String[] LADDERS = {"growth", "miit"};
    /** Loans reported on the platform in the period Y, per enterprise (filled by the app's credit module). */
    public static final String[] CREDIT = {"credit.disbursed_yuan", "credit.disbursed_loans", "credit.points_loan_yuan",
            "credit.points_loans", "credit.points_loan"};
    private static final Map<String, Integer> SLOTS;
    private static final Map<String, CelType> TYPES;

    static {
        Map<String, Integer> slots = new LinkedHashMap<>();
        Map<String, CelType> types = new LinkedHashMap<>();
        for (Tier k : Tier.values()) {
            String base = "rec." + k.name().toLowerCase(Locale.ROOT);
            add(slots, types, base + ".held", SimpleType.BOOL);
            add(slots, types, base + ".first_year", SimpleType.DOUBLE);
            add(slots, types, base + ".latest_year", SimpleType.DOUBLE);
            add(slots, types, base + ".expiry_year", SimpleType.DOUBLE);
        }
        for (String l : LADDERS) {
            add(slots, types, "tier." + l + ".official", SimpleType.DOUBLE);
            add(slots, types, "tier." + l + ".eligible", SimpleType.DOUBLE);
        }
        for (String r : RULESETS) add(slots, types, "eval." + r, SimpleType.BOOL);
        add(slots, types, "points.total", SimpleType.DOUBLE);
        add(slots, types, "points.percentile", SimpleType.DOUBLE);
        add(slots, types, "points.stage", SimpleType.STRING);
        for (String c : CREDIT) add(slots, types, c, c.equals("credit.points_loan") ? SimpleType.BOOL : SimpleType.DOUBLE);
        SLOTS = Collections.unmodifiableMap(slots);
        TYPES = Collections.unmodifiableMap(types);
    }

    /** Slots in a policy frame: the fact slots, then one per context name. */
    public static final int FRAME_SLOTS = FactSchema.SLOTS + SLOTS.size();

    private PolicyContext() {
    }

    private static void add(Map<String, Integer> slots, Map<String, CelType> types, String name, CelType type) {
        slots.put(name, FactSchema.SLOTS + slots.size());
        types.put(name, type);
    }

    /** Every context name with its frame slot. */
    public static Map<String, Integer> slots() {
        return SLOTS;
    }

    /** Every context name with its CEL type. */
    public static Map<String, CelType> declarations() {
        return TYPES;
    }

    /** The frame slot of a context name, or -1. */
    public static int slotOf(String name) {
        Integer s = SLOTS.get(name);
        return s == null ? -1 : s;
    }

    /** The name of any policy frame slot (fact or context). */
    public static String nameOf(int slot) {
        if (slot < FactSchema.SLOTS) return FactSchema.nameOf(slot);
        for (Map.Entry<String, Integer> e : SLOTS.entrySet()) {
            if (e.getValue() == slot) return e.getKey();
        }
        throw new IllegalArgumentException("no slot " + slot);
    }

    public static boolean isText(String name) {
        return TYPES.get(name) == SimpleType.STRING;
    }

    public static boolean isBool(String name) {
        return TYPES.get(name) == SimpleType.BOOL;
    }
}
