package org.innoladder.review;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.enterprise.ExpertFacts;
import org.innoladder.identity.DataScope;
import org.innoladder.ladder.LadderService;
import org.innoladder.review.domain.ScoringForm;
import org.innoladder.review.internal.ScoringForms;
import org.innoladder.rules.ladder.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo's expert review data, on an empty pool: 40 experts (the demo account {@code expert} is the first) with
 * fields, organisations, some declared conflicts and joint applications, and 60 HNTE dossiers of the demo city (six
 * of the demo town's, then the HNTE reserve pool's members of the year, by the ladder's definition) at
 * every level of the three-level review — at the town, at the city, in expert review (panels open, scoring with the
 * demo expert's sheet still owed, awaiting moderation with one outlier) and scored (the panel's facts written; the demo
 * expert sat on every other panel). The levels take turns along the list, so the demo town's own dossiers (listed
 * first) reach every level (with two only: one decided, one waiting for the town). The challenge demo's decided reviews are written here as well
 * ({@link #decidedChallengeReview}). Written straight into the module's own tables (and the expert facts through
 * {@link ExpertFacts}), with history rows.
 */
@Component
public class ReviewDemo {
    private static final Logger log = LoggerFactory.getLogger(ReviewDemo.class);
    static final String[] ORGS = {"南京大学", "东南大学", "江南大学", "河海大学", "常州大学", "江苏理工学院", "中国科学院苏州纳米所", "南京理工大学",
            "苏州大学", "常州工学院"};
    static final String[] TITLES = {"教授", "研究员", "教授级高级工程师", "副教授", "高级工程师"};
    static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    static final String[] GIVEN = {"建国", "海燕", "志强", "晓明", "丽华", "振宇", "文杰", "雪梅"};
    /**
     * The level of the n-th dossier, in turns: 0 at the town, 1 at the city, 2 panel open, 3 scoring, 4 moderation,
     * 5 scored. A decided one first and one waiting for the town next, so a town with two dossiers has both.
     */
    static final int[] STAGES = {5, 0, 1, 3, 4, 2};

    private final JdbcClient jdbc;
    private final ExpertFacts expertFacts;
    private final ScoringForms forms;
    private final LadderService ladder;

    ReviewDemo(JdbcClient jdbc, ExpertFacts expertFacts, ScoringForms forms, LadderService ladder) {
        this.jdbc = jdbc;
        this.expertFacts = expertFacts;
        this.forms = forms;
        this.ladder = ladder;
    }

    @Transactional
    public void ensureLoaded(int year) {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM review_expert)").query(Boolean.class).single()) return;
        Long officer = jdbc.sql("SELECT id FROM app_user WHERE username = 'bureau'").query(Long.class).optional().orElse(null);
        Long expertUser = jdbc.sql("SELECT id FROM app_user WHERE username = 'expert'").query(Long.class).optional().orElse(null);
        if (officer == null) {
            log.info("No demo bureau account: the review demo is skipped");
            return;
        }
        List<Long> experts = experts(expertUser);
        int dossiers = dossiers(year, officer, experts);
        log.info("Review demo: {} experts, {} HNTE dossiers in review for {}", experts.size(), dossiers, year);
    }

    private List<Long> experts(Long expertUser) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String d1 = String.format("%02d", i % 8 + 1), d2 = String.format("%02d", (i * 3 + 4) % 8 + 1);
            String industry = switch (i % 4) {
                case 0 -> "智能制造";
                case 1 -> "新材料";
                case 2 -> "新能源";
                default -> "生物医药";
            };
            String[] fields = i == 0 ? new String[] {"01", "02", "03", "04", "05", "06", "07", "08", "智能制造"} : new String[] {d1, d2, industry};
            ids.add(jdbc.sql("""
                    INSERT INTO review_expert (user_id, name, organisation, title, fields, available, max_workload, region_code)
                    VALUES (:u, :n, :o, :t, :f, :a, :m, '3204') RETURNING id""")
                    .param("u", i == 0 ? expertUser : null).param("n", i == 0 ? "评审专家（演示）" : SURNAMES[i % 10] + GIVEN[i % 8] + (i / 10 == 0 ? "" : String.valueOf(i / 10)))
                    .param("o", ORGS[i % ORGS.length]).param("t", TITLES[i % TITLES.length]).param("f", fields)
                    .param("a", i % 13 != 7).param("m", i == 0 ? 40 : 8 + i % 5).query(Long.class).single());
        }
        return ids;
    }

    private record Ent(long id, String name, String code, String region, String domain) {
    }

    private int dossiers(int year, long officer, List<Long> experts) {
        // six of the demo town's (so the town account sees every level), then the HNTE reserve pool's members of the year
        // (the 高企后备库 the review is for, by the ladder's definition: the ladder shows them in review), then the rest
        DataScope.SqlFilter pool = ladder.poolMember("e.id", Tier.HNTE, year);
        List<Ent> ents = jdbc.sql("""
                SELECT id, name, credit_code, region_code, hnte_domain FROM (
                    SELECT e.id, e.name, e.credit_code, e.region_code, e.hnte_domain, e.region_code = '320412100' AS in_town,
                           %1$s AS in_pool, row_number() OVER (PARTITION BY e.region_code = '320412100' ORDER BY %1$s DESC, e.id) AS rn
                    FROM enterprise e
                    WHERE e.hnte_domain IS NOT NULL AND e.region_code LIKE '3204%%'
                      AND EXISTS (SELECT 1 FROM enterprise_year y WHERE y.enterprise_id = e.id AND y.year = :y)) x
                ORDER BY (in_town AND rn <= 6) DESC, in_pool DESC, in_town DESC, id LIMIT 60""".formatted(pool.sql()))
                .param("y", year).params(pool.params())
                .query((rs, n) -> new Ent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))).list();
        // a few declared conflicts and joint applications against the first enterprises
        for (int i = 0; i < Math.min(6, ents.size()); i++) {
            jdbc.sql("INSERT INTO review_expert_conflict (expert_id, credit_code, note) VALUES (:x, :c, '曾任技术顾问') ON CONFLICT DO NOTHING")
                    .param("x", experts.get(1 + i)).param("c", ents.get(i).code()).update();
            jdbc.sql("INSERT INTO review_expert_coapplication (expert_id, credit_code, year, project) VALUES (:x, :c, :y, '联合申报省重点研发') ON CONFLICT DO NOTHING")
                    .param("x", experts.get(10 + i)).param("c", ents.get(i).code()).param("y", year - 1).update();
        }
        ScoringForm form = forms.get(ScoringForms.HNTE);
        int n = 0;
        for (Ent e : ents) {
            int stage = STAGES[n % STAGES.length];
            String status = switch (stage) {
                case 0 -> "SUBMITTED";
                case 1 -> "TOWN_CHECKED";
                case 5 -> "SCORED";
                default -> "CITY_CHECKED";
            };
            long dossier = jdbc.sql("""
                    INSERT INTO hnte_dossier (enterprise_id, year, status, agency_name, ip_list, rd_projects, evidence, submitted_by)
                    VALUES (:e, :y, :s, :a, '发明专利1件；实用新型4件；软件著作权2件', '研发项目3项（见附件）', '查新报告；研发管理制度；产学研合作协议', :by)
                    RETURNING id""").param("e", e.id()).param("y", year).param("s", status)
                    .param("a", n % 3 == 0 ? "常州某知识产权代理有限公司" : null).param("by", officer).query(Long.class).single();
            event(dossier, officer, "SUBMIT", null, "SUBMITTED");
            if (stage >= 1) event(dossier, officer, "TOWN_CHECK", "SUBMITTED", "TOWN_CHECKED");
            if (stage >= 2) {
                event(dossier, officer, "CITY_CHECK", "TOWN_CHECKED", "CITY_CHECKED");
                long caseId = reviewCase(e, year, officer, dossier, stage, experts, form, n);
                jdbc.sql("UPDATE hnte_dossier SET review_case_id = :c, city_checked_by = :by, city_checked_at = now() WHERE id = :id")
                        .param("c", caseId).param("by", officer).param("id", dossier).update();
                if (stage == 5) event(dossier, officer, "SCORED", "CITY_CHECKED", "SCORED");
            }
            n++;
        }
        return ents.size();
    }

    private long reviewCase(Ent e, int year, long officer, long dossier, int stage, List<Long> experts, ScoringForm form, int n) {
        String status = switch (stage) {
            case 2 -> "OPEN";
            case 3 -> "SCORING";
            case 4 -> "MODERATION";
            default -> "DECIDED";
        };
        long caseId = jdbc.sql("""
                INSERT INTO review_case (kind, subject_id, form_id, title, applicant_name, applicant_credit_code, enterprise_id, region_code,
                                         fields, year, status, created_by)
                VALUES ('HNTE', :s, :f, :t, :n, :c, :e, :r, :fields, :y, :st, :by) RETURNING id""")
                .param("s", dossier).param("f", form.id()).param("t", "高企申报专家评审：" + e.name() + "（" + year + "）").param("n", e.name())
                .param("c", e.code()).param("e", e.id()).param("r", e.region()).param("fields", new String[] {e.domain()}).param("y", year)
                .param("st", status).param("by", officer).query(Long.class).single();
        caseEvent(caseId, officer, "OPEN", null, "OPEN", null);
        if (stage == 2) return caseId;
        // three experts of the case's domain: the demo expert (who covers every domain) sits on the scoring panels
        List<Long> panel = new ArrayList<>();
        if (stage == 3 || (stage == 5 && n / STAGES.length % 2 == 0)) panel.add(experts.get(0));
        for (int i = 1; panel.size() < 3; i++) panel.add(experts.get(1 + (n * 3 + i) % (experts.size() - 1)));
        caseEvent(caseId, officer, "ASSIGN", "OPEN", "SCORING", "指派专家 3 名");
        List<Map<String, Integer>> sheets = new ArrayList<>();
        for (int k = 0; k < panel.size(); k++) {
            boolean submitted = stage >= 4 || k > 0;
            boolean outlier = stage == 4 && k == 2;
            long a = jdbc.sql("""
                    INSERT INTO review_assignment (case_id, expert_id, status, proposed_because, confirmed_by, submitted_at)
                    VALUES (:c, :x, :s, '匹配 1 个领域', :by, CASE WHEN :sub THEN now() END) RETURNING id""")
                    .param("c", caseId).param("x", panel.get(k)).param("s", submitted ? "SUBMITTED" : (k == 0 ? "CONFIRMED" : "ACCEPTED"))
                    .param("by", officer).param("sub", submitted).query(Long.class).single();
            if (!submitted) continue;
            Map<String, Integer> s = new LinkedHashMap<>();
            for (ScoringForm.Criterion c : form.criteria()) {
                int v = outlier ? Math.max(0, c.max() / 4 - 1) : Math.min(c.max(), c.max() * 3 / 4 - ((n + k) % 2));
                s.put(c.id(), v);
                jdbc.sql("INSERT INTO review_score (assignment_id, criterion_id, score, comment) VALUES (:a, :c, :v, :m)")
                        .param("a", a).param("c", c.id()).param("v", v).param("m", c.commentRequired() ? "材料佐证充分" : null).update();
            }
            BigDecimal total = form.total(s);
            jdbc.sql("UPDATE review_assignment SET total = :t WHERE id = :id").param("t", total).param("id", a).update();
            caseEvent(caseId, null, "SUBMIT", "SCORING", "SCORING", null);
            sheets.add(s);
        }
        if (stage == 4) caseEvent(caseId, null, "SUBMIT", "SCORING", "MODERATION", null);
        if (stage == 5) {
            Map<String, Integer> facts = form.factValues(sheets);
            BigDecimal mean = sheets.stream().map(form::total).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(sheets.size()), 2, java.math.RoundingMode.HALF_UP);
            jdbc.sql("UPDATE review_case SET mean = :m, passes = :p, decided_by = :by, decided_at = now() WHERE id = :id")
                    .param("m", mean).param("p", form.threshold() == null ? null : mean.compareTo(form.threshold()) >= 0)
                    .param("by", officer).param("id", caseId).update();
            caseEvent(caseId, officer, "DECIDE", "MODERATION", "DECIDED", "平均分 " + mean.stripTrailingZeros().toPlainString());
            expertFacts.record(e.id(), year, facts);
            jdbc.sql("""
                    INSERT INTO hnte_expert_fact (enterprise_id, year, review_case_id, facts, experts, decided_by)
                    VALUES (:e, :y, :c, CAST(:f AS jsonb), '演示专家组', :by) ON CONFLICT (enterprise_id, year) DO NOTHING""")
                    .param("e", e.id()).param("y", year).param("c", caseId).param("f", org.innoladder.review.internal.HnteDossiers.json(facts)).param("by", officer).update();
        }
        return caseId;
    }

    /**
     * A decided review of a challenge application for the challenge demo (the challenge module may not write these
     * tables): three experts of the pool (the demo expert first when {@code withDemoExpert}) submitted sheets at about
     * {@code share} of each criterion's maximum; the officer decided with their mean and the form's threshold.
     * Needs the expert pool ({@link #ensureLoaded}); returns the case's id.
     */
    @Transactional
    public long decidedChallengeReview(long officer, Reviews.Request r, double share, boolean withDemoExpert) {
        ScoringForm form = forms.get(ScoringForms.CHALLENGE);
        List<Long> pool = jdbc.sql("SELECT id FROM review_expert ORDER BY id").query(Long.class).list();
        if (pool.size() < 4) throw new IllegalStateException("the expert pool is loaded first (ReviewDemo.ensureLoaded)");
        long caseId = jdbc.sql("""
                INSERT INTO review_case (kind, subject_id, form_id, title, applicant_name, applicant_credit_code, region_code, fields, year,
                                         blind, status, created_by)
                VALUES ('CHALLENGE', :s, :f, :t, :n, :c, :r, :fields, :y, :b, 'DECIDED', :by) RETURNING id""")
                .param("s", r.subjectId()).param("f", form.id()).param("t", r.title()).param("n", r.applicantName())
                .param("c", r.applicantCreditCode()).param("r", r.regionCode()).param("fields", r.fields().toArray(String[]::new))
                .param("y", r.year()).param("b", r.blind()).param("by", officer).query(Long.class).single();
        caseEvent(caseId, officer, "OPEN", null, "OPEN", null);
        caseEvent(caseId, officer, "ASSIGN", "OPEN", "SCORING", "指派专家 3 名");
        List<Long> panel = new ArrayList<>();
        if (withDemoExpert) panel.add(pool.get(0));
        for (int i = 0; panel.size() < 3; i++) panel.add(pool.get(1 + (int) ((r.subjectId() * 3 + i) % (pool.size() - 1))));
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < panel.size(); k++) {
            long a = jdbc.sql("""
                    INSERT INTO review_assignment (case_id, expert_id, status, proposed_because, confirmed_by, submitted_at)
                    VALUES (:c, :x, 'SUBMITTED', '匹配 1 个领域', :by, now()) RETURNING id""")
                    .param("c", caseId).param("x", panel.get(k)).param("by", officer).query(Long.class).single();
            Map<String, Integer> sheet = new LinkedHashMap<>();
            for (ScoringForm.Criterion c : form.criteria()) {
                int v = Math.max(0, Math.min(c.max(), (int) Math.round(c.max() * share) - k % 2));
                sheet.put(c.id(), v);
                jdbc.sql("INSERT INTO review_score (assignment_id, criterion_id, score, comment) VALUES (:a, :c, :v, :m)")
                        .param("a", a).param("c", c.id()).param("v", v).param("m", c.commentRequired() ? "方案与指标对应，论证充分" : null).update();
            }
            BigDecimal total = form.total(sheet);
            jdbc.sql("UPDATE review_assignment SET total = :t WHERE id = :id").param("t", total).param("id", a).update();
            caseEvent(caseId, null, "SUBMIT", "SCORING", k == panel.size() - 1 ? "MODERATION" : "SCORING", null);
            sum = sum.add(total);
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(panel.size()), 2, java.math.RoundingMode.HALF_UP);
        jdbc.sql("UPDATE review_case SET mean = :m, passes = :p, decided_by = :by, decided_at = now() WHERE id = :id")
                .param("m", mean).param("p", form.threshold() == null || mean.compareTo(form.threshold()) >= 0).param("by", officer)
                .param("id", caseId).update();
        caseEvent(caseId, officer, "DECIDE", "MODERATION", "DECIDED", "平均分 " + mean.stripTrailingZeros().toPlainString());
        return caseId;
    }

    private void event(long dossier, long by, String action, String from, String to) {
        jdbc.sql("INSERT INTO hnte_dossier_event (dossier_id, actor_id, action, from_status, to_status, note) VALUES (:d, :by, :a, :f, :t, '演示数据')")
                .param("d", dossier).param("by", by).param("a", action).param("f", from).param("t", to).update();
    }

    private void caseEvent(long caseId, Long by, String action, String from, String to, String detail) {
        jdbc.sql("INSERT INTO review_event (case_id, actor_id, action, from_status, to_status, detail) VALUES (:c, :by, :a, :f, :t, :d)")
                .param("c", caseId).param("by", by).param("a", action).param("f", from).param("t", to).param("d", detail).update();
    }
}
