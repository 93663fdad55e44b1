package org.innoladder.rules.facts;

import java.util.Optional;

/**
 * 统一社会信用代码 (Unified Social Credit Identifier), GB 32100-2015: 18 characters whose last is a check
 * character over the first 17, with the GB 11714 organisation code (positions 9–17) carrying its own check.
 * See ../shared/standards/README.md §7.
 */
public final class CreditCode {
    /** The 31 symbols in value order (no I, O, Z, S, V). */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private CreditCode() {
    }

    /** Why a code is not valid, in both languages; empty when it is valid. */
    public record Problem(String zh, String en) {
    }

    /** Checks an upper-cased code; the reason names the position or check character that is wrong. */
    public static Optional<Problem> check(String code) {
        if (code == null || code.isEmpty()) {
            return Optional.of(new Problem("统一社会信用代码为空", "credit code is empty"));
        }
        if (code.length() != 18) {
            return Optional.of(new Problem("统一社会信用代码应为18位，实际为" + code.length() + "位",
                    "credit code must have 18 characters, has " + code.length()));
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.of(new Problem("第" + (i + 1) + "位字符“" + code.charAt(i) + "”不允许（仅数字和除I、O、Z、S、V外的大写字母）",
                        "character '" + code.charAt(i) + "' at position " + (i + 1)
                                + " is not allowed (digits and upper-case letters except I, O, Z, S, V)"));
            }
        }
        char org = organisationCheck(code.substring(8, 16));
        if (org != code.charAt(16)) {
            return Optional.of(new Problem("组织机构代码校验位（第17位）应为" + org + "，实际为" + code.charAt(16),
                    "organisation-code check character (position 17) should be " + org + ", is " + code.charAt(16)));
        }
        char check = checkCharacter(code.substring(0, 17));
        if (check != code.charAt(17)) {
            return Optional.of(new Problem("校验位（第18位）应为" + check + "，实际为" + code.charAt(17),
                    "check character (position 18) should be " + check + ", is " + code.charAt(17)));
        }
        return Optional.empty();
    }

    public static boolean isValid(String code) {
        return check(code).isEmpty();
    }

    /** The GB 32100 check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) throw new IllegalArgumentException("need 17 characters: " + first17);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) throw new IllegalArgumentException("character not allowed: " + first17.charAt(i));
            sum += v * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return ALPHABET.charAt(c == 31 ? 0 : c);
    }

    /** The GB 11714 check character for an 8-character organisation code body (letters count 10–35). */
    public static char organisationCheck(String body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char ch = body8.charAt(i);
            int v = Character.isDigit(ch) ? ch - '0' : ch - 'A' + 10;
            sum += v * ORG_WEIGHTS[i];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }

    /**
     * Completes a code from its first 16 characters (authority, category, division code and the
     * 8-character organisation body) by computing both check characters.
     */
    public static String complete(String first16) {
        if (first16.length() != 16) throw new IllegalArgumentException("need 16 characters: " + first16);
        String first17 = first16 + organisationCheck(first16.substring(8));
        return first17 + checkCharacter(first17);
    }
}
