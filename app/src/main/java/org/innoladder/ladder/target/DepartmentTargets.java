package org.innoladder.ladder.target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.ladder.LadderService;
import org.innoladder.region.Regions;
import org.innoladder.rules.ladder.Tier;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Targets decomposed to departments (部门: 科技局, 发改委, 商务局 …): a region's bureau configures the region's
 * departments and gives each targets on any target metric for a year; a department target's actual is the metric's
 * actual for the department's region (the same figure as a region target of that region, counted within the reader's
 * scope), so the page shows what each department answers for. The departments are data of their region, never a
 * fixed list. Writes: ADMIN and BUREAU, the department's region within the write scope, audited.
 */
@Service
@NamedInterface("targets")
public class DepartmentTargets {
    private final JdbcClient jdbc;
    private final TargetService targets;
    private final LadderService ladder;
    private final Regions regions;
    private final AuditTrail audit;

    public DepartmentTargets(JdbcClient jdbc, TargetService targets, LadderService ladder, Regions regions, AuditTrail audit) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.ladder = ladder;
        this.regions = regions;
        this.audit = audit;
    }

    /** A department of a region. */
    @NamedInterface("targets")
    public record Department(long id, String regionCode, String regionName, String name) {
    }

    /** A department's target with its progress ({@code target.id()} is the department target's id). */
    @NamedInterface("targets")
    public record Row(long departmentId, String departmentName, TargetService.Row target) {
    }

    /** The departments of regions within the root, and their targets of the year with progress. */
    @NamedInterface("targets")
    public record Listing(String region, int year, List<Department> departments, List<Row> rows) {
    }

    /** What a caller asks to set on a department; every field as sent. */
    public record Input(String year, String metric, String tier, String value) {
    }

    private record Stored(long departmentId, TargetService.Target target) {
    }

    private static final String DEPARTMENT = "SELECT d.id, d.region_code, d.name FROM ladder_department d";

    @Transactional(readOnly = true)
    public Listing list(CurrentUser user, String region, int year) {
        String root = ladder.region(user, region);
        String like = (root == null ? "" : root) + "%";
        List<Department> departments = jdbc.sql(DEPARTMENT + " WHERE d.region_code LIKE :root ORDER BY d.region_code, d.id")
                .param("root", like).query((rs, n) -> department(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        Map<Long, Department> byId = new LinkedHashMap<>();
        departments.forEach(d -> byId.put(d.id(), d));
        List<Stored> stored = jdbc.sql("""
                SELECT t.id, t.department_id, d.region_code, t.year, t.metric, t.tier, t.value, t.created_by
                FROM ladder_department_target t JOIN ladder_department d ON d.id = t.department_id
                WHERE t.year = :year AND d.region_code LIKE :root ORDER BY d.region_code, t.department_id, t.tier NULLS LAST, t.metric""")
                .param("year", year).param("root", like)
                .query((rs, n) -> new Stored(rs.getLong(2), new TargetService.Target(rs.getLong(1), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6) == null ? null : Tier.valueOf(rs.getString(6)), rs.getLong(7), rs.getString(8))))
                .list().stream().filter(s -> targets.known(s.target().metric())).toList();
        List<TargetService.Row> progress = targets.progress(user, stored.stream().map(Stored::target).toList());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < progress.size(); i++) {
            Department d = byId.get(stored.get(i).departmentId());
            rows.add(new Row(d.id(), d.name(), progress.get(i)));
        }
        return new Listing(root, year, departments, rows);
    }

    /** Adds a department to the region; the name is unique in the region. Audited as {@code ladder.department.add}. */
    @Transactional
    public Department add(CurrentUser user, String regionText, String nameText, String sourceIp) {
        requireKeeper(user);
        String region = regionText == null ? "" : regionText.strip();
        if (!region.matches("[0-9]{2,9}")) {
            throw new BadParameterException("region", region, "区划代码须为 2–9 位数字", "a region code is 2 to 9 digits");
        }
        if (!regions.exists(region)) throw new BadParameterException("region", region, "区划代码不存在", "no such region code");
        WriteScope.requireRegion(user, region, "region");
        String name = nameText == null ? "" : nameText.strip();
        if (name.isEmpty() || name.length() > 40 || name.chars().anyMatch(Character::isISOControl)) {
            throw new BadParameterException("name", name, "部门名称须为 1–40 个字符", "a department name is 1 to 40 characters");
        }
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM ladder_department WHERE region_code = :r AND name = :n)")
                .param("r", region).param("n", name).query(Boolean.class).single()) {
            throw new BadParameterException("name", name, "该区划已有同名部门", "the region already has a department of this name");
        }
        long id = jdbc.sql("INSERT INTO ladder_department (region_code, name, created_by) VALUES (:r, :n, :u) RETURNING id")
                .param("r", region).param("n", name).param("u", user.username()).query(Long.class).single();
        audit.record(user.username(), "ladder.department.add", "ladder_department:" + id,
                "{\"region\":\"%s\",\"name\":\"%s\"}".formatted(region, name.replace("\\", "\\\\").replace("\"", "\\\"")), sourceIp);
        return department(id, region, name);
    }

    /** Removes a department and its targets. Audited as {@code ladder.department.remove} with the targets removed. */
    @Transactional
    public void remove(CurrentUser user, long id, String sourceIp) {
        requireKeeper(user);
        Department d = writable(user, id);
        int removed = jdbc.sql("DELETE FROM ladder_department_target WHERE department_id = :d").param("d", id).update();
        jdbc.sql("DELETE FROM ladder_department WHERE id = :d").param("d", id).update();
        audit.record(user.username(), "ladder.department.remove", "ladder_department:" + id,
                "{\"region\":\"%s\",\"name\":\"%s\",\"targets\":%d}".formatted(d.regionCode(),
                        d.name().replace("\\", "\\\\").replace("\"", "\\\""), removed), sourceIp);
    }

    /**
     * Creates or replaces the department's target of (year, metric, tier), checked as a region target is.
     * Audited as {@code ladder.department_target.set} with the previous value.
     */
    @Transactional
    public Row set(CurrentUser user, long departmentId, Input in, String sourceIp) {
        requireKeeper(user);
        Department d = writable(user, departmentId);
        TargetService.Target t = targets.checked(d.regionCode(), user.username(), in.year(), in.metric(), in.tier(), in.value());
        String tier = t.tier() == null ? null : t.tier().name();
        Optional<Long> previous = jdbc.sql("""
                SELECT value FROM ladder_department_target WHERE department_id = ? AND year = ? AND metric = ?
                AND tier IS NOT DISTINCT FROM CAST(? AS text)""").params(departmentId, t.year(), t.metric(), tier).query(Long.class).optional();
        long id = jdbc.sql("""
                INSERT INTO ladder_department_target (department_id, year, metric, tier, value, created_by) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (department_id, year, metric, tier)
                DO UPDATE SET value = EXCLUDED.value, created_by = EXCLUDED.created_by, created_at = now()
                RETURNING id""").params(departmentId, t.year(), t.metric(), tier, t.value(), user.username()).query(Long.class).single();
        audit.record(user.username(), "ladder.department_target.set", "ladder_department_target:" + id,
                "{\"department\":%d,\"year\":%d,\"metric\":\"%s\",\"tier\":%s,\"value\":%d,\"previous\":%s}".formatted(departmentId,
                        t.year(), t.metric(), tier == null ? "null" : "\"" + tier + "\"", t.value(), previous.map(String::valueOf).orElse("null")),
                sourceIp);
        TargetService.Target saved = new TargetService.Target(id, t.regionCode(), t.year(), t.metric(), t.tier(), t.value(), t.createdBy());
        return new Row(d.id(), d.name(), targets.progress(user, List.of(saved)).get(0));
    }

    /** Removes one department target. Audited as {@code ladder.department_target.remove} with its value. */
    @Transactional
    public void removeTarget(CurrentUser user, long targetId, String sourceIp) {
        requireKeeper(user);
        Map<String, Object> t = jdbc.sql("SELECT department_id, year, metric, tier, value FROM ladder_department_target WHERE id = :id")
                .param("id", targetId).query().listOfRows().stream().findFirst().orElseThrow(() -> notFound("target", targetId));
        writable(user, ((Number) t.get("department_id")).longValue());
        jdbc.sql("DELETE FROM ladder_department_target WHERE id = :id").param("id", targetId).update();
        audit.record(user.username(), "ladder.department_target.remove", "ladder_department_target:" + targetId,
                "{\"department\":%s,\"year\":%s,\"metric\":\"%s\",\"tier\":%s,\"value\":%s}".formatted(t.get("department_id"), t.get("year"),
                        t.get("metric"), t.get("tier") == null ? "null" : "\"" + t.get("tier") + "\"", t.get("value")), sourceIp);
    }

    /** The department, if it exists and its region lies in the caller's write scope (403 naming the region otherwise). */
    private Department writable(CurrentUser user, long id) {
        Department d = jdbc.sql(DEPARTMENT + " WHERE d.id = :id").param("id", id)
                .query((rs, n) -> department(rs.getLong(1), rs.getString(2), rs.getString(3))).optional()
                .orElseThrow(() -> notFound("department", id));
        WriteScope.requireRegion(user, d.regionCode(), "department");
        return d;
    }

    private static NotFoundException notFound(String what, long id) {
        return "department".equals(what) ? new NotFoundException("未找到部门 #" + id, "no department #" + id)
                : new NotFoundException("未找到部门目标 #" + id, "no department target #" + id);
    }

    private static void requireKeeper(CurrentUser user) {
        if (user.role() != Role.ADMIN && user.role() != Role.BUREAU) {
            throw new AccessDeniedException("only ADMIN and BUREAU configure departments and their targets");
        }
    }

    private Department department(long id, String region, String name) {
        return new Department(id, region, regions.name(region).orElse(region), name);
    }
}
