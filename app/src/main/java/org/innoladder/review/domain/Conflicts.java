package org.innoladder.review.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Conflict of interest between an expert and an applicant, one rule at a time, each refusal with its reason:
 * the same organisation, the same credit code (the expert's organisation is the applicant), a conflict the expert
 * declared, or a joint application with the applicant within the last {@link #CO_APPLICANT_YEARS} years.
 */
public final class Conflicts {
    /** "co-applicant in the last 3 years" (issue 13): the review year and the two before it. */
    public static final int CO_APPLICANT_YEARS = 3;

    private Conflicts() {
    }

    public enum Rule {
        SAME_ORGANISATION, SAME_CREDIT_CODE, DECLARED, CO_APPLICANT
    }

    /** One exclusion: the rule and why, naming the organisation or code that conflicts. */
    public record Conflict(Rule rule, Why why) {
    }

    /** What the rules read about an expert: organisation, its credit code, declared conflicts, joint applications. */
    public record ExpertTies(String organisation, String organisationCreditCode, Set<String> declaredCreditCodes,
                             List<CoApplication> coApplications) {
        public ExpertTies {
            declaredCreditCodes = declaredCreditCodes == null ? Set.of() : Set.copyOf(declaredCreditCodes);
            coApplications = coApplications == null ? List.of() : List.copyOf(coApplications);
        }
    }

    /** The expert applied jointly with the holder of {@code creditCode} in {@code year}. */
    public record CoApplication(String creditCode, int year) {
    }

    /** The applicant as the rules see it; {@code year} is the review's year. */
    public record Applicant(String name, String organisation, String creditCode, int year) {
    }

    public static List<Conflict> of(ExpertTies e, Applicant a) {
        List<Conflict> out = new ArrayList<>();
        if (e.organisation() != null && a.organisation() != null
                && normalise(e.organisation()).equals(normalise(a.organisation()))) {
            out.add(new Conflict(Rule.SAME_ORGANISATION, new Why("专家所在单位“" + e.organisation() + "”即申报单位",
                    "the expert works for the applicant's organisation (" + e.organisation() + ")")));
        }
        if (a.creditCode() != null && a.creditCode().equalsIgnoreCase(e.organisationCreditCode())) {
            out.add(new Conflict(Rule.SAME_CREDIT_CODE, new Why("专家所在单位的统一社会信用代码与申报单位相同（" + a.creditCode() + "）",
                    "the expert's organisation has the applicant's credit code (" + a.creditCode() + ")")));
        }
        if (a.creditCode() != null && declared(e, a.creditCode())) {
            out.add(new Conflict(Rule.DECLARED, new Why("专家申报了与该单位（" + a.creditCode() + "）的利益冲突",
                    "the expert declared a conflict with " + a.creditCode())));
        }
        int y = a.creditCode() == null ? -1 : lastJointYear(e, a);
        if (y >= 0) {
            out.add(new Conflict(Rule.CO_APPLICANT, new Why("专家于 " + y + " 年与该单位联合申报项目（近" + CO_APPLICANT_YEARS + "年内）",
                    "the expert applied jointly with the applicant in " + y + " (within " + CO_APPLICANT_YEARS + " years)")));
        }
        return out;
    }

    // plain loops below: the proposal asks these for every matching expert of every case
    private static boolean declared(ExpertTies e, String code) {
        if (e.declaredCreditCodes().isEmpty()) return false;
        if (e.declaredCreditCodes().contains(code)) return true;
        for (String d : e.declaredCreditCodes()) if (d.equalsIgnoreCase(code)) return true;
        return false;
    }

    /** The latest joint application with the applicant within the window, or -1. */
    private static int lastJointYear(ExpertTies e, Applicant a) {
        int best = -1;
        for (CoApplication c : e.coApplications()) {
            if (c.creditCode().equalsIgnoreCase(a.creditCode()) && c.year() <= a.year() && c.year() > a.year() - CO_APPLICANT_YEARS) {
                best = Math.max(best, c.year());
            }
        }
        return best;
    }

    /** Organisation names compared without spaces and full-width brackets, so "（有限）" and "(有限)" match. */
    static String normalise(String s) {
        // a loop, not a regular expression: the proposal compares every matching expert with every case
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) continue;
            b.append(c == '（' ? '(' : c == '）' ? ')' : c);
        }
        return b.toString();
    }
}
