package org.innoladder.rules.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every bundled compensation scheme against its YAML cases (boundaries, caps, bonuses, recoveries), plus the caps the
 * bundled schemes leave open (per loan, per bank across a batch) on a scheme built from text, and load errors.
 */
class CompensationCasesTest {

    @TestFactory
    Stream<DynamicTest> everyBundledSchemeMeetsItsCases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String code : CompensationSchemes.bundled()) {
            CompensationScheme scheme = CompensationSchemes.bundled(code);
            Map<String, Object> file = CompensationSchemes.bundledTests(code);
            assertThat(file.get("scheme")).isEqualTo(code);
            Map<String, Object> base = CompensationSchemes.map(code, "base", file.get("base"));
            for (Object o : (List<?>) file.get("cases")) {
                Map<String, Object> c = CompensationSchemes.map(code, "case", o);
                tests.add(DynamicTest.dynamicTest(code + ": " + c.get("name"), () -> {
                    Map<String, String> row = new LinkedHashMap<>();
                    base.forEach((k, v) -> row.put(k, (String) v));
                    if (c.get("set") != null) CompensationSchemes.map(code, "set", c.get("set")).forEach((k, v) -> row.put(k, (String) v));
                    Compensation r = scheme.compute(ClaimColumns.claim(row));
                    Map<String, Object> expect = CompensationSchemes.map(code, "expect", c.get("expect"));
                    assertThat(r.amount()).as(r.explanationEn()).isEqualByComparingTo((String) expect.get("amount"));
                    assertThat(r.amount().scale()).isEqualTo(2);
                    if (expect.get("share") != null) assertThat(r.share()).isEqualByComparingTo((String) expect.get("share"));
                    assertThat(r.explanationZh()).contains("补偿");
                }));
            }
            for (Object o : (List<?>) file.get("recoveries")) {
                Map<String, Object> c = CompensationSchemes.map(code, "recovery", o);
                tests.add(DynamicTest.dynamicTest(code + " recovery: " + c.get("name"), () ->
                        assertThat(CompensationScheme.recoveryToPool(new BigDecimal((String) c.get("recovered")),
                                new BigDecimal((String) c.get("compensated")), new BigDecimal((String) c.get("loss"))))
                                .isEqualByComparingTo((String) c.get("expect"))));
            }
        }
        assertThat(tests).hasSizeGreaterThan(15);
        return tests.stream();
    }

    @Test
    void theDefaultIsAnhuiAndEveryValueSaysWhereItComesFrom() {
        CompensationScheme s = CompensationSchemes.defaultScheme();
        assertThat(s.code()).isEqualTo("anhui_default");
        assertThat(s.citations()).isNotEmpty();
        assertThat(s.notes()).containsKeys("share_direct", "per_loan_cap_yuan", "per_bank_cap_yuan", "whitelist_only");
        assertThat(s.notes().get("per_loan_cap_yuan")).contains("project default");
        assertThat(CompensationSchemes.bundled()).containsExactly("anhui_default", "rugao_whitelist");
    }

    static final String CAPPED = """
            code: capped
            title: {zh: 测试方案, en: Test scheme}
            citations: [{document: 测试, trust: example}]
            parameters:
              share_direct: {value: 0.30, note: t}
              share_guaranteed: {value: 0.20, note: t}
              bonus_first_or_pure_credit: {value: 0.05, note: t}
              cumulative_cap_of_loss: {value: 0.80, note: t}
              per_loan_cap_yuan: {value: 250000, note: t}
              per_bank_cap_yuan: {value: 400000, note: t}
              min_new_credit_yuan: {value: ~, note: t}
              whitelist_only: {value: "false", note: t}
            """;

    static CompensationClaim claim(String id, String bank, String principal) {
        return new CompensationClaim(id, bank, CompensationClaim.LoanKind.DIRECT, false, false, false, BigDecimal.ZERO,
                new BigDecimal(principal), new BigDecimal(principal), BigDecimal.ZERO);
    }

    @Test
    void perLoanAndPerBankCapsLowerTheAmountInBatchOrder() {
        CompensationScheme s = CompensationSchemes.parse("capped.yaml", new StringReader(CAPPED));
        List<Compensation> r = s.computeAll(List.of(claim("a", "B1", "1000000"), claim("b", "B1", "500000"),
                claim("c", "B2", "500000"), claim("d", "B1", "100000")));
        assertThat(r.get(0).amount()).isEqualByComparingTo("250000");   // 300000 capped per loan
        assertThat(r.get(0).explanationEn()).contains("per-loan cap");
        assertThat(r.get(1).amount()).isEqualByComparingTo("150000");   // bank B1 has 400000 - 250000 left
        assertThat(r.get(2).amount()).isEqualByComparingTo("150000");   // another bank, its own cap
        assertThat(r.get(3).amount()).isEqualByComparingTo("0");        // B1 exhausted
        assertThat(r.get(3).explanationZh()).contains("单家银行补偿上限");
    }

    @Test
    void loadErrorsNameTheField() {
        assertThatThrownBy(() -> CompensationSchemes.parse("x.yaml", new StringReader(CAPPED.replace("0.30", "1.3"))))
                .hasMessageContaining("x.yaml").hasMessageContaining("share_direct").hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> CompensationSchemes.parse("x.yaml", new StringReader(
                CAPPED.replace("citations: [{document: 测试, trust: example}]", "citations: []"))))
                .hasMessageContaining("citations");
        assertThatThrownBy(() -> CompensationSchemes.parse("x.yaml", new StringReader(CAPPED.replace("value: \"false\"", "value: maybe"))))
                .hasMessageContaining("whitelist_only");
    }

    @Test
    void rowErrorsNameTheColumnAndValue() {
        Map<String, String> row = new LinkedHashMap<>(Map.of("claim_id", "x", "bank_code", "B", "loan_kind", "leasing",
                "new_credit_amount", "1", "nonperforming_principal", "1", "bank_loss_total", "1", "bank_compensated_before", "0"));
        assertThatThrownBy(() -> ClaimColumns.claim(row)).hasMessageContaining("loan_kind").hasMessageContaining("leasing");
        row.put("loan_kind", "直贷");
        row.put("nonperforming_principal", "-5");
        assertThatThrownBy(() -> ClaimColumns.claim(row)).hasMessageContaining("nonperforming_principal").hasMessageContaining("-5");
        row.put("nonperforming_principal", "5");
        row.put("first_loan", "perhaps");
        assertThatThrownBy(() -> ClaimColumns.claim(row)).hasMessageContaining("first_loan").hasMessageContaining("perhaps");
        assertThat(ClaimColumns.column("不良本金")).isEqualTo("nonperforming_principal");
        assertThat(ClaimColumns.column(" Claim_ID ")).isEqualTo("claim_id");
    }
}
