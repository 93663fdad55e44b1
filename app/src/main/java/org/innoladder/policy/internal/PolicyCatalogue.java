package org.innoladder.policy.internal;

import org.innoladder.region.Regions;
import org.innoladder.rules.policy.Policy;
import org.innoladder.rules.policy.PolicyLoadException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The policy catalogue: policies and their versions. Every save type-checks the YAML definition ({@link Policy#load})
 * and stores a new version; publishing points matching and awards at the latest version; a published version is
 * never edited. Every change is audited.
 */
@Service
public class PolicyCatalogue {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final AuditTrail audit;


    private final Regions regions;

    public PolicyCatalogue(JdbcClient jdbc, AuditTrail audit, Regions regions) {

        this.regions = regions;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** One row of the catalogue list. */
    public record Summary(long id, String code, String regionCode, String regionName, String status,
                          Integer publishedVersion, int latestVersion, String titleZh, String titleEn, String mode,
                          java.time.LocalDate periodStart, java.time.LocalDate periodEnd, BigDecimal budget,
                          boolean example) {
    }

    /** One stored version. */
    public record Version(long policyId, int version, String definition, String createdBy, OffsetDateTime createdAt) {
        public Policy policy() {
            return Policy.loadStored("policy " + policyId + " v" + version, definition);
        }
    }

    /** A policy with its versions, newest first. */
    public record Detail(Summary summary, List<Version> versions) {
        public Version latest() { return versions.get(0); }

        public Optional<Version> published() {
            Integer p = summary.publishedVersion();
            return p == null ? Optional.empty() : versions.stream().filter(v -> v.version() == p).findFirst();
        }
    }

    private static final String SUMMARY = """
            SELECT p.id, p.code, p.region_code, r.name AS region_name, p.status, p.published_version,
                   v.version, v.title_zh, v.title_en, v.mode, v.period_start, v.period_end, v.budget_yuan, v.example
            FROM policy p JOIN region r ON r.code = p.region_code
            JOIN LATERAL (SELECT * FROM policy_version pv WHERE pv.policy_id = p.id ORDER BY pv.version DESC LIMIT 1) v ON TRUE
            """;

    private static Summary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        int pv = rs.getInt("published_version");
        Integer published = rs.wasNull() ? null : pv;
        return new Summary(rs.getLong("id"), rs.getString("code"), rs.getString("region_code"), rs.getString("region_name"),
                rs.getString("status"), published, rs.getInt("version"), rs.getString("title_zh"), rs.getString("title_en"),
                rs.getString("mode"), rs.getObject("period_start", java.time.LocalDate.class),
                rs.getObject("period_end", java.time.LocalDate.class), rs.getBigDecimal("budget_yuan"), rs.getBoolean("example"));
    }

    /** The policies the user may see, optionally only one status. */
    public List<Summary> list(CurrentUser user, String status) {
        String sql = SUMMARY + " WHERE " + PolicyScope.seesSql(user, "p")
                + (status == null || status.isBlank() ? "" : " AND p.status = :status") + " ORDER BY p.status, p.code";
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        if (sql.contains(":scope_root")) spec = spec.param("scope_root", PolicyScope.root(user));
        if (sql.contains(":status")) spec = spec.param("status", status);
        return spec.query((rs, n) -> summary(rs)).list();
    }

    /** A policy the user may see, or not found (also when out of scope). */
    public Detail find(CurrentUser user, long id) {
        Summary s = jdbc.sql(SUMMARY + " WHERE p.id = :id").param("id", id).query((rs, n) -> summary(rs)).optional()
                .filter(x -> PolicyScope.sees(user, x.regionCode()))
                .orElseThrow(() -> new NotFoundException("政策不存在：" + id, "no such policy: " + id));
        List<Version> versions = jdbc.sql("SELECT policy_id, version, definition, created_by, created_at FROM policy_version"
                        + " WHERE policy_id = :id ORDER BY version DESC").param("id", id)
                .query((rs, n) -> new Version(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class))).list();
        return new Detail(s, versions);
    }

    public Optional<Long> idOf(String code) {
        return jdbc.sql("SELECT id FROM policy WHERE code = :code").param("code", code).query(Long.class).optional();
    }

    /**
     * Saves a definition as the next version of policy {@code id} (or a new DRAFT policy when id is null) owned by
     * {@code regionCode}. Type-checked first: a definition that does not load is refused, naming the field and the
     * position ({@link PolicyDefinitionException}).
     */
    @Transactional
    public Version save(CurrentUser user, Long id, String regionCode, String yaml, String sourceIp) {
        requireManager(user);
        Policy policy = check(yaml, "definition");
        long policyId;
        if (id == null) {
            if (regionCode == null || regionCode.isBlank()) {
                throw new BadParameterException("region", "", "必须选择区划", "a region is required");
            }
            requireRegion(regionCode);
            PolicyScope.requireWritable(user, regionCode, "region");
            if (idOf(policy.code()).isPresent()) {
                throw new BadParameterException("code", policy.code(), "政策编码已存在", "a policy with this code exists");
            }
            policyId = jdbc.sql("INSERT INTO policy (code, region_code, status, created_by) VALUES (:c, :r, 'DRAFT', :u) RETURNING id")
                    .param("c", policy.code()).param("r", regionCode).param("u", user.username()).query(Long.class).single();
        } else {
            Detail d = find(user, id);
            PolicyScope.requireWritable(user, d.summary().regionCode(), "region");
            if (!d.summary().code().equals(policy.code())) {
                throw new BadParameterException("code", policy.code(), "编码不可修改（应为 " + d.summary().code() + "）",
                        "the code cannot change (it is " + d.summary().code() + ")");
            }
            policyId = id;
            // Serialises concurrent saves of one policy so that version numbers do not collide.
            jdbc.sql("SELECT id FROM policy WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).single();
        }
        int version = jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM policy_version WHERE policy_id = :id")
                .param("id", policyId).query(Integer.class).single();
        jdbc.sql("""
                INSERT INTO policy_version (policy_id, version, title_zh, title_en, issuer, document_no, clause, period_start,
                  period_end, target_group, mode, eligibility, award, parameters, budget_yuan, contact, handbook, example,
                  definition, created_by)
                VALUES (:id, :v, :tz, :te, :issuer, :doc, :clause, :ps, :pe, :tg, :mode, :elig, :award, CAST(:params AS jsonb),
                  :budget, :contact, :handbook, :example, :def, :u)""")
                .param("id", policyId).param("v", version).param("tz", policy.title().zh()).param("te", policy.title().en())
                .param("issuer", policy.issuer()).param("doc", policy.documentNo()).param("clause", policy.clause())
                .param("ps", Date.valueOf(policy.periodStart())).param("pe", Date.valueOf(policy.periodEnd()))
                .param("tg", policy.targetGroup()).param("mode", policy.mode().name()).param("elig", eligibility(policy))
                .param("award", policy.award()).param("params", parametersJson(policy)).param("budget", policy.budget())
                .param("contact", policy.contact()).param("handbook", policy.handbook()).param("example", policy.example())
                .param("def", yaml).param("u", user.username()).update();
        audit.record(user.username(), id == null ? "policy.create" : "policy.save", "policy:" + policyId,
                policy.code() + " v" + version, sourceIp);
        return new Version(policyId, version, yaml, user.username(), OffsetDateTime.now());
    }

    /** Imports a YAML file: a new version of the policy with that code, or a new policy in {@code regionCode}. */
    @Transactional
    public Version importYaml(CurrentUser user, String regionCode, String fileName, byte[] content, String sourceIp) {
        requireManager(user);
        String yaml = new String(content, StandardCharsets.UTF_8);
        Policy policy;
        try {
            policy = Policy.load(fileName, new ByteArrayInputStream(content));
        } catch (PolicyLoadException e) {
            throw new PolicyDefinitionException(e);
        }
        Optional<Long> existing = idOf(policy.code());
        Version v = save(user, existing.orElse(null), regionCode, yaml, sourceIp);
        audit.record(user.username(), "policy.import", "policy:" + v.policyId(), fileName + " → " + policy.code() + " v" + v.version(), sourceIp);
        return v;
    }

    /** Publishes the latest version: matching and awards use it from now on. */
    @Transactional
    public void publish(CurrentUser user, long id, String sourceIp) {
        requireManager(user);
        Detail d = find(user, id);
        PolicyScope.requireWritable(user, d.summary().regionCode(), "region");
        if ("RETIRED".equals(d.summary().status())) {
            throw new BadParameterException("status", "RETIRED", "已废止的政策不能发布", "a retired policy cannot be published");
        }
        int v = d.latest().version();
        jdbc.sql("UPDATE policy SET status = 'PUBLISHED', published_version = :v WHERE id = :id").param("v", v).param("id", id).update();
        audit.record(user.username(), "policy.publish", "policy:" + id, d.summary().code() + " v" + v, sourceIp);
    }

    /** Retires a policy: no further matching; existing matches and cases stay. */
    @Transactional
    public void retire(CurrentUser user, long id, String sourceIp) {
        requireManager(user);
        Detail d = find(user, id);
        PolicyScope.requireWritable(user, d.summary().regionCode(), "region");
        jdbc.sql("UPDATE policy SET status = 'RETIRED' WHERE id = :id").param("id", id).update();
        audit.record(user.username(), "policy.retire", "policy:" + id, d.summary().code(), sourceIp);
    }

    /** The published version of a policy, compiled; refused when the policy is not published. */
    public Published published(CurrentUser user, long id) {
        Detail d = find(user, id);
        Version v = d.published().filter(x -> "PUBLISHED".equals(d.summary().status()))
                .orElseThrow(() -> new BadParameterException("policy", d.summary().code(), "政策未发布（或已废止）",
                        "the policy is not published (or is retired)"));
        return new Published(d.summary(), v.version(), v.policy());
    }

    /** A published policy version ready to evaluate. */
    public record Published(Summary summary, int version, Policy policy) {
    }

    public static Policy check(String yaml, String field) {
        if (yaml == null || yaml.isBlank()) {
            throw new BadParameterException(field, "", "政策定义不能为空", "the definition is empty");
        }
        try {
            return Policy.load(field, yaml);
        } catch (PolicyLoadException e) {
            throw new PolicyDefinitionException(e);
        }
    }

    private void requireRegion(String code) {
        if (!regions.exists(code)) {
            throw new BadParameterException("region", code, "区划代码不存在", "no such region code");
        }
    }

    private static void requireManager(CurrentUser user) {
        if (!PolicyScope.canManage(user)) {
            throw new org.springframework.security.access.AccessDeniedException("only BUREAU and ADMIN manage policies");
        }
    }

    /** The criteria as stored in policy_version.eligibility: "id: condition" lines and the decision. */
    static String eligibility(Policy p) {
        StringBuilder b = new StringBuilder();
        for (Policy.Criterion c : p.criteria()) b.append(c.id()).append(": ").append(c.condition()).append('\n');
        return b.toString().strip();
    }

    static String parametersJson(Policy p) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Policy.Parameter x : p.parameters().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", x.value());
            if (x.unit() != null) m.put("unit", x.unit());
            if (x.note() != null) m.put("note", x.note());
            out.put(x.name(), m);
        }
        return JSON.writeValueAsString(out);
    }
}
