package org.innoladder.challenge.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.audit.AuditTrail;
import org.innoladder.challenge.domain.ChallengeStatus;
import org.innoladder.challenge.domain.ChallengeWorkflow;
import org.innoladder.challenge.domain.ChallengeWorkflow.Action;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.region.Regions;
import org.innoladder.review.Reviews;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 揭榜挂帅 challenges: needs, the workflow steps ({@link ChallengeWorkflow}), applications and their formal check,
 * the expert review of each application through {@link Reviews}, publicity objections, the contract's milestones and
 * their payments ({@link ChallengeBudget}). Every step locks the challenge row, writes its history row and the audit
 * entry in one transaction.
 */
@Service
public class Challenges {
    static final int MAX_TEXT = 4000;
    /** [open] No national rule sets the publicity period of a challenge's result; a documented default. */
    static final int PUBLICITY_DAYS = 7;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final WriteScope writeScope;
    private final Regions regions;
    private final Reviews reviews;
    private final ChallengeBudget budget;
    private final Solvers solvers;
    private final Clock clock;

    Challenges(JdbcClient jdbc, PlatformTransactionManager transactions, AuditTrail audit, WriteScope writeScope, Regions regions,
               Reviews reviews, ChallengeBudget budget, Solvers solvers, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
        this.writeScope = writeScope;
        this.regions = regions;
        this.reviews = reviews;
        this.budget = budget;
        this.solvers = solvers;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public record Need(String title, String problem, String indicators, String field, String regionCode, String issuerName,
                       Long issuerEnterpriseId, BigDecimal issuerFunding, BigDecimal governmentFunding, LocalDate deadline) {
    }

    /** A need from a bureau (for an issuer it names) or from an enterprise (the issuer is the enterprise itself). */
    public long collectNeed(CurrentUser user, Need n, String sourceIp) {
        String title = text("title", n.title(), 200), problem = text("problem", n.problem(), MAX_TEXT),
                indicators = text("indicators", n.indicators(), MAX_TEXT), field = text("field", n.field(), 40);
        BigDecimal issuer = money("issuerFunding", n.issuerFunding()), government = money("governmentFunding", n.governmentFunding());
        if (issuer.add(government).signum() <= 0) {
            throw new BadParameterException("issuerFunding", issuer.toPlainString(), "发榜方出资与政府资助合计须大于 0", "the funding must be more than 0 in total");
        }
        if (n.deadline() == null || !n.deadline().isAfter(today())) {
            throw new BadParameterException("deadline", String.valueOf(n.deadline()), "截止日期须晚于今天", "the deadline must be after today");
        }
        return tx.execute(s -> {
            String region;
            String issuerName;
            Long enterpriseId = null;
            if (user.role() == Role.ENTERPRISE) {
                WriteScope.Enterprise e = writeScope.requireEnterprise(user, user.enterpriseId());
                region = e.regionCode();
                enterpriseId = e.id();
                issuerName = jdbc.sql("SELECT name FROM enterprise WHERE id = :id").param("id", e.id()).query(String.class).single();
            } else if (user.role() == Role.BUREAU) {
                region = text("regionCode", n.regionCode(), 9);
                if (!regions.exists(region)) throw new BadParameterException("regionCode", region, "区划代码不存在", "no such region code");
                WriteScope.requireRegion(user, region, "regionCode");
                issuerName = text("issuerName", n.issuerName(), 200);
            } else {
                throw new AccessDeniedException("needs come from enterprises and bureaus");
            }
            long id = jdbc.sql("""
                    INSERT INTO challenge (title, problem, indicators, field, region_code, issuer_name, issuer_enterprise_id, issuer_funding_yuan,
                                           government_funding_yuan, deadline, status, created_by)
                    VALUES (:t, :p, :i, :f, :r, :in, :ie, :if, :gf, :d, 'NEED', :by) RETURNING id""")
                    .param("t", title).param("p", problem).param("i", indicators).param("f", field).param("r", region).param("in", issuerName)
                    .param("ie", enterpriseId).param("if", issuer).param("gf", government).param("d", Date.valueOf(n.deadline()))
                    .param("by", user.id()).query(Long.class).single();
            event(id, null, ChallengeStatus.NEED, "NEED", user, title);
            audit.record(user.username(), "challenge.need", "challenge:" + id, title, sourceIp);
            return id;
        });
    }

    record Locked(long id, String title, String field, String regionCode, ChallengeStatus status, BigDecimal issuerFunding,
                  BigDecimal governmentFunding, Long winnerApplicationId, BigDecimal price, LocalDate publicityEndsOn, LocalDate deadline) {
    }

    Locked lock(long id) {
        return jdbc.sql("""
                SELECT id, title, field, region_code, status, issuer_funding_yuan, government_funding_yuan, winner_application_id,
                       contract_price_yuan, publicity_ends_on, deadline FROM challenge WHERE id = :id FOR UPDATE""").param("id", id)
                .query((rs, n) -> new Locked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        ChallengeStatus.valueOf(rs.getString(5)), rs.getBigDecimal(6), rs.getBigDecimal(7), (Long) rs.getObject(8),
                        rs.getBigDecimal(9), rs.getObject(10, LocalDate.class), rs.getObject(11, LocalDate.class)))
                .optional().orElseThrow(() -> new NotFoundException("未找到揭榜挂帅榜单 " + id, "no challenge " + id));
    }

    public record MilestonePlan(String title, LocalDate dueOn, BigDecimal issuerAmount, BigDecimal governmentAmount) {
    }

    /** What an action carries: a reason, the chosen application, the agreed price, the contract's milestones. */
    public record ActRequest(String reason, Long winnerApplicationId, BigDecimal price, List<MilestonePlan> milestones) {
        public static final ActRequest NONE = new ActRequest(null, null, null, null);
    }

    public record ActResult(long id, ChallengeStatus from, ChallengeStatus to, String messageZh, String messageEn) {
    }

    public ActResult act(CurrentUser user, long id, Action action, ActRequest request, String sourceIp) {
        if (action == null) {
            throw new BadParameterException("action", "", "须为 SCREEN、PUBLISH、CLOSE、NEGOTIATE、PUBLICISE、CONTRACT、ACCEPT、REJECT 或 TERMINATE",
                    "must be SCREEN, PUBLISH, CLOSE, NEGOTIATE, PUBLICISE, CONTRACT, ACCEPT, REJECT or TERMINATE");
        }
        ActRequest r = request == null ? ActRequest.NONE : request;
        String reason = r.reason() == null || r.reason().isBlank() ? null : text("reason", r.reason(), 2000);
        return tx.execute(s -> {
            Locked c = lock(id);
            // a challenge outside the officer's region is refused like every write outside the scope (403 naming it)
            if (user.role() == Role.BUREAU) WriteScope.requireRegion(user, c.regionCode(), "id");
            ChallengeWorkflow.Facts f = facts(c, r);
            ChallengeWorkflow.Decision d = ChallengeWorkflow.decide(f, new ChallengeWorkflow.Actor(user.role(),
                    WriteScope.coversRegion(user, c.regionCode())), action, reason, today());
            if (!d.allowed()) throw new ChallengeRefusedException(d.zh(), d.en());
            String detail = reason;
            switch (action) {
                case PUBLISH -> jdbc.sql("UPDATE challenge SET published_at = now() WHERE id = :id").param("id", c.id()).update();
                case CLOSE -> detail = openReviews(user, c);
                case NEGOTIATE -> {
                    long winner = winner(c, r);
                    jdbc.sql("UPDATE challenge SET winner_application_id = :w WHERE id = :id").param("w", winner).param("id", c.id()).update();
                    jdbc.sql("UPDATE challenge_application SET status = CASE WHEN id = :w THEN 'WON' ELSE 'LOST' END WHERE challenge_id = :id AND status = 'IN_REVIEW'")
                            .param("w", winner).param("id", c.id()).update();
                    detail = "揭榜方案 #" + winner;
                }
                case PUBLICISE -> {
                    LocalDate ends = today().plusDays(PUBLICITY_DAYS - 1L);
                    jdbc.sql("UPDATE challenge SET contract_price_yuan = :p, publicity_ends_on = :e WHERE id = :id")
                            .param("p", r.price()).param("e", Date.valueOf(ends)).param("id", c.id()).update();
                    detail = "约定价格 " + r.price().toPlainString() + " 元，公示至 " + ends;
                }
                case CONTRACT -> {
                    int seq = 0;
                    for (MilestonePlan m : r.milestones()) {
                        jdbc.sql("""
                                INSERT INTO challenge_milestone (challenge_id, seq, title, due_on, issuer_amount_yuan, government_amount_yuan, status)
                                VALUES (:c, :s, :t, :d, :i, :g, 'PLANNED')""")
                                .param("c", c.id()).param("s", ++seq).param("t", text("milestones.title", m.title(), 200))
                                .param("d", Date.valueOf(m.dueOn())).param("i", m.issuerAmount()).param("g", m.governmentAmount()).update();
                    }
                    detail = seq + " 个里程碑";
                }
                case REJECT, TERMINATE -> jdbc.sql("UPDATE challenge SET closed_reason = :r WHERE id = :id").param("r", reason).param("id", c.id()).update();
                default -> { }
            }
            jdbc.sql("UPDATE challenge SET status = :s WHERE id = :id").param("s", d.to().name()).param("id", c.id()).update();
            event(c.id(), c.status(), d.to(), action.name(), user, detail);
            audit.record(user.username(), "challenge." + action.name().toLowerCase(), "challenge:" + c.id(),
                    c.status() + "→" + d.to() + (detail == null ? "" : "; " + detail), sourceIp);
            return new ActResult(c.id(), c.status(), d.to(), "榜单 " + c.id() + "：" + action.zh() + "（" + d.to().zh() + "）",
                    "challenge " + c.id() + ": " + action.en() + " (" + d.to().en() + ")");
        });
    }

    private ChallengeWorkflow.Facts facts(Locked c, ActRequest r) {
        int formalOk = count("SELECT count(*) FROM challenge_application WHERE challenge_id = :id AND status = 'FORMAL_OK'", c.id());
        int reviewsOpen = 0;
        Map<Long, Reviews.State> states = new HashMap<>();
        for (var a : applicationsInReview(c.id())) {
            Reviews.State st = reviews.state(a.reviewCaseId());
            states.put(a.id(), st);
            if (!st.decided()) reviewsOpen++;
        }
        boolean winnerPasses = false;
        if (c.status() == ChallengeStatus.REVIEW && reviewsOpen == 0 && !states.isEmpty()) {
            Long w = r.winnerApplicationId() != null ? r.winnerApplicationId() : best(states);
            winnerPasses = w != null && states.containsKey(w) && Boolean.TRUE.equals(states.get(w).passes());
        }
        BigDecimal funding = c.issuerFunding().add(c.governmentFunding());
        boolean withinBudget = r.price() != null && r.price().signum() > 0 && r.price().compareTo(funding) <= 0;
        boolean milestonesMatch = false;
        if (r.milestones() != null && !r.milestones().isEmpty() && c.price() != null) {
            BigDecimal i = BigDecimal.ZERO, g = BigDecimal.ZERO;
            boolean ok = true;
            for (MilestonePlan m : r.milestones()) {
                if (m.issuerAmount() == null || m.governmentAmount() == null || m.dueOn() == null || m.issuerAmount().signum() < 0
                        || m.governmentAmount().signum() < 0) ok = false;
                else {
                    i = i.add(m.issuerAmount());
                    g = g.add(m.governmentAmount());
                }
            }
            milestonesMatch = ok && i.add(g).compareTo(c.price()) == 0 && i.compareTo(c.issuerFunding()) <= 0
                    && g.compareTo(c.governmentFunding()) <= 0;
        }
        int objections = count("SELECT count(*) FROM challenge_objection WHERE challenge_id = :id AND resolved_at IS NULL", c.id());
        int unpaid = count("SELECT count(*) FROM challenge_milestone WHERE challenge_id = :id AND status <> 'PAID'", c.id());
        return new ChallengeWorkflow.Facts(c.status(), formalOk, reviewsOpen, winnerPasses, withinBudget, c.publicityEndsOn(), objections,
                milestonesMatch, unpaid);
    }

    /** The best-ranked passing application (ranking by the panel's mean; equal means: the earlier application). */
    private static Long best(Map<Long, Reviews.State> states) {
        return Reviews.bestPassing(states);
    }

    private long winner(Locked c, ActRequest r) {
        Map<Long, Reviews.State> states = new HashMap<>();
        for (var a : applicationsInReview(c.id())) states.put(a.id(), reviews.state(a.reviewCaseId()));
        Long w = r.winnerApplicationId() != null ? r.winnerApplicationId() : best(states);
        if (w == null || !states.containsKey(w)) {
            throw new BadParameterException("winnerApplicationId", String.valueOf(w), "须为本榜单进入专家评审的揭榜方案", "must be an application of this challenge under review");
        }
        return w;
    }

    private record InReview(long id, long reviewCaseId) {
    }

    private List<InReview> applicationsInReview(long challengeId) {
        return jdbc.sql("SELECT id, review_case_id FROM challenge_application WHERE challenge_id = :id AND status = 'IN_REVIEW' ORDER BY id")
                .param("id", challengeId).query((rs, n) -> new InReview(rs.getLong(1), rs.getLong(2))).list();
    }

    /** Each application that passed the formal check goes to a blind expert review on the challenge form. */
    private String openReviews(CurrentUser user, Locked c) {
        record App(long id, String solver, String code) {
        }
        List<App> apps = jdbc.sql("""
                SELECT a.id, s.name, s.credit_code FROM challenge_application a JOIN challenge_solver s ON s.id = a.solver_id
                WHERE a.challenge_id = :id AND a.status = 'FORMAL_OK' ORDER BY a.id""").param("id", c.id())
                .query((rs, n) -> new App(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        for (App a : apps) {
            long caseId = reviews.openChallengeReview(user, new Reviews.Request(a.id(), "揭榜方案评审：" + c.title() + " — " + a.solver(),
                    a.solver(), a.code(), c.regionCode(), List.of(c.field()), today().getYear(), true));
            jdbc.sql("UPDATE challenge_application SET status = 'IN_REVIEW', review_case_id = :c WHERE id = :id")
                    .param("c", caseId).param("id", a.id()).update();
        }
        return apps.size() + " 份揭榜方案进入专家评审（盲评）";
    }

    public record Application(String team, String plan, String milestones, BigDecimal price) {
    }

    /** An active solver applies to a published challenge before its deadline. */
    public long apply(CurrentUser user, long challengeId, Application a, String sourceIp) {
        long solverId = solvers.activeSolverOf(user);
        String team = text("team", a.team(), MAX_TEXT), plan = text("plan", a.plan(), MAX_TEXT), ms = text("milestones", a.milestones(), MAX_TEXT);
        BigDecimal price = money("price", a.price());
        if (price.signum() <= 0) throw new BadParameterException("price", price.toPlainString(), "报价须大于 0", "the price must be more than 0");
        return tx.execute(s -> {
            Locked c = lock(challengeId);
            if (c.status() != ChallengeStatus.PUBLISHED) {
                throw new ChallengeRefusedException("榜单当前为“" + c.status().zh() + "”，不接受揭榜", "the challenge is " + c.status().name() + ": no applications");
            }
            if (today().isAfter(c.deadline())) throw new ChallengeRefusedException("揭榜已于 " + c.deadline() + " 截止", "applications closed on " + c.deadline());
            if (count("SELECT count(*) FROM challenge_application WHERE challenge_id = :id AND solver_id = " + solverId, c.id()) > 0) {
                throw new ChallengeRefusedException("本单位已揭榜该榜单", "your organisation has already applied");
            }
            long id = jdbc.sql("""
                    INSERT INTO challenge_application (challenge_id, solver_id, team, plan, milestones, price_yuan, status)
                    VALUES (:c, :s, :t, :p, :m, :price, 'SUBMITTED') RETURNING id""")
                    .param("c", c.id()).param("s", solverId).param("t", team).param("p", plan).param("m", ms).param("price", price)
                    .query(Long.class).single();
            event(c.id(), c.status(), c.status(), "APPLY", user, "揭榜方案 #" + id);
            audit.record(user.username(), "challenge.apply", "challenge_application:" + id, "challenge:" + c.id(), sourceIp);
            return id;
        });
    }

    /** The formal check of an application (形式审查): passed, or refused with the reason. */
    public void formalCheck(CurrentUser user, long applicationId, boolean passed, String note, String sourceIp) {
        String reason = note == null || note.isBlank() ? null : text("note", note, 2000);
        if (!passed && reason == null) throw new BadParameterException("note", "", "形式审查不通过须写明理由", "a failed formal check needs the reason");
        tx.executeWithoutResult(s -> {
            long challengeId = jdbc.sql("SELECT challenge_id FROM challenge_application WHERE id = :id").param("id", applicationId)
                    .query(Long.class).optional().orElseThrow(() -> new NotFoundException("未找到揭榜方案 " + applicationId, "no application " + applicationId));
            Locked c = lock(challengeId);
            if (user.role() == Role.BUREAU) WriteScope.requireRegion(user, c.regionCode(), "id");
            if (user.role() != Role.BUREAU) {
                throw new ChallengeRefusedException("只有管辖该榜单的科技局经办人可以形式审查", "only a bureau officer covering the challenge checks applications");
            }
            if (c.status() != ChallengeStatus.PUBLISHED) throw new ChallengeRefusedException("榜单已截止揭榜，不能再形式审查", "the challenge is closed");
            int n = jdbc.sql("UPDATE challenge_application SET status = :s, formal_note = :n WHERE id = :id AND status = 'SUBMITTED'")
                    .param("s", passed ? "FORMAL_OK" : "FORMAL_REJECTED").param("n", reason).param("id", applicationId).update();
            if (n == 0) throw new ChallengeRefusedException("该揭榜方案已审查过", "the application was already checked");
            event(c.id(), c.status(), c.status(), passed ? "FORMAL_OK" : "FORMAL_REJECTED", user, "揭榜方案 #" + applicationId);
            audit.record(user.username(), passed ? "challenge.formal.ok" : "challenge.formal.reject", "challenge_application:" + applicationId, reason, sourceIp);
        });
    }

    /** An objection during publicity (any signed-in user), and its resolution by a covering officer. */
    public long object(CurrentUser user, long challengeId, String content, String sourceIp) {
        String text = text("content", content, 2000);
        return tx.execute(s -> {
            Locked c = lock(challengeId);
            if (c.status() != ChallengeStatus.PUBLICITY) throw new ChallengeRefusedException("只能在公示期内提出异议", "objections only during publicity");
            long id = jdbc.sql("INSERT INTO challenge_objection (challenge_id, content, lodged_by) VALUES (:c, :t, :u) RETURNING id")
                    .param("c", c.id()).param("t", text).param("u", user.id()).query(Long.class).single();
            event(c.id(), c.status(), c.status(), "OBJECTION", user, text);
            audit.record(user.username(), "challenge.objection", "challenge:" + c.id(), text, sourceIp);
            return id;
        });
    }

    public void resolveObjection(CurrentUser user, long objectionId, String resolution, String sourceIp) {
        String text = text("resolution", resolution, 2000);
        tx.executeWithoutResult(s -> {
            long challengeId = jdbc.sql("SELECT challenge_id FROM challenge_objection WHERE id = :id AND resolved_at IS NULL").param("id", objectionId)
                    .query(Long.class).optional().orElseThrow(() -> new NotFoundException("未找到待处理的异议 " + objectionId, "no open objection " + objectionId));
            Locked c = lock(challengeId);
            if (user.role() == Role.BUREAU) WriteScope.requireRegion(user, c.regionCode(), "id");
            if (user.role() != Role.BUREAU) {
                throw new ChallengeRefusedException("只有管辖该榜单的科技局经办人可以处理异议", "only a covering bureau officer resolves objections");
            }
            jdbc.sql("UPDATE challenge_objection SET resolution = :r, resolved_by = :u, resolved_at = now() WHERE id = :id")
                    .param("r", text).param("u", user.id()).param("id", objectionId).update();
            event(c.id(), c.status(), c.status(), "OBJECTION_RESOLVED", user, text);
            audit.record(user.username(), "challenge.objection.resolve", "challenge:" + c.id(), text, sourceIp);
        });
    }

    /** The winning solver reports a milestone's progress. */
    public void reportMilestone(CurrentUser user, long milestoneId, String report, String sourceIp) {
        long solverId = solvers.activeSolverOf(user);
        String text = text("report", report, MAX_TEXT);
        tx.executeWithoutResult(s -> {
            Milestone m = milestone(milestoneId);
            Locked c = lock(m.challengeId());
            boolean winner = c.winnerApplicationId() != null && count("SELECT count(*) FROM challenge_application WHERE id = :id AND solver_id = "
                    + solverId, c.winnerApplicationId()) > 0;
            if (!winner) throw new NotFoundException("未找到里程碑 " + milestoneId, "no milestone " + milestoneId);
            if (c.status() != ChallengeStatus.CONTRACTED || !"PLANNED".equals(m.status())) {
                throw new ChallengeRefusedException("该里程碑当前不能提交报告", "this milestone cannot be reported now");
            }
            jdbc.sql("UPDATE challenge_milestone SET status = 'REPORTED', report = :r, reported_at = now() WHERE id = :id")
                    .param("r", text).param("id", milestoneId).update();
            event(c.id(), c.status(), c.status(), "MILESTONE_REPORT", user, "里程碑 " + m.seq());
            audit.record(user.username(), "challenge.milestone.report", "challenge_milestone:" + milestoneId, null, sourceIp);
        });
    }

    public record PaymentResult(long milestoneId, boolean paid, String messageZh, String messageEn) {
    }

    /**
     * An expert of the winner's panel accepts a reported milestone, which releases its payment: both shares in one
     * guarded update, or none (then the milestone is marked REFUSED_BUDGET and says so). The milestone row is locked
     * first, so one milestone is never paid twice; the challenge row is not locked, so parallel approvals of
     * different milestones race only in the guarded update.
     */
    public PaymentResult acceptMilestone(CurrentUser user, long milestoneId, String sourceIp) {
        if (user.role() != Role.EXPERT) throw new AccessDeniedException("only the panel's experts accept milestones");
        return tx.execute(s -> {
            Milestone m = jdbc.sql("""
                    SELECT id, challenge_id, seq, status, issuer_amount_yuan, government_amount_yuan FROM challenge_milestone WHERE id = :id FOR UPDATE""")
                    .param("id", milestoneId).query((rs, n) -> new Milestone(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6))).optional()
                    .orElseThrow(() -> new NotFoundException("未找到里程碑 " + milestoneId, "no milestone " + milestoneId));
            Long caseId = jdbc.sql("""
                    SELECT a.review_case_id FROM challenge c JOIN challenge_application a ON a.id = c.winner_application_id WHERE c.id = :id""")
                    .param("id", m.challengeId()).query(Long.class).optional().orElse(null);
            if (caseId == null || !reviews.satOnPanel(caseId, user.id())) {
                throw new NotFoundException("未找到里程碑 " + milestoneId + "（或您不是该项目的评审专家）", "no milestone " + milestoneId + " (or you are not on its panel)");
            }
            if (!"REPORTED".equals(m.status())) {
                throw new ChallengeRefusedException("里程碑 " + m.seq() + " 当前不能验收（须先提交进展报告，且未拨付）", "milestone " + m.seq() + " cannot be accepted now");
            }
            boolean paid = budget.pay(m.challengeId(), m.issuerAmount(), m.governmentAmount());
            jdbc.sql("UPDATE challenge_milestone SET status = :s, accepted_by = :u, paid_at = CASE WHEN :paid THEN now() END WHERE id = :id")
                    .param("s", paid ? "PAID" : "REFUSED_BUDGET").param("u", user.id()).param("paid", paid).param("id", m.id()).update();
            String detail = "里程碑 " + m.seq() + (paid ? " 验收通过，拨付发榜方 " + m.issuerAmount().toPlainString() + " 元、政府资助 "
                    + m.governmentAmount().toPlainString() + " 元" : " 验收通过，但经费不足，未拨付");
            jdbc.sql("""
                    INSERT INTO challenge_event (challenge_id, actor_id, action, from_status, to_status, detail)
                    SELECT id, :u, :a, status, status, :d FROM challenge WHERE id = :id""")
                    .param("u", user.id()).param("a", paid ? "MILESTONE_PAID" : "MILESTONE_BUDGET_SHORT").param("d", detail)
                    .param("id", m.challengeId()).update();
            audit.record(user.username(), paid ? "challenge.milestone.pay" : "challenge.milestone.budget_short", "challenge_milestone:" + m.id(), detail, sourceIp);
            return new PaymentResult(m.id(), paid, detail, paid ? "milestone " + m.seq() + " accepted and paid"
                    : "milestone " + m.seq() + " accepted but the funding is exhausted: not paid");
        });
    }

    record Milestone(long id, long challengeId, int seq, String status, BigDecimal issuerAmount, BigDecimal governmentAmount) {
    }

    private Milestone milestone(long id) {
        return jdbc.sql("SELECT id, challenge_id, seq, status, issuer_amount_yuan, government_amount_yuan FROM challenge_milestone WHERE id = :id")
                .param("id", id).query((rs, n) -> new Milestone(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6))).optional().orElseThrow(() -> new NotFoundException("未找到里程碑 " + id, "no milestone " + id));
    }

    private int count(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query(Integer.class).single();
    }

    private void event(long id, ChallengeStatus from, ChallengeStatus to, String action, CurrentUser user, String detail) {
        jdbc.sql("""
                INSERT INTO challenge_event (challenge_id, at, actor_id, action, from_status, to_status, detail)
                VALUES (:c, :at, :u, :a, :f, :t, :d)""")
                .param("c", id).param("at", Timestamp.from(clock.instant())).param("u", user.id()).param("a", action)
                .param("f", from == null ? null : from.name()).param("t", to.name()).param("d", detail).update();
    }

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) throw new BadParameterException(field, "", "必填", "required");
        String s = value.strip();
        if (s.length() > max) throw new BadParameterException(field, s, "不能超过 " + max + " 个字符", "at most " + max + " characters");
        if (s.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
            throw new BadParameterException(field, s, "不能包含控制字符", "no control characters");
        }
        return s;
    }

    static BigDecimal money(String field, BigDecimal v) {
        if (v == null) throw new BadParameterException(field, "", "必填（元）", "required (yuan)");
        if (v.signum() < 0 || v.scale() > 2 || v.compareTo(new BigDecimal("1000000000000")) >= 0) {
            throw new BadParameterException(field, v.toPlainString(), "须为 0 至 1 万亿元之间、最多两位小数的金额", "an amount in yuan from 0 below 10^12 with at most 2 decimals");
        }
        return v;
    }

    // ---- reading ----

    public record BoardRow(long id, String title, String field, String regionCode, String issuer, BigDecimal funding, LocalDate deadline,
                           ChallengeStatus status, int applications) {
    }

    /** The public board: published challenges and later, filtered by field and status; no contact or solver data. */
    public List<BoardRow> board(String field, ChallengeStatus status, int limit) {
        if (status != null && !status.onBoard()) return List.of();
        return jdbc.sql("""
                SELECT c.id, c.title, c.field, c.region_code, c.issuer_name, c.issuer_funding_yuan + c.government_funding_yuan, c.deadline, c.status,
                       (SELECT count(*) FROM challenge_application a WHERE a.challenge_id = c.id)
                FROM challenge c
                WHERE c.status NOT IN ('NEED', 'SCREENED', 'REJECTED') AND (CAST(:f AS text) IS NULL OR c.field = :f)
                  AND (CAST(:s AS text) IS NULL OR c.status = :s)
                ORDER BY c.id DESC LIMIT :limit""")
                .param("f", field == null || field.isBlank() ? null : field.strip()).param("s", status == null ? null : status.name())
                .param("limit", limit).query((rs, n) -> new BoardRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6), rs.getObject(7, LocalDate.class), ChallengeStatus.valueOf(rs.getString(8)),
                        rs.getInt(9))).list();
    }

    /** The officers' list: every challenge in their region, needs included. */
    public List<BoardRow> list(CurrentUser user, ChallengeStatus status, int limit) {
        if (user.role() != Role.BUREAU && user.role() != Role.ADMIN && user.role() != Role.LEADER) {
            throw new AccessDeniedException("only BUREAU, ADMIN and LEADER list all challenges");
        }
        String prefix = user.role() == Role.ADMIN ? "" : user.regionCode();
        return jdbc.sql("""
                SELECT c.id, c.title, c.field, c.region_code, c.issuer_name, c.issuer_funding_yuan + c.government_funding_yuan, c.deadline, c.status,
                       (SELECT count(*) FROM challenge_application a WHERE a.challenge_id = c.id)
                FROM challenge c WHERE c.region_code LIKE :r AND (CAST(:s AS text) IS NULL OR c.status = :s) ORDER BY c.id DESC LIMIT :limit""")
                .param("r", prefix + "%").param("s", status == null ? null : status.name()).param("limit", limit)
                .query((rs, n) -> new BoardRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getBigDecimal(6), rs.getObject(7, LocalDate.class), ChallengeStatus.valueOf(rs.getString(8)), rs.getInt(9))).list();
    }

    public record Detail(long id, String title, String problem, String indicators, String field, String regionCode, String issuer,
                         BigDecimal issuerFunding, BigDecimal governmentFunding, BigDecimal paidIssuer, BigDecimal paidGovernment,
                         LocalDate deadline, ChallengeStatus status, BigDecimal price, LocalDate publicityEndsOn, String closedReason) {
    }

    /** One challenge as the public reads it (needs and rejected ones are not public). */
    public Detail detail(CurrentUser user, long id) {
        Detail d = jdbc.sql("""
                SELECT id, title, problem, indicators, field, region_code, issuer_name, issuer_funding_yuan, government_funding_yuan,
                       paid_issuer_yuan, paid_government_yuan, deadline, status, contract_price_yuan, publicity_ends_on, closed_reason
                FROM challenge WHERE id = :id""").param("id", id)
                .query((rs, n) -> new Detail(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getBigDecimal(11),
                        rs.getObject(12, LocalDate.class), ChallengeStatus.valueOf(rs.getString(13)), rs.getBigDecimal(14),
                        rs.getObject(15, LocalDate.class), rs.getString(16))).optional().orElse(null);
        boolean officer = user != null && (user.role() == Role.ADMIN || ((user.role() == Role.BUREAU || user.role() == Role.LEADER)
                && d != null && d.regionCode().startsWith(user.regionCode())));
        if (d == null || (!d.status().onBoard() && !officer)) throw new NotFoundException("未找到揭榜挂帅榜单 " + id, "no challenge " + id);
        return d;
    }

    public record AppRow(long id, String solver, String solverCode, BigDecimal price, String status, String formalNote, Long reviewCaseId,
                         BigDecimal mean, Boolean passes, OffsetDateTime submittedAt) {
    }

    /** The applications of a challenge: the covering officers see all, a solver only its own. */
    public List<AppRow> applications(CurrentUser user, long challengeId) {
        Detail d = detail(user, challengeId);
        boolean officer = user.role() == Role.ADMIN || ((user.role() == Role.BUREAU || user.role() == Role.LEADER) && d.regionCode().startsWith(user.regionCode()));
        if (!officer && user.role() != Role.SOLVER) return List.of();
        return jdbc.sql("""
                SELECT a.id, s.name, s.credit_code, a.price_yuan, a.status, a.formal_note, a.review_case_id, a.submitted_at
                FROM challenge_application a JOIN challenge_solver s ON s.id = a.solver_id
                WHERE a.challenge_id = :c AND (:officer OR s.user_id = :u) ORDER BY a.id""")
                .param("c", challengeId).param("officer", officer).param("u", user.id())
                .query((rs, n) -> {
                    Long caseId = (Long) rs.getObject(7);
                    Reviews.State st = caseId == null ? null : reviews.state(caseId);
                    boolean decided = st != null && st.decided();
                    return new AppRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5), rs.getString(6),
                            officer ? caseId : null, decided ? st.mean() : null, decided ? st.passes() : null, rs.getObject(8, OffsetDateTime.class));
                }).list();
    }

    public record MilestoneRow(long id, int seq, String title, LocalDate dueOn, BigDecimal issuerAmount, BigDecimal governmentAmount, String status,
                               String report) {
    }

    public List<MilestoneRow> milestones(CurrentUser user, long challengeId) {
        detail(user, challengeId);
        return jdbc.sql("""
                SELECT id, seq, title, due_on, issuer_amount_yuan, government_amount_yuan, status, report FROM challenge_milestone
                WHERE challenge_id = :c ORDER BY seq""").param("c", challengeId)
                .query((rs, n) -> new MilestoneRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7), user == null ? null : rs.getString(8))).list();
    }

    public record MyApplication(long id, long challengeId, String challenge, ChallengeStatus challengeStatus, BigDecimal price, String status,
                                String formalNote, List<MilestoneRow> milestones) {
    }

    /** A solver's own applications, with the milestones of the challenges it won. */
    public List<MyApplication> mine(CurrentUser user) {
        long solverId = solvers.activeSolverOf(user);
        record Row(long id, long challengeId, String title, String status, BigDecimal price, String appStatus, String note) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT a.id, c.id, c.title, c.status, a.price_yuan, a.status, a.formal_note FROM challenge_application a
                JOIN challenge c ON c.id = a.challenge_id WHERE a.solver_id = :s ORDER BY a.id DESC""").param("s", solverId)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getString(6),
                        rs.getString(7))).list();
        List<MyApplication> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new MyApplication(r.id(), r.challengeId(), r.title(), ChallengeStatus.valueOf(r.status()), r.price(), r.appStatus(), r.note(),
                    "WON".equals(r.appStatus()) ? milestones(user, r.challengeId()) : List.of()));
        }
        return out;
    }

    /** How many challenges reached a contract in the region (揭榜挂帅项目数, counted toward the targets). */
    public int contractedCount(String regionPrefix) {
        return jdbc.sql("SELECT count(*) FROM challenge WHERE region_code LIKE :r AND status IN ('CONTRACTED', 'ACCEPTED')")
                .param("r", regionPrefix + "%").query(Integer.class).single();
    }
}
