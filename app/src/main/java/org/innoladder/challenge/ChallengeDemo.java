package org.innoladder.challenge;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.innoladder.challenge.domain.ChallengeStatus;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DemoAccounts;
import org.innoladder.identity.Role;
import org.innoladder.identity.SolverAccounts;
import org.innoladder.review.ReviewDemo;
import org.innoladder.review.Reviews;
import org.innoladder.rules.facts.CreditCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo's 揭榜挂帅 data on an empty board: eight solvers (six active, two waiting for the bureau; the demo account
 * {@code solver} with password {@value DemoAccounts#PASSWORD} is the first), and fifteen challenges of the demo city
 * across every state of the process, with applications, review cases for the ones under review, milestones and
 * payments. Written into the module's own tables; review cases through {@link Reviews} (open ones) and
 * {@link ReviewDemo#decidedChallengeReview} (decided ones: every challenge past the expert review has its applications'
 * panels decided, the winner's with the demo expert on it, so the demo {@code expert} may accept its reported milestones).
 */
@Component
public class ChallengeDemo {
    private static final Logger log = LoggerFactory.getLogger(ChallengeDemo.class);
    static final ChallengeStatus[] STATES = {ChallengeStatus.NEED, ChallengeStatus.NEED, ChallengeStatus.SCREENED, ChallengeStatus.PUBLISHED,
            ChallengeStatus.PUBLISHED, ChallengeStatus.PUBLISHED, ChallengeStatus.REVIEW, ChallengeStatus.REVIEW, ChallengeStatus.NEGOTIATION,
            ChallengeStatus.PUBLICITY, ChallengeStatus.CONTRACTED, ChallengeStatus.CONTRACTED, ChallengeStatus.ACCEPTED,
            ChallengeStatus.TERMINATED, ChallengeStatus.REJECTED};
    static final String[][] TOPICS = {
            {"高精度RV减速器寿命提升", "智能制造", "寿命 ≥ 12000 小时；回差 ≤ 1 弧分"},
            {"动力电池负极材料快充性能", "新能源", "4C 快充循环 ≥ 2000 次，容量保持率 ≥ 80%"},
            {"石墨烯导热膜量产工艺", "新材料", "导热系数 ≥ 1500 W/(m·K)，良率 ≥ 95%"},
            {"光伏组件隐裂在线检测", "新能源", "检出率 ≥ 99%，节拍 ≤ 3 秒/片"},
            {"工业机器人视觉引导抓取", "智能制造", "定位精度 ≤ 0.1 mm，无序抓取成功率 ≥ 98%"},
            {"医用高分子导管涂层", "生物医药", "摩擦系数降低 ≥ 60%，生物相容性符合 GB/T 16886"}};

    private final JdbcClient jdbc;
    private final SolverAccounts accounts;
    private final Reviews reviews;
    private final ReviewDemo reviewDemo;

    ChallengeDemo(JdbcClient jdbc, SolverAccounts accounts, Reviews reviews, ReviewDemo reviewDemo) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.reviews = reviews;
        this.reviewDemo = reviewDemo;
    }

    @Transactional
    public void ensureLoaded() {
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM challenge)").query(Boolean.class).single()) return;
        CurrentUser officer = jdbc.sql("SELECT id, username, display_name, region_code FROM app_user WHERE username = 'bureau'")
                .query((rs, n) -> new CurrentUser(rs.getLong(1), rs.getString(2), rs.getString(3), Role.BUREAU, rs.getString(4), null, null))
                .optional().orElse(null);
        if (officer == null) {
            log.info("No demo bureau account: the challenge demo is skipped");
            return;
        }
        List<Long> solvers = solvers(officer);
        LocalDate today = LocalDate.now();
        for (int i = 0; i < STATES.length; i++) challenge(i, STATES[i], officer, solvers, today);
        log.info("Challenge demo: {} solvers, {} challenges", solvers.size(), STATES.length);
    }

    private List<Long> solvers(CurrentUser officer) {
        String[][] orgs = {{"常州大学", "UNIVERSITY"}, {"江苏理工学院", "UNIVERSITY"}, {"中科院常州先进制造技术研究所", "INSTITUTE"},
                {"常州市新能源研究院", "INSTITUTE"}, {"江苏某智能装备有限公司", "ENTERPRISE"}, {"常州某材料科技有限公司", "ENTERPRISE"},
                {"某工业设计研究院", "INSTITUTE"}, {"某精密机械有限公司", "ENTERPRISE"}};
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < orgs.length; i++) {
            String code = CreditCode.complete((orgs[i][1].equals("ENTERPRISE") ? "91" : "12") + "320400" + String.format("%08d", 81_000_000 + i));
            String username = i == 0 ? "solver" : "solver" + i;
            if (accounts.check(username, DemoAccounts.PASSWORD) != null) continue;
            long user = accounts.createDisabled(username, DemoAccounts.PASSWORD, orgs[i][0] + (i == 0 ? "（演示）" : ""));
            boolean active = i < 6;
            if (active) accounts.enable(user);
            ids.add(jdbc.sql("""
                    INSERT INTO challenge_solver (credit_code, name, kind, contact_name, contact_phone, user_id, status, checked_by, checked_at)
                    VALUES (:c, :n, :k, '联系人', '13800138000', :u, :s, :by, CASE WHEN :active THEN now() END) RETURNING id""")
                    .param("c", code).param("n", orgs[i][0]).param("k", orgs[i][1]).param("u", user).param("s", active ? "ACTIVE" : "PENDING")
                    .param("by", active ? officer.id() : null).param("active", active).query(Long.class).single());
        }
        return ids.subList(0, Math.min(6, ids.size()));
    }

    private void challenge(int i, ChallengeStatus state, CurrentUser officer, List<Long> solvers, LocalDate today) {
        String[] t = TOPICS[i % TOPICS.length];
        BigDecimal issuer = BigDecimal.valueOf(200_000L + 100_000L * (i % 5)), government = BigDecimal.valueOf(100_000L + 50_000L * (i % 3));
        boolean pastDeadline = state.ordinal() >= ChallengeStatus.REVIEW.ordinal() && state != ChallengeStatus.REJECTED;
        long id = jdbc.sql("""
                INSERT INTO challenge (title, problem, indicators, field, region_code, issuer_name, issuer_funding_yuan, government_funding_yuan,
                                       deadline, status, created_by, published_at, closed_reason)
                VALUES (:t, :p, :ind, :f, :r, :issuer, :if, :gf, :d, :s, :by, CASE WHEN :pub THEN now() END, :reason) RETURNING id""")
                .param("t", t[0] + (i >= TOPICS.length ? "（二期）" : "")).param("p", "现有工艺无法满足：" + t[2] + "，需外部攻关。").param("ind", t[2])
                .param("f", t[1]).param("r", i % 2 == 0 ? "320412" : "320411").param("issuer", "常州某" + t[1] + "企业（演示）")
                .param("if", issuer).param("gf", government).param("d", pastDeadline ? today.minusDays(10) : today.plusDays(30 + i))
                .param("s", state.name()).param("by", officer.id()).param("pub", state.onBoard())
                .param("reason", state == ChallengeStatus.REJECTED ? "需求与已有项目重复" : state == ChallengeStatus.TERMINATED ? "揭榜方未按期完成首个里程碑" : null)
                .query(Long.class).single();
        event(id, officer.id(), "NEED", null, "NEED");
        if (state == ChallengeStatus.NEED || state == ChallengeStatus.REJECTED) {
            if (state == ChallengeStatus.REJECTED) event(id, officer.id(), "REJECT", "NEED", "REJECTED");
            return;
        }
        event(id, officer.id(), "SCREEN", "NEED", "SCREENED");
        if (state == ChallengeStatus.SCREENED) return;
        event(id, officer.id(), "PUBLISH", "SCREENED", "PUBLISHED");
        // applications: two or three solvers per published challenge
        List<Long> apps = new ArrayList<>();
        for (int k = 0; k < 2 + i % 2 && k < solvers.size(); k++) {
            long solver = solvers.get((i + k) % solvers.size());
            String status = state == ChallengeStatus.PUBLISHED ? (k == 0 ? "SUBMITTED" : "FORMAL_OK")
                    : state == ChallengeStatus.REVIEW ? "IN_REVIEW" : (k == 0 ? "WON" : "LOST");
            long app = jdbc.sql("""
                    INSERT INTO challenge_application (challenge_id, solver_id, team, plan, milestones, price_yuan, status)
                    VALUES (:c, :s, '教授 1 名、博士 2 名、工程师 4 名', '分三阶段完成样机、中试与验证', '样机 6 个月；中试 12 个月', :p, :st) RETURNING id""")
                    .param("c", id).param("s", solver).param("p", issuer.add(government).subtract(BigDecimal.valueOf(10_000L * k)))
                    .param("st", status).query(Long.class).single();
            apps.add(app);
            if (state.ordinal() >= ChallengeStatus.REVIEW.ordinal()) {
                String name = jdbc.sql("SELECT name FROM challenge_solver WHERE id = :id").param("id", solver).query(String.class).single();
                Reviews.Request request = new Reviews.Request(app, "揭榜方案评审：" + t[0] + " — " + name, name, null,
                        i % 2 == 0 ? "320412" : "320411", List.of(t[1]), today.getYear(), true);
                // past the expert review the panels are decided: the winner's (the demo expert on it) above the threshold
                long caseId = state == ChallengeStatus.REVIEW ? reviews.openChallengeReview(officer, request)
                        : reviewDemo.decidedChallengeReview(officer.id(), request, k == 0 ? 0.82 : 0.62, k == 0);
                jdbc.sql("UPDATE challenge_application SET review_case_id = :c WHERE id = :id").param("c", caseId).param("id", app).update();
            }
        }
        if (state == ChallengeStatus.PUBLISHED) return;
        event(id, officer.id(), "CLOSE", "PUBLISHED", "REVIEW");
        if (state == ChallengeStatus.REVIEW) return;
        BigDecimal price = issuer.add(government);
        jdbc.sql("UPDATE challenge SET winner_application_id = :w WHERE id = :id").param("w", apps.get(0)).param("id", id).update();
        event(id, officer.id(), "NEGOTIATE", "REVIEW", "NEGOTIATION");
        if (state == ChallengeStatus.NEGOTIATION) return;
        jdbc.sql("UPDATE challenge SET contract_price_yuan = :p, publicity_ends_on = :e WHERE id = :id")
                .param("p", price).param("e", state == ChallengeStatus.PUBLICITY ? today.plusDays(5) : today.minusDays(20)).param("id", id).update();
        event(id, officer.id(), "PUBLICISE", "NEGOTIATION", "PUBLICITY");
        if (state == ChallengeStatus.PUBLICITY) return;
        event(id, officer.id(), "CONTRACT", "PUBLICITY", "CONTRACTED");
        // two milestones, half of each share; the first paid on a contracted challenge, both on an accepted one
        BigDecimal paidIssuer = BigDecimal.ZERO, paidGovernment = BigDecimal.ZERO;
        for (int m = 1; m <= 2; m++) {
            BigDecimal mi = issuer.divide(BigDecimal.valueOf(2)), mg = government.divide(BigDecimal.valueOf(2));
            boolean paid = state == ChallengeStatus.ACCEPTED || (state == ChallengeStatus.CONTRACTED && m == 1);
            String status = paid ? "PAID" : (state == ChallengeStatus.CONTRACTED && m == 2 && i % 2 == 0 ? "REPORTED" : "PLANNED");
            jdbc.sql("""
                    INSERT INTO challenge_milestone (challenge_id, seq, title, due_on, issuer_amount_yuan, government_amount_yuan, status, report, reported_at, paid_at)
                    VALUES (:c, :s, :t, :d, :i, :g, :st, :r, CASE WHEN :rep THEN now() END, CASE WHEN :paid THEN now() END)""")
                    .param("c", id).param("s", m).param("t", m == 1 ? "样机研制" : "中试验证").param("d", today.plusMonths(6L * m - 9))
                    .param("i", mi).param("g", mg).param("st", status).param("r", "PLANNED".equals(status) ? null : "已完成阶段目标，附测试报告")
                    .param("rep", !"PLANNED".equals(status)).param("paid", paid).update();
            if (paid) {
                paidIssuer = paidIssuer.add(mi);
                paidGovernment = paidGovernment.add(mg);
                event(id, officer.id(), "MILESTONE_PAID", "CONTRACTED", "CONTRACTED");
            }
        }
        jdbc.sql("UPDATE challenge SET paid_issuer_yuan = :i, paid_government_yuan = :g WHERE id = :id")
                .param("i", paidIssuer).param("g", paidGovernment).param("id", id).update();
        if (state == ChallengeStatus.ACCEPTED) event(id, officer.id(), "ACCEPT", "CONTRACTED", "ACCEPTED");
        if (state == ChallengeStatus.TERMINATED) event(id, officer.id(), "TERMINATE", "CONTRACTED", "TERMINATED");
    }

    private void event(long id, long by, String action, String from, String to) {
        jdbc.sql("INSERT INTO challenge_event (challenge_id, actor_id, action, from_status, to_status, detail) VALUES (:c, :by, :a, :f, :t, '演示数据')")
                .param("c", id).param("by", by).param("a", action).param("f", from).param("t", to).update();
    }
}
