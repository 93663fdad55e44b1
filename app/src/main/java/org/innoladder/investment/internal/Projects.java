package org.innoladder.investment.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.WriteScope;
import org.innoladder.investment.domain.InvestmentSource;
import org.innoladder.investment.domain.InvestmentStatus;
import org.innoladder.investment.domain.InvestmentWorkflow;
import org.innoladder.investment.domain.InvestmentWorkflow.Action;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.ResultPage;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The 科技招商 projects: a project is seen by the scopes its town lies in (ADMIN: all; BUREAU, LEADER, TOWN: their region
 * subtree; any other scope none); the list with its counts per stage, one project with its history, the steps of the
 * pipeline (locked, guarded by {@link InvestmentWorkflow}, written with their history row and audited) and the one
 * write of an imported row. Amounts in yuan.
 */
@Service
public class Projects {
    public record Project(long id, String name, String field, InvestmentSource source, String regionCode, BigDecimal plannedYuan,
                          BigDecimal signedYuan, InvestmentStatus status, String creditCode, String enterpriseName, LocalDate leadOn,
                          LocalDate signedOn, LocalDate landedOn, LocalDate producingOn, String terminatedReason) {
    }

    public record Event(String action, InvestmentStatus from, InvestmentStatus to, String actor, String detail, OffsetDateTime at) {
        /** The step's label: an action of the pipeline, the import that registered the project, or an edit of it. */
        public String label(Locale locale) {
            if ("IMPORT".equals(action)) return locale != null && "en".equals(locale.getLanguage()) ? "Imported" : "导入登记";
            if ("EDIT".equals(action)) return locale != null && "en".equals(locale.getLanguage()) ? "Edited" : "修改登记";
            return Action.valueOf(action).label(locale);
        }
    }

    /** Filters; null means any. {@code region} is a code already checked against the scope. */
    public record Filter(String region, InvestmentStatus status, String text) {
    }

    public record StatusCount(InvestmentStatus status, long count, BigDecimal plannedYuan, BigDecimal signedYuan) {
    }

    public enum Outcome { ADDED, UPDATED, UNCHANGED }

    static final String COLUMNS = "p.id, p.name, p.field, p.source, p.region_code, p.planned_yuan, p.signed_yuan, p.status, p.credit_code,"
            + " e.name, p.lead_on, p.signed_on, p.landed_on, p.producing_on, p.terminated_reason";

    static final RowMapper<Project> ROW = (rs, n) -> new Project(rs.getLong(1), rs.getString(2), rs.getString(3),
            InvestmentSource.valueOf(rs.getString(4)), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
            InvestmentStatus.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10), rs.getObject(11, LocalDate.class),
            rs.getObject(12, LocalDate.class), rs.getObject(13, LocalDate.class), rs.getObject(14, LocalDate.class), rs.getString(15));

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    public Projects(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The region code prefix the scope sees ("" for all), or null for scopes that name no region (they see none). */
    public static String scopeRoot(DataScope scope) {
        if (scope instanceof DataScope.All) return "";
        if (scope instanceof DataScope.RegionSubtree r) return r.regionCode();
        return null;
    }

    /** The FROM clause with the enterprise (named only when it lies in the scope too) and the filters. */
    static String from(DataScope scope, Filter f, Map<String, Object> p) {
        String root = scopeRoot(scope);
        StringBuilder w = new StringBuilder(" FROM investment_project p LEFT JOIN enterprise e ON e.credit_code = p.credit_code"
                + " AND e.region_code LIKE :scope_root");
        p.put("scope_root", (root == null ? "" : root) + "%");
        if (root == null) return w.append(" WHERE false").toString();
        w.append(" WHERE p.region_code LIKE :scope_root");
        if (f.region() != null) {
            w.append(" AND p.region_code LIKE :region");
            p.put("region", f.region() + "%");
        }
        if (f.status() != null) {
            w.append(" AND p.status = :status");
            p.put("status", f.status().name());
        }
        if (f.text() != null && !f.text().isBlank()) {
            w.append(" AND (p.name ILIKE :text OR p.field ILIKE :text OR p.credit_code = :exact OR e.name ILIKE :text)");
            p.put("exact", f.text().strip().toUpperCase(Locale.ROOT));
            p.put("text", "%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return w.toString();
    }

    public ResultPage<Project> list(DataScope scope, Filter f, int page, int size) {
        Map<String, Object> p = new HashMap<>();
        String from = from(scope, f, p);
        long total = jdbc.sql("SELECT count(*)" + from).params(p).query(Long.class).single();
        p.put("limit", size);
        p.put("offset", (long) (page - 1) * size);
        return ResultPage.of(jdbc.sql("SELECT " + COLUMNS + from + " ORDER BY p.lead_on DESC, p.id DESC LIMIT :limit OFFSET :offset")
                .params(p).query(ROW).list(), page, size, total);
    }

    public List<Project> all(DataScope scope, Filter f, int max) {
        Map<String, Object> p = new HashMap<>();
        String from = from(scope, f, p);
        p.put("limit", max);
        return jdbc.sql("SELECT " + COLUMNS + from + " ORDER BY p.region_code, p.lead_on, p.id LIMIT :limit").params(p).query(ROW).list();
    }

    /** Projects, planned and signed investment per stage (every stage listed) under the filter's region and text. */
    public List<StatusCount> byStatus(DataScope scope, Filter f) {
        Map<String, Object> p = new HashMap<>();
        String from = from(scope, new Filter(f.region(), null, f.text()), p);
        Map<String, StatusCount> rows = new HashMap<>();
        jdbc.sql("SELECT p.status, count(*), coalesce(sum(p.planned_yuan), 0), coalesce(sum(p.signed_yuan), 0)" + from + " GROUP BY p.status")
                .params(p).query((rs, n) -> rows.put(rs.getString(1), new StatusCount(InvestmentStatus.valueOf(rs.getString(1)), rs.getLong(2),
                        rs.getBigDecimal(3), rs.getBigDecimal(4)))).list();
        List<StatusCount> out = new ArrayList<>();
        for (InvestmentStatus s : InvestmentStatus.values()) {
            out.add(rows.getOrDefault(s.name(), new StatusCount(s, 0, BigDecimal.ZERO, BigDecimal.ZERO)));
        }
        return out;
    }

    public Optional<Project> get(DataScope scope, long id) {
        Map<String, Object> p = new HashMap<>();
        String from = from(scope, new Filter(null, null, null), p);
        p.put("id", id);
        return jdbc.sql("SELECT " + COLUMNS + from + " AND p.id = :id").params(p).query(ROW).optional();
    }

    /** The history of a project the caller may see, oldest first. */
    public List<Event> history(DataScope scope, long id) {
        if (get(scope, id).isEmpty()) return List.of();
        return jdbc.sql("SELECT action, from_status, to_status, actor, detail, at FROM investment_event WHERE project_id = :id ORDER BY id")
                .param("id", id).query((rs, n) -> new Event(rs.getString(1), rs.getString(2) == null ? null : InvestmentStatus.valueOf(rs.getString(2)),
                        InvestmentStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class))).list();
    }

    /** What a step carries: the reason (TERMINATE), the signed investment in yuan (SIGN), the enterprise's credit code (LAND). */
    public record StepRequest(String reason, BigDecimal signedYuan, String creditCode) {
        public static final StepRequest NONE = new StepRequest(null, null, null);
    }

    public record StepResult(long id, InvestmentStatus from, InvestmentStatus to, String messageZh, String messageEn) {
    }

    /**
     * Takes a step: the project must be visible (else 404, as for one that does not exist), then in the officer's write
     * scope and allowed by the workflow (else a refusal naming why). Writes the stage, its date, the history row and the
     * audit entry in one transaction, the project row locked.
     */
    @Transactional
    public StepResult act(CurrentUser user, long id, Action action, StepRequest request, String ip) {
        if (action == null) throw new BadParameterException("action", "", "须为 NEGOTIATE、SIGN、LAND、PRODUCE 或 TERMINATE",
                "must be NEGOTIATE, SIGN, LAND, PRODUCE or TERMINATE");
        StepRequest r = request == null ? StepRequest.NONE : request;
        String reason = r.reason() == null || r.reason().isBlank() ? null : r.reason().strip();
        if (reason != null && reason.length() > 2000) throw new BadParameterException("reason", reason.substring(0, 40) + "…", "不能超过 2000 个字符", "at most 2000 characters");
        Project p = get(user.scope(), id).orElseThrow(() -> new NotFoundException("没有这个招商项目，或它不在您的数据范围内", "no such investment project in your data scope"));
        jdbc.sql("SELECT id FROM investment_project WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).single();
        p = get(user.scope(), id).orElseThrow();
        WriteScope.requireRegion(user, p.regionCode(), "id");
        String code = r.creditCode() == null || r.creditCode().isBlank() ? p.creditCode() : r.creditCode().strip().toUpperCase(Locale.ROOT);
        boolean found = code != null && enterpriseInScope(user, code);
        InvestmentWorkflow.Decision d = InvestmentWorkflow.decide(new InvestmentWorkflow.Facts(p.status(), r.signedYuan(), found),
                new InvestmentWorkflow.Actor(user.role(), WriteScope.coversRegion(user, p.regionCode())), action, reason);
        if (!d.allowed()) throw new InvestmentRefusedException(d.zh(), d.en());
        LocalDate today = LocalDate.now();
        String detail = null;
        switch (action) {
            case SIGN -> {
                jdbc.sql("UPDATE investment_project SET signed_yuan = :y, signed_on = :d WHERE id = :id")
                        .param("y", r.signedYuan()).param("d", today).param("id", id).update();
                detail = "签约投资额 " + r.signedYuan().divide(BigDecimal.valueOf(10_000)).stripTrailingZeros().toPlainString() + " 万元";
            }
            case LAND -> {
                jdbc.sql("UPDATE investment_project SET credit_code = :c, landed_on = :d WHERE id = :id")
                        .param("c", code).param("d", today).param("id", id).update();
                detail = "企业 " + code;
            }
            case PRODUCE -> jdbc.sql("UPDATE investment_project SET producing_on = :d WHERE id = :id").param("d", today).param("id", id).update();
            case TERMINATE -> {
                jdbc.sql("UPDATE investment_project SET terminated_reason = :r WHERE id = :id").param("r", reason).param("id", id).update();
                detail = reason;
            }
            default -> { }
        }
        jdbc.sql("UPDATE investment_project SET status = :s, updated_at = now() WHERE id = :id").param("s", d.to().name()).param("id", id).update();
        event(id, action.name(), p.status(), d.to(), user.username(), detail);
        audit.record(user.username(), "investment." + action.name().toLowerCase(Locale.ROOT), "investment_project:" + id,
                p.status() + "→" + d.to() + (detail == null ? "" : "; " + detail), ip);
        return new StepResult(id, p.status(), d.to(), "项目 " + p.name() + "：" + action.zh() + "（" + d.to().zh() + "）",
                "project " + id + ": " + action.en() + " (" + d.to().en() + ")");
    }

    /** Whether the credit code names an enterprise of the register that the user may change. */
    boolean enterpriseInScope(CurrentUser user, String creditCode) {
        return jdbc.sql("SELECT id, region_code FROM enterprise WHERE credit_code = :c").param("c", creditCode)
                .query((rs, n) -> WriteScope.coversEnterprise(user, rs.getLong(1), rs.getString(2))).optional().orElse(false);
    }

    void event(long id, String action, InvestmentStatus from, InvestmentStatus to, String actor, String detail) {
        jdbc.sql("INSERT INTO investment_event (project_id, action, from_status, to_status, actor, detail) VALUES (:p, :a, :f, :t, :u, :d)")
                .param("p", id).param("a", action).param("f", from == null ? null : from.name()).param("t", to.name())
                .param("u", actor).param("d", detail).update();
    }

    Optional<Project> byKey(String region, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM investment_project p LEFT JOIN enterprise e ON e.credit_code = p.credit_code"
                + " WHERE p.region_code = :r AND p.name = :n").param("r", region).param("n", name).query(ROW).optional();
    }

    /** The level of a region ("town", "county" …), or empty when there is no such region. */
    Optional<String> regionLevel(String code) {
        return jdbc.sql("SELECT level FROM region WHERE code = :c").param("c", code).query(String.class).optional();
    }

    /**
     * Registers an imported project, or updates the descriptive fields of the one with its key (town and name). The
     * stage of an existing project moves only through its steps; the caller has checked that the file names the same.
     */
    Outcome upsert(Project n, long importId, String actor) {
        Optional<Project> old = byKey(n.regionCode(), n.name());
        if (old.isPresent()) {
            Project o = old.get();
            boolean same = o.field().equals(n.field()) && o.source() == n.source() && o.plannedYuan().compareTo(n.plannedYuan()) == 0
                    && java.util.Objects.equals(o.creditCode(), n.creditCode() == null ? o.creditCode() : n.creditCode());
            if (same) return Outcome.UNCHANGED;
            jdbc.sql("UPDATE investment_project SET field = :f, source = :s, planned_yuan = :y, credit_code = coalesce(:c, credit_code),"
                            + " import_id = :i, updated_at = now() WHERE id = :id")
                    .param("f", n.field()).param("s", n.source().name()).param("y", n.plannedYuan()).param("c", n.creditCode())
                    .param("i", importId).param("id", o.id()).update();
            return Outcome.UPDATED;
        }
        long id = jdbc.sql("""
                INSERT INTO investment_project (name, field, source, region_code, planned_yuan, signed_yuan, status, credit_code, lead_on,
                                                signed_on, landed_on, producing_on, terminated_reason, import_id)
                VALUES (:name, :field, :source, :region, :planned, :signed, :status, :code, :lead, :signedOn, :landedOn, :producingOn,
                        :reason, :import) RETURNING id""")
                .param("name", n.name()).param("field", n.field()).param("source", n.source().name()).param("region", n.regionCode())
                .param("planned", n.plannedYuan()).param("signed", n.signedYuan()).param("status", n.status().name())
                .param("code", n.creditCode()).param("lead", n.leadOn()).param("signedOn", n.signedOn()).param("landedOn", n.landedOn())
                .param("producingOn", n.producingOn()).param("reason", n.terminatedReason()).param("import", importId)
                .query(Long.class).single();
        event(id, "IMPORT", null, n.status(), actor, "导入登记 #" + importId);
        return Outcome.ADDED;
    }
}
