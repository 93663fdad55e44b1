package org.innoladder.review.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.innoladder.audit.AuditTrail;
import org.innoladder.enterprise.ExpertFacts;
import org.innoladder.evaluation.FileResults;
import org.innoladder.evaluation.StoredResult;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.ladder.LadderService;
import org.innoladder.review.ReviewDecided;
import org.innoladder.review.domain.DossierStatus;
import org.innoladder.review.domain.DossierWorkflow;
import org.innoladder.review.domain.DossierWorkflow.Action;
import org.innoladder.review.domain.HntePrediction;
import org.innoladder.review.domain.Why;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The HNTE application review (高企申报三级审查): the enterprise (or its agency) submits the dossier, the town checks
 * that it is complete, the city/district checks the hard criteria with the ruleset's stored result beside it, experts
 * score the innovation-capability form in a review case, and the decided panel's item scores become the enterprise's
 * expert facts of the year ({@link ExpertFacts}) with their provenance in {@code hnte_expert_fact}, so the next
 * evaluation run scores them. Dossiers are enterprise data: every read carries the caller's data scope.
 */
@Service
public class HnteDossiers {
    static final int MAX_TEXT = 4000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final WriteScope writeScope;
    private final ReviewCases reviews;
    private final FileResults results;
    private final ExpertFacts expertFacts;
    private final Clock clock;
    private final LadderService ladder;
    private final int hnteFormMax;

    HnteDossiers(JdbcClient jdbc, PlatformTransactionManager transactions, AuditTrail audit, WriteScope writeScope, ReviewCases reviews,
                 FileResults results, ExpertFacts expertFacts, Clock clock, LadderService ladder, ScoringForms forms) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
        this.writeScope = writeScope;
        this.reviews = reviews;
        this.results = results;
        this.expertFacts = expertFacts;
        this.clock = clock;
        this.ladder = ladder;
        this.hnteFormMax = forms.get(ScoringForms.HNTE).maxTotal();
    }

    public record Submission(String agencyName, String ipList, String rdProjects, String evidence) {
    }

    record Locked(long id, long enterpriseId, String name, String creditCode, String regionCode, String domain, int year,
                  DossierStatus status, String ipList, String rdProjects, String evidence) {
        boolean inTown() {
            return regionCode != null && regionCode.length() == 9;
        }
    }

    private Locked lock(CurrentUser user, long id) {
        DataScope.SqlFilter f = user.scope().enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(f.params());
        p.put("id", id);
        return jdbc.sql("""
                SELECT d.id, d.enterprise_id, e.name, e.credit_code, e.region_code, e.hnte_domain, d.year, d.status, d.ip_list,
                       d.rd_projects, d.evidence
                FROM hnte_dossier d JOIN enterprise e ON e.id = d.enterprise_id WHERE d.id = :id AND %s FOR UPDATE OF d"""
                .formatted(f.sql())).params(p)
                .query((rs, n) -> new Locked(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), DossierStatus.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10),
                        rs.getString(11))).optional()
                .orElseThrow(() -> new NotFoundException("未找到高企申报 " + id + "（或不在您的数据范围内）",
                        "no HNTE dossier " + id + " (or it is outside your data scope)"));
    }

    /** Submits (or resubmits after a return) the dossier of an enterprise for a year; returns its id. */
    public long submit(CurrentUser user, long enterpriseId, int year, Submission s, String sourceIp) {
        if (year < 1990 || year > 2100) throw new BadParameterException("year", String.valueOf(year), "年度须在 1990–2100 之间", "the year must be 1990–2100");
        String agency = optional("agencyName", s.agencyName(), 200);
        String ip = optional("ipList", s.ipList(), MAX_TEXT), rd = optional("rdProjects", s.rdProjects(), MAX_TEXT),
                ev = optional("evidence", s.evidence(), MAX_TEXT);
        return tx.execute(st -> {
            WriteScope.Enterprise e = writeScope.requireEnterprise(user, enterpriseId);
            Optional<Long> existing = jdbc.sql("SELECT id FROM hnte_dossier WHERE enterprise_id = :e AND year = :y FOR UPDATE")
                    .param("e", enterpriseId).param("y", year).query(Long.class).optional();
            DossierStatus from = existing.map(id -> DossierStatus.valueOf(jdbc.sql("SELECT status FROM hnte_dossier WHERE id = :id")
                    .param("id", id).query(String.class).single())).orElse(null);
            DossierWorkflow.Decision d = DossierWorkflow.decide(from, e.regionCode() != null && e.regionCode().length() == 9,
                    new DossierWorkflow.Actor(user.role(), true, user.role() == Role.ENTERPRISE && Long.valueOf(enterpriseId).equals(user.enterpriseId())),
                    Action.SUBMIT, null, List.of());
            if (!d.allowed()) throw new ReviewRefusedException("SUBMIT", d.why());
            Timestamp now = Timestamp.from(clock.instant());
            long id = existing.isPresent()
                    ? jdbc.sql("""
                            UPDATE hnte_dossier SET status = 'SUBMITTED', agency_name = :a, ip_list = :ip, rd_projects = :rd, evidence = :ev,
                                   submitted_by = :by, submitted_at = :now, returned_reason = NULL WHERE id = :id RETURNING id""")
                    .param("a", agency).param("ip", ip).param("rd", rd).param("ev", ev).param("by", user.id()).param("now", now)
                    .param("id", existing.get()).query(Long.class).single()
                    : jdbc.sql("""
                            INSERT INTO hnte_dossier (enterprise_id, year, status, agency_name, ip_list, rd_projects, evidence, submitted_by, submitted_at)
                            VALUES (:e, :y, 'SUBMITTED', :a, :ip, :rd, :ev, :by, :now) RETURNING id""")
                    .param("e", enterpriseId).param("y", year).param("a", agency).param("ip", ip).param("rd", rd).param("ev", ev)
                    .param("by", user.id()).param("now", now).query(Long.class).single();
            event(id, from, DossierStatus.SUBMITTED, Action.SUBMIT.name(), user, agency == null ? null : "中介机构 " + agency);
            audit.record(user.username(), "hnte.submit", "hnte_dossier:" + id, "enterprise:" + e.creditCode() + " " + year, sourceIp);
            return id;
        });
    }

    public record ActResult(long dossierId, DossierStatus from, DossierStatus to, Long reviewCaseId, String messageZh, String messageEn) {
    }

    /** A town check, a city/district check (which opens the expert review) or a return, in one transaction. */
    public ActResult act(CurrentUser user, long dossierId, Action action, String reason, String sourceIp) {
        if (action == null || action == Action.SUBMIT) {
            throw new BadParameterException("action", action == null ? "" : action.name(), "须为 TOWN_CHECK、CITY_CHECK 或 RETURN",
                    "must be TOWN_CHECK, CITY_CHECK or RETURN");
        }
        String note = optional("reason", reason, 2000);
        return tx.execute(st -> {
            Locked d = lock(user, dossierId);
            boolean covers = WriteScope.coversEnterprise(user, d.enterpriseId(), d.regionCode());
            List<Why> missing = DossierWorkflow.missing(parts(d));
            DossierWorkflow.Decision decision = DossierWorkflow.decide(d.status(), d.inTown(), new DossierWorkflow.Actor(user.role(), covers, false),
                    action, note, missing);
            if (!decision.allowed()) throw new ReviewRefusedException(action.name(), decision.why());
            Timestamp now = Timestamp.from(clock.instant());
            Long caseId = null;
            String detail = note;
            switch (action) {
                case TOWN_CHECK -> jdbc.sql("UPDATE hnte_dossier SET town_checked_by = :by, town_checked_at = :now WHERE id = :id")
                        .param("by", user.id()).param("now", now).param("id", d.id()).update();
                case CITY_CHECK -> {
                    Optional<StoredResult> r = rulesetResult(user, d.creditCode(), d.year());
                    caseId = reviews.open(user, new ReviewCases.OpenCase("HNTE", d.id(), ScoringForms.HNTE,
                            "高企申报专家评审：" + d.name() + "（" + d.year() + "）", d.name(), d.creditCode(), d.enterpriseId(),
                            d.regionCode(), List.of(d.domain()), d.year(), false));
                    jdbc.sql("""
                            UPDATE hnte_dossier SET city_checked_by = :by, city_checked_at = :now, ruleset_outcome = :o, ruleset_score = :s,
                                   review_case_id = :c WHERE id = :id""")
                            .param("by", user.id()).param("now", now).param("o", r.map(StoredResult::outcome).orElse(null))
                            .param("s", r.map(StoredResult::scoreText).orElse(null)).param("c", caseId).param("id", d.id()).update();
                    detail = "规则评估 " + r.map(x -> outcomeWord(x.outcome()) + (x.scoreText() == null ? "" : " " + x.scoreText() + " 分")).orElse("（未评估）")
                            + "；专家评审 #" + caseId + (note == null ? "" : "；" + note);
                }
                case RETURN -> jdbc.sql("UPDATE hnte_dossier SET returned_reason = :r WHERE id = :id").param("r", note).param("id", d.id()).update();
                case SUBMIT -> throw new IllegalStateException();
            }
            jdbc.sql("UPDATE hnte_dossier SET status = :s WHERE id = :id").param("s", decision.to().name()).param("id", d.id()).update();
            event(d.id(), d.status(), decision.to(), action.name(), user, detail);
            audit.record(user.username(), "hnte." + action.name().toLowerCase(), "hnte_dossier:" + d.id(),
                    d.status() + "→" + decision.to() + (detail == null ? "" : "; " + detail), sourceIp);
            return new ActResult(d.id(), d.status(), decision.to(), caseId, "高企申报 " + d.id() + "：" + action.zh() + "（" + decision.to().zh() + "）",
                    "HNTE dossier " + d.id() + ": " + action.en() + " (" + decision.to().en() + ")");
        });
    }

    private DossierWorkflow.Parts parts(Locked d) {
        boolean facts = jdbc.sql("SELECT count(*) FROM enterprise_year WHERE enterprise_id = :e AND year = :y")
                .param("e", d.enterpriseId()).param("y", d.year()).query(Integer.class).single() > 0;
        return new DossierWorkflow.Parts(d.ipList(), d.rdProjects(), d.evidence(), facts, d.domain() != null);
    }

    /** The ruleset's stored HNTE result of the year, read through the evaluation module within the caller's scope. */
    Optional<StoredResult> rulesetResult(CurrentUser user, String creditCode, int year) {
        return results.forFile(user.scope(), creditCode, Locale.SIMPLIFIED_CHINESE).stream()
                .filter(r -> "hnte".equals(r.ruleset()) && r.year() == year).findFirst();
    }

    /** The decided panel's item scores become the enterprise's expert facts of the year, with their provenance. */
    @EventListener
    void onDecided(ReviewDecided decided) {
        if (!"HNTE".equals(decided.kind())) return;
        record Subject(long enterpriseId, int year, String status) {
        }
        Subject s = jdbc.sql("SELECT enterprise_id, year, status FROM hnte_dossier WHERE id = :id FOR UPDATE").param("id", decided.subjectId())
                .query((rs, n) -> new Subject(rs.getLong(1), rs.getInt(2), rs.getString(3))).single();
        Map<String, Integer> facts = new LinkedHashMap<>();
        decided.facts().forEach((k, v) -> {
            if (ExpertFacts.COLUMNS.containsKey(k)) facts.put(k, v);
        });
        expertFacts.record(s.enterpriseId(), s.year(), facts);
        jdbc.sql("""
                INSERT INTO hnte_expert_fact (enterprise_id, year, review_case_id, facts, experts, decided_by)
                VALUES (:e, :y, :c, CAST(:f AS jsonb), :x, :by)
                ON CONFLICT (enterprise_id, year) DO UPDATE SET review_case_id = EXCLUDED.review_case_id, facts = EXCLUDED.facts,
                    experts = EXCLUDED.experts, decided_by = EXCLUDED.decided_by, recorded_at = now()""")
                .param("e", s.enterpriseId()).param("y", s.year()).param("c", decided.caseId()).param("f", json(facts))
                .param("x", String.join("、", decided.experts())).param("by", decided.decidedBy()).update();
        jdbc.sql("UPDATE hnte_dossier SET status = 'SCORED' WHERE id = :id").param("id", decided.subjectId()).update();
        jdbc.sql("""
                INSERT INTO hnte_dossier_event (dossier_id, actor_id, action, from_status, to_status, note)
                VALUES (:d, :by, 'SCORED', :from, 'SCORED', :note)""")
                .param("d", decided.subjectId()).param("by", decided.decidedBy()).param("from", s.status())
                .param("note", "专家评审 #" + decided.caseId() + " 评分入档：" + words(facts)).update();
    }

    /** "高企-技术先进程度 6、…": the facts with their data-dictionary headers, for history lines. */
    static String words(Map<String, Integer> facts) {
        List<String> out = new java.util.ArrayList<>();
        facts.forEach((k, v) -> out.add(java.util.Arrays.stream(org.innoladder.rules.facts.Column.values()).filter(c -> c.key().equals(k))
                .findFirst().map(org.innoladder.rules.facts.Column::headerZh).orElse(k) + " " + v));
        return String.join("、", out);
    }

    /** The facts as a small JSON object for the provenance row. */
    public static String json(Map<String, Integer> facts) {
        StringBuilder b = new StringBuilder("{");
        facts.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return b.append('}').toString();
    }

    private void event(long id, DossierStatus from, DossierStatus to, String action, CurrentUser user, String note) {
        jdbc.sql("""
                INSERT INTO hnte_dossier_event (dossier_id, at, actor_id, action, from_status, to_status, note)
                VALUES (:d, :at, :by, :a, :f, :t, :n)""")
                .param("d", id).param("at", Timestamp.from(clock.instant())).param("by", user.id()).param("a", action)
                .param("f", from == null ? null : from.name()).param("t", to.name()).param("n", note).update();
    }

    static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) return null;
        return ExpertPool.text(field, value, max);
    }

    // ---- reading ----

    public record Row(long id, long enterpriseId, String enterprise, String creditCode, String regionCode, int year, DossierStatus status,
                      String agency, String rulesetOutcome, Integer scoreMin, Integer scoreMax, String predicted,
                      HntePrediction.Kind predictedKind, String predictedEn, BigDecimal expertMean, Long reviewCaseId,
                      OffsetDateTime submittedAt) {
    }

    /**
     * What the lists may be narrowed to; every field optional. {@code regionPattern}: a LIKE pattern of a region
     * subtree already checked against the scope; {@code inPool}: members (true) or non-members (false) of the HNTE
     * reserve pool of the dossier's year, by the ladder's definition ({@link LadderService#poolMember}).
     */
    public record Filter(Integer year, DossierStatus status, String regionPattern, Boolean inPool, HntePrediction.Kind predicted) {
        public static Filter of(Integer year, DossierStatus status) {
            return new Filter(year, status, null, null, null);
        }
    }

    /*
     * The latest stored hnte result of the dossier's year; the experts' mean of the submitted sheets (moderated totals
     * replacing), only for readers who are not experts (an expert never learns the others' totals from a prediction)
     * and only while the stored result does not yet contain the panel's facts (evaluated before they were recorded).
     */
    private static final String ROW_SQL = """
            SELECT d.id, d.enterprise_id, e.name, e.credit_code, e.region_code, d.year, d.status, d.agency_name, r.outcome, r.score_min,
                   r.score_max, d.review_case_id, d.submitted_at,
                   CASE WHEN :with_mean AND (x.recorded_at IS NULL OR r.evaluated_at IS NULL OR r.evaluated_at < x.recorded_at)
                        THEN (SELECT avg(coalesce(a.moderated_total, a.total)) FROM review_assignment a
                              WHERE a.case_id = d.review_case_id AND a.status = 'SUBMITTED') END
            FROM hnte_dossier d JOIN enterprise e ON e.id = d.enterprise_id
            LEFT JOIN LATERAL (SELECT er.outcome, er.score_min, er.score_max, er.evaluated_at FROM evaluation_result er
                               WHERE er.enterprise_id = d.enterprise_id AND er.year = d.year AND er.ruleset_id = 'hnte'
                               ORDER BY er.evaluated_at DESC, er.ruleset_version DESC LIMIT 1) r ON true
            LEFT JOIN hnte_expert_fact x ON x.enterprise_id = d.enterprise_id AND x.year = d.year""";

    /**
     * The dossiers in the caller's scope, newest first, with the ruleset's latest stored outcome and the predicted
     * outcome ({@link HntePrediction}).
     */
    public List<Row> list(CurrentUser user, Integer year, DossierStatus status, int limit) {
        return list(user, Filter.of(year, status), limit);
    }

    public List<Row> list(CurrentUser user, Filter filter, int limit) {
        DataScope.SqlFilter f = user.scope().enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(f.params());
        p.put("with_mean", user.role() != Role.EXPERT);
        p.put("year", filter.year());
        p.put("status", filter.status() == null ? null : filter.status().name());
        p.put("region", filter.regionPattern());
        StringBuilder where = new StringBuilder(" WHERE " + f.sql() + " AND (CAST(:year AS integer) IS NULL OR d.year = :year)"
                + " AND (CAST(:status AS text) IS NULL OR d.status = :status) AND (CAST(:region AS text) IS NULL OR e.region_code LIKE :region)");
        if (filter.inPool() != null) {
            if (filter.year() == null) throw new IllegalArgumentException("pool membership needs a year");
            DataScope.SqlFilter member = ladder.poolMember("d.enterprise_id", Tier.HNTE, filter.year());
            p.putAll(member.params());
            where.append(filter.inPool() ? " AND " : " AND NOT ").append(member.sql());
        }
        // the prediction is computed per row, so a filter on it is applied here and the limit after it
        if (filter.predicted() == null) {
            p.put("limit", limit);
            where.append(" ORDER BY d.id DESC LIMIT :limit");
            return jdbc.sql(ROW_SQL + where).params(p).query((rs, n) -> row(rs)).list();
        }
        List<Row> rows = jdbc.sql(ROW_SQL + where + " ORDER BY d.id DESC").params(p).query((rs, n) -> row(rs)).list();
        return rows.stream().filter(r -> r.predictedKind() == filter.predicted()).limit(limit).toList();
    }

    public Row get(CurrentUser user, long id) {
        DataScope.SqlFilter f = user.scope().enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(f.params());
        p.put("id", id);
        p.put("with_mean", user.role() != Role.EXPERT);
        return jdbc.sql(ROW_SQL + " WHERE d.id = :id AND " + f.sql()).params(p).query((rs, n) -> row(rs)).optional()
                .orElseThrow(() -> new NotFoundException("未找到高企申报 " + id + "（或不在您的数据范围内）",
                        "no HNTE dossier " + id + " (or it is outside your data scope)"));
    }

    private Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String outcome = rs.getString(9);
        Integer min = (Integer) rs.getObject(10), max = (Integer) rs.getObject(11);
        BigDecimal mean = rs.getBigDecimal(14);
        if (mean != null) mean = mean.setScale(2, RoundingMode.HALF_UP);
        HntePrediction.Prediction p = HntePrediction.of(outcome, min, max, mean, hnteFormMax);
        return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                DossierStatus.valueOf(rs.getString(7)), rs.getString(8), outcome, min, max, p.zh(), p.kind(), p.en(), mean,
                (Long) rs.getObject(12), rs.getObject(13, OffsetDateTime.class));
    }

    static String outcomeWord(String outcome) {
        return switch (outcome) {
            case "QUALIFIED" -> "合格";
            case "NOT_QUALIFIED" -> "不合格";
            default -> "待定";
        };
    }

    public record LevelCount(DossierStatus status, HntePrediction.Kind predictedKind, String predicted, int count) {
    }

    /** How many dossiers of the year wait at each level, by predicted outcome (the /hnte page's overview). */
    public List<LevelCount> progress(CurrentUser user, int year) {
        return counts(list(user, Filter.of(year, null), Integer.MAX_VALUE));
    }

    static List<LevelCount> counts(List<Row> rows) {
        Map<DossierStatus, Map<HntePrediction.Kind, Integer>> counts = new EnumMap<>(DossierStatus.class);
        for (Row r : rows) {
            counts.computeIfAbsent(r.status(), k -> new EnumMap<>(HntePrediction.Kind.class)).merge(r.predictedKind(), 1, Integer::sum);
        }
        List<LevelCount> out = new ArrayList<>();
        counts.forEach((s, byKind) -> byKind.forEach((k, n) -> out.add(new LevelCount(s, k, k.zh(), n))));
        return out;
    }

    public record History(OffsetDateTime at, String actor, String action, String from, String to, String note) {
    }

    public List<History> history(CurrentUser user, long id) {
        get(user, id);
        return jdbc.sql("""
                SELECT h.at, coalesce(u.display_name, '系统'), h.action, h.from_status, h.to_status, h.note
                FROM hnte_dossier_event h LEFT JOIN app_user u ON u.id = h.actor_id WHERE h.dossier_id = :id ORDER BY h.id""")
                .param("id", id).query((rs, n) -> new History(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6))).list();
    }

    /** {@code values}: fact → the panel's points, in the form's order. */
    public record Provenance(long reviewCaseId, Map<String, Integer> values, String experts, OffsetDateTime recordedAt) {
    }

    static Map<String, Integer> parse(String json) {
        Map<String, Integer> out = new LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(\\w+)\"\\s*:\\s*(\\d+)").matcher(json == null ? "" : json);
        while (m.find()) out.put(m.group(1), Integer.parseInt(m.group(2)));
        return out;
    }

    /** Where the expert facts of the year came from, when a review produced them. */
    public Optional<Provenance> provenance(CurrentUser user, long enterpriseId, int year) {
        DataScope.SqlFilter f = user.scope().enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(f.params());
        p.put("e", enterpriseId);
        p.put("y", year);
        return jdbc.sql("""
                SELECT x.review_case_id, x.facts::text, x.experts, x.recorded_at FROM hnte_expert_fact x JOIN enterprise e ON e.id = x.enterprise_id
                WHERE x.enterprise_id = :e AND x.year = :y AND %s""".formatted(f.sql())).params(p)
                .query((rs, n) -> new Provenance(rs.getLong(1), parse(rs.getString(2)), rs.getString(3), rs.getObject(4, OffsetDateTime.class))).optional();
    }
}
