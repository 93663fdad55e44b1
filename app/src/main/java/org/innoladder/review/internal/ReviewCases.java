package org.innoladder.review.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.review.ReviewDecided;
import org.innoladder.review.domain.Assignment;
import org.innoladder.review.domain.AssignmentStatus;
import org.innoladder.review.domain.Conflicts;
import org.innoladder.review.domain.Panel;
import org.innoladder.review.domain.ReviewAction;
import org.innoladder.review.domain.ReviewStatus;
import org.innoladder.review.domain.ReviewWorkflow;
import org.innoladder.review.domain.ScoringForm;
import org.innoladder.review.domain.Why;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Review cases: proposal, every workflow step, the panel's figures and what each reader may see. Each step locks the
 * case row (found through the caller's review scope: another region's case, or a case an expert is not assigned to,
 * is not found), asks {@link ReviewWorkflow}, applies the answer, appends the history row and the audit entry, in one
 * transaction. Deciding publishes {@link ReviewDecided} in that transaction.
 */
@Service
public class ReviewCases {
    static final int MAX_TEXT = 2000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final ScoringForms forms;
    private final ExpertPool pool;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReviewCases(JdbcClient jdbc, PlatformTransactionManager transactions, AuditTrail audit, ScoringForms forms, ExpertPool pool,
                ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
        this.forms = forms;
        this.pool = pool;
        this.events = events;
        this.clock = clock;
    }

    public record OpenCase(String kind, long subjectId, String formId, String title, String applicantName,
                           String applicantCreditCode, Long enterpriseId, String regionCode, List<String> fields, int year,
                           boolean blind) {
    }

    public record ActRequest(String reason, List<Long> experts, Map<String, Integer> scores, Map<String, String> comments,
                             Long assignmentId) {
        public static final ActRequest NONE = new ActRequest(null, null, null, null, null);

        public static ActRequest reason(String reason) {
            return new ActRequest(reason, null, null, null, null);
        }
    }

    public record ActResult(long caseId, ReviewStatus from, ReviewStatus to, String messageZh, String messageEn) {
    }

    record Locked(long id, String kind, long subjectId, String formId, String title, String applicantName, String applicantCode,
                  Long enterpriseId, String regionCode, List<String> fields, int year, boolean blind, ReviewStatus status) {
    }

    /** Which cases a user may find: officers and leaders by region, experts those assigned to them, the admin all. */
    static DataScope.SqlFilter scope(CurrentUser user, String alias) {
        return switch (user.role()) {
            case ADMIN -> new DataScope.SqlFilter("true", Map.of());
            case BUREAU, TOWN, LEADER -> new DataScope.SqlFilter(alias + ".region_code LIKE :rs_region",
                    Map.of("rs_region", user.regionCode() + "%"));
            case EXPERT -> new DataScope.SqlFilter("EXISTS (SELECT 1 FROM review_assignment ra JOIN review_expert rx ON rx.id = ra.expert_id"
                    + " WHERE ra.case_id = " + alias + ".id AND rx.user_id = :rs_user)", Map.of("rs_user", user.id()));
            case ENTERPRISE, BANK, SOLVER -> new DataScope.SqlFilter("false", Map.of());
        };
    }

    private static final String CASE_COLUMNS = "c.id, c.kind, c.subject_id, c.form_id, c.title, c.applicant_name, c.applicant_credit_code,"
            + " c.enterprise_id, c.region_code, c.fields, c.year, c.blind, c.status";

    private static Locked caseRow(ResultSet rs, int n) throws SQLException {
        return new Locked(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), (Long) rs.getObject(8), rs.getString(9), ExpertPool.strings(rs.getArray(10)), rs.getInt(11),
                rs.getBoolean(12), ReviewStatus.valueOf(rs.getString(13)));
    }

    Locked find(CurrentUser user, long caseId, boolean forUpdate) {
        DataScope.SqlFilter f = scope(user, "c");
        Map<String, Object> p = new HashMap<>(f.params());
        p.put("id", caseId);
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM review_case c WHERE c.id = :id AND " + f.sql() + (forUpdate ? " FOR UPDATE" : ""))
                .params(p).query(ReviewCases::caseRow).optional().orElseThrow(() -> notFound(caseId));
    }

    static NotFoundException notFound(long caseId) {
        return new NotFoundException("未找到评审 " + caseId + "（或未指派给您、不在您的范围内）",
                "no review " + caseId + " (or it is not assigned to you, or outside your scope)");
    }

    /** Opens a case in the caller's transaction (the workflow that owns the subject calls it). */
    public long open(CurrentUser by, OpenCase c) {
        forms.get(c.formId());
        long id = jdbc.sql("""
                INSERT INTO review_case (kind, subject_id, form_id, title, applicant_name, applicant_credit_code, enterprise_id,
                                         region_code, fields, year, blind, status, created_by)
                VALUES (:kind, :subject, :form, :title, :name, :code, :enterprise, :region, :fields, :year, :blind, 'OPEN', :by)
                RETURNING id""")
                .param("kind", c.kind()).param("subject", c.subjectId()).param("form", c.formId()).param("title", c.title())
                .param("name", c.applicantName()).param("code", c.applicantCreditCode()).param("enterprise", c.enterpriseId())
                .param("region", c.regionCode()).param("fields", c.fields().toArray(String[]::new)).param("year", c.year())
                .param("blind", c.blind()).param("by", by.id()).query(Long.class).single();
        event(id, null, ReviewStatus.OPEN, "OPEN", by, c.title());
        audit.record(by.username(), "review.open", "review_case:" + id, c.kind() + " " + c.title(), null);
        return id;
    }

    /** The proposal for the experts still missing from the case's panel (the officer confirms it with ASSIGN). */
    public Assignment.Proposal propose(CurrentUser user, long caseId) {
        Locked c = find(user, caseId, false);
        requireOfficer(user, c);
        ScoringForm form = forms.get(c.formId());
        Set<Long> already = new LinkedHashSet<>(jdbc.sql("SELECT expert_id FROM review_assignment WHERE case_id = :id")
                .param("id", caseId).query(Long.class).list());
        int active = jdbc.sql("SELECT count(*) FROM review_assignment WHERE case_id = :id AND status <> 'DECLINED'")
                .param("id", caseId).query(Integer.class).single();
        List<Assignment.Candidate> candidates = pool.candidates().stream().filter(e -> !already.contains(e.id())).toList();
        return Assignment.propose(assignmentCase(c), candidates, Math.max(1, form.panelSize() - active));
    }

    private static Assignment.Case assignmentCase(Locked c) {
        return new Assignment.Case(c.id(), new Conflicts.Applicant(c.applicantName(), c.applicantName(), c.applicantCode(), c.year()),
                Set.copyOf(c.fields()));
    }

    private static void requireOfficer(CurrentUser user, Locked c) {
        if (user.role() != Role.BUREAU || !WriteScope.coversRegion(user, c.regionCode())) {
            throw new ReviewRefusedException("ROLE", new Why("只有管辖该评审的科技局经办人可以分配专家",
                    "only a bureau officer covering the review may assign experts"));
        }
    }

    /** Takes one workflow step in its own transaction. */
    public ActResult act(CurrentUser user, long caseId, ReviewAction action, ActRequest request, String sourceIp) {
        if (action == null) {
            throw new BadParameterException("action", "", "须为 ASSIGN、ACCEPT、DECLINE、SUBMIT、MODERATE、DECIDE 或 CANCEL",
                    "must be ASSIGN, ACCEPT, DECLINE, SUBMIT, MODERATE, DECIDE or CANCEL");
        }
        ActRequest r = request == null ? ActRequest.NONE : request;
        return tx.execute(s -> apply(user, find(user, caseId, true), action, r, sourceIp));
    }

    /** An assignment as the workflow and the panel need it. */
    record Sheet(long id, long expertId, Long userId, String expertName, String organisation, AssignmentStatus status,
                 BigDecimal total, BigDecimal moderatedTotal, String moderationReason, String declineReason) {
    }

    List<Sheet> sheets(long caseId) {
        return jdbc.sql("""
                SELECT a.id, a.expert_id, x.user_id, x.name, x.organisation, a.status, a.total, a.moderated_total, a.moderation_reason,
                       a.decline_reason
                FROM review_assignment a JOIN review_expert x ON x.id = a.expert_id WHERE a.case_id = :id ORDER BY a.id""")
                .param("id", caseId).query((rs, n) -> new Sheet(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4),
                        rs.getString(5), AssignmentStatus.valueOf(rs.getString(6)), rs.getBigDecimal(7), rs.getBigDecimal(8),
                        rs.getString(9), rs.getString(10))).list();
    }

    static Panel.Summary summary(List<Sheet> sheets, ScoringForm form) {
        List<Panel.Sheet> submitted = sheets.stream().filter(s -> s.status() == AssignmentStatus.SUBMITTED)
                .map(s -> new Panel.Sheet(s.id(), s.total(), s.moderatedTotal(), s.moderationReason())).toList();
        return Panel.summarise(submitted, form.outlierDistance(), form.threshold());
    }

    private ActResult apply(CurrentUser user, Locked c, ReviewAction action, ActRequest r, String sourceIp) {
        ScoringForm form = forms.get(c.formId());
        List<Sheet> sheets = sheets(c.id());
        Sheet mine = user.role() == Role.EXPERT ? sheets.stream().filter(s -> s.userId() != null && s.userId() == user.id())
                .findFirst().orElse(null) : null;
        int openOthers = (int) sheets.stream().filter(s -> s.status().open() && s != mine).count();
        int submitted = (int) sheets.stream().filter(s -> s.status() == AssignmentStatus.SUBMITTED).count();
        Panel.Summary summary = summary(sheets, form);
        ReviewWorkflow.CaseFacts facts = new ReviewWorkflow.CaseFacts(c.status(), mine == null ? null : mine.status(), openOthers,
                submitted, form.minPanel(), summary.unresolved());
        String reason = r.reason() == null ? null : ExpertPool.text("reason", r.reason(), MAX_TEXT);
        List<Long> experts = r.experts() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.experts()));
        ReviewWorkflow.Decision d = ReviewWorkflow.decide(facts, new ReviewWorkflow.Actor(user.id(), user.role(),
                WriteScope.coversRegion(user, c.regionCode())), action, new ReviewWorkflow.Input(reason, experts.size()));
        if (!d.allowed()) throw new ReviewRefusedException(d.refusal().name(), d.why());
        String detail = reason;
        switch (action) {
            case ASSIGN -> detail = assign(user, c, experts);
            case ACCEPT -> setStatus(mine.id(), AssignmentStatus.ACCEPTED);
            case DECLINE -> jdbc.sql("UPDATE review_assignment SET status = 'DECLINED', decline_reason = :r WHERE id = :id")
                    .param("r", reason).param("id", mine.id()).update();
            case SUBMIT -> detail = submit(form, mine, r);
            case MODERATE -> detail = moderate(user, form, sheets, summary, r, reason);
            case DECIDE -> detail = decide(user, c, form, sheets);
            case CANCEL -> { }
        }
        ReviewStatus to = d.to();
        if (to != c.status()) {
            jdbc.sql("UPDATE review_case SET status = :to WHERE id = :id").param("to", to.name()).param("id", c.id()).update();
        }
        event(c.id(), c.status(), to, action.name(), user, detail);
        audit.record(user.username(), "review." + action.name().toLowerCase(), "review_case:" + c.id(),
                c.status() + "→" + to + (detail == null ? "" : "; " + detail), sourceIp);
        return new ActResult(c.id(), c.status(), to, "评审 " + c.id() + "：" + action.zh() + "（" + c.status().zh() + " → " + to.zh() + "）",
                "review " + c.id() + ": " + action.en() + " (" + c.status().en() + " → " + to.en() + ")");
    }

    private void setStatus(long assignmentId, AssignmentStatus status) {
        jdbc.sql("UPDATE review_assignment SET status = :s WHERE id = :id").param("s", status.name()).param("id", assignmentId).update();
    }

    /** Confirms experts, each one re-checked against a fresh proposal: a conflicted or full expert is refused with why. */
    private String assign(CurrentUser user, Locked c, List<Long> experts) {
        Set<Long> already = new LinkedHashSet<>(jdbc.sql("SELECT expert_id FROM review_assignment WHERE case_id = :id")
                .param("id", c.id()).query(Long.class).list());
        List<Assignment.Candidate> all = pool.candidates();
        Map<Long, Assignment.Candidate> byId = new HashMap<>();
        all.forEach(e -> byId.put(e.id(), e));
        Assignment.Proposal p = Assignment.propose(assignmentCase(c), all, Math.max(1, all.size()));
        Map<Long, Assignment.Proposed> eligible = new HashMap<>();
        p.proposed().forEach(x -> eligible.put(x.expertId(), x));
        Map<Long, Assignment.Excluded> excluded = new HashMap<>();
        p.excluded().forEach(x -> excluded.put(x.expertId(), x));
        List<String> names = new ArrayList<>();
        for (long id : experts) {
            if (!byId.containsKey(id)) {
                throw new BadParameterException("experts", String.valueOf(id), "专家库中没有此专家", "no such expert in the pool");
            }
            if (already.contains(id)) {
                throw new BadParameterException("experts", String.valueOf(id), "该专家已被指派过此评审", "the expert was already assigned to this review");
            }
            Assignment.Excluded out = excluded.get(id);
            if (out != null) {
                throw new ReviewRefusedException("CONFLICT", new Why("不能指派专家 " + out.name() + "：" + out.why().zh(),
                        "expert " + out.name() + " cannot be assigned: " + out.why().en()));
            }
            Assignment.Proposed in = eligible.get(id);
            if (in == null) {
                throw new ReviewRefusedException("NO_FIELD_MATCH", new Why("专家 " + byId.get(id).name() + " 的专业领域与本评审不匹配",
                        "expert " + byId.get(id).name() + " has no field of this review"));
            }
            jdbc.sql("""
                    INSERT INTO review_assignment (case_id, expert_id, status, proposed_because, confirmed_by)
                    VALUES (:case, :expert, 'CONFIRMED', :why, :by)""")
                    .param("case", c.id()).param("expert", id).param("why", in.why().zh()).param("by", user.id()).update();
            names.add(in.name());
        }
        return "指派专家 " + String.join("、", names);
    }

    private String submit(ScoringForm form, Sheet mine, ActRequest r) {
        Map<String, Integer> scores = r.scores() == null ? Map.of() : r.scores();
        Map<String, String> comments = r.comments() == null ? Map.of() : r.comments();
        List<ScoringForm.Problem> problems = form.validate(scores, comments);
        if (!problems.isEmpty()) {
            ScoringForm.Problem first = problems.get(0);
            throw new BadParameterException("scores." + first.criterion(), first.value(), first.rule().zh()
                    + (problems.size() > 1 ? "（另有 " + (problems.size() - 1) + " 处问题）" : ""), first.rule().en()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s))" : ""));
        }
        for (ScoringForm.Criterion cr : form.criteria()) {
            String comment = comments.get(cr.id());
            if (comment != null) comment = ExpertPool.text("comments." + cr.id(), comment.isBlank() ? "-" : comment, MAX_TEXT);
            jdbc.sql("INSERT INTO review_score (assignment_id, criterion_id, score, comment) VALUES (:a, :c, :s, :m)")
                    .param("a", mine.id()).param("c", cr.id()).param("s", scores.get(cr.id())).param("m", comment).update();
        }
        BigDecimal total = form.total(scores);
        jdbc.sql("UPDATE review_assignment SET status = 'SUBMITTED', submitted_at = :now, total = :t WHERE id = :id")
                .param("now", Timestamp.from(clock.instant())).param("t", total).param("id", mine.id()).update();
        return "总分 " + total.stripTrailingZeros().toPlainString();
    }

    private String moderate(CurrentUser user, ScoringForm form, List<Sheet> sheets, Panel.Summary summary, ActRequest r, String reason) {
        Long target = r.assignmentId();
        boolean flagged = target != null && summary.outliers().stream().anyMatch(o -> o.expertId() == target && !o.resolved());
        if (!flagged) {
            throw new BadParameterException("assignmentId", String.valueOf(target), "须为一份尚未合议的偏离评分",
                    "must be an outlying sheet not yet moderated");
        }
        Map<String, Integer> scores = r.scores() == null ? Map.of() : r.scores();
        List<ScoringForm.Problem> problems = form.validate(scores, null).stream()
                .filter(p -> !p.rule().en().endsWith("needs a comment")).toList();
        if (!problems.isEmpty()) {
            ScoringForm.Problem first = problems.get(0);
            throw new BadParameterException("scores." + first.criterion(), first.value(), first.rule().zh(), first.rule().en());
        }
        for (ScoringForm.Criterion cr : form.criteria()) {
            jdbc.sql("UPDATE review_score SET moderated_score = :s WHERE assignment_id = :a AND criterion_id = :c")
                    .param("s", scores.get(cr.id())).param("a", target).param("c", cr.id()).update();
        }
        BigDecimal total = form.total(scores);
        Sheet s = sheets.stream().filter(x -> x.id() == target).findFirst().orElseThrow();
        jdbc.sql("UPDATE review_assignment SET moderated_total = :t, moderation_reason = :r, moderated_by = :by WHERE id = :id")
                .param("t", total).param("r", reason).param("by", user.id()).param("id", target).update();
        return s.expertName() + "：" + s.total().stripTrailingZeros().toPlainString() + " → " + total.stripTrailingZeros().toPlainString()
                + "（" + reason + "）";
    }

    private String decide(CurrentUser user, Locked c, ScoringForm form, List<Sheet> sheets) {
        Panel.Summary s = summary(sheets, form);
        List<Sheet> counted = sheets.stream().filter(x -> x.status() == AssignmentStatus.SUBMITTED).toList();
        List<Map<String, Integer>> effective = new ArrayList<>();
        for (Sheet x : counted) effective.add(effectiveScores(x.id()));
        Map<String, Integer> facts = form.factValues(effective);
        jdbc.sql("UPDATE review_case SET mean = :m, passes = :p, decided_by = :by, decided_at = :now WHERE id = :id")
                .param("m", s.mean()).param("p", s.passes()).param("by", user.id()).param("now", Timestamp.from(clock.instant()))
                .param("id", c.id()).update();
        events.publishEvent(new ReviewDecided(c.id(), c.kind(), c.subjectId(), s.mean(), s.passes(), facts,
                counted.stream().map(Sheet::expertName).toList(), user.id()));
        return s.verdict().zh();
    }

    /** One sheet's scores, the moderated ones where the sheet was moderated. */
    Map<String, Integer> effectiveScores(long assignmentId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        jdbc.sql("SELECT criterion_id, coalesce(moderated_score, score) FROM review_score WHERE assignment_id = :a ORDER BY criterion_id")
                .param("a", assignmentId).query(rs -> {
                    out.put(rs.getString(1), rs.getInt(2));
                });
        return out;
    }

    private void event(long caseId, ReviewStatus from, ReviewStatus to, String action, CurrentUser user, String detail) {
        jdbc.sql("""
                INSERT INTO review_event (case_id, at, actor_id, action, from_status, to_status, detail)
                VALUES (:case, :at, :actor, :action, :from, :to, :detail)""")
                .param("case", caseId).param("at", Timestamp.from(clock.instant())).param("actor", user.id()).param("action", action)
                .param("from", from == null ? null : from.name()).param("to", to.name()).param("detail", detail).update();
    }

    // ---- reading ----

    public record ScoreLine(String criterion, String label, int score, Integer moderated, String comment, String band) {
    }

    public record SheetView(long assignmentId, String expert, String organisation, AssignmentStatus status, BigDecimal total,
                            BigDecimal moderatedTotal, String moderationReason, String declineReason, String proposedBecause,
                            boolean mine, List<ScoreLine> scores) {
    }

    public record HistoryLine(OffsetDateTime at, String actor, String action, String from, String to, String detail) {
    }

    /**
     * A case as its reader may see it: an expert sees the applicant only when the review is not blind, and the other
     * experts' sheets and the panel's figures only after submitting their own.
     */
    public record CaseView(long id, String kind, long subjectId, String title, String applicant, String applicantCreditCode,
                           Long enterpriseId, String regionCode, List<String> fields, int year, boolean blind, ReviewStatus status,
                           ScoringForm form, List<SheetView> sheets, Panel.Summary summary, boolean othersVisible,
                           SheetView mine, List<HistoryLine> history, List<ReviewAction> actions) {
    }

    public CaseView view(CurrentUser user, long caseId) {
        Locked c = find(user, caseId, false);
        ScoringForm form = forms.get(c.formId());
        List<Sheet> sheets = sheets(c.id());
        Sheet mine = user.role() == Role.EXPERT ? sheets.stream().filter(s -> s.userId() != null && s.userId() == user.id())
                .findFirst().orElse(null) : null;
        boolean others = ReviewWorkflow.mayseeOthers(user.role(), mine == null ? null : mine.status());
        Map<Long, String> because = new HashMap<>();
        jdbc.sql("SELECT id, proposed_because FROM review_assignment WHERE case_id = :id").param("id", c.id())
                .query(rs -> {
                    because.put(rs.getLong(1), rs.getString(2));
                });
        List<SheetView> visible = new ArrayList<>();
        SheetView mineView = null;
        int other = 0;
        for (Sheet s : sheets) {
            boolean isMine = mine != null && s.id() == mine.id();
            if (!isMine && !others) continue;
            boolean showScores = isMine || s.status() == AssignmentStatus.SUBMITTED;
            String name = isMine || user.role() != Role.EXPERT ? s.expertName() : "其他专家 " + (char) ('A' + other++);
            SheetView v = new SheetView(s.id(), name, user.role() == Role.EXPERT && !isMine ? null : s.organisation(), s.status(),
                    showScores ? s.total() : null, s.moderatedTotal(), s.moderationReason(), s.declineReason(),
                    user.role() == Role.EXPERT ? null : because.get(s.id()), isMine, showScores ? scoreLines(form, s.id()) : List.of());
            visible.add(v);
            if (isMine) mineView = v;
        }
        boolean hide = c.blind() && user.role() == Role.EXPERT;
        int openOthers = (int) sheets.stream().filter(s -> s.status().open() && s != mine).count();
        int submitted = (int) sheets.stream().filter(s -> s.status() == AssignmentStatus.SUBMITTED).count();
        Panel.Summary summary = summary(sheets, form);
        List<ReviewAction> actions = ReviewWorkflow.available(new ReviewWorkflow.CaseFacts(c.status(), mine == null ? null : mine.status(),
                openOthers, submitted, form.minPanel(), summary.unresolved()), new ReviewWorkflow.Actor(user.id(), user.role(),
                WriteScope.coversRegion(user, c.regionCode())));
        List<HistoryLine> history = jdbc.sql("""
                SELECT e.at, coalesce(u.display_name, '系统'), e.action, e.from_status, e.to_status, e.detail, u.role
                FROM review_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.case_id = :id ORDER BY e.id""")
                .param("id", c.id()).query((rs, n) -> new HistoryLine(rs.getObject(1, OffsetDateTime.class),
                        hide && "EXPERT".equals(rs.getString(7)) ? "专家" : rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        others || !"SUBMIT".equals(rs.getString(3)) ? (hide && rs.getString(6) != null ? null : rs.getString(6)) : null))
                .list();
        return new CaseView(c.id(), c.kind(), c.subjectId(), hide ? "（盲评）" + c.kind() + " #" + c.id() : c.title(),
                hide ? "申报单位（盲评，已隐去）" : c.applicantName(), hide ? null : c.applicantCode(), hide ? null : c.enterpriseId(),
                c.regionCode(), c.fields(), c.year(), c.blind(), c.status(), form, visible, others ? summary : null, others, mineView,
                history, actions);
    }

    private List<ScoreLine> scoreLines(ScoringForm form, long assignmentId) {
        Map<String, ScoreLine> byId = new LinkedHashMap<>();
        jdbc.sql("SELECT criterion_id, score, moderated_score, comment FROM review_score WHERE assignment_id = :a")
                .param("a", assignmentId).query(rs -> {
                    ScoringForm.Criterion cr = form.criterion(rs.getString(1));
                    int score = rs.getInt(2);
                    ScoringForm.Band band = cr == null ? null : cr.band(score);
                    byId.put(rs.getString(1), new ScoreLine(rs.getString(1), cr == null ? rs.getString(1) : cr.label().zh(), score,
                            (Integer) rs.getObject(3), rs.getString(4), band == null ? null : band.grade()));
                });
        List<ScoreLine> out = new ArrayList<>();
        for (ScoringForm.Criterion cr : form.criteria()) if (byId.containsKey(cr.id())) out.add(byId.get(cr.id()));
        return out;
    }

    public record ListRow(long id, String kind, String title, String applicant, String regionCode, int year, ReviewStatus status,
                          BigDecimal mean, Boolean passes, int experts, int submitted, AssignmentStatus mine) {
    }

    /** The cases the user may find (an expert: assigned ones, blind ones without the applicant), newest first. */
    public List<ListRow> list(CurrentUser user, String kind, ReviewStatus status, int limit) {
        DataScope.SqlFilter f = scope(user, "c");
        Map<String, Object> p = new HashMap<>(f.params());
        p.put("kind", kind);
        p.put("status", status == null ? null : status.name());
        p.put("limit", limit);
        p.put("me", user.id());
        boolean expert = user.role() == Role.EXPERT;
        return jdbc.sql("""
                SELECT c.id, c.kind, c.title, c.applicant_name, c.region_code, c.year, c.status, c.mean, c.passes,
                       (SELECT count(*) FROM review_assignment a WHERE a.case_id = c.id AND a.status <> 'DECLINED'),
                       (SELECT count(*) FROM review_assignment a WHERE a.case_id = c.id AND a.status = 'SUBMITTED'),
                       (SELECT a.status FROM review_assignment a JOIN review_expert x ON x.id = a.expert_id
                        WHERE a.case_id = c.id AND x.user_id = :me),
                       c.blind
                FROM review_case c
                WHERE %s AND (CAST(:kind AS text) IS NULL OR c.kind = :kind) AND (CAST(:status AS text) IS NULL OR c.status = :status)
                ORDER BY c.id DESC LIMIT :limit""".formatted(f.sql())).params(p)
                .query((rs, n) -> {
                    boolean hide = expert && rs.getBoolean(13);
                    String mine = rs.getString(12);
                    boolean seesPanel = !expert || "SUBMITTED".equals(mine);
                    return new ListRow(rs.getLong(1), rs.getString(2), hide ? "（盲评）#" + rs.getLong(1) : rs.getString(3),
                            hide ? "（盲评）" : rs.getString(4), rs.getString(5), rs.getInt(6), ReviewStatus.valueOf(rs.getString(7)),
                            seesPanel ? rs.getBigDecimal(8) : null, seesPanel ? (Boolean) rs.getObject(9) : null, rs.getInt(10),
                            seesPanel ? rs.getInt(11) : 0, mine == null ? null : AssignmentStatus.valueOf(mine));
                }).list();
    }
}
