package org.innoladder.ladder.town;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.ladder.LadderService;
import org.innoladder.ladder.TierDecision;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Town work on reserve-pool enterprises: assignment to a town assistant (挂钩联系), visit logs and the
 * one-enterprise plan (一企一策) with dated actions. Every enterprise is looked up through the caller's data scope
 * (another scope's enterprise is not found); ADMIN, BUREAU and TOWN write, LEADER reads. "Today" comes from the
 * shared {@link Clock}: an action is overdue when {@code due_on < today} and it is not done.
 */
@Service
public class TownWorkService {
    static final int MAX_TEXT = 2000;

    private final JdbcClient jdbc;
    private final LadderService ladder;
    private final AuditTrail audit;
    private final Clock clock;
    private final WriteScope writeScope;

    public TownWorkService(JdbcClient jdbc, LadderService ladder, AuditTrail audit, Clock clock, WriteScope writeScope) {
        this.jdbc = jdbc;
        this.ladder = ladder;
        this.audit = audit;
        this.clock = clock;
        this.writeScope = writeScope;
    }

    public LocalDate today() { return LocalDate.now(clock); }

    public record Enterprise(long id, String creditCode, String name, String regionCode) {
    }

    public record Assistant(long userId, String username, String displayName, String regionCode) {
    }

    public record Assignment(Assistant assistant, String assignedBy, java.time.OffsetDateTime assignedAt) {
    }

    public record Visit(long id, String username, String displayName, LocalDate visitedOn, String summary, String nextSteps) {
    }

    public record Action(long id, String description, String owner, LocalDate dueOn, LocalDate doneOn, boolean overdue) {
    }

    /** One pool membership in the enterprise's latest evaluated year. */
    public record PoolReason(int year, String tier, String tierZh, String tierEn, String reason, String reasonZh, String reasonEn) {
    }

    /** A line of the "my enterprises" list. */
    public record Line(Enterprise enterprise, Assistant assistant, List<PoolReason> pool, LocalDate lastVisit,
                       int openActions, int overdueActions) {
    }

    /** An enterprise's work page. */
    public record Work(Enterprise enterprise, Optional<Assignment> assignment, List<PoolReason> pool, List<Visit> visits,
                       List<Action> actions, List<Assistant> assistants, LocalDate today) {
    }

    /** The enterprise within the caller's scope, or not found (404) — never a hint that it exists elsewhere. */
    Enterprise enterprise(CurrentUser user, String creditCode) {
        DataScope.SqlFilter f = user.scope().enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(f.params());
        p.put("code", creditCode == null ? "" : creditCode.strip());
        return jdbc.sql("SELECT e.id, e.credit_code, e.name, e.region_code FROM enterprise e WHERE e.credit_code = :code AND "
                        + f.sql()).params(p)
                .query((rs, n) -> new Enterprise(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional().orElseThrow(() -> new NotFoundException("未找到企业 " + creditCode + "（或不在您的数据范围内）",
                        "no enterprise " + creditCode + " (or it is outside your data scope)"));
    }

    /**
     * The enterprise a write is about: the role must record town work (ADMIN, BUREAU, TOWN), the enterprise must be
     * visible (else 404) and inside the caller's write scope.
     */
    private Enterprise writable(CurrentUser user, String creditCode) {
        if (user.role() != Role.ADMIN && user.role() != Role.BUREAU && user.role() != Role.TOWN) {
            throw new AccessDeniedException("only ADMIN, BUREAU and TOWN record town work");
        }
        Enterprise e = enterprise(user, creditCode);
        writeScope.requireEnterprise(user, e.id());
        return e;
    }

    /**
     * TOWN: the enterprises assigned to the caller; other roles: every active assignment within their scope.
     * Ordered by overdue actions, then open actions, then credit code.
     */
    @Transactional(readOnly = true)
    public List<Line> mine(CurrentUser user) {
        DataScope.SqlFilter f = user.scope().enterpriseFilter("e");
        Map<String, Object> p = new HashMap<>(f.params());
        p.put("me", user.id());
        p.put("only_mine", user.role() == Role.TOWN);
        p.put("today", Date.valueOf(today()));
        List<Line> lines = jdbc.sql("""
                SELECT e.id, e.credit_code, e.name, e.region_code, u.id, u.username, u.display_name, u.region_code,
                       (SELECT max(v.visited_on) FROM town_visit v WHERE v.enterprise_id = e.id),
                       (SELECT count(*) FROM plan_action pa JOIN enterprise_plan pl ON pl.id = pa.plan_id
                        WHERE pl.enterprise_id = e.id AND pa.done_on IS NULL),
                       (SELECT count(*) FROM plan_action pa JOIN enterprise_plan pl ON pl.id = pa.plan_id
                        WHERE pl.enterprise_id = e.id AND pa.done_on IS NULL AND pa.due_on < :today)
                FROM town_assignment a JOIN enterprise e ON e.id = a.enterprise_id JOIN app_user u ON u.id = a.assistant_user_id
                WHERE a.active AND (NOT :only_mine OR a.assistant_user_id = :me) AND %s
                ORDER BY 11 DESC, 10 DESC, e.credit_code""".formatted(f.sql())).params(p)
                .query((rs, n) -> {
                    Date last = rs.getDate(9);
                    return new Line(new Enterprise(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                            new Assistant(rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8)), List.of(),
                            last == null ? null : last.toLocalDate(), rs.getInt(10), rs.getInt(11));
                }).list();
        List<Line> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            out.add(new Line(l.enterprise(), l.assistant(), pool(user, l.enterprise().creditCode()), l.lastVisit(),
                    l.openActions(), l.overdueActions()));
        }
        return out;
    }

    private List<PoolReason> pool(CurrentUser user, String creditCode) {
        List<PoolReason> out = new ArrayList<>();
        for (TierDecision.Standing s : ladder.standings(user.scope(), creditCode, 1)) {
            for (TierDecision.Membership m : s.pools()) {
                out.add(new PoolReason(s.year(), m.tier().name(), m.tier().nameZh(), m.tier().nameEn(), m.reason().name(),
                        m.reasonZh(), m.reasonEn()));
            }
        }
        return out;
    }

    @Transactional(readOnly = true)
    public Work work(CurrentUser user, String creditCode) {
        Enterprise e = enterprise(user, creditCode);
        Optional<Assignment> assignment = jdbc.sql("""
                SELECT u.id, u.username, u.display_name, u.region_code, a.assigned_by, a.assigned_at
                FROM town_assignment a JOIN app_user u ON u.id = a.assistant_user_id WHERE a.enterprise_id = ? AND a.active""")
                .param(e.id()).query((rs, n) -> new Assignment(new Assistant(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)), rs.getString(5), rs.getObject(6, java.time.OffsetDateTime.class))).optional();
        List<Visit> visits = jdbc.sql("""
                SELECT v.id, u.username, u.display_name, v.visited_on, v.summary, v.next_steps
                FROM town_visit v JOIN app_user u ON u.id = v.user_id WHERE v.enterprise_id = ? ORDER BY v.visited_on DESC, v.id DESC""")
                .param(e.id()).query((rs, n) -> new Visit(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getString(5), rs.getString(6))).list();
        return new Work(e, assignment, pool(user, creditCode), visits, actions(e.id()), assistants(e), today());
    }

    private List<Action> actions(long enterpriseId) {
        LocalDate today = today();
        return jdbc.sql("""
                SELECT pa.id, pa.description, pa.owner, pa.due_on, pa.done_on FROM plan_action pa
                JOIN enterprise_plan pl ON pl.id = pa.plan_id WHERE pl.enterprise_id = ? ORDER BY pa.due_on, pa.id""")
                .param(enterpriseId).query((rs, n) -> {
                    LocalDate due = rs.getDate(4).toLocalDate();
                    Date done = rs.getDate(5);
                    return new Action(rs.getLong(1), rs.getString(2), rs.getString(3), due,
                            done == null ? null : done.toLocalDate(), overdue(due, done == null ? null : done.toLocalDate(), today));
                }).list();
    }

    /** Overdue: due before today and not done (an action due today is not yet overdue). */
    public static boolean overdue(LocalDate dueOn, LocalDate doneOn, LocalDate today) {
        return doneOn == null && dueOn.isBefore(today);
    }

    /** Enabled TOWN users whose town covers the enterprise: who may be its assistant. */
    private List<Assistant> assistants(Enterprise e) {
        return jdbc.sql("""
                SELECT id, username, display_name, region_code FROM app_user
                WHERE role = 'TOWN' AND enabled AND ? LIKE region_code || '%' ORDER BY username""")
                .param(e.regionCode()).query((rs, n) -> new Assistant(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).list();
    }

    /** Makes {@code assistant} (a username) the enterprise's assistant, ending the previous assignment. */
    @Transactional
    public Assignment assign(CurrentUser user, String creditCode, String assistant, String sourceIp) {
        Enterprise e = writable(user, creditCode);
        String name = assistant == null ? "" : assistant.strip();
        Assistant a = assistants(e).stream().filter(x -> x.username().equals(name)).findFirst()
                .orElseThrow(() -> new BadParameterException("assistant", name, "须为负责该企业所在镇（街道）的镇级用户",
                        "must be an enabled TOWN user whose town covers the enterprise"));
        jdbc.sql("UPDATE town_assignment SET active = false WHERE enterprise_id = ? AND active").param(e.id()).update();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO town_assignment (enterprise_id, assistant_user_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)""")
                .params(e.id(), a.userId(), user.username(), now).update();
        audit.record(user.username(), "ladder.town.assign", "enterprise:" + e.creditCode(), "assistant=" + a.username(), sourceIp);
        return new Assignment(a, user.username(), now.toInstant().atOffset(java.time.ZoneOffset.UTC));
    }

    @Transactional
    public Visit visit(CurrentUser user, String creditCode, String visitedOn, String summary, String nextSteps, String sourceIp) {
        Enterprise e = writable(user, creditCode);
        LocalDate on = date("visitedOn", visitedOn);
        if (on.isAfter(today())) {
            throw new BadParameterException("visitedOn", on.toString(), "走访日期不能晚于今天（" + today() + "）",
                    "the visit date cannot be after today (" + today() + ")");
        }
        String s = text("summary", summary, true);
        String next = text("nextSteps", nextSteps, false);
        long id = jdbc.sql("""
                INSERT INTO town_visit (enterprise_id, user_id, visited_on, summary, next_steps, created_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(e.id(), user.id(), Date.valueOf(on), s, next, Timestamp.from(clock.instant())).query(Long.class).single();
        audit.record(user.username(), "ladder.town.visit", "enterprise:" + e.creditCode(), "town_visit:" + id, sourceIp);
        return new Visit(id, user.username(), user.displayName(), on, s, next);
    }

    /** Adds an action to the enterprise's plan (一企一策), creating the plan on first use. */
    @Transactional
    public Action addAction(CurrentUser user, String creditCode, String description, String owner, String dueOn, String sourceIp) {
        Enterprise e = writable(user, creditCode);
        String d = text("description", description, true);
        String o = text("owner", owner, true);
        LocalDate due = date("dueOn", dueOn);
        jdbc.sql("""
                INSERT INTO enterprise_plan (enterprise_id, created_by, created_at) VALUES (?, ?, ?)
                ON CONFLICT (enterprise_id) DO NOTHING""").params(e.id(), user.username(), Timestamp.from(clock.instant())).update();
        long id = jdbc.sql("""
                INSERT INTO plan_action (plan_id, description, owner, due_on)
                SELECT id, ?, ?, ? FROM enterprise_plan WHERE enterprise_id = ? RETURNING id""")
                .params(d, o, Date.valueOf(due), e.id()).query(Long.class).single();
        audit.record(user.username(), "ladder.town.action.add", "enterprise:" + e.creditCode(), "plan_action:" + id + " due " + due, sourceIp);
        return new Action(id, d, o, due, null, overdue(due, null, today()));
    }

    /** Marks an action of the enterprise's plan done today. */
    @Transactional
    public Action done(CurrentUser user, String creditCode, long actionId, String sourceIp) {
        Enterprise e = writable(user, creditCode);
        int n = jdbc.sql("""
                UPDATE plan_action SET done_on = ? WHERE id = ? AND done_on IS NULL
                  AND plan_id = (SELECT id FROM enterprise_plan WHERE enterprise_id = ?)""")
                .params(Date.valueOf(today()), actionId, e.id()).update();
        if (n == 0) {
            throw new NotFoundException("该企业计划中没有未完成的措施 " + actionId, "no open action " + actionId + " in this enterprise's plan");
        }
        audit.record(user.username(), "ladder.town.action.done", "enterprise:" + e.creditCode(), "plan_action:" + actionId, sourceIp);
        return actions(e.id()).stream().filter(a -> a.id() == actionId).findFirst().orElseThrow();
    }

    static LocalDate date(String field, String value) {
        String v = value == null ? "" : value.strip();
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException ex) {
            throw new BadParameterException(field, v, "须为 YYYY-MM-DD 格式的日期", "must be a date YYYY-MM-DD");
        }
    }

    static String text(String field, String value, boolean required) {
        String v = value == null ? "" : value.strip();
        if (required && v.isEmpty()) throw new BadParameterException(field, v, "不能为空", "is required");
        if (v.length() > MAX_TEXT) {
            throw new BadParameterException(field, v.substring(0, 20) + "…", "不能超过 " + MAX_TEXT + " 字", "at most " + MAX_TEXT + " characters");
        }
        return v.isEmpty() ? null : v;
    }
}
