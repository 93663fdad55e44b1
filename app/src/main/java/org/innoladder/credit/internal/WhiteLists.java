package org.innoladder.credit.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import javax.sql.DataSource;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.ResultPage;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * 科技型企业白名单: the bureau's rule (versioned: a draft is edited, publishing freezes it), the list published per
 * region and period (computed once for every enterprise of the region in the officer's scope: on the list, a near
 * miss, or neither), the enterprise's choice to be recommended to partner banks, and what a bank may see of the list
 * (an enterprise that opted in or consented to that bank: name, tier and points band only).
 *
 * <p>The inputs are read set-based in one query, like the policy context's: the points run's {@code enterprise_points}
 * and the ladder snapshot's {@code ladder_standing} of the data year (the latest year with points at or before the
 * period), and credit's own loans.
 */
@Service
public class WhiteLists {
    static final Pattern PERIOD = Pattern.compile("([0-9]{4})(?:Q([1-4]))?");
    /** The lists in force: the latest published of each region. */
    static final String CURRENT = "SELECT DISTINCT ON (region_code) id FROM white_list ORDER BY region_code, published_at DESC, id DESC";

    private final JdbcClient jdbc;
    private final WhiteListComputation computation;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final WriteScope writeScope;
    private final org.innoladder.region.Regions regions;
    private final Map<Long, WhiteListRule> compiled = new ConcurrentHashMap<>();

    public WhiteLists(JdbcClient jdbc, DataSource dataSource, JsonMapper json, AuditTrail audit, WriteScope writeScope,
                      org.innoladder.region.Regions regions) {
        this.jdbc = jdbc;
        this.computation = new WhiteListComputation(dataSource);
        this.json = json;
        this.audit = audit;
        this.writeScope = writeScope;
        this.regions = regions;
    }

    /** The region of a rule or list: one that exists (400 otherwise) and lies in the user's write scope (403). */
    private void requireRegion(CurrentUser user, String region) {
        if (region == null || !regions.exists(region)) {
            throw new BadParameterException("region", region, "没有这个区划", "no such region");
        }
        WriteScope.requireRegion(user, region, "region");
    }

    // ---- the rule ---------------------------------------------------------------------------------------------

    public record RuleVersion(long id, String regionCode, int version, boolean published, String title,
                              List<ProductRule.Criterion> criteria, String citation, LocalDate effectiveFrom,
                              LocalDate effectiveTo, OffsetDateTime savedAt, OffsetDateTime publishedAt) {
        public String criteriaText() {
            return WhiteListRule.format(criteria);
        }
    }

    private static final String RULE_SELECT = """
            SELECT id, region_code, version, status, title, criteria::text, citation, effective_from, effective_to, saved_at,
                   published_at FROM white_list_rule""";

    private RuleVersion ruleRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RuleVersion(rs.getLong(1), rs.getString(2), rs.getInt(3), "PUBLISHED".equals(rs.getString(4)), rs.getString(5),
                criteria(rs.getString(6)), rs.getString(7), rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class),
                rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class));
    }

    List<ProductRule.Criterion> criteria(String jsonText) {
        List<Map<String, String>> list = json.readValue(jsonText, new TypeReference<List<Map<String, String>>>() { });
        return list.stream().map(m -> new ProductRule.Criterion(m.get("id"), m.get("zh"), m.get("en"), m.get("condition"))).toList();
    }

    /** The versions of the region's own rule, newest first. */
    public List<RuleVersion> versions(String region) {
        return jdbc.sql(RULE_SELECT + " WHERE region_code = :r ORDER BY version DESC").param("r", region)
                .query((rs, n) -> ruleRow(rs)).list();
    }

    /** The rule a list of the region is computed by: the latest published version of the region's or the nearest above. */
    public RuleVersion ruleInForce(String region) {
        return jdbc.sql(RULE_SELECT + " WHERE status = 'PUBLISHED' AND :r LIKE region_code || '%' ORDER BY length(region_code) DESC, version DESC LIMIT 1")
                .param("r", region).query((rs, n) -> ruleRow(rs)).optional().orElse(null);
    }

    public WhiteListRule rule(long ruleId) {
        return compiled.computeIfAbsent(ruleId, id -> WhiteListRule.of(jdbc.sql(RULE_SELECT + " WHERE id = :id").param("id", id)
                .query((rs, n) -> ruleRow(rs)).single().criteria()));
    }

    /** Saves the region's draft (a new version when the latest is published); the criteria are checked first. */
    @Transactional
    public int saveDraft(CurrentUser user, String region, String title, String criteriaText, String citation,
                         LocalDate from, LocalDate to, String ip) {
        requireRegion(user, region);
        List<ProductRule.Criterion> cs = WhiteListRule.parse(criteriaText);
        WhiteListRule.of(cs);
        String t = required("title", title, 200, "名称", "title");
        String c = required("citation", citation, 2000, "依据（文件、条款）", "the citation (document, clause)");
        if (from == null) throw new BadParameterException("effectiveFrom", "", "须填写生效日期", "give the date the rule takes effect");
        if (to != null && to.isBefore(from)) {
            throw new BadParameterException("effectiveTo", to.toString(), "失效日期不能早于生效日期 " + from, "the end date cannot precede " + from);
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('white_list_rule:' || :r))").param("r", region).query().singleRow();
        List<Map<String, String>> list = cs.stream().map(x -> Map.of("id", x.id(), "zh", x.zh(), "en", x.en(), "condition", x.condition())).toList();
        String criteria = json.writeValueAsString(list);
        Integer draft = jdbc.sql("UPDATE white_list_rule SET title = :t, criteria = :c::jsonb, citation = :cit, effective_from = :f, "
                        + "effective_to = :to, saved_by = :by, saved_at = now() WHERE region_code = :r AND status = 'DRAFT' RETURNING version")
                .param("t", t).param("c", criteria).param("cit", c).param("f", from).param("to", to).param("by", user.id())
                .param("r", region).query(Integer.class).optional().orElse(null);
        if (draft == null) {
            draft = jdbc.sql("""
                    INSERT INTO white_list_rule (region_code, version, status, title, criteria, citation, effective_from, effective_to, saved_by)
                    VALUES (:r, (SELECT coalesce(max(version), 0) + 1 FROM white_list_rule WHERE region_code = :r), 'DRAFT', :t,
                            :c::jsonb, :cit, :f, :to, :by) RETURNING version""")
                    .param("t", t).param("c", criteria).param("cit", c).param("f", from).param("to", to).param("by", user.id())
                    .param("r", region).query(Integer.class).single();
        }
        audit.record(user.username(), "credit.whitelist.rule.save", "region:" + region, "version=" + draft + "; criteria=" + cs.size(), ip);
        return draft;
    }

    private static String required(String field, String value, int max, String zh, String en) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > max) {
            throw new BadParameterException(field, value, "须填写" + zh + "（1–" + max + " 字）", "give " + en + " (1 to " + max + " characters)");
        }
        return v;
    }

    /** Publishes the region's draft: from now on it is frozen, and lists are computed by it. */
    @Transactional
    public int publishRule(CurrentUser user, String region, String ip) {
        requireRegion(user, region);
        Integer v = jdbc.sql("UPDATE white_list_rule SET status = 'PUBLISHED', published_at = now(), published_by = :by "
                        + "WHERE region_code = :r AND status = 'DRAFT' RETURNING version")
                .param("by", user.id()).param("r", region).query(Integer.class).optional().orElse(null);
        if (v == null) throw new CreditRefusedException("NO_DRAFT", "没有待发布的规则草稿", "there is no draft rule to publish");
        audit.record(user.username(), "credit.whitelist.rule.publish", "region:" + region, "version=" + v, ip);
        return v;
    }

    // ---- publication ------------------------------------------------------------------------------------------

    /** A period: "2025" (the year) or "2025Q3" (a quarter), with its first and last day. */
    public record Period(String text, int year, LocalDate start, LocalDate end) {
        public static Period parse(String value) {
            Matcher m = PERIOD.matcher(value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT));
            if (!m.matches()) {
                throw new BadParameterException("period", value, "期次须为年度（如 2025）或季度（如 2025Q3）",
                        "a period is a year (2025) or a quarter (2025Q3)");
            }
            int y = Integer.parseInt(m.group(1));
            if (y < 2000 || y > 2100) throw new BadParameterException("period", value, "年度须在 2000–2100 之间", "the year lies in 2000 to 2100");
            if (m.group(2) == null) return new Period(m.group(1), y, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
            int q = Integer.parseInt(m.group(2));
            LocalDate start = LocalDate.of(y, 3 * q - 2, 1);
            return new Period(m.group(0), y, start, start.plusMonths(3).minusDays(1));
        }

        public String zh() {
            return text.length() == 4 ? text + "年度" : text.substring(0, 4) + "年第" + text.charAt(5) + "季度";
        }
    }

    public record ListInfo(long id, String regionCode, String period, long ruleId, int ruleVersion, String ruleTitle,
                           String citation, Integer dataYear, int evaluated, int listed, int near, long millis,
                           OffsetDateTime publishedAt) {
        public String periodZh() {
            return Period.parse(period).zh();
        }
    }

    public record Published(ListInfo list, boolean already) {
    }

    private static final String LIST_SELECT = """
            SELECT l.id, l.region_code, l.period, l.rule_id, r.version, r.title, r.citation, l.data_year, l.evaluated, l.listed,
                   l.near, l.millis, l.published_at
            FROM white_list l JOIN white_list_rule r ON r.id = l.rule_id""";

    private static ListInfo listRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ListInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5), rs.getString(6),
                rs.getString(7), (Integer) rs.getObject(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getLong(12),
                rs.getObject(13, OffsetDateTime.class));
    }

    /**
     * Publishes the region's list for the period: computed once, by the rule in force, over every enterprise of the
     * region in the officer's scope. Publishing a period again answers the list already published and changes nothing.
     */
    @Transactional
    public Published publish(CurrentUser user, String region, String periodText, String ip) {
        if (user.role() != Role.BUREAU && user.role() != Role.ADMIN) {
            throw new OutOfScopeException("region", region, "只有科技局可以发布白名单", "only a bureau publishes the white list", false);
        }
        requireRegion(user, region);
        return publishAs(user.id() > 0 ? user.id() : null, user.username(), user.scope(), region, Period.parse(periodText), ip);
    }

    /**
     * The publication itself, for an actor already checked (or the demo loader, as nobody): the region's list of the
     * period over the enterprises of {@code scope}, or the list already published for it.
     */
    @Transactional
    public Published publishAs(Long userId, String username, DataScope actorScope, String region, Period period, String ip) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('white_list:' || :r || ':' || :p))").param("r", region).param("p", period.text())
                .query().singleRow();
        ListInfo existing = jdbc.sql(LIST_SELECT + " WHERE l.region_code = :r AND l.period = :p").param("r", region)
                .param("p", period.text()).query((rs, n) -> listRow(rs)).optional().orElse(null);
        if (existing != null) return new Published(existing, true);
        RuleVersion rule = ruleInForce(region);
        if (rule == null) {
            throw new CreditRefusedException("NO_RULE", "本区划（及上级）尚未发布白名单规则，请先发布规则",
                    "no white-list rule is published for the region or above it: publish one first");
        }
        if (rule.effectiveFrom().isAfter(period.end()) || (rule.effectiveTo() != null && rule.effectiveTo().isBefore(period.start()))) {
            throw new CreditRefusedException("RULE_NOT_IN_FORCE", "规则第 " + rule.version() + " 版的有效期（" + rule.effectiveFrom() + " 起）不覆盖"
                    + period.zh(), "version " + rule.version() + " of the rule is not in force during " + period.text());
        }
        DataScope.SqlFilter scope = actorScope.enterpriseFilter("e");
        Integer dataYear = dataYear(region, period.year(), scope);
        // before the first write: a snapshot exported after it would hide nothing, but could no longer be exported
        String snapshot = computation.exportSnapshot();
        long listId = jdbc.sql("""
                INSERT INTO white_list (region_code, period, rule_id, data_year, published_by) VALUES (:r, :p, :rule, :y, :by)
                RETURNING id""").param("r", region).param("p", period.text()).param("rule", rule.id()).param("y", dataYear)
                .param("by", userId).query(Long.class).single();
        long started = System.nanoTime();
        Counts c = computation.run(listId, rule(rule.id()), region, dataYear, scope, snapshot);
        long millis = (System.nanoTime() - started) / 1_000_000;
        jdbc.sql("UPDATE white_list SET evaluated = :n, listed = :l, near = :near, millis = :ms, sealed = true WHERE id = :id")
                .param("n", c.evaluated()).param("l", c.listed()).param("near", c.near()).param("ms", millis).param("id", listId).update();
        audit.record(username, "credit.whitelist.publish", "region:" + region, "period=" + period.text() + "; rule=v"
                + rule.version() + "; listed=" + c.listed() + "; near=" + c.near() + "; evaluated=" + c.evaluated(), ip);
        return new Published(list(listId), false);
    }

    Integer dataYear(String region, int upTo, DataScope.SqlFilter scope) {
        return jdbc.sql("SELECT max(p.year) FROM enterprise_points p JOIN enterprise e ON e.id = p.enterprise_id WHERE p.year <= :y "
                        + "AND e.region_code LIKE :r AND " + scope.sql())
                .params(scope.params()).param("y", upTo).param("r", region + "%").query(Integer.class).optional().orElse(null);
    }

    public record Counts(int evaluated, int listed, int near) {
    }

    /**
     * Evaluates every enterprise of the region in the scope and stores each outcome under the list (see
     * {@link WhiteListComputation}), in the caller's transaction; the read runs on a second connection when the
     * transaction has written nothing yet.
     */
    @Transactional
    public Counts compute(long listId, WhiteListRule rule, String region, Integer dataYear, DataScope.SqlFilter scope) {
        return computation.run(listId, rule, region, dataYear, scope, computation.exportSnapshot());
    }

    // ---- the bureau's view ------------------------------------------------------------------------------------

    /** The lists of regions within the user's scope (and above it: a city's list covers a district), newest first. */
    public List<ListInfo> lists(CurrentUser user) {
        String r = user.regionCode() == null ? "" : user.regionCode();
        return jdbc.sql(LIST_SELECT + " WHERE (l.region_code LIKE :r || '%' OR :r LIKE l.region_code || '%') ORDER BY l.published_at DESC, l.id DESC")
                .param("r", user.role() == Role.ADMIN ? "" : r).query((rs, n) -> listRow(rs)).list();
    }

    public ListInfo list(long id) {
        return jdbc.sql(LIST_SELECT + " WHERE l.id = :id").param("id", id).query((rs, n) -> listRow(rs)).optional()
                .orElseThrow(() -> new NotFoundException("未找到白名单 " + id, "no white list " + id));
    }

    /** A list the user may see (its own scope's or one above), else 404. */
    public ListInfo list(CurrentUser user, long id) {
        return lists(user).stream().filter(l -> l.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("未找到白名单 " + id + "（或不在您的数据范围内）", "no white list " + id + " (or outside your scope)"));
    }

    public enum Show { LISTED, NEAR }

    public record Entry(long enterpriseId, String creditCode, String name, String regionCode, boolean listed, boolean near,
                        Tier tier, BigDecimal points, String reasonZh, String reasonEn, String gapZh, String gapEn) {
    }

    private String entriesWhere(CurrentUser user, Show show, String region, Tier tier, Map<String, Object> params) {
        DataScope.SqlFilter f = user.scope().enterpriseFilter("e");
        params.putAll(f.params());
        params.put("region", (region == null ? "" : region) + "%");
        params.put("tier", tier == null ? -1 : tier.ordinal());
        return " FROM white_list_entry w JOIN enterprise e ON e.id = w.enterprise_id WHERE w.list_id = :list AND "
                + (show == Show.NEAR ? "w.near" : "w.listed") + " AND e.region_code LIKE :region AND (:tier = -1 OR w.tier = :tier) AND " + f.sql();
    }

    private Entry entry(WhiteListRule rule, java.sql.ResultSet rs) throws java.sql.SQLException {
        WhiteListRule.Outcome o = new WhiteListRule.Outcome(rs.getInt(7), rs.getInt(8), rule.criteria().size());
        Object t = rs.getObject(9);
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6),
                t == null ? null : Tier.values()[((Number) t).intValue()], rs.getBigDecimal(10),
                rule.reason(o, true), rule.reason(o, false), rule.gap(o, true), rule.gap(o, false));
    }

    static final String ENTRY_COLUMNS = "SELECT e.id, e.credit_code, e.name, e.region_code, w.listed, w.near, w.met_mask, w.unknown_mask, w.tier, w.points";

    public ResultPage<Entry> entries(CurrentUser user, ListInfo list, Show show, String region, Tier tier, int page, int size) {
        Map<String, Object> p = new HashMap<>();
        p.put("list", list.id());
        String where = entriesWhere(user, show, region, tier, p);
        long total = jdbc.sql("SELECT count(*)" + where).params(p).query(Long.class).single();
        WhiteListRule rule = rule(list.ruleId());
        List<Entry> rows = jdbc.sql(ENTRY_COLUMNS + where + " ORDER BY w.points DESC NULLS LAST, e.credit_code LIMIT :limit OFFSET :offset")
                .params(p).param("limit", size).param("offset", (long) (page - 1) * size).query((rs, n) -> entry(rule, rs)).list();
        return ResultPage.of(rows, page, size, total);
    }

    public void entriesAll(CurrentUser user, ListInfo list, Show show, String region, Tier tier, Consumer<Entry> each) {
        Map<String, Object> p = new HashMap<>();
        p.put("list", list.id());
        String where = entriesWhere(user, show, region, tier, p);
        WhiteListRule rule = rule(list.ruleId());
        jdbc.sql(ENTRY_COLUMNS + where + " ORDER BY w.points DESC NULLS LAST, e.credit_code").params(p)
                .query((RowCallbackHandler) rs -> each.accept(entry(rule, rs)));
    }

    public record TierCount(Tier tier, long listed, long near) {
    }

    /** Listed and near misses per tier held (no tier: {@code tier} null), within the user's scope and the region. */
    public List<TierCount> byTier(CurrentUser user, ListInfo list, String region) {
        DataScope.SqlFilter f = user.scope().enterpriseFilter("e");
        return jdbc.sql("SELECT w.tier, count(*) FILTER (WHERE w.listed), count(*) FILTER (WHERE w.near) FROM white_list_entry w "
                        + "JOIN enterprise e ON e.id = w.enterprise_id WHERE w.list_id = :list AND (w.listed OR w.near) "
                        + "AND e.region_code LIKE :region AND " + f.sql() + " GROUP BY w.tier ORDER BY w.tier NULLS LAST")
                .params(f.params()).param("list", list.id()).param("region", (region == null ? "" : region) + "%")
                .query((rs, n) -> new TierCount(rs.getObject(1) == null ? null : Tier.values()[rs.getInt(1)], rs.getLong(2), rs.getLong(3)))
                .list();
    }

    // ---- the enterprise ---------------------------------------------------------------------------------------

    public record Membership(ListInfo list, boolean listed, boolean near, String reasonZh, String reasonEn, String gapZh, String gapEn) {
    }

    /** The enterprise's line on the most specific list in force that covers it, or null when none was published. */
    public Membership membership(long enterpriseId) {
        record Row(long listId, boolean listed, boolean near, int met, int unknown) {
        }
        Row row = jdbc.sql("SELECT w.list_id, w.listed, w.near, w.met_mask, w.unknown_mask FROM white_list_entry w "
                        + "JOIN white_list l ON l.id = w.list_id WHERE w.enterprise_id = :e AND w.list_id IN (" + CURRENT + ") "
                        + "ORDER BY length(l.region_code) DESC, l.published_at DESC LIMIT 1")
                .param("e", enterpriseId).query((rs, n) -> new Row(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3), rs.getInt(4), rs.getInt(5)))
                .optional().orElse(null);
        if (row == null) return null;
        ListInfo l = list(row.listId());
        WhiteListRule rule = rule(l.ruleId());
        WhiteListRule.Outcome o = new WhiteListRule.Outcome(row.met(), row.unknown(), rule.criteria().size());
        return new Membership(l, row.listed(), row.near(), rule.reason(o, true), rule.reason(o, false), rule.gap(o, true), rule.gap(o, false));
    }

    /** Whether the enterprise is on a white list in force (the 如皋 compensation variant's admission). */
    public boolean listed(long enterpriseId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM white_list_entry w WHERE w.enterprise_id = :e AND w.listed AND w.list_id IN ("
                + CURRENT + "))").param("e", enterpriseId).query(Boolean.class).single();
    }

    public boolean recommendAllowed(long enterpriseId) {
        return jdbc.sql("SELECT allowed FROM white_list_recommend WHERE enterprise_id = :e").param("e", enterpriseId)
                .query(Boolean.class).optional().orElse(false);
    }

    /** The enterprise allows (or stops) its recommendation to partner banks; effective from the next request. */
    @Transactional
    public void recommend(CurrentUser user, boolean allowed, String ip) {
        if (user.role() != Role.ENTERPRISE || user.enterpriseId() == null) {
            throw new OutOfScopeException("allowed", String.valueOf(allowed), "只有企业用户可以选择是否向银行推荐",
                    "only an enterprise user chooses whether it is recommended", false);
        }
        writeScope.requireEnterprise(user, user.enterpriseId());
        jdbc.sql("""
                INSERT INTO white_list_recommend (enterprise_id, allowed, changed_by) VALUES (:e, :a, :by)
                ON CONFLICT (enterprise_id) DO UPDATE SET allowed = EXCLUDED.allowed, changed_by = EXCLUDED.changed_by, changed_at = now()""")
                .param("e", user.enterpriseId()).param("a", allowed).param("by", user.id()).update();
        audit.record(user.username(), "credit.whitelist.recommend", "enterprise:" + user.enterpriseId(), "allowed=" + allowed, ip);
    }

    // ---- the bank's view --------------------------------------------------------------------------------------

    /**
     * The enterprises a bank may see on the lists in force: listed, and either recommended (opted in) or with a live
     * consent to this bank. Read live, so an opt-out or a revocation counts from the next request.
     */
    public static DataScope.SqlFilter bankMaySee(long bankId) {
        return new DataScope.SqlFilter("""
                EXISTS (SELECT 1 FROM white_list_entry wl WHERE wl.enterprise_id = e.id AND wl.listed AND wl.list_id IN (%s))
                AND (EXISTS (SELECT 1 FROM white_list_recommend wr WHERE wr.enterprise_id = e.id AND wr.allowed)
                     OR EXISTS (SELECT 1 FROM bank_authorisation wba WHERE wba.enterprise_id = e.id AND wba.bank_id = :wl_bank
                                AND wba.revoked_at IS NULL AND wba.expires_at > now()))""".formatted(CURRENT), Map.of("wl_bank", bankId));
    }

    /** What a bank sees of a recommended enterprise before consent: name, tier and a 10-point band of its points. */
    public record Recommended(long enterpriseId, String name, String regionCode, Tier tier, String pointsBand, boolean consented) {
    }

    public List<Recommended> recommendedTo(long bankId, int limit) {
        DataScope.SqlFilter f = bankMaySee(bankId);
        return jdbc.sql("""
                SELECT e.id, e.name, e.region_code,
                       (SELECT w.tier FROM white_list_entry w WHERE w.enterprise_id = e.id AND w.listed AND w.list_id IN (%s) LIMIT 1),
                       (SELECT w.points FROM white_list_entry w WHERE w.enterprise_id = e.id AND w.listed AND w.list_id IN (%s) LIMIT 1),
                       EXISTS (SELECT 1 FROM bank_authorisation ba WHERE ba.enterprise_id = e.id AND ba.bank_id = :wl_bank
                               AND ba.revoked_at IS NULL AND ba.expires_at > now())
                FROM enterprise e WHERE %s ORDER BY e.name, e.id LIMIT :limit""".formatted(CURRENT, CURRENT, f.sql()))
                .params(f.params()).param("limit", limit)
                .query((rs, n) -> new Recommended(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4) == null ? null : Tier.values()[rs.getInt(4)], band(rs.getBigDecimal(5)), rs.getBoolean(6)))
                .list();
    }

    public long countRecommendedTo(long bankId) {
        DataScope.SqlFilter f = bankMaySee(bankId);
        return jdbc.sql("SELECT count(*) FROM enterprise e WHERE " + f.sql()).params(f.params()).query(Long.class).single();
    }

    /** A 10-point band of the points ("80–90"): what a bank sees before the enterprise consents. */
    static String band(BigDecimal points) {
        if (points == null) return null;
        int low = points.divide(BigDecimal.TEN, 0, RoundingMode.FLOOR).intValue() * 10;
        return low + "–" + (low + 10);
    }
}
