package org.innoladder.generator.internal;

import org.innoladder.rules.facts.Column;

/**
 * Every kind of invalid row that {@code generate --with-errors} writes, one per rule the importer enforces
 * (../shared/data-dictionary.md). Each error row breaks exactly one rule, in the column named here.
 */
public enum ErrorKind {
    CREDIT_CODE_CHECK_CHARACTER(Column.CREDIT_CODE, "统一社会信用代码校验位错误", "credit code check character wrong"),
    CREDIT_CODE_LENGTH(Column.CREDIT_CODE, "统一社会信用代码长度错误", "credit code not 18 characters"),
    CREDIT_CODE_FORBIDDEN_CHARACTER(Column.CREDIT_CODE, "统一社会信用代码含不允许的字符", "credit code contains I, O, Z, S or V"),
    NAME_MISSING(Column.NAME, "企业名称为空", "name missing"),
    FOUNDED_ON_MISSING(Column.FOUNDED_ON, "成立日期为空", "founded_on missing"),
    FOUNDED_ON_FUTURE(Column.FOUNDED_ON, "成立日期在未来", "founded_on in the future"),
    FOUNDED_ON_FORMAT(Column.FOUNDED_ON, "成立日期格式错误", "founded_on not a date"),
    YEAR_OUT_OF_RANGE(Column.YEAR, "年度超出范围", "year outside 1990..current year"),
    MONEY_NOT_NUMERIC(Column.TOTAL_COSTS, "金额不是数字", "money not a number"),
    MONEY_NEGATIVE(Column.TOTAL_LIABILITIES, "金额为负", "money negative"),
    MONEY_TOO_MANY_DECIMALS(Column.TOTAL_ASSETS, "金额超过两位小数", "money with more than 2 decimals"),
    INT_NEGATIVE(Column.CONVERSIONS, "整数为负", "negative whole number"),
    TECH_STAFF_OVER_EMPLOYEES(Column.TECH_STAFF, "科技人员数大于职工总数", "tech_staff > employees"),
    RD_STAFF_OVER_EMPLOYEES(Column.RD_STAFF, "研发人员数大于职工总数", "rd_staff > employees"),
    MAIN_BUSINESS_OVER_SALES(Column.MAIN_BUSINESS_REVENUE, "主营业务收入大于销售收入", "main_business_revenue > sales_revenue"),
    HIGHTECH_OVER_TOTAL_INCOME(Column.HIGHTECH_INCOME, "高新技术产品（服务）收入大于总收入", "hightech_income > total_income"),
    DOMESTIC_RD_OVER_RD(Column.RD_EXPENSE_DOMESTIC, "境内研发费用大于研发费用", "rd_expense_domestic > rd_expense"),
    HNTE_DOMAIN_INVALID(Column.HNTE_DOMAIN, "高新技术领域不在01–08", "hnte_domain not 01–08"),
    INDUSTRY_CODE_INVALID(Column.INDUSTRY_CODE, "行业代码格式错误", "industry_code not a letter + up to 4 digits"),
    REGION_CODE_FORMAT(Column.REGION_CODE, "区划代码格式错误", "region_code not 6 or 9 digits"),
    REGION_CODE_UNKNOWN(Column.REGION_CODE, "区划代码不存在", "region_code not in the region table"),
    BOOLEAN_INVALID(Column.LISTED, "布尔值无法识别", "boolean not true/false, 1/0, 是/否, Y/N"),
    RD_INSTITUTION_LEVEL_INVALID(Column.RD_INSTITUTION_LEVEL, "研发机构级别无法识别", "rd_institution_level not none/city/provincial/national"),
    EXPERT_SCORE_OUT_OF_BOUNDS(Column.HNTE_TECH_ADVANCEMENT, "专家评分超出范围", "expert score outside its bounds"),
    DUPLICATE_ROW(Column.YEAR, "同一企业同一年度重复", "duplicate (credit_code, year)");

    private final Column column;
    private final String zh;
    private final String en;

    ErrorKind(Column column, String zh, String en) {
        this.column = column;
        this.zh = zh;
        this.en = en;
    }

    /** The column whose value breaks the rule. */
    public Column column() { return column; }

    public String zh() { return zh; }

    public String en() { return en; }
}
