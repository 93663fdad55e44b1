package org.innoladder.rules.facts;

import java.util.Arrays;
import java.util.List;

/**
 * Every canonical column of the enterprise data dictionary (../shared/data-dictionary.md), in its order.
 * One row of an import is one enterprise in one accounting year; {@link Level#ENTERPRISE} columns repeat on
 * each of the enterprise's rows, {@link Level#YEAR} columns belong to the year.
 *
 * <p>Only the per-column facts live here (name, Chinese header, type, bounds); rules that relate columns
 * (tech_staff ≤ employees …) live in the row validator.
 */
public enum Column {
    CREDIT_CODE("credit_code", "统一社会信用代码", ColumnType.TEXT, Level.ENTERPRISE, true),
    NAME("name", "企业名称", ColumnType.TEXT, Level.ENTERPRISE, true),
    REGION_CODE("region_code", "所属区划代码", ColumnType.TEXT, Level.ENTERPRISE, false),
    INDUSTRY_CODE("industry_code", "行业代码", ColumnType.TEXT, Level.ENTERPRISE, false),
    HNTE_DOMAIN("hnte_domain", "高新技术领域", ColumnType.TEXT, Level.ENTERPRISE, false),
    FOUNDED_ON("founded_on", "成立日期", ColumnType.DATE, Level.ENTERPRISE, true),
    LISTED("listed", "是否上市", ColumnType.BOOL, Level.ENTERPRISE, false),
    YEAR("year", "年度", ColumnType.INT, Level.YEAR, true),
    EMPLOYEES("employees", "职工总数", ColumnType.INT, Level.YEAR, false),
    TECH_STAFF("tech_staff", "科技人员数", ColumnType.INT, Level.YEAR, false),
    RD_STAFF("rd_staff", "研发人员数", ColumnType.INT, Level.YEAR, false),
    SALES_REVENUE("sales_revenue", "销售收入", ColumnType.MONEY, Level.YEAR, false),
    MAIN_BUSINESS_REVENUE("main_business_revenue", "主营业务收入", ColumnType.MONEY, Level.YEAR, false),
    TOTAL_INCOME("total_income", "总收入", ColumnType.MONEY, Level.YEAR, false),
    HIGHTECH_INCOME("hightech_income", "高新技术产品（服务）收入", ColumnType.MONEY, Level.YEAR, false),
    TOTAL_ASSETS("total_assets", "资产总额", ColumnType.MONEY, Level.YEAR, false),
    TOTAL_LIABILITIES("total_liabilities", "负债总额", ColumnType.MONEY, Level.YEAR, false),
    TOTAL_COSTS("total_costs", "成本费用总额", ColumnType.MONEY, Level.YEAR, false),
    NET_PROFIT("net_profit", "净利润", ColumnType.MONEY, Level.YEAR, false, true),
    RD_EXPENSE("rd_expense", "研发费用", ColumnType.MONEY, Level.YEAR, false),
    RD_EXPENSE_DOMESTIC("rd_expense_domestic", "境内研发费用", ColumnType.MONEY, Level.YEAR, false),
    IP_CLASS1("ip_class1", "Ⅰ类知识产权数", ColumnType.INT, Level.YEAR, false),
    IP_CLASS2("ip_class2", "Ⅱ类知识产权数", ColumnType.INT, Level.YEAR, false),
    IP_OWN_RD("ip_own_rd", "知识产权含自主研发", ColumnType.BOOL, Level.YEAR, false),
    CONVERSIONS("conversions", "科技成果转化数", ColumnType.INT, Level.YEAR, false),
    EQUITY_FINANCING("equity_financing", "股权融资额", ColumnType.MONEY, Level.YEAR, false),
    VALUATION_USD("valuation_usd", "估值（美元）", ColumnType.MONEY, Level.YEAR, false),
    MAJOR_INCIDENT("major_incident", "重大安全质量事故或严重环境违法", ColumnType.BOOL, Level.YEAR, false),
    BAD_CREDIT("bad_credit", "失信或经营异常", ColumnType.BOOL, Level.YEAR, false),
    HNTE_CERTIFIED("hnte_certified", "有效高新技术企业证书", ColumnType.BOOL, Level.YEAR, false),
    RD_INSTITUTION_LEVEL("rd_institution_level", "研发机构级别", ColumnType.TEXT, Level.YEAR, false),
    NATIONAL_AWARD_5Y("national_award_5y", "近五年国家科技奖励（前三）", ColumnType.BOOL, Level.YEAR, false),
    LED_STANDARD_5Y("led_standard_5y", "近五年主导制定标准（前五）", ColumnType.BOOL, Level.YEAR, false),
    HNTE_TECH_ADVANCEMENT("hnte_tech_advancement", "高企-技术先进程度", ColumnType.INT, Level.YEAR, false, 0, 8),
    HNTE_CORE_SUPPORT("hnte_core_support", "高企-核心支持作用", ColumnType.INT, Level.YEAR, false, 0, 8),
    HNTE_RD_MANAGEMENT("hnte_rd_management", "高企-研发组织管理水平", ColumnType.INT, Level.YEAR, false, 0, 20),
    HNTE_STANDARDS_BONUS("hnte_standards_bonus", "高企-参与标准制定加分", ColumnType.INT, Level.YEAR, false, 0, 2);

    /** Whether a column describes the enterprise (repeats on each row) or one accounting year. */
    public enum Level { ENTERPRISE, YEAR }

    private final String key;
    private final String headerZh;
    private final ColumnType type;
    private final Level level;
    private final boolean required;
    private final boolean negativeAllowed;
    private final Integer min;
    private final Integer max;

    Column(String key, String headerZh, ColumnType type, Level level, boolean required) {
        this(key, headerZh, type, level, required, false);
    }

    Column(String key, String headerZh, ColumnType type, Level level, boolean required, boolean negativeAllowed) {
        this(key, headerZh, type, level, required, negativeAllowed, null, null);
    }

    Column(String key, String headerZh, ColumnType type, Level level, boolean required, Integer min, Integer max) {
        this(key, headerZh, type, level, required, false, min, max);
    }

    Column(String key, String headerZh, ColumnType type, Level level, boolean required, boolean negativeAllowed,
           Integer min, Integer max) {
        this.key = key;
        this.headerZh = headerZh;
        this.type = type;
        this.level = level;
        this.required = required;
        this.negativeAllowed = negativeAllowed;
        this.min = min;
        this.max = max;
    }

    /** The English column name, also the database column and the CEL fact name. */
    public String key() { return key; }

    /** The Chinese header as the data dictionary spells it. */
    public String headerZh() { return headerZh; }

    public ColumnType type() { return type; }

    public Level level() { return level; }

    public boolean required() { return required; }

    /** Whether a numeric value may be below zero (only net profit may). */
    public boolean negativeAllowed() { return negativeAllowed; }

    /** Inclusive lower bound for bounded integer columns (expert scores), else null. */
    public Integer min() { return min; }

    /** Inclusive upper bound for bounded integer columns (expert scores), else null. */
    public Integer max() { return max; }

    /**
     * The most characters a cell of this column may hold: {@value #NAME_MAX_LENGTH} for the enterprise name (free
     * text, stored in an indexed column), {@value #VALUE_MAX_LENGTH} for every other column (codes, numbers, dates
     * and yes/no values are far shorter when valid). A longer cell rejects its row without being parsed or echoed.
     */
    public int maxLength() { return this == NAME ? NAME_MAX_LENGTH : VALUE_MAX_LENGTH; }

    /** Longest enterprise name accepted (registered names are well under 100 characters). */
    public static final int NAME_MAX_LENGTH = 200;
    /** Longest value accepted in a column that is not free text. */
    public static final int VALUE_MAX_LENGTH = 64;

    public static List<Column> byLevel(Level level) {
        return Arrays.stream(values()).filter(c -> c.level == level).toList();
    }

    /** The column with this English key, or null. */
    public static Column ofKey(String key) {
        for (Column c : values()) {
            if (c.key.equals(key)) return c;
        }
        return null;
    }
}
