package org.innoladder.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.innoladder.review.domain.Conflicts;
import org.innoladder.review.domain.Conflicts.Applicant;
import org.innoladder.review.domain.Conflicts.CoApplication;
import org.innoladder.review.domain.Conflicts.ExpertTies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each conflict-of-interest rule, with the near misses on either side of it. The review year is 2026. */
class ConflictsTest {
    static final String APPLICANT_CODE = "91320412MA1XXXXX1A", OTHER_CODE = "91320411MA2YYYYY2B";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no tie at all                                  | 常州大学                 | 12320400466286012X |                    |            | 
            same organisation                              | 常州星河科技（集团）有限公司 |                    |                    |            | SAME_ORGANISATION
            same organisation, full-width brackets, spaces | 常州星河科技 (集团) 有限公司 |                    |                    |            | SAME_ORGANISATION
            organisation's credit code is the applicant's  | 星河科技                 | APPLICANT          |                    |            | SAME_CREDIT_CODE
            declared conflict with the applicant           | 常州大学                 |                    | APPLICANT          |            | DECLARED
            declared conflict with someone else            | 常州大学                 |                    | OTHER              |            | 
            co-applicant this year                         | 常州大学                 |                    |                    | APPLICANT:2026 | CO_APPLICANT
            co-applicant two years ago (within 3 years)    | 常州大学                 |                    |                    | APPLICANT:2024 | CO_APPLICANT
            co-applicant three years ago (outside)         | 常州大学                 |                    |                    | APPLICANT:2023 | 
            co-applicant with someone else                 | 常州大学                 |                    |                    | OTHER:2025 | 
            two rules at once                              | 常州星河科技（集团）有限公司 | APPLICANT          | APPLICANT          | APPLICANT:2025 | SAME_ORGANISATION,SAME_CREDIT_CODE,DECLARED,CO_APPLICANT
            """)
    void eachRuleExcludesWithItsReason(String name, String organisation, String orgCode, String declared, String coApp,
                                        String expected) {
        ExpertTies ties = new ExpertTies(organisation, code(orgCode), declared == null ? Set.of() : Set.of(code(declared)),
                coApp == null ? List.of() : List.of(new CoApplication(code(coApp.split(":")[0]), Integer.parseInt(coApp.split(":")[1]))));
        Applicant applicant = new Applicant("星河科技", "常州星河科技（集团）有限公司", APPLICANT_CODE, 2026);
        List<Conflicts.Conflict> found = Conflicts.of(ties, applicant);
        List<Conflicts.Rule> want = expected == null ? List.of() : Arrays.stream(expected.split(",")).map(Conflicts.Rule::valueOf).toList();
        assertThat(found).extracting(Conflicts.Conflict::rule).containsExactlyElementsOf(want);
        found.forEach(c -> assertThat(c.why().zh()).isNotBlank());
        found.stream().filter(c -> c.rule() != Conflicts.Rule.SAME_ORGANISATION)
                .forEach(c -> assertThat(c.why().zh() + c.why().en()).containsAnyOf(APPLICANT_CODE, "2025", "2024", "2026"));
    }

    private static String code(String s) {
        if (s == null) return null;
        return switch (s) {
            case "APPLICANT" -> APPLICANT_CODE;
            case "OTHER" -> OTHER_CODE;
            default -> s;
        };
    }
}
