package org.innoladder.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.innoladder.challenge.domain.ChallengeStatus;
import org.innoladder.challenge.domain.ChallengeWorkflow.Action;
import org.innoladder.challenge.internal.ChallengeRefusedException;
import org.innoladder.challenge.internal.Challenges;
import org.innoladder.challenge.internal.Solvers;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.review.domain.ReviewAction;
import org.innoladder.review.internal.ReviewCases;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.web.BadParameterException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A challenge from need to acceptance over real PostgreSQL, and its funding under parallel milestone approvals.
 */
@SpringBootTest(properties = "innoladder.test.context=review")
@org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc
@ActiveProfiles("test")
class ChallengeFlowTest {
    static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 50_000));

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Challenges challenges;
    @Autowired
    Solvers solvers;
    @Autowired
    ReviewCases reviews;

    CurrentUser user(Role role, String region) {
        String name = "ch_" + role.name().toLowerCase() + SEQ.incrementAndGet();
        long id = jdbc.sql("INSERT INTO app_user (username, password_hash, display_name, role, region_code) VALUES (?, 'x', ?, ?, ?) RETURNING id")
                .params(name, name, role.name(), region).query(Long.class).single();
        return new CurrentUser(id, name, name, role, region, null, null);
    }

    CurrentUser expert(String organisation) {
        CurrentUser u = user(Role.EXPERT, null);
        jdbc.sql("INSERT INTO review_expert (user_id, name, organisation, title, fields, region_code) VALUES (?, ?, ?, '教授', ARRAY['智能制造'], '3204')")
                .params(u.id(), "专家" + u.id(), organisation).update();
        return u;
    }

    CurrentUser solver(CurrentUser officer, String name) {
        String code = CreditCode.complete("12320400" + String.format("%08d", 40_000_000 + SEQ.incrementAndGet()));
        String username = "solver" + SEQ.incrementAndGet();
        long id = solvers.register(new Solvers.Registration(code, name, "UNIVERSITY", "王老师", "13800138000", username, "Solver2026x"), null);
        assertThat(jdbc.sql("SELECT enabled FROM app_user WHERE username = ?").params(username).query(Boolean.class).single()).isFalse();
        solvers.check(officer, id, true, null);
        long uid = jdbc.sql("SELECT id FROM app_user WHERE username = ? AND enabled").params(username).query(Long.class).single();
        return new CurrentUser(uid, username, name, Role.SOLVER, null, null, null);
    }

    long contracted(CurrentUser officer, BigDecimal issuer, BigDecimal government, List<CurrentUser> panel, CurrentUser solver) {
        long id = challenges.collectNeed(officer, new Challenges.Need("高精度减速器寿命提升", "减速器寿命不足 8000 小时", "寿命 ≥ 12000 小时；回差 ≤ 1 弧分",
                "智能制造", "320412", "常州某精密传动有限公司", null, issuer, government, LocalDate.now().plusDays(30)), null);
        challenges.act(officer, id, Action.SCREEN, Challenges.ActRequest.NONE, null);
        challenges.act(officer, id, Action.PUBLISH, Challenges.ActRequest.NONE, null);
        long app = challenges.apply(solver, id, new Challenges.Application("教授 1 名、博士 3 名", "新型齿形与表面强化", "三个阶段",
                issuer.add(government)), null);
        challenges.formalCheck(officer, app, true, null, null);
        challenges.act(officer, id, Action.CLOSE, Challenges.ActRequest.NONE, null);
        long caseId = jdbc.sql("SELECT review_case_id FROM challenge_application WHERE id = ?").params(app).query(Long.class).single();
        List<Long> experts = panel.stream().map(u -> jdbc.sql("SELECT id FROM review_expert WHERE user_id = ?").params(u.id())
                .query(Long.class).single()).toList();
        reviews.act(officer, caseId, ReviewAction.ASSIGN, new ReviewCases.ActRequest(null, experts, null, null, null), null);
        int[] totals = {80, 78, 83};
        for (int i = 0; i < panel.size(); i++) {
            reviews.act(panel.get(i), caseId, ReviewAction.ACCEPT, ReviewCases.ActRequest.NONE, null);
            int t = totals[i];
            reviews.act(panel.get(i), caseId, ReviewAction.SUBMIT, new ReviewCases.ActRequest(null, null,
                    Map.of("plan", t * 30 / 100, "indicators", t * 25 / 100, "team", t * 20 / 100, "milestones", t * 15 / 100, "price", t * 10 / 100),
                    Map.of("plan", "方案可行", "indicators", "指标响应充分"), null), null);
        }
        reviews.act(officer, caseId, ReviewAction.DECIDE, ReviewCases.ActRequest.NONE, null);
        challenges.act(officer, id, Action.NEGOTIATE, Challenges.ActRequest.NONE, null);
        challenges.act(officer, id, Action.PUBLICISE, new Challenges.ActRequest(null, null, issuer.add(government), null), null);
        jdbc.sql("UPDATE challenge SET publicity_ends_on = current_date - 1 WHERE id = ?").params(id).update();
        return id;
    }

    @Test
    void aNeedBecomesAContractWhosePaidMilestonesCloseIt() {
        CurrentUser officer = user(Role.BUREAU, "320412");
        List<CurrentUser> panel = List.of(expert("南京理工大学"), expert("江苏大学"), expert("常州工学院"));
        CurrentUser solver = solver(officer, "常州某大学" + SEQ.incrementAndGet());
        assertThatThrownBy(() -> solvers.register(new Solvers.Registration("91320412MA1XXXXX1B", "某公司", "ENTERPRISE", "李", "13800138000",
                "badcode" + SEQ.incrementAndGet(), "Solver2026x"), null)).isInstanceOf(BadParameterException.class)
                .satisfies(e -> assertThat(((BadParameterException) e).parameter()).isEqualTo("creditCode"));

        long id = contracted(officer, new BigDecimal("600000"), new BigDecimal("400000"), panel, solver);
        assertThat(challenges.board(null, ChallengeStatus.PUBLICITY, 50)).extracting(Challenges.BoardRow::id).contains(id);
        long objection = challenges.object(solver, id, "评审过程不透明", null);
        List<Challenges.MilestonePlan> plan = List.of(
                new Challenges.MilestonePlan("样机", LocalDate.now().plusMonths(6), new BigDecimal("300000"), new BigDecimal("200000")),
                new Challenges.MilestonePlan("验证", LocalDate.now().plusMonths(12), new BigDecimal("300000"), new BigDecimal("200000")));
        assertThatThrownBy(() -> challenges.act(officer, id, Action.CONTRACT, new Challenges.ActRequest(null, null, null, plan), null))
                .isInstanceOf(ChallengeRefusedException.class).hasMessageContaining("objection");
        challenges.resolveObjection(officer, objection, "评审按规程进行，异议不成立", null);
        assertThatThrownBy(() -> challenges.act(officer, id, Action.CONTRACT, new Challenges.ActRequest(null, null, null,
                List.of(plan.get(0))), null)).isInstanceOf(ChallengeRefusedException.class).hasMessageContaining("add up");
        challenges.act(officer, id, Action.CONTRACT, new Challenges.ActRequest(null, null, null, plan), null);

        List<Challenges.MilestoneRow> ms = challenges.milestones(officer, id);
        CurrentUser outsider = expert("无关大学");
        for (Challenges.MilestoneRow m : ms) {
            challenges.reportMilestone(solver, m.id(), "完成" + m.title(), null);
            assertThatThrownBy(() -> challenges.acceptMilestone(outsider, m.id(), null)).hasMessageContaining("not on its panel");
            assertThat(challenges.acceptMilestone(panel.get(0), m.id(), null).paid()).isTrue();
        }
        Challenges.Detail d = challenges.detail(null, id);
        assertThat(d.paidIssuer()).isEqualByComparingTo("600000");
        assertThat(d.paidGovernment()).isEqualByComparingTo("400000");
        assertThat(challenges.act(officer, id, Action.ACCEPT, Challenges.ActRequest.NONE, null).to()).isEqualTo(ChallengeStatus.ACCEPTED);
        assertThat(jdbc.sql("SELECT action FROM challenge_event WHERE challenge_id = ? ORDER BY id").params(id).query(String.class).list())
                .containsSubsequence("NEED", "SCREEN", "PUBLISH", "APPLY", "FORMAL_OK", "CLOSE", "NEGOTIATE", "PUBLICISE", "OBJECTION",
                        "OBJECTION_RESOLVED", "CONTRACT", "MILESTONE_REPORT", "MILESTONE_PAID", "MILESTONE_REPORT", "MILESTONE_PAID", "ACCEPT");
        // the need is not public before screening; rejected needs never are
        long need = challenges.collectNeed(officer, new Challenges.Need("未审需求", "问题", "指标", "新材料", "320412", "某公司", null,
                BigDecimal.TEN, BigDecimal.ZERO, LocalDate.now().plusDays(5)), null);
        assertThat(challenges.board(null, null, 500)).extracting(Challenges.BoardRow::id).doesNotContain(need);
        assertThatThrownBy(() -> challenges.detail(null, need)).hasMessageContaining("no challenge");
    }

    /**
     * Twelve reported milestones of 100,000 (issuer 60,000 + government 40,000) against funding of 600,000 + 400,000,
     * accepted by twelve threads at once: exactly ten are paid, two find the funding exhausted, and the paid sums
     * equal the funding, never more. (Twelve milestones worth more than the price cannot come from a contract; they are
     * written here directly to prove the guard, not the planning check.)
     */
    @Test
    void parallelMilestoneApprovalsNeverOverspend() throws Exception {
        CurrentUser officer = user(Role.BUREAU, "320412");
        List<CurrentUser> panel = List.of(expert("南京理工大学"), expert("江苏大学"), expert("常州工学院"));
        CurrentUser solver = solver(officer, "常州某研究院" + SEQ.incrementAndGet());
        long id = contracted(officer, new BigDecimal("600000"), new BigDecimal("400000"), panel, solver);
        jdbc.sql("UPDATE challenge SET status = 'CONTRACTED' WHERE id = ?").params(id).update();
        List<Long> milestones = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            milestones.add(jdbc.sql("""
                    INSERT INTO challenge_milestone (challenge_id, seq, title, due_on, issuer_amount_yuan, government_amount_yuan, status, report)
                    VALUES (?, ?, ?, current_date, 60000, 40000, 'REPORTED', '完成') RETURNING id""").params(id, i, "阶段" + i)
                    .query(Long.class).single());
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Challenges.PaymentResult>> results = new ArrayList<>();
        for (int i = 0; i < milestones.size(); i++) {
            long m = milestones.get(i);
            CurrentUser expert = panel.get(i % panel.size());
            Callable<Challenges.PaymentResult> task = () -> {
                start.await();
                return challenges.acceptMilestone(expert, m, null);
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        int paid = 0;
        for (Future<Challenges.PaymentResult> f : results) if (f.get().paid()) paid++;
        pool.shutdown();
        assertThat(paid).isEqualTo(10);
        Challenges.Detail d = challenges.detail(null, id);
        assertThat(d.paidIssuer()).isEqualByComparingTo("600000");
        assertThat(d.paidGovernment()).isEqualByComparingTo("400000");
        assertThat(jdbc.sql("SELECT count(*) FROM challenge_milestone WHERE challenge_id = ? AND status = 'REFUSED_BUDGET'").params(id)
                .query(Integer.class).single()).isEqualTo(2);
    }
}
