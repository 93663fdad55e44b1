package org.innoladder.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeaderMatchTest {

    @Test
    void matchesEnglishKeysAndChineseHeadersLoosely() {
        HeaderMatch<Column> m = HeaderMatch.ofFacts(List.of("\uFEFFCredit_Code", " 企业名称　", "成立日期", "YEAR",
                "高新技术产品(服务)收入", "估值 （美元）", "I类知识产权数", "Ⅱ类知识产权数"));
        assertThat(m.readable()).isTrue();
        assertThat(m.columns()).containsExactly(Column.CREDIT_CODE, Column.NAME, Column.FOUNDED_ON, Column.YEAR,
                Column.HIGHTECH_INCOME, Column.VALUATION_USD, Column.IP_CLASS1, Column.IP_CLASS2);
        assertThat(m.warnings()).isEmpty();
        assertThat(m.indexOf(Column.YEAR)).isEqualTo(3);
        assertThat(m.indexOf(Column.EMPLOYEES)).isEqualTo(-1);
    }

    @Test
    void unknownHeadersAreWarnedAboutAndIgnored() {
        HeaderMatch<Column> m = HeaderMatch.ofFacts(List.of("credit_code", "name", "备注", "founded_on", "year", ""));
        assertThat(m.readable()).isTrue();
        assertThat(m.columns().get(2)).isNull();
        assertThat(m.warnings()).hasSize(1);
        assertThat(m.warnings().get(0).reasonEn()).isEqualTo("unknown header '备注' (column 3) ignored");
    }

    @Test
    void missingRequiredColumnsMakeTheFileUnreadable() {
        HeaderMatch<Column> m = HeaderMatch.ofFacts(List.of("统一社会信用代码", "企业名称", "职工总数"));
        assertThat(m.readable()).isFalse();
        assertThat(m.problem().reasonEn()).isEqualTo("missing required columns: founded_on (成立日期), year (年度)");
        assertThat(m.problem().reasonZh()).isEqualTo("缺少必填列：成立日期(founded_on)、年度(year)");
    }

    @Test
    void duplicateHeadersMakeTheFileUnreadable() {
        HeaderMatch<Column> m = HeaderMatch.ofFacts(Arrays.asList("credit_code", "name", "founded_on", "year", "企业名称"));
        assertThat(m.readable()).isFalse();
        assertThat(m.problem().reasonEn()).isEqualTo("duplicate headers: name (2, 5)");
    }

    @Test
    void recognitionHeaders() {
        HeaderMatch<RecognitionColumn> m = HeaderMatch.ofRecognitions(List.of("统一社会信用代码", "类别", "证书编号", "发证日期"));
        assertThat(m.readable()).isTrue();
        assertThat(HeaderMatch.ofRecognitions(List.of("credit_code", "kind")).problem().reasonEn())
                .isEqualTo("missing required columns: certificate_no (证书编号), issued_on (发证日期)");
    }
}
