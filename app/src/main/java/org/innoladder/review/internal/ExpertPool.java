package org.innoladder.review.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.WriteScope;
import org.innoladder.region.Regions;
import org.innoladder.review.domain.Assignment;
import org.innoladder.review.domain.Conflicts;
import org.innoladder.rules.facts.CreditCode;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The expert pool (专家库): experts with their fields, organisation, title, declared conflicts, joint applications,
 * availability and workload (open assignments). Bureau officers manage it within their region; an expert declares
 * their own conflicts. The pool holds people, not enterprise data: ADMIN, BUREAU and LEADER read all of it.
 */
@Service
public class ExpertPool {
    static final int MAX_TEXT = 200;
    static final int MAX_FIELDS = 10;

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Regions regions;

    ExpertPool(JdbcClient jdbc, AuditTrail audit, Regions regions) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.regions = regions;
    }

    public record Expert(long id, Long userId, String name, String organisation, String organisationCreditCode, String title,
                         List<String> fields, boolean available, int maxWorkload, String regionCode, int workload,
                         List<String> declaredConflicts) {
    }

    public record NewExpert(Long userId, String name, String organisation, String organisationCreditCode, String title,
                            List<String> fields, Boolean available, Integer maxWorkload, String regionCode) {
    }

    private static final String SELECT = """
            SELECT x.id, x.user_id, x.name, x.organisation, x.organisation_credit_code, x.title, x.fields, x.available,
                   x.max_workload, x.region_code,
                   (SELECT count(*) FROM review_assignment a WHERE a.expert_id = x.id AND a.status IN ('CONFIRMED', 'ACCEPTED')),
                   ARRAY(SELECT c.credit_code FROM review_expert_conflict c WHERE c.expert_id = x.id ORDER BY c.credit_code)
            FROM review_expert x""";

    private static Expert row(ResultSet rs, int n) throws SQLException {
        return new Expert(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                strings(rs.getArray(7)), rs.getBoolean(8), rs.getInt(9), rs.getString(10), rs.getInt(11), strings(rs.getArray(12)));
    }

    static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static void requireReader(CurrentUser user) {
        if (user.role() != Role.ADMIN && user.role() != Role.BUREAU && user.role() != Role.LEADER) {
            throw new AccessDeniedException("only ADMIN, BUREAU and LEADER read the expert pool");
        }
    }

    public List<Expert> list(CurrentUser user, String field) {
        requireReader(user);
        if (field == null || field.isBlank()) return jdbc.sql(SELECT + " ORDER BY x.id").query(ExpertPool::row).list();
        return jdbc.sql(SELECT + " WHERE :field = ANY (x.fields) ORDER BY x.id").param("field", field.strip()).query(ExpertPool::row).list();
    }

    public void each(CurrentUser user, Consumer<Expert> sink) {
        list(user, null).forEach(sink);
    }

    public Expert get(CurrentUser user, long id) {
        requireReader(user);
        return jdbc.sql(SELECT + " WHERE x.id = :id").param("id", id).query(ExpertPool::row).optional()
                .orElseThrow(() -> new NotFoundException("未找到专家 " + id, "no expert " + id));
    }

    /** The expert record of a signed-in EXPERT user, or null. */
    public Long expertIdOf(long userId) {
        return jdbc.sql("SELECT id FROM review_expert WHERE user_id = :u").param("u", userId).query(Long.class).optional().orElse(null);
    }

    @Transactional
    public long create(CurrentUser user, NewExpert in, String sourceIp) {
        if (user.role() != Role.BUREAU && user.role() != Role.ADMIN) {
            throw new AccessDeniedException("only BUREAU and ADMIN add experts");
        }
        String region = text("regionCode", in.regionCode(), 9);
        if (!regions.exists(region)) {
            throw new BadParameterException("regionCode", region, "区划代码不存在", "no such region code");
        }
        WriteScope.requireRegion(user, region, "regionCode");
        String code = in.organisationCreditCode() == null || in.organisationCreditCode().isBlank() ? null : in.organisationCreditCode().strip();
        if (code != null) {
            CreditCode.check(code).ifPresent(p -> {
                throw new BadParameterException("organisationCreditCode", code, p.zh(), p.en());
            });
        }
        List<String> fields = fields(in.fields());
        int max = in.maxWorkload() == null ? 10 : in.maxWorkload();
        if (max < 0 || max > 100) throw new BadParameterException("maxWorkload", String.valueOf(max), "须在 0–100 之间", "must lie between 0 and 100");
        if (in.userId() != null) {
            Role role = jdbc.sql("SELECT role FROM app_user WHERE id = :id").param("id", in.userId()).query(String.class).optional()
                    .map(Role::valueOf).orElse(null);
            if (role != Role.EXPERT) {
                throw new BadParameterException("userId", String.valueOf(in.userId()), "须为角色 EXPERT 的用户", "must be a user with role EXPERT");
            }
        }
        long id = jdbc.sql("""
                INSERT INTO review_expert (user_id, name, organisation, organisation_credit_code, title, fields, available, max_workload, region_code)
                VALUES (:user, :name, :org, :code, :title, :fields, :available, :max, :region) RETURNING id""")
                .param("user", in.userId()).param("name", text("name", in.name(), 60)).param("org", text("organisation", in.organisation(), MAX_TEXT))
                .param("code", code).param("title", text("title", in.title(), 60)).param("fields", fields.toArray(String[]::new))
                .param("available", in.available() == null || in.available()).param("max", max).param("region", region)
                .query(Long.class).single();
        audit.record(user.username(), "review.expert.create", "review_expert:" + id, in.name() + " " + fields, sourceIp);
        return id;
    }

    /** An expert declares a conflict (their own record), or an officer records one for them. */
    @Transactional
    public void declareConflict(CurrentUser user, long expertId, String creditCode, String note, String sourceIp) {
        Long own = expertIdOf(user.id());
        boolean officer = user.role() == Role.BUREAU || user.role() == Role.ADMIN;
        if (!officer && (own == null || own != expertId)) {
            throw new AccessDeniedException("experts declare their own conflicts; officers record them");
        }
        String code = text("creditCode", creditCode, 18);
        CreditCode.check(code).ifPresent(p -> {
            throw new BadParameterException("creditCode", code, p.zh(), p.en());
        });
        int n = jdbc.sql("""
                INSERT INTO review_expert_conflict (expert_id, credit_code, note) SELECT id, :code, :note FROM review_expert WHERE id = :id
                ON CONFLICT (expert_id, credit_code) DO UPDATE SET note = EXCLUDED.note""")
                .param("id", expertId).param("code", code).param("note", note == null ? null : note.strip()).update();
        if (n == 0) throw new NotFoundException("未找到专家 " + expertId, "no expert " + expertId);
        audit.record(user.username(), "review.expert.conflict", "review_expert:" + expertId, code, sourceIp);
    }

    /** Every expert as the proposal needs them: fields, ties, availability, workload. */
    public List<Assignment.Candidate> candidates() {
        Map<Long, Set<String>> declared = new HashMap<>();
        jdbc.sql("SELECT expert_id, credit_code FROM review_expert_conflict").query(rs -> {
            declared.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
        });
        Map<Long, List<Conflicts.CoApplication>> joint = new HashMap<>();
        jdbc.sql("SELECT expert_id, credit_code, year FROM review_expert_coapplication").query(rs -> {
            joint.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Conflicts.CoApplication(rs.getString(2), rs.getInt(3)));
        });
        return jdbc.sql(SELECT + " ORDER BY x.id").query(ExpertPool::row).list().stream()
                .map(e -> new Assignment.Candidate(e.id(), e.name(), Set.copyOf(e.fields()),
                        new Conflicts.ExpertTies(e.organisation(), e.organisationCreditCode(), declared.getOrDefault(e.id(), Set.of()),
                                joint.getOrDefault(e.id(), List.of())), e.available(), e.workload(), e.maxWorkload()))
                .toList();
    }

    static List<String> fields(List<String> in) {
        if (in == null || in.isEmpty()) throw new BadParameterException("fields", "", "至少填写一个专业领域", "at least one field");
        if (in.size() > MAX_FIELDS) throw new BadParameterException("fields", in.size() + "", "最多 " + MAX_FIELDS + " 个领域", "at most " + MAX_FIELDS + " fields");
        List<String> out = new ArrayList<>();
        for (String f : in) {
            String s = f == null ? "" : f.strip();
            if (s.isEmpty() || s.length() > 40 || s.chars().anyMatch(Character::isISOControl)) {
                throw new BadParameterException("fields", s, "领域标签须为 1–40 个字符", "a field tag has 1 to 40 characters");
            }
            if (!out.contains(s)) out.add(s);
        }
        return out;
    }

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) throw new BadParameterException(field, "", "必填", "required");
        String s = value.strip();
        if (s.length() > max) throw new BadParameterException(field, s, "不能超过 " + max + " 个字符", "at most " + max + " characters");
        if (s.chars().anyMatch(Character::isISOControl)) throw new BadParameterException(field, s, "不能包含控制字符", "no control characters");
        return s;
    }
}
