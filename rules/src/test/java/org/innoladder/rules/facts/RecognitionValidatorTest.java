package org.innoladder.rules.facts;

import org.innoladder.rules.ladder.Tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecognitionValidatorTest {
    final RecognitionValidator validator = new RecognitionValidator(RowValidatorTest.CLOCK);

    static Map<RecognitionColumn, Object> row(String kind, String issued, String expires) {
        Map<RecognitionColumn, Object> cells = new EnumMap<>(RecognitionColumn.class);
        cells.put(RecognitionColumn.CREDIT_CODE, "91110108551385082q");
        cells.put(RecognitionColumn.KIND, kind);
        cells.put(RecognitionColumn.CERTIFICATE_NO, "GR202332001234");
        cells.put(RecognitionColumn.ISSUED_ON, issued);
        cells.put(RecognitionColumn.EXPIRES_ON, expires);
        cells.put(RecognitionColumn.ISSUER, "江苏省科学技术厅");
        return cells;
    }

    @Test
    void hnteExpiresThreeYearsAfterIssueWhenNoDateIsGiven() {
        RowResult<Recognition> r = validator.validate(row("高新技术企业", "2023/11/6", null));
        assertThat(r.value()).isEqualTo(new Recognition("91110108551385082Q", Tier.HNTE, "GR202332001234",
                LocalDate.of(2023, 11, 6), LocalDate.of(2026, 11, 6), "江苏省科学技术厅"));
    }

    @Test
    void otherKindsWithoutExpiryStayOpen() {
        assertThat(validator.validate(row("gazelle", "2024-01-01", "")).value().expiresOn()).isNull();
        assertThat(validator.validate(row("TSME", "2024-01-01", "2024-12-31")).value().expiresOn())
                .isEqualTo(LocalDate.of(2024, 12, 31));
    }

    @ParameterizedTest
    @CsvSource({"TSME,TSME", "科技型中小企业,TSME", "瞪羚企业,GAZELLE", "种子独角兽,SEED_UNICORN", "潜在独角兽,POTENTIAL_UNICORN",
            "独角兽,UNICORN", "创新型中小企业,INNOVATIVE_SME", "专精特新中小企业,SPECIALISED_SME", "专精特新小巨人,LITTLE_GIANT",
            "little_giant,LITTLE_GIANT"})
    void kindsByCodeOrChineseName(String text, Tier kind) {
        assertThat(Tier.fromText(text)).isEqualTo(kind);
    }

    @Test
    void everyErrorOfARowIsReported() {
        Map<RecognitionColumn, Object> cells = row("金牌企业", "2027-01-01", "2020-01-01");
        cells.put(RecognitionColumn.CREDIT_CODE, "123");
        cells.remove(RecognitionColumn.CERTIFICATE_NO);
        RowResult<Recognition> r = validator.validate(cells);
        assertThat(r.errors()).extracting(FieldError::column)
                .containsExactly("credit_code", "kind", "certificate_no", "issued_on");
        assertThat(r.errors().get(1).reasonEn()).contains("'金牌企业' is not a known kind");
    }

    @Test
    void expiryBeforeIssueIsRejected() {
        RowResult<Recognition> r = validator.validate(row("HNTE", "2024-01-01", "2023-12-31"));
        assertThat(r.errors()).singleElement().satisfies(e ->
                assertThat(e.reasonEn()).isEqualTo("expires_on 2023-12-31 is before issued_on 2024-01-01"));
    }

    @Test
    void aCertificateNumberOrIssuerLongerThanItsMaximumIsRejected() {
        Map<RecognitionColumn, Object> cells = row("HNTE", "2024-01-01", null);
        cells.put(RecognitionColumn.CERTIFICATE_NO, "G".repeat(101));
        cells.put(RecognitionColumn.ISSUER, "厅".repeat(201));
        RowResult<Recognition> r = validator.validate(cells);
        assertThat(r.errors()).extracting(FieldError::reasonEn).containsExactly(
                "certificate_no is 101 characters long, more than the maximum of 100",
                "issuer is 201 characters long, more than the maximum of 200");
    }
}
