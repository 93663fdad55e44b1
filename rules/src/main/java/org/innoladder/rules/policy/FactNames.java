package org.innoladder.rules.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innoladder.rules.Label;
import org.innoladder.rules.Unit;
import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.ColumnType;
import org.innoladder.rules.ladder.Tier;

/**
 * How the names a policy reads ({@code e.rd_expense}, {@code y1.sales_revenue}, {@code rec.hnte.held},
 * {@code eval.hnte}, {@code points.percentile}) read to a clerk, and what they measure: for explanations ("缺少数据
 * 研发费用") and for the policy form, whose conditions are picked from {@link #pickable()}.
 */
public final class FactNames {
    /** A name a condition may read: its label, unit and kind (number, yes/no or text). */
    public record Fact(String name, Label label, Unit unit, Kind kind) {
    }

    public enum Kind { NUMBER, BOOL, TEXT }

    private static final Map<String, String> COLUMN_EN = Map.ofEntries(
            Map.entry("listed", "listed"), Map.entry("employees", "employees"), Map.entry("tech_staff", "S&T staff"),
            Map.entry("rd_staff", "R&D staff"), Map.entry("sales_revenue", "sales revenue"),
            Map.entry("main_business_revenue", "main business revenue"), Map.entry("total_income", "total income"),
            Map.entry("hightech_income", "high-tech product/service income"), Map.entry("total_assets", "total assets"),
            Map.entry("total_liabilities", "total liabilities"), Map.entry("total_costs", "total costs and expenses"),
            Map.entry("net_profit", "net profit"), Map.entry("rd_expense", "R&D expense"),
            Map.entry("rd_expense_domestic", "domestic R&D expense"), Map.entry("ip_class1", "Class I IP items"),
            Map.entry("ip_class2", "Class II IP items"), Map.entry("ip_own_rd", "IP includes own R&D"),
            Map.entry("conversions", "results converted"), Map.entry("equity_financing", "equity financing"),
            Map.entry("valuation_usd", "valuation (USD)"),
            Map.entry("major_incident", "major incident or serious environmental violation"),
            Map.entry("bad_credit", "dishonesty or abnormal-operations listing"),
            Map.entry("hnte_certified", "valid HNTE certificate"), Map.entry("rd_institution_level", "R&D institution level"),
            Map.entry("national_award_5y", "national S&T award in five years"),
            Map.entry("led_standard_5y", "led a standard in five years"),
            Map.entry("hnte_tech_advancement", "HNTE expert score: technology"),
            Map.entry("hnte_core_support", "HNTE expert score: core support"),
            Map.entry("hnte_rd_management", "HNTE expert score: R&D management"),
            Map.entry("hnte_standards_bonus", "HNTE expert score: standards"),
            Map.entry("hnte_domain", "HNTE domain"), Map.entry("industry_code", "industry code"));

    private static final Map<String, Label> RECOGNITION_EN = Map.of(
            "tsme", new Label("科技型中小企业", "TSME"), "hnte", new Label("高新技术企业", "HNTE"),
            "gazelle", new Label("瞪羚企业", "gazelle"), "seed_unicorn", new Label("种子独角兽", "seed unicorn"),
            "potential_unicorn", new Label("潜在独角兽", "potential unicorn"), "unicorn", new Label("独角兽", "unicorn"),
            "innovative_sme", new Label("创新型中小企业", "innovative SME"),
            "specialised_sme", new Label("专精特新中小企业", "specialised SME"),
            "little_giant", new Label("专精特新小巨人", "little giant"));

    private FactNames() {
    }

    /** The label of any name a policy reads; the name itself when unknown. */
    public static Label label(String name) {
        String[] p = name.split("\\.");
        if (p.length == 2 && List.of("e", "y1", "y2", "y3", "y4", "sum3").contains(p[0])) {
            Label derived = derived(name);
            if (derived != null) return derived;
            Column c = Column.ofKey(p[1]);
            if (c == null) return new Label(name, name);
            String zh = c.headerZh(), en = COLUMN_EN.getOrDefault(c.key(), c.key().replace('_', ' '));
            return switch (p[0]) {
                case "e" -> new Label(zh, en);
                case "y1" -> new Label("上年" + zh, en + " of the previous year");
                case "sum3" -> new Label("近三年" + zh + "合计", en + " over three years");
                default -> new Label(p[0].substring(1) + "年前" + zh, en + " " + p[0].substring(1) + " years earlier");
            };
        }
        if (p.length == 3 && p[0].equals("rec")) {
            Label kind = RECOGNITION_EN.getOrDefault(p[1], new Label(p[1], p[1]));
            return switch (p[2]) {
                case "held" -> new Label("持有有效" + kind.zh() + "证书", "holds a valid " + kind.en() + " certificate");
                case "first_year" -> new Label(kind.zh() + "首次认定年份", "year first recognised as " + kind.en());
                case "latest_year" -> new Label(kind.zh() + "最近一次认定年份", "year last recognised as " + kind.en());
                default -> new Label(kind.zh() + "证书到期年份", "year the " + kind.en() + " certificate expires");
            };
        }
        if (p.length == 2 && p[0].equals("eval")) {
            Label kind = RECOGNITION_EN.getOrDefault(p[1], new Label(p[1], p[1]));
            return new Label("评估符合" + kind.zh() + "条件", "assessed as meeting the " + kind.en() + " conditions");
        }
        if (p.length == 3 && p[0].equals("tier")) {
            String ladder = p[1].equals("growth") ? "科技部门" : "工信部门";
            String ladderEn = p[1].equals("growth") ? "S&T ladder" : "MIIT ladder";
            return p[2].equals("official") ? new Label(ladder + "最高认定梯度", "highest recognised tier on the " + ladderEn)
                    : new Label(ladder + "最高可达梯度", "highest tier in reach on the " + ladderEn);
        }
        return switch (name) {
            case "points.total" -> new Label("创新积分", "innovation points");
            case "points.percentile" -> new Label("创新积分阶段内百分位", "innovation points percentile in the stage");
            case "points.stage" -> new Label("创新积分阶段", "innovation points stage");
            case "credit.disbursed_yuan" -> new Label("当年平台贷款放款金额", "amount of platform loans disbursed in the year");
            case "credit.disbursed_loans" -> new Label("当年平台贷款放款笔数", "platform loans disbursed in the year");
            case "credit.points_loan_yuan" -> new Label("当年积分贷放款金额", "amount of points loans disbursed in the year");
            case "credit.points_loans" -> new Label("当年积分贷放款笔数", "points loans disbursed in the year");
            case "credit.points_loan" -> new Label("当年获得积分贷放款", "received a points loan in the year");
            default -> new Label(name, name);
        };
    }

    private static Label derived(String name) {
        return switch (name) {
            case "e.age_days" -> new Label("成立天数", "days since founding");
            case "e.age_years" -> new Label("成立年数", "years since founding");
            case "e.lookback_years" -> new Label("近三年中已经营的年数", "years operated of the last three");
            case "e.founded_year" -> new Label("成立年份", "year founded");
            case "e.year" -> new Label("评价年度", "year evaluated");
            default -> null;
        };
    }

    /** What a name measures. */
    public static Unit unit(String name) {
        String[] p = name.split("\\.");
        if (derived(name) != null) {
            return switch (name) {
                case "e.age_days" -> Unit.DAYS;
                case "e.founded_year", "e.year" -> Unit.YEAR;
                default -> Unit.YEARS;
            };
        }
        if (p.length == 2 && Column.ofKey(p[1]) != null && !p[0].equals("eval")) {
            Column c = Column.ofKey(p[1]);
            if (c == Column.VALUATION_USD) return Unit.USD;
            if (c.type() == ColumnType.MONEY) return Unit.YUAN;
            return switch (c) {
                case EMPLOYEES, TECH_STAFF, RD_STAFF -> Unit.PERSONS;
                case IP_CLASS1, IP_CLASS2, CONVERSIONS -> Unit.ITEMS;
                case HNTE_TECH_ADVANCEMENT, HNTE_CORE_SUPPORT, HNTE_RD_MANAGEMENT, HNTE_STANDARDS_BONUS -> Unit.POINTS;
                case RD_INSTITUTION_LEVEL -> Unit.LEVEL;
                case HNTE_DOMAIN -> Unit.DOMAIN;
                default -> Unit.NONE;
            };
        }
        if (name.endsWith("_year")) return Unit.YEAR;
        if (name.equals("points.total")) return Unit.POINTS;
        if (name.equals("points.percentile")) return Unit.PERCENTILE;
        if (name.equals("credit.disbursed_yuan") || name.equals("credit.points_loan_yuan")) return Unit.YUAN;
        if (name.equals("credit.disbursed_loans") || name.equals("credit.points_loans")) return Unit.ITEMS;
        return Unit.NONE;
    }

    /**
     * What the policy form offers to build a condition from: the year-Y facts, the previous year's money facts, the
     * recognitions held or first obtained, evaluation outcomes, the innovation points and the platform's loans.
     */
    public static List<Fact> pickable() {
        List<Fact> out = new ArrayList<>();
        for (Column c : Column.values()) {
            if (c.level() != Column.Level.YEAR || c == Column.YEAR) continue;
            Kind kind = c.type() == ColumnType.BOOL ? Kind.BOOL : c.type() == ColumnType.TEXT ? Kind.TEXT : Kind.NUMBER;
            out.add(fact("e." + c.key(), kind));
        }
        out.add(fact("e.age_years", Kind.NUMBER));
        out.add(fact("e.founded_year", Kind.NUMBER));
        out.add(fact("e.listed", Kind.BOOL));
        for (Column c : List.of(Column.SALES_REVENUE, Column.RD_EXPENSE, Column.MAIN_BUSINESS_REVENUE, Column.EMPLOYEES)) {
            out.add(fact("y1." + c.key(), Kind.NUMBER));
        }
        for (Tier k : Tier.values()) {
            String base = "rec." + k.name().toLowerCase(Locale.ROOT);
            out.add(fact(base + ".held", Kind.BOOL));
            out.add(fact(base + ".first_year", Kind.NUMBER));
        }
        for (String r : PolicyContext.RULESETS) out.add(fact("eval." + r, Kind.BOOL));
        out.add(fact("points.total", Kind.NUMBER));
        out.add(fact("points.percentile", Kind.NUMBER));
        for (String c : PolicyContext.CREDIT) out.add(fact(c, c.equals("credit.points_loan") ? Kind.BOOL : Kind.NUMBER));
        return List.copyOf(out);
    }

    private static Fact fact(String name, Kind kind) {
        return new Fact(name, label(name), unit(name), kind);
    }
}
