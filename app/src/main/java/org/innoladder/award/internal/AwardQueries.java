package org.innoladder.award.internal;

import org.innoladder.award.domain.AwardAction;
import org.innoladder.award.domain.AwardStatus;
import org.innoladder.award.domain.AwardWorkflow;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.innoladder.web.ResultPage;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.region.RegionColumns;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.Params;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading award cases: lists with filters and counts, a case with its history and the actions the caller may take,
 * the budget view and an enterprise's "my policies". Every case query ANDs the caller's {@link DataScope} filter with
 * bound parameters: over the case's copy of its enterprise's region (V181) for a region scope, so that the list's
 * counts need not join every case with its enterprise, else over {@code enterprise e}.
 */
@Service
public class AwardQueries {
    static final int MAX_PAGE_SIZE = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final AwardSettings settings;
    private final Clock clock;

    AwardQueries(JdbcClient jdbc, AwardSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** List filters; null means "any". {@code minAgeDays}: at least that many days in the current step. */
    public record Filter(AwardStatus status, String town, Integer minAgeDays, boolean overdueOnly, Long policyId,
                         Integer period) {
        public static Filter of(String status, String town, String minAgeDays, String overdue, String policyId, String period) {
            AwardStatus s = null;
            if (status != null && !status.isBlank()) {
                try {
                    s = AwardStatus.valueOf(status.strip());
                } catch (IllegalArgumentException e) {
                    throw new BadParameterException("status", status, "须为案件状态之一，如 TOWN_REVIEWED", "must be a case status such as TOWN_REVIEWED");
                }
            }
            String t = town == null || town.isBlank() ? null : town.strip();
            if (t != null && !t.matches("[0-9]{6,9}")) {
                throw new BadParameterException("town", t, "须为 6 至 9 位区划代码", "must be a region code of 6 to 9 digits");
            }
            return new Filter(s, t, intOrNull("minAge", minAgeDays, 0, 36500), "true".equalsIgnoreCase(overdue) || "on".equalsIgnoreCase(overdue),
                  longOrNull("policy", policyId), intOrNull("period", period, 1990, 2100));
        }
    }

    public static Integer intOrNull(String name, String v, int min, int max) {
        if (v == null || v.isBlank()) return null;
        try {
            int i = Integer.parseInt(v.strip());
            if (i >= min && i <= max) return i;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadParameterException(name, v, "须为 " + min + " 至 " + max + " 之间的整数", "must be a whole number from " + min + " to " + max);
    }

    public static Long longOrNull(String name, String v) {
        if (v == null || v.isBlank()) return null;
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, v, "须为整数编号", "must be a whole-number id");
        }
    }

    /** A line of the case list. {@code deadlineDays} null for final states; {@code overdue}: older than its deadline. */
    public record CaseLine(long id, long policyId, String policyCode, String policyTitleZh, String policyTitleEn,
                           String creditCode, String enterpriseName, String regionCode, String townName, int period,
                           BigDecimal amount, AwardStatus status, String origin, OffsetDateTime statusSince, long ageDays,
                           Integer deadlineDays, boolean overdue) {
        public String statusZh() { return status.zh(); }

        public String statusEn() { return status.en(); }
    }

    private static final String LINE_COLUMNS = """
            c.id, c.policy_id, p.code, pv.title_zh, pv.title_en, e.credit_code, e.name, e.region_code, r.name, c.period,
            c.amount_yuan, c.status, c.origin, c.status_since""";
    private static final String LINE_FROM = """
            FROM award_case c JOIN enterprise e ON e.id = c.enterprise_id JOIN policy p ON p.id = c.policy_id
            JOIN policy_version pv ON pv.policy_id = c.policy_id AND pv.version = c.policy_version
            LEFT JOIN region r ON r.code = e.town_code""";

    /** The rows the counts need: the filters read the case and the enterprise's region only. */
    private static final String COUNT_FROM = "FROM award_case c JOIN enterprise e ON e.id = c.enterprise_id";
    /** The same for a region scope: the case's copy of its enterprise's region (V181) answers it without the join. */
    private static final String REGION_COUNT_FROM = "FROM award_case c";

    /** Whether the scope is a region subtree (or everything), which the case's copied region answers. */
    static boolean regionScope(DataScope scope) {
        return scope instanceof DataScope.All || scope instanceof DataScope.RegionSubtree;
    }

    private CaseLine line(ResultSet rs) throws SQLException {
        AwardStatus s = AwardStatus.valueOf(rs.getString(12));
        OffsetDateTime since = rs.getObject(14, OffsetDateTime.class);
        long age = Math.max(0, Duration.between(since.toInstant(), clock.instant()).toDays());
        Integer deadline = settings.deadline(s);
        return new CaseLine(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getBigDecimal(11), s, rs.getString(13),
                since, age, deadline, deadline != null && age > deadline);
    }

    /** WHERE clause and parameters for the scope and filters; {@code withStatus} false for the per-status counts. */
    private String where(CurrentUser user, Filter f, boolean withStatus, Map<String, Object> p) {
        return where(user.scope(), regionScope(user.scope()), f, withStatus, p);
    }

    /** {@code copied}: filter by the case's copy of the region (alias c) rather than the enterprise's (alias e). */
    String where(DataScope userScope, boolean copied, Filter f, boolean withStatus, Map<String, Object> p) {
        if (copied && !regionScope(userScope)) throw new IllegalArgumentException("the copied region answers region scopes only");
        String r = copied ? "c" : "e";
        DataScope.SqlFilter scope = userScope.enterpriseFilter(r);
        p.putAll(scope.params());
        StringBuilder w = new StringBuilder(" WHERE ").append(scope.sql());
        if (copied && userScope instanceof DataScope.RegionSubtree rs) w.append(RegionColumns.sameDistrictOrTown("c", rs.regionCode(), "scope_same", p::put));
        Timestamp now = Timestamp.from(clock.instant());
        p.put("now", now);
        if (withStatus && f.status() != null) {
            w.append(" AND c.status = :status");
            p.put("status", f.status().name());
        }
        if (f.town() != null) {
            w.append(" AND ").append(r).append(".region_code LIKE :town");
            p.put("town", f.town() + "%");
            if (copied) w.append(RegionColumns.sameDistrictOrTown("c", f.town(), "town_same", p::put));
        }
        if (f.minAgeDays() != null) {
            w.append(" AND c.status_since <= CAST(:now AS timestamptz) - make_interval(days => :minAge)");
            p.put("minAge", f.minAgeDays());
        }
        if (f.overdueOnly()) {
            StringBuilder cases = new StringBuilder("CASE c.status");
            for (AwardStatus s : AwardStatus.values()) {
                Integer d = settings.deadline(s);
                if (d == null) continue;
                cases.append(" WHEN '").append(s.name()).append("' THEN :dl_").append(s.name());
                p.put("dl_" + s.name(), d);
            }
            cases.append(" END");
            // age in whole days > deadline  ⇔  status_since <= now - (deadline + 1) days
            w.append(" AND c.status_since <= CAST(:now AS timestamptz) - make_interval(days => ").append(cases).append(" + 1)");
        }
        if (f.policyId() != null) {
            w.append(" AND c.policy_id = :policy");
            p.put("policy", f.policyId());
        }
        if (f.period() != null) {
            w.append(" AND c.period = :period");
            p.put("period", f.period());
        }
        return w.toString();
    }

    @Transactional(readOnly = true)
    public ResultPage<CaseLine> list(CurrentUser user, Filter f, int page, int size) {
        Map<String, Object> p = new HashMap<>();
        String where = where(user, f, true, p);
        long total = jdbc.sql("SELECT count(*) " + countFrom(regionScope(user.scope())) + where).params(p).query(Long.class).single();
        return page(user.scope(), regionScope(user.scope()), f, page, size, total);
    }

    /**
     * The case list's page and the counts per step in scope, counted once: the list's total is the count of the step
     * asked for, or of every step (at 200,000 cases each count joins them with their enterprises).
     */
    @Transactional(readOnly = true)
    public ListWithCounts listWithCounts(CurrentUser user, Filter f, int page, int size) {
        Params.page(page);
        Params.size(size, MAX_PAGE_SIZE);
        return listWithCounts(user.scope(), regionScope(user.scope()), f, page, size);
    }

    /** {@code copied}: scope and town filter by the case's copied region (region scopes only), else the enterprise's. */
    public ListWithCounts listWithCounts(DataScope scope, boolean copied, Filter f, int page, int size) {
        List<StatusCount> counts = counts(scope, copied, f);
        long total = counts.stream().filter(c -> f.status() == null || c.status() == f.status()).mapToLong(StatusCount::cases).sum();
        return new ListWithCounts(page(scope, copied, f, page, size, total), counts);
    }

    public record ListWithCounts(ResultPage<CaseLine> page, List<StatusCount> counts) {
    }

    private ResultPage<CaseLine> page(DataScope scope, boolean copied, Filter f, int page, int size, long total) {
        Params.page(page);
        Params.size(size, MAX_PAGE_SIZE);
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, copied, f, true, p);
        p.put("limit", size);
        p.put("offset", (long) (page - 1) * size);
        List<CaseLine> items = jdbc.sql("SELECT " + LINE_COLUMNS + " " + LINE_FROM + where
                        + " ORDER BY c.status_since, c.id LIMIT :limit OFFSET :offset").params(p)
                .query((rs, n) -> line(rs)).list();
        return new ResultPage<>(items, page, size, total, (total + size - 1) / size);
    }

    /** Every matching case, oldest step first, for the Excel export. */
    @Transactional(readOnly = true)
    public void each(CurrentUser user, Filter f, Consumer<CaseLine> out) {
        Map<String, Object> p = new HashMap<>();
        String where = where(user, f, true, p);
        jdbc.sql("SELECT " + LINE_COLUMNS + " " + LINE_FROM + where + " ORDER BY c.status_since, c.id LIMIT 100000").params(p)
                .query(rs -> {
                    out.accept(line(rs));
                });
    }

    public record StatusCount(AwardStatus status, long cases, BigDecimal amount) {
        public String zh() { return status.zh(); }

        public String en() { return status.en(); }
    }

    /** Cases and amounts per status under the other filters, every status listed (zero when none). */
    @Transactional(readOnly = true)
    public List<StatusCount> counts(CurrentUser user, Filter f) {
        return counts(user.scope(), regionScope(user.scope()), f);
    }

    List<StatusCount> counts(DataScope scope, boolean copied, Filter f) {
        Map<String, Object> p = new HashMap<>();
        String where = where(scope, copied, f, false, p);
        Map<AwardStatus, StatusCount> m = new EnumMap<>(AwardStatus.class);
        for (AwardStatus s : AwardStatus.values()) m.put(s, new StatusCount(s, 0, BigDecimal.ZERO));
        jdbc.sql("SELECT c.status, count(*), coalesce(sum(c.amount_yuan), 0) " + countFrom(copied) + where + " GROUP BY c.status")
                .params(p).query(rs -> {
                    AwardStatus s = AwardStatus.valueOf(rs.getString(1));
                    m.put(s, new StatusCount(s, rs.getLong(2), rs.getBigDecimal(3)));
                });
        return List.copyOf(m.values());
    }

    private static String countFrom(boolean copied) {
        return copied ? REGION_COUNT_FROM : COUNT_FROM;
    }

    public record Town(String code, String name, long cases) {
    }

    /** The towns (or districts, for enterprises registered above town level) that have cases in scope. */
    @Transactional(readOnly = true)
    public List<Town> towns(CurrentUser user) {
        if (regionScope(user.scope())) return townsCopied(user.scope());
        return townsJoined(user.scope());
    }

    /** {@link #towns} from the cases' copied regions. */
    public List<Town> townsCopied(DataScope userScope) {
        DataScope.SqlFilter scope = userScope.enterpriseFilter("c");
        Map<String, Object> p = new HashMap<>(scope.params());
        String same = userScope instanceof DataScope.RegionSubtree rs ? RegionColumns.sameDistrictOrTown("c", rs.regionCode(), "scope_same", p::put) : "";
        return jdbc.sql("""
                SELECT t.code, r.name, t.n
                FROM (SELECT coalesce(c.town_code, c.county_code) AS code, count(*) AS n FROM award_case c
                      WHERE %s%s GROUP BY 1) t
                LEFT JOIN region r ON r.code = t.code ORDER BY 1""".formatted(scope.sql(), same)).params(p)
                .query((rs, n) -> new Town(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    /** {@link #towns} joining every case with its enterprise (any scope; the specification of the copy). */
    public List<Town> townsJoined(DataScope userScope) {
        DataScope.SqlFilter scope = userScope.enterpriseFilter("e");
        return jdbc.sql("""
                SELECT coalesce(e.town_code, e.county_code) AS code, r.name, count(*)
                FROM award_case c JOIN enterprise e ON e.id = c.enterprise_id
                LEFT JOIN region r ON r.code = coalesce(e.town_code, e.county_code)
                WHERE %s GROUP BY 1, 2 ORDER BY 1""".formatted(scope.sql())).params(scope.params())
                .query((rs, n) -> new Town(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    public record Event(AwardStatus from, AwardStatus to, String action, String actorUsername, String actorName,
                        String actorRole, String reason, OffsetDateTime at) {
        public String toZh() { return to.zh(); }

        public String toEn() { return to.en(); }
    }

    public record Objection(long id, String lodgedBy, OffsetDateTime lodgedAt, String content, String resolvedBy,
                            OffsetDateTime resolvedAt, String resolution) {
        public boolean open() { return resolvedAt == null; }
    }

    /** A case with all the page shows. {@code accountNumber} is masked for users who do not pay or own it. */
    public record CaseDetail(CaseLine line, String accountName, String accountBank, String accountNumber,
                             String materials, String materialFileName, String explanationZh, String explanationEn,
                             LocalDate publicityEndsOn, String paymentReference, String closedReason,
                             List<Event> history, List<Objection> objections, List<AwardAction> actions,
                             boolean mayLodgeObjection, boolean mayResolveObjection) {
    }

    @Transactional(readOnly = true)
    public CaseDetail detail(CurrentUser user, long caseId) {
        DataScope.SqlFilter scope = user.scope().enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(scope.params());
        p.put("id", caseId);
        record Row(CaseLine line, long enterpriseId, String accountName, String accountBank, String accountNumber,
                   String materials, String fileName, String explanation, LocalDate ends, String paymentRef, String closed,
                   Long confirmedBy, Long reviewedBy, Long approvedBy) {
        }
        Row row = jdbc.sql("SELECT " + LINE_COLUMNS + """
                        , c.enterprise_id, c.account_name, c.account_bank, c.account_number, c.materials, am.file_name,
                        m.explanation::text, c.publicity_ends_on, c.payment_reference, c.closed_reason,
                        c.confirmed_by, c.reviewed_by, c.approved_by
                        """ + LINE_FROM + """
                         LEFT JOIN award_material am ON am.case_id = c.id
                         LEFT JOIN policy_match m ON m.policy_id = c.policy_id AND m.enterprise_id = c.enterprise_id AND m.period = c.period
                        WHERE c.id = :id""" + " AND " + scope.sql()).params(p)
                .query((rs, n) -> {
                    Date ends = rs.getDate(22);
                    return new Row(line(rs), rs.getLong(15), rs.getString(16), rs.getString(17), rs.getString(18),
                            rs.getString(19), rs.getString(20), rs.getString(21), ends == null ? null : ends.toLocalDate(),
                            rs.getString(23), rs.getString(24), (Long) rs.getObject(25), (Long) rs.getObject(26),
                            (Long) rs.getObject(27));
                }).optional().orElseThrow(() -> AwardService.notFound(caseId));
        List<Event> history = history(caseId);
        List<Objection> objections = jdbc.sql("""
                SELECT id, lodged_by, lodged_at, content, resolved_by, resolved_at, resolution FROM award_objection
                WHERE case_id = ? ORDER BY id""").param(caseId)
                .query((rs, n) -> new Objection(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getString(7))).list();
        int open = (int) objections.stream().filter(Objection::open).count();
        CaseLine l = row.line();
        AwardWorkflow.CaseFacts facts = new AwardWorkflow.CaseFacts(l.status(), l.regionCode() != null && l.regionCode().length() == 9,
                row.confirmedBy(), row.reviewedBy(), row.approvedBy(), row.ends(), open);
        boolean covers = WriteScope.coversEnterprise(user, row.enterpriseId(), l.regionCode());
        List<AwardAction> actions = AwardWorkflow.available(facts, new AwardWorkflow.Actor(user.id(), user.role(), covers),
                LocalDate.now(clock));
        boolean seesFullAccount = user.role() == Role.BUREAU || user.role() == Role.ENTERPRISE;
        String number = row.accountNumber() == null ? null
                : seesFullAccount ? row.accountNumber() : new BankAccount("", "", row.accountNumber()).masked();
        Explanation ex = explanation(row.explanation());
        return new CaseDetail(l, row.accountName(), row.accountBank(), number, row.materials(), row.fileName(), ex.zh(), ex.en(),
                row.ends(), row.paymentRef(), row.closed(), history, objections, actions,
                covers && l.status() == AwardStatus.PUBLICISED && (user.role() == Role.BUREAU || user.role() == Role.TOWN),
                covers && user.role() == Role.BUREAU && open > 0);
    }

    List<Event> history(long caseId) {
        return jdbc.sql("""
                SELECT ev.from_status, ev.to_status, ev.action, ev.actor_username, coalesce(u.display_name, ev.actor_username),
                       ev.actor_role, ev.reason, ev.at
                FROM award_case_event ev LEFT JOIN app_user u ON u.id = ev.actor_user_id
                WHERE ev.case_id = ? ORDER BY ev.id""").param(caseId)
                .query((rs, n) -> new Event(rs.getString(1) == null ? null : AwardStatus.valueOf(rs.getString(1)),
                        AwardStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class))).list();
    }

    /** The uploaded application file of a case in scope, if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<AwardService.Material> material(CurrentUser user, long caseId) {
        DataScope.SqlFilter scope = user.scope().enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(scope.params());
        p.put("id", caseId);
        return jdbc.sql("""
                SELECT am.file_name, am.content_type, am.content FROM award_material am
                JOIN award_case c ON c.id = am.case_id JOIN enterprise e ON e.id = c.enterprise_id
                WHERE c.id = :id""" + " AND " + scope.sql()).params(p)
                .query((rs, n) -> new AwardService.Material(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
    }

    /** Budget, committed, paid, waiting and still-in-review sums per policy and period. */
    public record BudgetLine(long policyId, String policyCode, String titleZh, String titleEn, int period,
                             BigDecimal budget, BigDecimal committed, BigDecimal paid, BigDecimal waiting,
                             BigDecimal inReview, long cases) {
        public BigDecimal remaining() {
            return budget == null ? BigDecimal.ZERO : budget.subtract(committed).max(BigDecimal.ZERO);
        }
    }

    /**
     * The budget view: policies owned by a region on the caller's path (its own, an ancestor's or a descendant's).
     * Sums are over the whole policy and period (a budget is spent by every district together), not only the
     * caller's enterprises.
     */
    @Transactional(readOnly = true)
    public List<BudgetLine> budgets(CurrentUser user) {
        boolean all = user.role() == Role.ADMIN;
        return jdbc.sql("""
                SELECT p.id, p.code, pv.title_zh, pv.title_en, k.period, pv.budget_yuan, coalesce(b.committed_yuan, 0),
                       coalesce(sum(c.amount_yuan) FILTER (WHERE c.status = 'PAID'), 0),
                       coalesce(sum(c.amount_yuan) FILTER (WHERE c.status = 'BUDGET_WAIT'), 0),
                       coalesce(sum(c.amount_yuan) FILTER (WHERE c.status IN ('MATCHED', 'ENTERPRISE_CONFIRMED', 'TOWN_REVIEWED')), 0),
                       count(c.id)
                FROM (SELECT policy_id, period FROM award_case UNION SELECT policy_id, period FROM award_budget) k
                JOIN policy p ON p.id = k.policy_id
                LEFT JOIN policy_version pv ON pv.policy_id = p.id AND pv.version = p.published_version
                LEFT JOIN award_budget b ON b.policy_id = k.policy_id AND b.period = k.period
                LEFT JOIN award_case c ON c.policy_id = k.policy_id AND c.period = k.period
                WHERE :all OR p.region_code LIKE :region || '%' OR :region LIKE p.region_code || '%'
                GROUP BY p.id, p.code, pv.title_zh, pv.title_en, k.period, pv.budget_yuan, b.committed_yuan
                ORDER BY k.period DESC, p.code""")
                .param("all", all).param("region", user.regionCode() == null ? "" : user.regionCode())
                .query((rs, n) -> new BudgetLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                        rs.getBigDecimal(10), rs.getLong(11))).list();
    }

    // ------------------------------------------------------------------------------------------ my policies

    /** The match's explanation text and its gaps, from the jsonb the matching stored. */
    public record Explanation(String zh, String en) {
    }

    /** The matching's explanation (PolicyMatching), which for a NEAR match names each gap in words. */
    static Explanation explanation(String json) {
        if (json == null) return new Explanation(null, null);
        JsonNode n = JSON.readTree(json);
        return new Explanation(text(n, "zh"), text(n, "en"));
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.isString() ? v.asString() : v.toString();
    }

    /** A match of the enterprise: what it qualifies for (ELIGIBLE) or nearly does (NEAR/UNDETERMINED, with gaps). */
    public record Offer(long policyId, String policyCode, String titleZh, String titleEn, String mode, int period,
                        String outcome, BigDecimal amount, Explanation explanation, Long caseId, AwardStatus caseStatus) {
    }

    /** A published APPLICATION policy open to the enterprise. */
    public record Applicable(long policyId, String policyCode, String titleZh, String titleEn, LocalDate periodStart,
                             LocalDate periodEnd, String handbook, int suggestedPeriod, boolean eligibleMatch,
                             BigDecimal matchAmount) {
    }

    public record MyPolicies(String enterpriseName, List<Offer> eligible, List<Offer> near, List<CaseDetail> cases,
                             List<Applicable> applicable) {
    }

    @Transactional(readOnly = true)
    public MyPolicies mine(CurrentUser user) {
        if (user.role() != Role.ENTERPRISE || user.enterpriseId() == null) {
            throw new org.springframework.security.access.AccessDeniedException("my policies is the enterprise's page");
        }
        long me = user.enterpriseId();
        String name = jdbc.sql("SELECT name FROM enterprise WHERE id = ?").param(me).query(String.class).single();
        List<Offer> offers = jdbc.sql("""
                SELECT m.policy_id, p.code, pv.title_zh, pv.title_en, pv.mode, m.period, m.outcome, m.amount_yuan,
                       m.explanation::text, c.id, c.status
                FROM policy_match m JOIN policy p ON p.id = m.policy_id
                JOIN policy_version pv ON pv.policy_id = m.policy_id AND pv.version = m.policy_version
                LEFT JOIN award_case c ON c.policy_id = m.policy_id AND c.enterprise_id = m.enterprise_id AND c.period = m.period
                WHERE m.enterprise_id = ? AND p.status = 'PUBLISHED'
                ORDER BY m.period DESC, p.code""").param(me)
                .query((rs, n) -> new Offer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getString(7), rs.getBigDecimal(8), explanation(rs.getString(9)),
                        (Long) rs.getObject(10), rs.getString(11) == null ? null : AwardStatus.valueOf(rs.getString(11)))).list();
        List<Long> caseIds = jdbc.sql("SELECT id FROM award_case WHERE enterprise_id = ? ORDER BY created_at DESC, id DESC")
                .param(me).query(Long.class).list();
        List<CaseDetail> cases = new ArrayList<>();
        for (long id : caseIds) cases.add(detail(user, id));
        int year = LocalDate.now(clock).getYear();
        List<Applicable> applicable = jdbc.sql("""
                SELECT p.id, p.code, pv.title_zh, pv.title_en, pv.period_start, pv.period_end, pv.handbook,
                       m.period, m.amount_yuan
                FROM policy p JOIN policy_version pv ON pv.policy_id = p.id AND pv.version = p.published_version
                JOIN enterprise e ON e.id = :me AND e.region_code LIKE p.region_code || '%'
                LEFT JOIN LATERAL (SELECT period, amount_yuan FROM policy_match pm
                                   WHERE pm.policy_id = p.id AND pm.enterprise_id = :me AND pm.outcome = 'ELIGIBLE'
                                     AND NOT EXISTS (SELECT 1 FROM award_case ac WHERE ac.policy_id = p.id
                                                     AND ac.enterprise_id = :me AND ac.period = pm.period)
                                   ORDER BY period DESC LIMIT 1) m ON true
                WHERE p.status = 'PUBLISHED' AND pv.mode = 'APPLICATION'
                ORDER BY p.code""").param("me", me)
                .query((rs, n) -> {
                    LocalDate start = rs.getDate(5).toLocalDate(), end = rs.getDate(6).toLocalDate();
                    Integer matched = (Integer) rs.getObject(8);
                    int suggested = matched != null ? matched : Math.max(start.getYear(), Math.min(end.getYear(), year));
                    return new Applicable(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), start, end,
                            rs.getString(7), suggested, matched != null, rs.getBigDecimal(9));
                }).list();
        return new MyPolicies(name, offers.stream().filter(o -> o.outcome().equals("ELIGIBLE")).toList(),
                offers.stream().filter(o -> !o.outcome().equals("ELIGIBLE")).toList(), cases, applicable);
    }
}
