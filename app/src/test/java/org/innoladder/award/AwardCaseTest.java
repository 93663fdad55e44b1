package org.innoladder.award;

import org.innoladder.award.domain.AwardAction;
import org.innoladder.award.domain.AwardStatus;
import org.innoladder.award.internal.AwardCaseOpener;
import org.innoladder.award.internal.AwardQueries;
import org.innoladder.award.internal.AwardRefusedException;
import org.innoladder.award.internal.AwardService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.innoladder.award.internal.AwardService.ActRequest;
import org.innoladder.award.domain.AwardWorkflow.Refusal;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.policy.PolicyMatched;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Award cases over real PostgreSQL: opening from PolicyMatched after commit (once per key, also when two handlers
 * race), the whole reviewed workflow with history and audit, maker-checker (in code and in the table), publicity
 * objections, the budget ledger on approve, reject and withdraw, and applications with materials.
 */
@SpringBootTest(properties = "innoladder.test.context=award")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AwardCaseTest {
    static final BigDecimal TWO_HUNDRED_K = new BigDecimal("200000.00");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AwardService awards;
    @Autowired
    AwardQueries queries;
    @Autowired
    AwardCaseOpener opener;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    AwardFixtures fx;
    CurrentUser hutangTown, niutangTown, wujinA, wujinB, xinbei;

    @BeforeEach
    void users() {
        fx = new AwardFixtures(jdbc);
        hutangTown = fx.user("aw_town", Role.TOWN, AwardFixtures.HUTANG, null);
        niutangTown = fx.user("aw_town", Role.TOWN, AwardFixtures.NIUTANG, null);
        wujinA = fx.user("aw_wujin", Role.BUREAU, AwardFixtures.WUJIN, null);
        wujinB = fx.user("aw_wujin", Role.BUREAU, AwardFixtures.WUJIN, null);
        xinbei = fx.user("aw_xinbei", Role.BUREAU, AwardFixtures.XINBEI, null);
    }

    CurrentUser owner(AwardFixtures.Enterprise e) {
        return fx.user("aw_ent", Role.ENTERPRISE, null, e.id());
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void casesOpenForEligibleAutomaticMatchesAfterCommitAndOnlyOnce() {
        AwardFixtures.Policy auto = fx.policy("AUTOMATIC", new BigDecimal("1000000"), AwardFixtures.CITY);
        AwardFixtures.Policy applied = fx.policy("APPLICATION", new BigDecimal("1000000"), AwardFixtures.CITY);
        AwardFixtures.Enterprise a = fx.enterprise(AwardFixtures.HUTANG), b = fx.enterprise(AwardFixtures.NIUTANG),
                near = fx.enterprise(AwardFixtures.HUTANG);
        long run = fx.run(auto, 2024);
        fx.match(auto, run, a.id(), 2024, "ELIGIBLE", TWO_HUNDRED_K);
        fx.match(auto, run, b.id(), 2024, "ELIGIBLE", new BigDecimal("150000"));
        fx.match(auto, run, near.id(), 2024, "NEAR", null);
        long run2 = fx.run(applied, 2024);
        fx.match(applied, run2, a.id(), 2024, "ELIGIBLE", TWO_HUNDRED_K);

        TransactionTemplate tx = new TransactionTemplate(transactions);
        // published inside a transaction that rolls back: nothing opens
        tx.executeWithoutResult(s -> {
            events.publishEvent(new PolicyMatched(run, auto.id(), 1, 2024));
            s.setRollbackOnly();
        });
        assertThat(count("SELECT count(*) FROM award_case WHERE policy_id = ?", auto.id())).isZero();
        tx.executeWithoutResult(s -> {
            events.publishEvent(new PolicyMatched(run, auto.id(), 1, 2024));
            events.publishEvent(new PolicyMatched(run2, applied.id(), 1, 2024));
            assertThat(count("SELECT count(*) FROM award_case WHERE policy_id = ?", auto.id()))
                    .as("not before the matching run commits").isZero();
        });
        assertThat(count("SELECT count(*) FROM award_case WHERE policy_id = ? AND status = 'MATCHED'", auto.id())).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM award_case WHERE policy_id = ?", applied.id()))
                .as("APPLICATION policies open cases only when the enterprise applies").isZero();
        assertThat(jdbc.sql("SELECT amount_yuan FROM award_case WHERE policy_id = ? AND enterprise_id = ?")
                .params(auto.id(), b.id()).query(BigDecimal.class).single()).isEqualByComparingTo("150000");
        assertThat(count("""
                SELECT count(*) FROM award_case_event ev JOIN award_case c ON c.id = ev.case_id
                WHERE c.policy_id = ? AND ev.action = 'OPEN' AND ev.from_status IS NULL AND ev.to_status = 'MATCHED'""", auto.id()))
                .isEqualTo(2);
        // a second run over the same matches opens nothing new
        events.publishEvent(new PolicyMatched(run, auto.id(), 1, 2024));
        assertThat(count("SELECT count(*) FROM award_case WHERE policy_id = ?", auto.id())).isEqualTo(2);
        assertThat(fx.audits("system", "award.open", "policy:" + auto.id())).isEqualTo(1);
        // the database refuses a second case for the same key whatever the code does
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO award_case (policy_id, policy_version, enterprise_id, period, origin, amount_yuan, status, status_since, created_at)
                VALUES (?, 1, ?, 2024, 'AUTOMATIC', 1, 'MATCHED', now(), now())""").params(auto.id(), a.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    /** The page's list takes its total from the counts per step it shows beside it: both agree with a plain count. */
    @Test
    void theListsTotalIsTheCountOfTheStepAskedForOrOfEveryStep() {
        AwardFixtures.Policy p = fx.policy("AUTOMATIC", new BigDecimal("1000000"), AwardFixtures.CITY);
        fx.caseIn(p, fx.enterprise(AwardFixtures.HUTANG), 2024, TWO_HUNDRED_K, AwardStatus.MATCHED, null, null);
        fx.caseIn(p, fx.enterprise(AwardFixtures.HUTANG), 2024, TWO_HUNDRED_K, AwardStatus.MATCHED, null, null);
        fx.caseIn(p, fx.enterprise(AwardFixtures.HUTANG), 2024, TWO_HUNDRED_K, AwardStatus.ENTERPRISE_CONFIRMED, null, null);
        for (String status : new String[] {null, "MATCHED", "ENTERPRISE_CONFIRMED", "PAID"}) {
            AwardQueries.Filter f = AwardQueries.Filter.of(status, null, null, null, String.valueOf(p.id()), null);
            AwardQueries.ListWithCounts listed = queries.listWithCounts(wujinA, f, 1, 2);
            assertThat(listed.page().totalItems()).as(String.valueOf(status)).isEqualTo(queries.list(wujinA, f, 1, 2).totalItems())
                    .isEqualTo(status == null ? 3 : status.equals("MATCHED") ? 2 : status.equals("PAID") ? 0 : 1);
            assertThat(listed.counts()).isEqualTo(queries.counts(wujinA, f));
        }
    }

    @Test
    void aLaterRunUpdatesTheAmountOfCasesNobodyHasActedOnYet() {
        AwardFixtures.Policy auto = fx.policy("AUTOMATIC", new BigDecimal("1000000"), AwardFixtures.CITY);
        AwardFixtures.Enterprise waiting = fx.enterprise(AwardFixtures.HUTANG), confirmed = fx.enterprise(AwardFixtures.HUTANG);
        long first = fx.run(auto, 2024);
        fx.match(auto, first, waiting.id(), 2024, "ELIGIBLE", TWO_HUNDRED_K);
        events.publishEvent(new PolicyMatched(first, auto.id(), 1, 2024));
        fx.caseIn(auto, confirmed, 2024, TWO_HUNDRED_K, AwardStatus.ENTERPRISE_CONFIRMED, null, null);

        long second = fx.run(auto, 2024);
        fx.match(auto, second, waiting.id(), 2024, "ELIGIBLE", new BigDecimal("120000"));
        fx.match(auto, second, confirmed.id(), 2024, "ELIGIBLE", new BigDecimal("120000"));
        events.publishEvent(new PolicyMatched(second, auto.id(), 1, 2024));

        assertThat(jdbc.sql("SELECT amount_yuan FROM award_case WHERE enterprise_id = ?").param(waiting.id())
                .query(BigDecimal.class).single()).isEqualByComparingTo("120000");
        assertThat(jdbc.sql("SELECT amount_yuan FROM award_case WHERE enterprise_id = ?").param(confirmed.id())
                .query(BigDecimal.class).single()).as("what the enterprise confirmed stands").isEqualByComparingTo("200000");
        assertThat(jdbc.sql("""
                SELECT ev.reason FROM award_case_event ev JOIN award_case c ON c.id = ev.case_id
                WHERE c.enterprise_id = ? AND ev.action = 'REMATCH'""").param(waiting.id()).query(String.class).single())
                .contains("200000.00 → 120000.00");
        // the same run again changes nothing more
        events.publishEvent(new PolicyMatched(second, auto.id(), 1, 2024));
        assertThat(count("SELECT count(*) FROM award_case_event WHERE action = 'REMATCH' AND case_id IN"
                + " (SELECT id FROM award_case WHERE policy_id = ?)", auto.id())).isEqualTo(1);
    }

    @Test
    void twoHandlersOpeningAtOnceOpenEachCaseOnce() throws Exception {
        AwardFixtures.Policy p = fx.policy("AUTOMATIC", new BigDecimal("100000000"), AwardFixtures.CITY);
        long run = fx.run(p, 2025);
        int n = 60;
        for (int i = 0; i < n; i++) {
            fx.match(p, run, fx.enterprise(i % 2 == 0 ? AwardFixtures.HUTANG : AwardFixtures.NIUTANG).id(), 2025, "ELIGIBLE",
                    new BigDecimal(10000 + i));
        }
        PolicyMatched event = new PolicyMatched(run, p.id(), 1, 2025);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            results.add(pool.submit(() -> {
                start.await();
                return opener.open(event);
            }));
        }
        start.countDown();
        int opened = 0;
        for (Future<Integer> f : results) opened += f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(opened).as("cases reported opened by all handlers together").isEqualTo(n);
        assertThat(count("SELECT count(*) FROM award_case WHERE policy_id = ? AND period = 2025", p.id())).isEqualTo(n);
        assertThat(count("""
                SELECT count(*) FROM award_case_event ev JOIN award_case c ON c.id = ev.case_id WHERE c.policy_id = ?""", p.id()))
                .as("one OPEN event per case").isEqualTo(n);
    }

    @Test
    void theWholeWorkflowWithHistoryAuditAndMakerChecker() {
        AwardFixtures.Policy p = fx.policy("AUTOMATIC", new BigDecimal("1000000"), AwardFixtures.CITY);
        AwardFixtures.Enterprise e = fx.enterprise(AwardFixtures.HUTANG);
        CurrentUser ent = owner(e);
        long run = fx.run(p, 2024);
        fx.match(p, run, e.id(), 2024, "ELIGIBLE", TWO_HUNDRED_K);
        opener.open(new PolicyMatched(run, p.id(), 1, 2024));
        long id = jdbc.sql("SELECT id FROM award_case WHERE policy_id = ? AND enterprise_id = ?").params(p.id(), e.id())
                .query(Long.class).single();

        // the bank account is validated field by field
        assertThatThrownBy(() -> awards.act(ent, id, AwardAction.CONFIRM, new ActRequest(null, null, "别的公司", "中国银行常州武进支行", "6216610100001234567"), null))
                .isInstanceOfSatisfying(BadParameterException.class, x -> {
                    assertThat(x.parameter()).isEqualTo("accountName");
                    assertThat(x.messageZh()).contains("别的公司").contains(e.name());
                });
        assertThatThrownBy(() -> awards.act(ent, id, AwardAction.CONFIRM, new ActRequest(null, null, e.name(), "中国银行常州武进支行", "12ab"), null))
                .isInstanceOfSatisfying(BadParameterException.class, x -> assertThat(x.parameter()).isEqualTo("accountNumber"));
        assertThat(fx.status(id)).isEqualTo("MATCHED");
        // the town may not review before the enterprise confirms
        assertThatThrownBy(() -> awards.act(hutangTown, id, AwardAction.REVIEW, ActRequest.NONE, null))
                .isInstanceOfSatisfying(AwardRefusedException.class, x -> assertThat(x.decision().refusal()).isEqualTo(Refusal.NOT_IN_THIS_STATE));

        awards.act(ent, id, AwardAction.CONFIRM, new ActRequest(null, null, e.name(), "中国银行常州武进支行", "6216 6101 0000 1234 567"), "10.0.0.1");
        assertThat(jdbc.sql("SELECT account_number FROM award_case WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("6216610100001234567");
        assertThatThrownBy(() -> awards.act(niutangTown, id, AwardAction.REVIEW, ActRequest.NONE, null))
                .as("another town's case is not found").isInstanceOf(NotFoundException.class);
        awards.act(hutangTown, id, AwardAction.REVIEW, ActRequest.NONE, null);
        assertThatThrownBy(() -> awards.act(xinbei, id, AwardAction.APPROVE, ActRequest.NONE, null))
                .as("another district's bureau").isInstanceOf(NotFoundException.class);
        awards.act(wujinA, id, AwardAction.APPROVE, ActRequest.NONE, null);
        assertThat(fx.committed(p, 2024)).isEqualByComparingTo("200000");
        awards.act(wujinA, id, AwardAction.PUBLICISE, ActRequest.NONE, null);
        assertThat(jdbc.sql("SELECT publicity_ends_on FROM award_case WHERE id = ?").param(id).query(java.time.LocalDate.class).single())
                .as("7 days of publicity including today").isEqualTo(awards.today().plusDays(6));

        // objections lodged during publicity block payment until resolved; payment waits for the end of publicity
        long objection = awards.lodgeObjection(hutangTown, id, "群众来信：该企业研发人员数据存疑", null);
        ActRequest pay = new ActRequest(null, "GK-2026-0001", null, null, null);
        assertThatThrownBy(() -> awards.act(wujinB, id, AwardAction.PAY, pay, null))
                .isInstanceOfSatisfying(AwardRefusedException.class, x -> assertThat(x.decision().refusal()).isEqualTo(Refusal.PUBLICITY_RUNNING));
        jdbc.sql("UPDATE award_case SET publicity_ends_on = current_date - 1 WHERE id = ?").param(id).update();
        assertThatThrownBy(() -> awards.act(wujinB, id, AwardAction.PAY, pay, null))
                .isInstanceOfSatisfying(AwardRefusedException.class, x -> assertThat(x.decision().refusal()).isEqualTo(Refusal.OPEN_OBJECTIONS));
        assertThatThrownBy(() -> awards.resolveObjection(hutangTown, id, objection, "核实无误", null))
                .as("only the bureau resolves").isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        awards.resolveObjection(wujinB, id, objection, "经核实研发人员数据与社保记录一致，异议不成立", null);
        assertThatThrownBy(() -> awards.act(wujinA, id, AwardAction.PAY, pay, null)).as("the approver may not pay")
                .isInstanceOfSatisfying(AwardRefusedException.class, x -> assertThat(x.decision().refusal()).isEqualTo(Refusal.MAKER_CHECKER));
        awards.act(wujinB, id, AwardAction.PAY, pay, null);
        assertThat(fx.status(id)).isEqualTo("PAID");

        AwardQueries.CaseDetail d = queries.detail(wujinA, id);
        assertThat(d.history()).extracting(AwardQueries.Event::action)
                .containsExactly("OPEN", "CONFIRM", "REVIEW", "APPROVE", "PUBLICISE", "PAY");
        assertThat(d.history()).extracting(AwardQueries.Event::actorUsername)
                .containsExactly("system", ent.username(), hutangTown.username(), wujinA.username(), wujinA.username(), wujinB.username());
        assertThat(d.history().get(3).actorRole()).isEqualTo("BUREAU");
        assertThat(d.actions()).isEmpty();
        assertThat(d.paymentReference()).isEqualTo("GK-2026-0001");
        for (String[] a : new String[][] {{ent.username(), "award.confirm"}, {hutangTown.username(), "award.review"},
                {wujinA.username(), "award.approve"}, {wujinA.username(), "award.publicise"}, {wujinB.username(), "award.pay"},
                {hutangTown.username(), "award.objection.lodge"}, {wujinB.username(), "award.objection.resolve"}}) {
            assertThat(fx.audits(a[0], a[1], "award_case:" + id)).as(a[1]).isEqualTo(1);
        }
        assertThat(fx.committed(p, 2024)).as("paid stays committed").isEqualByComparingTo("200000");
    }

    @Test
    void theReviewerNeverApprovesAndTheTableRefusesItToo() {
        AwardFixtures.Policy p = fx.policy("AUTOMATIC", new BigDecimal("1000000"), AwardFixtures.CITY);
        // registered at district level: a bureau user reviews in place of a town
        AwardFixtures.Enterprise e = fx.enterprise(AwardFixtures.WUJIN);
        long id = fx.caseIn(p, e, 2024, TWO_HUNDRED_K, AwardStatus.ENTERPRISE_CONFIRMED, owner(e).id(), null);
        awards.act(wujinA, id, AwardAction.REVIEW, ActRequest.NONE, null);
        assertThatThrownBy(() -> awards.act(wujinA, id, AwardAction.APPROVE, ActRequest.NONE, null))
                .isInstanceOfSatisfying(AwardRefusedException.class, x -> {
                    assertThat(x.decision().refusal()).isEqualTo(Refusal.MAKER_CHECKER);
                    assertThat(x.messageZh()).contains("审批人");
                });
        assertThat(fx.committed(p, 2024)).isZero();
        assertThatThrownBy(() -> jdbc.sql("UPDATE award_case SET approved_by = reviewed_by, status = 'DISTRICT_APPROVED' WHERE id = ?")
                .param(id).update()).isInstanceOf(DataIntegrityViolationException.class);
        awards.act(wujinB, id, AwardAction.APPROVE, ActRequest.NONE, null);
        assertThat(fx.status(id)).isEqualTo("DISTRICT_APPROVED");
    }

    @Test
    void approvalBeyondTheBudgetWaitsAndRejectOrWithdrawReleases() {
        AwardFixtures.Policy p = fx.policy("AUTOMATIC", new BigDecimal("300000"), AwardFixtures.CITY);
        AwardFixtures.Enterprise e1 = fx.enterprise(AwardFixtures.HUTANG), e2 = fx.enterprise(AwardFixtures.HUTANG),
                e3 = fx.enterprise(AwardFixtures.NIUTANG);
        long c1 = fx.caseIn(p, e1, 2024, TWO_HUNDRED_K, AwardStatus.TOWN_REVIEWED, null, hutangTown.id());
        long c2 = fx.caseIn(p, e2, 2024, TWO_HUNDRED_K, AwardStatus.TOWN_REVIEWED, null, hutangTown.id());
        long c3 = fx.caseIn(p, e3, 2024, new BigDecimal("100000"), AwardStatus.TOWN_REVIEWED, null, niutangTown.id());
        assertThat(awards.act(wujinA, c1, AwardAction.APPROVE, ActRequest.NONE, null).to()).isEqualTo(AwardStatus.DISTRICT_APPROVED);
        AwardService.ActResult r2 = awards.act(wujinA, c2, AwardAction.APPROVE, ActRequest.NONE, null);
        assertThat(r2.to()).isEqualTo(AwardStatus.BUDGET_WAIT);
        assertThat(r2.budgetShort()).isTrue();
        assertThat(AwardStatus.BUDGET_WAIT.zh()).isEqualTo("预算不足，待追加预算");
        assertThat(awards.act(wujinA, c3, AwardAction.APPROVE, ActRequest.NONE, null).to()).isEqualTo(AwardStatus.DISTRICT_APPROVED);
        assertThat(fx.committed(p, 2024)).isEqualByComparingTo("300000");
        // still short: retrying changes nothing
        assertThat(awards.act(wujinA, c2, AwardAction.APPROVE, ActRequest.NONE, null).to()).isEqualTo(AwardStatus.BUDGET_WAIT);
        // a rejection after approval gives the amount back; the waiting case now fits
        assertThatThrownBy(() -> awards.act(wujinB, c1, AwardAction.REJECT, new ActRequest(" ", null, null, null, null), null))
                .isInstanceOfSatisfying(AwardRefusedException.class, x -> assertThat(x.decision().refusal()).isEqualTo(Refusal.REASON_REQUIRED));
        awards.act(wujinB, c1, AwardAction.REJECT, new ActRequest("公示期间查实研发费用归集不实", null, null, null, null), null);
        assertThat(fx.committed(p, 2024)).isEqualByComparingTo("100000");
        assertThat(awards.act(wujinA, c2, AwardAction.APPROVE, ActRequest.NONE, null).to()).isEqualTo(AwardStatus.DISTRICT_APPROVED);
        assertThat(fx.committed(p, 2024)).isEqualByComparingTo("300000");
        // the enterprise withdraws an approved case: released as well
        awards.act(owner(e3), c3, AwardAction.WITHDRAW, new ActRequest("企业主动放弃", null, null, null, null), null);
        assertThat(fx.committed(p, 2024)).isEqualByComparingTo("200000");
        assertThat(jdbc.sql("SELECT closed_reason FROM award_case WHERE id = ?").param(c3).query(String.class).single()).isEqualTo("企业主动放弃");
        // raising the budget (a new published version) lets more through
        AwardFixtures.Enterprise e4 = fx.enterprise(AwardFixtures.HUTANG);
        long c4 = fx.caseIn(p, e4, 2024, new BigDecimal("150000"), AwardStatus.TOWN_REVIEWED, null, hutangTown.id());
        assertThat(awards.act(wujinA, c4, AwardAction.APPROVE, ActRequest.NONE, null).to()).isEqualTo(AwardStatus.BUDGET_WAIT);
        fx.republish(p, 2, new BigDecimal("400000"));
        assertThat(awards.act(wujinA, c4, AwardAction.APPROVE, ActRequest.NONE, null).to()).isEqualTo(AwardStatus.DISTRICT_APPROVED);
        assertThat(fx.committed(p, 2024)).isEqualByComparingTo("350000");
        // the ledger's CHECK refuses an overspend even without the guard
        assertThatThrownBy(() -> jdbc.sql("UPDATE award_budget SET committed_yuan = budget_yuan + 1 WHERE policy_id = ?")
                .param(p.id()).update()).isInstanceOf(DataIntegrityViolationException.class);
        List<AwardQueries.BudgetLine> view = queries.budgets(wujinA).stream().filter(b -> b.policyId() == p.id()).toList();
        assertThat(view).hasSize(1);
        assertThat(view.get(0).budget()).isEqualByComparingTo("400000");
        assertThat(view.get(0).committed()).isEqualByComparingTo("350000");
        assertThat(view.get(0).remaining()).isEqualByComparingTo("50000");
    }

    @Test
    void bulkApprovalChecksEachCase() {
        AwardFixtures.Policy p = fx.policy("AUTOMATIC", new BigDecimal("500000"), AwardFixtures.CITY);
        long ok1 = fx.caseIn(p, fx.enterprise(AwardFixtures.HUTANG), 2024, TWO_HUNDRED_K, AwardStatus.TOWN_REVIEWED, null, hutangTown.id());
        long ok2 = fx.caseIn(p, fx.enterprise(AwardFixtures.NIUTANG), 2024, TWO_HUNDRED_K, AwardStatus.TOWN_REVIEWED, null, niutangTown.id());
        long over = fx.caseIn(p, fx.enterprise(AwardFixtures.HUTANG), 2024, TWO_HUNDRED_K, AwardStatus.TOWN_REVIEWED, null, hutangTown.id());
        long early = fx.caseIn(p, fx.enterprise(AwardFixtures.HUTANG), 2024, TWO_HUNDRED_K, AwardStatus.ENTERPRISE_CONFIRMED, null, null);
        long mine = fx.caseIn(p, fx.enterprise(AwardFixtures.HUTANG), 2024, TWO_HUNDRED_K, AwardStatus.TOWN_REVIEWED, null, wujinA.id());
        long elsewhere = fx.caseIn(p, fx.enterprise(AwardFixtures.XINBEI), 2024, TWO_HUNDRED_K, AwardStatus.TOWN_REVIEWED, null, null);
        AwardService.BulkResult r = awards.approveAll(wujinA, List.of(ok1, ok2, over, early, mine, elsewhere, ok1), null);
        assertThat(r.lines()).extracting(AwardService.BulkLine::caseId).containsExactly(ok1, ok2, over, early, mine, elsewhere);
        assertThat(r.lines()).extracting(AwardService.BulkLine::outcome)
                .containsExactly("APPROVED", "APPROVED", "BUDGET_WAIT", "REFUSED", "REFUSED", "NOT_FOUND");
        assertThat(r.lines().get(3).messageZh()).contains("企业已确认");
        assertThat(r.lines().get(4).messageZh()).contains("审批人");
        assertThat(r.approved()).isEqualTo(2);
        assertThat(r.waiting()).isEqualTo(1);
        assertThat(r.refused()).isEqualTo(3);
        assertThat(fx.committed(p, 2024)).isEqualByComparingTo("400000");
    }

    @Test
    void anEnterpriseAppliesWithMaterialsOnce() {
        AwardFixtures.Policy p = fx.policy("APPLICATION", new BigDecimal("1000000"), AwardFixtures.CITY);
        AwardFixtures.Enterprise e = fx.enterprise(AwardFixtures.HUTANG);
        CurrentUser ent = owner(e);
        AwardService.Material file = new AwardService.Material("研发项目说明.pdf", "application/pdf", "%PDF-1.4 test".getBytes());
        assertThatThrownBy(() -> awards.apply(ent, p.id(), 2025, "80000", " ", e.name(), "中国银行常州武进支行", "6216610100001234567", null, null))
                .isInstanceOfSatisfying(BadParameterException.class, x -> assertThat(x.parameter()).isEqualTo("materials"));
        assertThatThrownBy(() -> awards.apply(ent, p.id(), 2025, "-5", "项目说明", e.name(), "中国银行常州武进支行", "6216610100001234567", null, null))
                .isInstanceOfSatisfying(BadParameterException.class, x -> assertThat(x.parameter()).isEqualTo("requestedAmount"));
        assertThatThrownBy(() -> awards.apply(ent, p.id(), 2030, "80000", "项目说明", e.name(), "中国银行常州武进支行", "6216610100001234567", null, null))
                .isInstanceOfSatisfying(BadParameterException.class, x -> assertThat(x.parameter()).isEqualTo("period"));
        long id = awards.apply(ent, p.id(), 2025, "80000", "揭榜项目：高精度减速器研发", e.name(), "中国银行常州武进支行",
                "6216610100001234567", file, "10.0.0.2");
        assertThat(fx.status(id)).isEqualTo("ENTERPRISE_CONFIRMED");
        assertThat(queries.material(ent, id)).get().extracting(AwardService.Material::fileName).isEqualTo("研发项目说明.pdf");
        assertThat(queries.material(niutangTown, id)).isEmpty();
        assertThatThrownBy(() -> awards.apply(ent, p.id(), 2025, "80000", "再次申请", e.name(), "中国银行常州武进支行", "6216610100001234567", null, null))
                .isInstanceOfSatisfying(BadParameterException.class, x -> assertThat(x.messageZh()).contains("已有"));
        // with an ELIGIBLE match the match decides the amount
        long run = fx.run(p, 2024);
        fx.match(p, run, e.id(), 2024, "ELIGIBLE", TWO_HUNDRED_K);
        long matched = awards.apply(ent, p.id(), 2024, null, "材料见附件", e.name(), "中国银行常州武进支行", "6216610100001234567", null, null);
        assertThat(jdbc.sql("SELECT amount_yuan FROM award_case WHERE id = ?").param(matched).query(BigDecimal.class).single())
                .isEqualByComparingTo("200000");
        assertThat(queries.detail(ent, id).history()).extracting(AwardQueries.Event::action).containsExactly("APPLY");
        assertThat(fx.audits(ent.username(), "award.apply", "award_case:" + id)).isEqualTo(1);
        // an automatic policy needs no application
        AwardFixtures.Policy auto = fx.policy("AUTOMATIC", new BigDecimal("1000000"), AwardFixtures.CITY);
        assertThatThrownBy(() -> awards.apply(ent, auto.id(), 2025, "1", "x", e.name(), "中国银行常州武进支行", "6216610100001234567", null, null))
                .isInstanceOfSatisfying(BadParameterException.class, x -> assertThat(x.messageZh()).contains("免申即享"));
    }

    @Test
    void myPoliciesShowsWhatTheEnterpriseQualifiesForAndNearlyDoes() {
        AwardFixtures.Policy p = fx.policy("AUTOMATIC", new BigDecimal("1000000"), AwardFixtures.CITY);
        AwardFixtures.Policy q = fx.policy("AUTOMATIC", new BigDecimal("1000000"), AwardFixtures.CITY);
        AwardFixtures.Enterprise e = fx.enterprise(AwardFixtures.HUTANG);
        long run = fx.run(p, 2024), runQ = fx.run(q, 2024);
        fx.match(p, run, e.id(), 2024, "ELIGIBLE", TWO_HUNDRED_K);
        fx.match(q, runQ, e.id(), 2024, "NEAR", null);
        opener.open(new PolicyMatched(run, p.id(), 1, 2024));
        AwardQueries.MyPolicies mine = queries.mine(owner(e));
        assertThat(mine.eligible()).extracting(AwardQueries.Offer::policyId).containsExactly(p.id());
        assertThat(mine.eligible().get(0).caseStatus()).isEqualTo(AwardStatus.MATCHED);
        assertThat(mine.eligible().get(0).explanation().zh()).contains("首次认定");
        assertThat(mine.near()).extracting(AwardQueries.Offer::policyId).containsExactly(q.id());
        assertThat(mine.near().get(0).explanation().zh()).contains("研发费用需增加 5.0 万元");
        assertThat(mine.cases()).hasSize(1);
        assertThat(mine.cases().get(0).actions()).containsExactly(AwardAction.CONFIRM, AwardAction.WITHDRAW);
    }
}
