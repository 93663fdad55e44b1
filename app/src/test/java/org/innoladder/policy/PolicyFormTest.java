package org.innoladder.policy;

import org.innoladder.policy.web.PolicyForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innoladder.rules.facts.Column;
import org.innoladder.rules.facts.FactRow;
import org.innoladder.rules.policy.Policies;
import org.innoladder.rules.policy.Policy;
import org.innoladder.rules.policy.PolicyOutcome;
import org.innoladder.rules.policy.PolicyResult;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.Figures;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

/**
 * The policy form says the same as the YAML it stands for: every example policy, opened in the form and posted back
 * unchanged, loads again (the same check as the advanced view) with the same criteria, parameters and award, and
 * decides an enterprise the same way; a policy built in the form from picked facts reads back in words and decides as
 * its conditions say; and the form refuses in words what a clerk can get wrong.
 */
public class PolicyFormTest {
    static final Figures FIGURES = new Figures(new StaticMessageSource());

    @Test
    void everyExamplePolicyRoundTripsThroughTheFormUnchanged() {
        for (Policy p : Policies.examples()) {
            PolicyForm form = PolicyForm.of(p);
            PolicyForm posted = PolicyForm.of(post(form));
            Policy again = Policy.load(p.code() + " (form)", posted.toYaml());
            assertThat(again.criteria()).as(p.code()).extracting(Policy.Criterion::id)
                    .containsExactlyElementsOf(p.criteria().stream().map(Policy.Criterion::id).toList());
            assertThat(again.criteria()).as(p.code()).extracting(c -> c.text().zh())
                    .containsExactlyElementsOf(p.criteria().stream().map(c -> c.text().zh()).toList());
            assertThat(again.budget()).as(p.code()).isEqualByComparingTo(p.budget());
            assertThat(again.periodStart()).isEqualTo(p.periodStart());
            assertThat(again.mode()).isEqualTo(p.mode());
            for (Policy.Parameter x : p.parameters().values()) {
                if (!x.numeric()) continue;
                // a parameter keeps its value (it may be renamed when the form owns it: the award's)
                assertThat(again.parameters().values()).as(p.code() + " " + x.name())
                        .anyMatch(y -> y.numeric() && ((Double) y.value()).equals(x.value()));
            }
            for (FactRow row : sample()) {
                PolicyResult before = p.evaluate(List.of(row), 2024, context());
                PolicyResult after = again.evaluate(List.of(row), 2024, context());
                assertThat(after.outcome()).as(p.code() + " " + row.text(Column.NAME)).isEqualTo(before.outcome());
                assertThat(after.amount()).as(p.code() + " " + row.text(Column.NAME)).isEqualTo(before.amount());
            }
        }
    }

    @Test
    void aPolicyBuiltFromPickedFactsReadsInWordsAndDecidesAsItSays() {
        PolicyForm f = PolicyForm.blank();
        f.code = "form_test";
        f.titleZh = "研发投入奖励";
        f.issuer = "示例区科技局";
        f.documentNo = "示例〔2025〕1号";
        f.periodFrom = "2025-01-01";
        f.periodTo = "2025-12-31";
        f.targetGroup = "区内企业";
        f.budgetWan = "300";
        f.conditions.clear();
        f.conditions.add(new PolicyForm.Condition("", "e.rd_expense", PolicyForm.Op.GE, "100", "", "", "", ""));
        f.conditions.add(new PolicyForm.Condition("", "rec.hnte.held", PolicyForm.Op.YES, "", "", "", "", ""));
        f.awardKind = PolicyForm.AwardKind.SHARE;
        f.awardRatePct = "10";
        f.awardFact = "e.rd_expense";
        f.awardCapWan = "20";

        Policy p = Policy.load("form", f.toYaml());
        assertThat(p.budget()).isEqualByComparingTo(new BigDecimal("3000000"));
        assertThat(p.criteria().get(0).text().zh()).isEqualTo("研发费用 ≥ 100 万元");
        assertThat(p.criteria().get(1).text().zh()).isEqualTo("持有有效高新技术企业证书");
        assertThat(p.parameters().values()).allSatisfy(x -> assertThat(x.label()).isNotNull());
        assertThat(f.preview(FIGURES, Locale.SIMPLIFIED_CHINESE)).containsExactly("研发费用 ≥ 100.00 万元", "持有有效高新技术企业证书");
        assertThat(f.awardPreview(FIGURES, Locale.SIMPLIFIED_CHINESE)).isEqualTo("研发费用的 10.0%，最高 20.00 万元");
        assertThat(f.awardPreview(FIGURES, Locale.ENGLISH)).isEqualTo("10.0% of R&D expense, at most 200,000 yuan");

        Map<String, Object> held = Map.of("rec.hnte.held", true);
        assertThat(p.evaluate(List.of(row("甲", 1_500_000)), 2025, held).amount()).isEqualByComparingTo("150000.00");
        assertThat(p.evaluate(List.of(row("乙", 5_000_000)), 2025, held).amount()).isEqualByComparingTo("200000.00");
        assertThat(p.evaluate(List.of(row("丙", 900_000)), 2025, held).outcome()).isNotEqualTo(PolicyOutcome.ELIGIBLE);
        assertThat(p.evaluate(List.of(row("丁", 1_500_000)), 2025, Map.of("rec.hnte.held", false)).outcome())
                .isEqualTo(PolicyOutcome.NOT_ELIGIBLE);
    }

    @Test
    void whatAClerkCanGetWrongIsRefusedInWordsNamingTheField() {
        PolicyForm f = PolicyForm.of(Policies.example("tsme_entry_award"));
        f.budgetWan = "两百";
        assertThatThrownBy(f::toYaml).isInstanceOfSatisfying(BadParameterException.class, e -> {
            assertThat(e.parameter()).isEqualTo("budgetWan");
            assertThat(e.ruleZh()).isEqualTo("须为数字");
        });
        PolicyForm g = PolicyForm.of(Policies.example("tsme_entry_award"));
        g.conditions.clear();
        g.kept.clear();
        assertThatThrownBy(g::toYaml).isInstanceOfSatisfying(BadParameterException.class,
                e -> assertThat(e.ruleZh()).isEqualTo("至少需要一个申报条件"));
        PolicyForm h = PolicyForm.of(Policies.example("tsme_entry_award"));
        h.titleZh = " ";
        assertThatThrownBy(h::toYaml).isInstanceOfSatisfying(BadParameterException.class,
                e -> assertThat(e.parameter()).isEqualTo("titleZh"));
    }

    /** The request a browser sends for the form as shown: every field, rows as repeated fields in order. */
    public static Map<String, String[]> post(PolicyForm f) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        put(m, "code", f.code);
        put(m, "titleZh", f.titleZh);
        put(m, "titleEn", f.titleEn);
        put(m, "issuer", f.issuer);
        put(m, "documentNo", f.documentNo);
        put(m, "clause", f.clause);
        put(m, "periodFrom", f.periodFrom);
        put(m, "periodTo", f.periodTo);
        put(m, "targetGroup", f.targetGroup);
        put(m, "mode", f.mode);
        put(m, "budgetWan", f.budgetWan);
        put(m, "contact", f.contact);
        put(m, "handbook", f.handbook);
        put(m, "source", f.source);
        put(m, "example", String.valueOf(f.example));
        put(m, "carried", f.carried);
        put(m, "order", f.order);
        for (PolicyForm.Condition c : f.conditions) {
            put(m, "cond.id", c.id());
            put(m, "cond.param", c.param());
            put(m, "cond.levers", c.levers());
            put(m, "cond.fact", c.fact());
            put(m, "cond.op", c.op().name());
            put(m, "cond.value", c.value());
            put(m, "cond.zh", c.zh());
            put(m, "cond.en", c.en());
            put(m, "cond.remove", "false");
        }
        // the empty "new condition" row
        for (String k : List.of("cond.id", "cond.param", "cond.levers", "cond.fact", "cond.value", "cond.zh", "cond.en")) put(m, k, "");
        put(m, "cond.op", "GE");
        put(m, "cond.remove", "false");
        for (PolicyForm.Kept k : f.kept) {
            put(m, "kept.id", k.id());
            put(m, "kept.zh", k.zh());
            put(m, "kept.en", k.en());
            put(m, "kept.condition", k.condition());
            put(m, "kept.levers", k.levers());
            put(m, "kept.remove", "false");
        }
        for (PolicyForm.Param p : f.params) {
            put(m, "param.name", p.name());
            put(m, "param.zh", p.zh());
            put(m, "param.en", p.en());
            put(m, "param.value", p.value());
            put(m, "param.unit", p.unit());
            put(m, "param.note", p.note());
        }
        for (String k : List.of("param.name", "param.zh", "param.en", "param.value", "param.note")) put(m, k, "");
        put(m, "param.unit", "yuan");
        put(m, "awardKind", f.awardKind.name());
        put(m, "awardAmountWan", f.awardAmountWan);
        put(m, "awardRatePct", f.awardRatePct);
        put(m, "awardFact", f.awardFact);
        put(m, "awardCapWan", f.awardCapWan);
        put(m, "awardExpr", f.awardExpr);
        Map<String, String[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
        return out;
    }

    private static void put(Map<String, List<String>> m, String k, String v) {
        m.computeIfAbsent(k, x -> new ArrayList<>()).add(v == null ? "" : v);
    }

    /** Enterprises of different sizes and standing for 2024 (the examples' year). */
    static List<FactRow> sample() {
        List<FactRow> rows = new ArrayList<>();
        long[] rd = {0, 900_000, 2_000_000, 3_000_000, 8_000_000, 40_000_000};
        for (int i = 0; i < rd.length; i++) {
            rows.add(FactRow.builder().set(Column.CREDIT_CODE, "91110108551385082Q").set(Column.NAME, "企业" + i)
                    .set(Column.YEAR, 2024).set(Column.FOUNDED_ON, java.time.LocalDate.of(2015, 3, 1))
                    .set(Column.EMPLOYEES, 100 + 50 * i).set(Column.TECH_STAFF, 8 + 10 * i).set(Column.RD_STAFF, 5 + 8 * i)
                    .set(Column.SALES_REVENUE, BigDecimal.valueOf(10_000_000L * (i + 1)))
                    .set(Column.RD_EXPENSE, BigDecimal.valueOf(rd[i])).set(Column.RD_EXPENSE_DOMESTIC, BigDecimal.valueOf(rd[i]))
                    .set(Column.BAD_CREDIT, i == 1).set(Column.MAJOR_INCIDENT, false).build());
        }
        return rows;
    }

    /** Recognitions, tiers, evaluations and points as the matching would fill them. */
    static Map<String, Object> context() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rec.hnte.held", true);
        c.put("rec.hnte.first_year", 2024.0);
        c.put("rec.hnte.latest_year", 2024.0);
        c.put("rec.tsme.first_year", 2024.0);
        c.put("rec.gazelle.first_year", 2024.0);
        c.put("eval.hnte", true);
        c.put("points.percentile", 80.0);
        c.put("points.total", 70.0);
        return c;
    }

    private static FactRow row(String name, long rd) {
        return FactRow.builder().set(Column.CREDIT_CODE, "91110108551385082Q").set(Column.NAME, name).set(Column.YEAR, 2025)
                .set(Column.RD_EXPENSE, BigDecimal.valueOf(rd)).build();
    }
}
