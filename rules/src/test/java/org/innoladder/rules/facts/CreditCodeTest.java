package org.innoladder.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The public vectors of ../shared/standards/README.md §7. */
class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"914403001922038216", "9144030071526726XG", "91110108551385082Q", "91330100799655058B"})
    void acceptsThePublicValidVectors(String code) {
        assertThat(CreditCode.check(code)).isEmpty();
        assertThat(CreditCode.complete(code.substring(0, 16))).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"914403001922038217, 6", "91330100799655058C, B"})
    void rejectsTheInvalidVectorsNamingTheExpectedCheckCharacter(String code, char expected) {
        assertThat(CreditCode.check(code)).get()
                .satisfies(p -> assertThat(p.en()).contains("position 18", "should be " + expected))
                .satisfies(p -> assertThat(p.zh()).contains("应为" + expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"91440300192203821", "9144030019220382166", "91440300I922038216", "914403001922O38216"})
    void rejectsWrongLengthAndForbiddenCharacters(String code) {
        assertThat(CreditCode.isValid(code)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void rejectsABrokenOrganisationCodeCheckEvenWhenTheLastCharacterIsRecomputed() {
        String first17 = "9144030019220382" + "7"; // organisation check should be 1
        String code = first17 + CreditCode.checkCharacter(first17);
        assertThat(CreditCode.check(code)).get().satisfies(p -> assertThat(p.en()).contains("position 17"));
    }
}
