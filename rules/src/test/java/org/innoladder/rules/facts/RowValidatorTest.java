package org.innoladder.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RowValidatorTest {
    static final Clock CLOCK = Clock.fixed(LocalDate.of(2026, 6, 15).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    final RowValidator validator = new RowValidator(CLOCK, code -> !code.equals("320499"));

    static Map<Column, Object> minimal() {
        Map<Column, Object> cells = new EnumMap<>(Column.class);
        cells.put(Column.CREDIT_CODE, "914403001922038216");
        cells.put(Column.NAME, "华为技术有限公司");
        cells.put(Column.FOUNDED_ON, "1987-09-15");
        cells.put(Column.YEAR, "2024");
        return cells;
    }

    RowResult<FactRow> with(Column c, Object value) {
        Map<Column, Object> cells = minimal();
        cells.put(c, value);
        return validator.validate(cells);
    }

    Object accepted(Column c, Object value) {
        RowResult<FactRow> r = with(c, value);
        assertThat(r.errors()).as("%s=%s", c, value).isEmpty();
        return r.value().get(c);
    }

    FieldError rejected(Column c, Object value) {
        RowResult<FactRow> r = with(c, value);
        assertThat(r.isValid()).as("%s=%s should be rejected", c, value).isFalse();
        assertThat(r.errors()).hasSize(1);
        FieldError e = r.errors().get(0);
        assertThat(e.column()).isEqualTo(c.key());
        return e;
    }

    @Test
    void aMinimalRowIsValidAndEmptyCellsAreUnknownNotZero() {
        Map<Column, Object> cells = minimal();
        cells.put(Column.EMPLOYEES, "  ");
        cells.put(Column.SALES_REVENUE, "");
        RowResult<FactRow> r = validator.validate(cells);
        assertThat(r.isValid()).isTrue();
        assertThat(r.value().has(Column.EMPLOYEES)).isFalse();
        assertThat(r.value().has(Column.SALES_REVENUE)).isFalse();
        assertThat(r.value().year()).isEqualTo(2024);
        assertThat(r.value().date(Column.FOUNDED_ON)).isEqualTo(LocalDate.of(1987, 9, 15));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREDIT_CODE", "NAME", "FOUNDED_ON", "YEAR"})
    void requiredColumnsMustNotBeEmpty(Column c) {
        FieldError e = rejected(c, "　");
        assertThat(e.reasonEn()).isEqualTo(c.key() + " is required and must not be empty");
        assertThat(e.reasonZh()).contains(c.headerZh(), "必填");
    }

    @Test
    void creditCodeIsUpperCasedAndChecked() {
        assertThat(accepted(Column.CREDIT_CODE, "9144030071526726xg")).isEqualTo("9144030071526726XG");
        FieldError e = rejected(Column.CREDIT_CODE, "914403001922038217");
        assertThat(e.value()).isEqualTo("914403001922038217");
        assertThat(e.reasonEn()).contains("credit_code", "914403001922038217", "should be 6");
        assertThat(e.reasonZh()).contains("统一社会信用代码", "应为6");
    }

    @Test
    void regionCodeHasSixOrNineDigitsAndTwelveAreCut() {
        assertThat(accepted(Column.REGION_CODE, "320412")).isEqualTo("320412");
        assertThat(accepted(Column.REGION_CODE, "320412100")).isEqualTo("320412100");
        assertThat(accepted(Column.REGION_CODE, "320412100000")).isEqualTo("320412100");
        assertThat(accepted(Column.REGION_CODE, new BigDecimal("320412"))).isEqualTo("320412");
        assertThat(rejected(Column.REGION_CODE, "3204").reasonEn()).contains("6 or 9 digits", "has 4");
        assertThat(rejected(Column.REGION_CODE, "32041210").reasonEn()).contains("has 8");
        assertThat(rejected(Column.REGION_CODE, "32O412").reasonEn()).contains("6-digit county");
        FieldError missing = rejected(Column.REGION_CODE, "320499");
        assertThat(missing.reasonEn()).isEqualTo("region_code '320499' does not exist in the region table");
        assertThat(missing.reasonZh()).contains("320499", "不存在");
    }

    @Test
    void industryCodeIsALetterAndUpToFourDigits() {
        assertThat(accepted(Column.INDUSTRY_CODE, "c3911")).isEqualTo("C3911");
        assertThat(accepted(Column.INDUSTRY_CODE, "I")).isEqualTo("I");
        rejected(Column.INDUSTRY_CODE, "C39111");
        rejected(Column.INDUSTRY_CODE, "3911");
        rejected(Column.INDUSTRY_CODE, "Z12");
    }

    @Test
    void hnteDomainIsOneToEight() {
        assertThat(accepted(Column.HNTE_DOMAIN, "01")).isEqualTo("01");
        assertThat(accepted(Column.HNTE_DOMAIN, "08")).isEqualTo("08");
        assertThat(accepted(Column.HNTE_DOMAIN, new BigDecimal("3"))).isEqualTo("03");
        assertThat(rejected(Column.HNTE_DOMAIN, "09").reasonEn()).contains("01–08");
        rejected(Column.HNTE_DOMAIN, "00");
        rejected(Column.HNTE_DOMAIN, "电子信息");
    }

    @Test
    void foundedOnAcceptsIsoSlashAndExcelDatesButNotTheFuture() {
        assertThat(accepted(Column.FOUNDED_ON, "2010-3-7")).isEqualTo(LocalDate.of(2010, 3, 7));
        assertThat(accepted(Column.FOUNDED_ON, "2010/3/7")).isEqualTo(LocalDate.of(2010, 3, 7));
        assertThat(accepted(Column.FOUNDED_ON, new BigDecimal("45000"))).isEqualTo(LocalDate.of(2023, 3, 15));
        assertThat(accepted(Column.FOUNDED_ON, "45000")).isEqualTo(LocalDate.of(2023, 3, 15));
        assertThat(accepted(Column.FOUNDED_ON, LocalDateTime.of(2011, 1, 2, 0, 0))).isEqualTo(LocalDate.of(2011, 1, 2));
        assertThat(accepted(Column.FOUNDED_ON, "2026-06-15")).isEqualTo(LocalDate.of(2026, 6, 15));
        assertThat(rejected(Column.FOUNDED_ON, "2026-06-16").reasonEn()).contains("in the future");
        assertThat(rejected(Column.FOUNDED_ON, "2023-02-30").reasonEn()).contains("not a valid date");
        assertThat(rejected(Column.FOUNDED_ON, "15.09.1987").reasonZh()).contains("成立日期", "15.09.1987");
    }

    @ParameterizedTest
    @CsvSource({"true,true", "FALSE,false", "1,true", "0,false", "是,true", "否,false", "Y,true", "n,false"})
    void booleansAcceptTheFourPairs(String text, boolean expected) {
        assertThat(accepted(Column.LISTED, text)).isEqualTo(expected);
        assertThat(accepted(Column.MAJOR_INCIDENT, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "2", "有", "真"})
    void otherBooleanSpellingsAreRejected(String text) {
        assertThat(rejected(Column.HNTE_CERTIFIED, text).reasonEn()).contains("hnte_certified", text, "true/false");
    }

    @Test
    void yearRunsFrom1990ToTheCurrentYear() {
        assertThat(accepted(Column.YEAR, "1990")).isEqualTo(1990);
        assertThat(accepted(Column.YEAR, new BigDecimal("2026"))).isEqualTo(2026);
        assertThat(rejected(Column.YEAR, "1989").reasonEn()).contains("between 1990 and 2026");
        rejected(Column.YEAR, "2027");
        rejected(Column.YEAR, "二〇二四");
    }

    @Test
    void integersAreWholeAndNotNegative() {
        assertThat(accepted(Column.EMPLOYEES, "1,200")).isEqualTo(1200);
        assertThat(accepted(Column.EMPLOYEES, "0")).isEqualTo(0);
        assertThat(accepted(Column.IP_CLASS1, new BigDecimal("3.0"))).isEqualTo(3);
        assertThat(rejected(Column.EMPLOYEES, "-1").reasonEn()).isEqualTo("employees '-1' must not be negative");
        assertThat(rejected(Column.CONVERSIONS, "2.5").reasonEn()).contains("not a whole number");
        rejected(Column.IP_CLASS2, "many");
        assertThat(rejected(Column.EMPLOYEES, "99999999999").reasonEn()).contains("too large");
    }

    @Test
    void moneyHasAtMostTwoDecimalsAndOnlyNetProfitMayBeNegative() {
        assertThat(accepted(Column.SALES_REVENUE, "1,234.50")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(accepted(Column.SALES_REVENUE, "0")).isEqualTo(new BigDecimal("0.00"));
        assertThat(accepted(Column.TOTAL_ASSETS, new BigDecimal("1234.5"))).isEqualTo(new BigDecimal("1234.50"));
        assertThat(accepted(Column.TOTAL_ASSETS, new BigDecimal("0.30000000000000004"))).isEqualTo(new BigDecimal("0.30"));
        assertThat(accepted(Column.NET_PROFIT, "-500.25")).isEqualTo(new BigDecimal("-500.25"));
        assertThat(rejected(Column.RD_EXPENSE, "-1").reasonEn()).isEqualTo("rd_expense '-1' must not be negative");
        assertThat(rejected(Column.SALES_REVENUE, "1.234").reasonEn()).contains("more than 2 decimals");
        assertThat(rejected(Column.SALES_REVENUE, "12,34").reasonEn()).contains("not a number");
        assertThat(rejected(Column.VALUATION_USD, "1e20").reasonEn()).contains("not a number");
        assertThat(rejected(Column.VALUATION_USD, "10000000000000000").reasonEn()).contains("too large");
        rejected(Column.EQUITY_FINANCING, "一百万");
    }

    @Test
    void institutionLevelAcceptsEnglishAndChinese() {
        assertThat(accepted(Column.RD_INSTITUTION_LEVEL, "National")).isEqualTo("national");
        assertThat(accepted(Column.RD_INSTITUTION_LEVEL, "省级")).isEqualTo("provincial");
        assertThat(accepted(Column.RD_INSTITUTION_LEVEL, "市级")).isEqualTo("city");
        assertThat(accepted(Column.RD_INSTITUTION_LEVEL, "无")).isEqualTo("none");
        rejected(Column.RD_INSTITUTION_LEVEL, "county");
    }

    @Test
    void expertScoresStayWithinTheirBounds() {
        assertThat(accepted(Column.HNTE_TECH_ADVANCEMENT, "8")).isEqualTo(8);
        assertThat(accepted(Column.HNTE_CORE_SUPPORT, "0")).isEqualTo(0);
        assertThat(accepted(Column.HNTE_RD_MANAGEMENT, "20")).isEqualTo(20);
        assertThat(accepted(Column.HNTE_STANDARDS_BONUS, "2")).isEqualTo(2);
        assertThat(rejected(Column.HNTE_TECH_ADVANCEMENT, "9").reasonEn()).contains("between 0 and 8");
        rejected(Column.HNTE_CORE_SUPPORT, "-1");
        assertThat(rejected(Column.HNTE_RD_MANAGEMENT, "21").reasonEn()).contains("between 0 and 20");
        rejected(Column.HNTE_STANDARDS_BONUS, "3");
    }

    @ParameterizedTest
    @CsvSource({
            "TECH_STAFF, EMPLOYEES, 12, 10, 科技人员数 12 大于职工总数 10, tech_staff 12 exceeds employees 10",
            "RD_STAFF, EMPLOYEES, 11, 10, 研发人员数 11 大于职工总数 10, rd_staff 11 exceeds employees 10",
            "MAIN_BUSINESS_REVENUE, SALES_REVENUE, 100.01, 100, 主营业务收入 100.01 大于销售收入 100, main_business_revenue 100.01 exceeds sales_revenue 100",
            "HIGHTECH_INCOME, TOTAL_INCOME, 5, 4.99, 高新技术产品（服务）收入 5 大于总收入 4.99, hightech_income 5 exceeds total_income 4.99",
            "RD_EXPENSE_DOMESTIC, RD_EXPENSE, 2, 1, 境内研发费用 2 大于研发费用 1, rd_expense_domestic 2 exceeds rd_expense 1"})
    void partsMayNotExceedTheirWholes(Column part, Column whole, String p, String w, String zh, String en) {
        Map<Column, Object> cells = minimal();
        cells.put(part, p);
        cells.put(whole, w);
        RowResult<FactRow> r = validator.validate(cells);
        assertThat(r.errors()).containsExactly(new FieldError(part.key(), p, zh, en));
        cells.put(part, w);
        assertThat(validator.validate(cells).isValid()).as("equal is fine").isTrue();
        cells.remove(whole);
        cells.put(part, p);
        assertThat(validator.validate(cells).isValid()).as("unknown whole: nothing to compare").isTrue();
    }

    @Test
    void aRowWithSeveralErrorsReportsThemAll() {
        Map<Column, Object> cells = minimal();
        cells.put(Column.CREDIT_CODE, "91330100799655058C");
        cells.remove(Column.NAME);
        cells.put(Column.EMPLOYEES, "-3");
        cells.put(Column.TECH_STAFF, "5");
        cells.put(Column.RD_STAFF, "1");
        cells.put(Column.LISTED, "maybe");
        RowResult<FactRow> r = validator.validate(cells);
        assertThat(r.isValid()).isFalse();
        assertThat(r.errors()).extracting(FieldError::column)
                .containsExactly("credit_code", "name", "listed", "employees");
    }

    @Test
    void cellsArraysMayBeShorterThanTheColumnList() {
        Object[] cells = new Object[Column.YEAR.ordinal() + 1];
        cells[Column.CREDIT_CODE.ordinal()] = "914403001922038216";
        cells[Column.NAME.ordinal()] = "x";
        cells[Column.FOUNDED_ON.ordinal()] = "2001-01-01";
        cells[Column.YEAR.ordinal()] = "2020";
        assertThat(validator.validate(cells).isValid()).isTrue();
    }

    @Test
    void aCellLongerThanItsColumnsMaximumRejectsTheRowShowingOnlyItsBeginning() {
        String name = "常州".repeat(5_000_000);
        FieldError e = rejected(Column.NAME, name);
        assertThat(e.reasonZh()).isEqualTo("企业名称长度为 10,000,000 个字符，超过上限 200 个字符");
        assertThat(e.reasonEn()).isEqualTo("name is 10,000,000 characters long, more than the maximum of 200");
        assertThat(e.value()).hasSize(41).endsWith("…");
        assertThat(accepted(Column.NAME, "名".repeat(Column.NAME_MAX_LENGTH))).asString().hasSize(200);

        FieldError money = rejected(Column.SALES_REVENUE, "1".repeat(65));
        assertThat(money.reasonEn()).isEqualTo("sales_revenue is 65 characters long, more than the maximum of 64");
    }
}
