package org.innoladder.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.innoladder.credit.internal.CompensationCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code innoladder compensation} without a database: English and Chinese headers, the default (Anhui) scheme and the
 * 如皋 variant from a file, JSON and CSV output, and bad rows reported by line, column and value with no output.
 */
class CompensationCommandTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = new CompensationCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static final String ENGLISH = """
            claim_id,bank_code,loan_kind,first_loan,pure_credit_or_ip_pledge,whitelisted,new_credit_amount,nonperforming_principal,bank_loss_total,bank_compensated_before
            A-1,B1,direct,false,false,false,5000000,1000000,1000000,0
            A-2,B1,guaranteed,yes,no,no,5000000,1000000,1000000,0
            A-3,B2,direct,0,1,1,12000000,2000000,2000000,1400000
            """;

    @Test
    void computesEachClaimWithItsExplanationAsJson() throws Exception {
        Run r = run("--input", file("claims.csv", ENGLISH).toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<Map<String, Object>> rows = JsonMapper.builder().build().readValue(r.out(), new TypeReference<>() { });
        assertThat(rows).extracting(m -> m.get("claim_id")).containsExactly("A-1", "A-2", "A-3");
        assertThat(num(rows.get(0).get("amount"))).isEqualByComparingTo("300000.00");
        assertThat(r.out()).contains("300000.00");
        assertThat(num(rows.get(1).get("amount"))).isEqualByComparingTo("250000.00");
        assertThat(num(rows.get(1).get("share"))).isEqualByComparingTo("0.25");
        // 35 % of 2,000,000 = 700,000, but 80 % of the loss minus 1,400,000 already paid leaves 200,000
        assertThat(num(rows.get(2).get("amount"))).isEqualByComparingTo("200000.00");
        assertThat((String) rows.get(2).get("explanation")).contains("累计补偿不超过实际损失");
        assertThat(r.err()).contains("anhui_default").contains("750000.00");
    }

    static java.math.BigDecimal num(Object o) {
        return new java.math.BigDecimal(o.toString());
    }

    @Test
    void chineseHeadersTheRugaoVariantAndCsvOutput() throws Exception {
        String chinese = ENGLISH.replaceFirst("claim_id,bank_code,loan_kind,first_loan,pure_credit_or_ip_pledge,whitelisted,new_credit_amount,"
                + "nonperforming_principal,bank_loss_total,bank_compensated_before", "理赔编号,银行代码,贷款类型,首贷,纯信用或知识产权质押,白名单企业,新增信贷金额,不良本金,实际损失,已补偿金额");
        Path scheme = Path.of("../rules/src/main/resources/compensation/rugao_whitelist.yaml");
        Run r = run("--input", file("理赔.csv", chinese).toString(), "--scheme", scheme.toString(), "--format", "csv");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("claim_id,amount,share,explanation,explanation_en");
        // only the white-listed enterprise with at least 1000万 of new credit is covered
        assertThat(lines.get(1)).startsWith("A-1,0.00,");
        assertThat(lines.get(2)).startsWith("A-2,0.00,");
        assertThat(lines.get(3)).startsWith("A-3,200000.00,");
    }

    @Test
    void badRowsAreNamedByLineColumnAndValueAndNothingIsWritten() throws Exception {
        Run r = run("--input", file("bad.csv", ENGLISH.replace("A-2,B1,guaranteed", "A-2,B1,leasing")
                .replace("2000000,2000000,1400000", "-5,2000000,1400000")).toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("line 3: loan_kind: 'leasing'").contains("line 4: nonperforming_principal: '-5'");
        Run missing = run("--input", file("short.csv", "claim_id,bank_code\nA,B\n").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("missing columns").contains("loan_kind");
        Run scheme = run("--input", file("ok.csv", ENGLISH).toString(), "--scheme", file("s.yaml", "code: x\n").toString());
        assertThat(scheme.status()).isEqualTo(1);
        assertThat(scheme.err()).contains("s.yaml").contains("title");
    }
}
