package org.innoladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.innoladder.rules.facts.CreditCode;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.policy.PolicyFormTest;
import org.innoladder.policy.web.PolicyForm;
import org.innoladder.rules.policy.Policies;
import org.innoladder.rules.policy.Policy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.json.JsonMapper;

/**
 * The write matrix: every write endpoint (pages and API) × every demo role. Where the role may take the action, a
 * write to a target inside its write scope succeeds and changes the endpoint's table; every write to a target
 * outside the scope — a 新北区 enterprise for a 武进区 officer, 3204 or 320411 for a target set by 320412, an award
 * case of another subtree, a policy above the officer's region — is refused (403, or 404 where the caller cannot
 * even see the target) and the database is left exactly as it was: a fingerprint of every table is compared before
 * and after each request. The table of endpoints is compared with the application's handler mappings, so a new
 * write endpoint without a row fails {@link #everyWriteEndpointHasARow()}.
 *
 * <p>Its own Spring context and so its own database: the fingerprint must see only this test's requests.
 */
@SpringBootTest(properties = "innoladder.test.context=write-matrix")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteScopeMatrixTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AtomicInteger SEQ = new AtomicInteger();
    static final String BANK_ACCOUNT = "6216610100001234567";
    static final String BANK_BRANCH = "中国银行常州武进支行";

    /** Write endpoints whose scope tests live elsewhere, with the reason; every other write endpoint has a row. */
    static final String CHALLENGE_TESTS = "challenge: solvers act for their own activated organisation (a role outside the demo "
            + "roles of this matrix), experts on the winner's panel only, objections from anyone signed in during publicity; "
            + "ChallengeFlowTest, ChallengeWorkflowTest, ReviewPagesTest";
    static final Map<String, String> ELSEWHERE = Map.ofEntries(
            Map.entry("POST /api/v1/imports", "importer: row-level scope rejections are tested in ImportScopeTest"),
            Map.entry("POST /imports", "importer: row-level scope rejections are tested in ImportScopeTest"),
            Map.entry("POST /api/v1/imports/jobs/{jobId}/cancel", "importer: only the starter or an admin may cancel (ImportJobsTest, ImportScopeTest)"),
            Map.entry("POST /api/v1/jobs/{id}/cancel", "jobs: only the starter or an admin may cancel; every other role gets 404 and changes nothing (JobsTest)"),
            Map.entry("POST /jobs/{id}/cancel", "jobs: only the starter or an admin may cancel; every other role gets 404 and changes nothing (JobsTest)"),
            Map.entry("POST /imports/jobs/{jobId}/cancel", "importer: only the starter or an admin may cancel (ImportJobsTest, ImportScopeTest)"),
            Map.entry("POST /experts/{id}/conflicts", "review: an expert declares only their own conflicts, officers any (HnteReviewTest)"),
            Map.entry("POST /api/v1/experts/{id}/conflicts", "review: an expert declares only their own conflicts, officers any (HnteReviewTest)"),
            Map.entry("POST /challenges/{id}/apply", CHALLENGE_TESTS),
            Map.entry("POST /api/v1/challenges/{id}/applications", CHALLENGE_TESTS),
            Map.entry("POST /challenges/{id}/objections", CHALLENGE_TESTS),
            Map.entry("POST /api/v1/challenges/{id}/objections", CHALLENGE_TESTS),
            Map.entry("POST /challenges/milestones/{id}/report", CHALLENGE_TESTS),
            Map.entry("POST /api/v1/challenges/milestones/{id}/report", CHALLENGE_TESTS),
            Map.entry("POST /challenges/milestones/{id}/accept", CHALLENGE_TESTS),
            Map.entry("POST /api/v1/challenges/milestones/{id}/accept", CHALLENGE_TESTS),
            Map.entry("POST /solvers/register", "challenge: public self-registration creates a disabled account only (ChallengeFlowTest, ReviewPagesTest)"),
            Map.entry("POST /api/v1/public/solvers", "challenge: public self-registration creates a disabled account only (SolverRegistrationApiTest)"),
            Map.entry("POST /solvers/{id}/check", "challenge: BUREAU or ADMIN only (ChallengeFlowTest)"),
            Map.entry("POST /api/v1/solvers/{id}/check", "challenge: BUREAU or ADMIN only (ChallengeFlowTest)"));

    /** The demo roles, with the scope each demo account has. */
    enum Who {
        ADMIN(Role.ADMIN, null), CITY(Role.BUREAU, "3204"), DISTRICT(Role.BUREAU, "320412"), TOWN(Role.TOWN, "320412100"),
        ENTERPRISE(Role.ENTERPRISE, null), BANK(Role.BANK, null), EXPERT(Role.EXPERT, null), LEADER(Role.LEADER, "3204");

        final Role role;
        final String region;

        Who(Role role, String region) {
            this.role = role;
            this.region = region;
        }

        @Override
        public String toString() {
            return role + (region == null ? "" : " " + region) + (this == ENTERPRISE ? " (湖塘镇 enterprise)" : "");
        }
    }

    /** What the endpoint's path or body names, and so what the write scope is checked against. */
    enum Kind { ENTERPRISE, REGION, POLICY, APPLICATION, USER, READ_ONLY_REGION, OWN, SELF, NEED, CASE, PROJECT }

    /** Credit's targets (OWN): the caller's own (its enterprise's consent or loan, its bank's loan or token) or another's. */
    static final String MINE = "mine", OTHERS = "another's";

    /** 湖塘镇 (in every regional scope of the demo accounts), 新北区 (the city's only), 苏州 (nobody's but ADMIN's). */
    record Ent(String label, long id, String creditCode, String name, String region) {
        @Override
        public String toString() { return label; }
    }

    /** A request ready to send; {@code bulk}: the refusal is a per-case line in a 200 answer, not a status. */
    record Attempt(AbstractMockHttpServletRequestBuilder<?> request, boolean bulk) {
        static Attempt of(AbstractMockHttpServletRequestBuilder<?> request) {
            return new Attempt(request, false);
        }
    }

    interface Maker {
        Attempt make(Who who, Object target) throws Exception;
    }

    /** One write endpoint: who may use it (in scope), what its target is, which table a success changes. */
    record Row(String method, String pattern, Set<Who> roles, Kind kind, String table, Maker maker) {
        String key() { return method + " " + pattern; }
    }

    static final Set<Who> TOWN_WORKERS = EnumSet.of(Who.ADMIN, Who.CITY, Who.DISTRICT, Who.TOWN);
    static final Set<Who> MANAGERS = EnumSet.of(Who.ADMIN, Who.CITY, Who.DISTRICT);
    static final Set<Who> BUREAUS = EnumSet.of(Who.CITY, Who.DISTRICT);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    final Map<Who, CurrentUser> users = new EnumMap<>(Who.class);
    Ent hutang;
    Ent xinbei;
    Ent suzhou;
    final Map<String, String> assistants = new LinkedHashMap<>();
    long otherUserId;
    String regionFingerprint;

    @BeforeAll
    void data() {
        for (String[] r : new String[][] {{"32", "江苏省", "province", null}, {"3204", "常州市", "city", "32"},
                {"320411", "新北区", "county", "3204"}, {"320412", "武进区", "county", "3204"},
                {"320411002", "三井街道", "town", "320411"}, {"320412100", "湖塘镇", "town", "320412"},
                {"3205", "苏州市", "city", "32"}, {"320505", "虎丘区", "county", "3205"},
                {"320505001", "横塘街道", "town", "320505"}}) {
            jdbc.sql("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(r[0], r[1], r[2], r[3]).update();
        }
        hutang = enterprise("湖塘镇", "320412", "320412100");
        xinbei = enterprise("新北区", "320411", "320411002");
        suzhou = enterprise("苏州", "320505", "320505001");
        long bank = jdbc.sql("INSERT INTO bank (code, name) VALUES ('WM-BANK', '写范围测试银行') RETURNING id").query(Long.class).single();
        wmBank = bank;
        otherBank = jdbc.sql("INSERT INTO bank (code, name) VALUES ('WM-BANK-2', '写范围测试银行二') RETURNING id").query(Long.class).single();
        wmProduct = product(wmBank);
        otherProduct = product(otherBank);
        // a published white-list rule for the province, so every region may publish a list
        jdbc.sql("""
                INSERT INTO white_list_rule (region_code, version, status, title, criteria, citation, effective_from, published_at)
                VALUES ('32', 1, 'PUBLISHED', '白名单规则', '[{"id":"tech","zh":"科技型企业","en":"tech","condition":"''TSME'' in tiers"}]'::jsonb,
                        '测试依据', DATE '2000-01-01', now())""").update();
        pool = jdbc.sql("INSERT INTO risk_pool (region_code, period, scheme_code, funded_yuan) VALUES ('32', ?, 'anhui_default', 1000000000) RETURNING id")
                .param(LocalDate.now().getYear()).query(Long.class).single();
        // the bank may read 湖塘镇's enterprise (authorised) but never change it
        jdbc.sql("INSERT INTO bank_authorisation (enterprise_id, bank_id, expires_at) VALUES (?, ?, now() + interval '30 days')")
                .params(hutang.id(), bank).update();
        for (Who who : Who.values()) {
            users.put(who, appUser("wm-" + who.name().toLowerCase(), who.role, who.region,
                    who == Who.ENTERPRISE ? hutang.id() : null, who == Who.BANK ? bank : null));
        }
        assistants.put(hutang.region(), users.get(Who.TOWN).username());
        assistants.put(xinbei.region(), appUser("wm-town-xinbei", Role.TOWN, xinbei.region(), null, null).username());
        assistants.put(suzhou.region(), appUser("wm-town-suzhou", Role.TOWN, suzhou.region(), null, null).username());
        otherUserId = appUser("wm-other", Role.EXPERT, null, null, null).id();
        otherBankUser = appUser("wm-bank-other", Role.BANK, null, null, otherBank).id();
        regionFingerprint = jdbc.sql("SELECT count(*) || ':' || sum(hashtext(r::text)::bigint) FROM region r")
                .query(String.class).single();
    }

    // ---- the table -----------------------------------------------------------------------------------------

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // town work: enterprise in the path
        rows.add(new Row("PUT", "/api/v1/ladder/town/{creditCode}/assignment", TOWN_WORKERS, Kind.ENTERPRISE, "town_assignment",
                (who, t) -> Attempt.of(json(put("/api/v1/ladder/town/" + ent(t).creditCode() + "/assignment"),
                        Map.of("assistant", assistants.get(ent(t).region()))))));
        rows.add(new Row("POST", "/api/v1/ladder/town/{creditCode}/visits", TOWN_WORKERS, Kind.ENTERPRISE, "town_visit",
                (who, t) -> Attempt.of(json(post("/api/v1/ladder/town/" + ent(t).creditCode() + "/visits"),
                        Map.of("visitedOn", LocalDate.now().minusDays(1).toString(), "summary", "走访了解研发情况")))));
        rows.add(new Row("POST", "/api/v1/ladder/town/{creditCode}/actions", TOWN_WORKERS, Kind.ENTERPRISE, "plan_action",
                (who, t) -> Attempt.of(json(post("/api/v1/ladder/town/" + ent(t).creditCode() + "/actions"),
                        Map.of("description", "辅导申报", "owner", "科技助理", "dueOn", LocalDate.now().plusDays(30).toString())))));
        rows.add(new Row("POST", "/api/v1/ladder/town/{creditCode}/actions/{id}/done", TOWN_WORKERS, Kind.ENTERPRISE, "plan_action",
                (who, t) -> Attempt.of(post("/api/v1/ladder/town/" + ent(t).creditCode() + "/actions/" + openAction(ent(t)) + "/done"))));
        rows.add(new Row("POST", "/ladder/town/{creditCode}/assign", TOWN_WORKERS, Kind.ENTERPRISE, "town_assignment",
                (who, t) -> Attempt.of(post("/ladder/town/" + ent(t).creditCode() + "/assign")
                        .param("assistant", assistants.get(ent(t).region())))));
        rows.add(new Row("POST", "/ladder/town/{creditCode}/visit", TOWN_WORKERS, Kind.ENTERPRISE, "town_visit",
                (who, t) -> Attempt.of(post("/ladder/town/" + ent(t).creditCode() + "/visit")
                        .param("visitedOn", LocalDate.now().minusDays(1).toString()).param("summary", "走访了解研发情况"))));
        rows.add(new Row("POST", "/ladder/town/{creditCode}/action", TOWN_WORKERS, Kind.ENTERPRISE, "plan_action",
                (who, t) -> Attempt.of(post("/ladder/town/" + ent(t).creditCode() + "/action").param("description", "辅导申报")
                        .param("owner", "科技助理").param("dueOn", LocalDate.now().plusDays(30).toString()))));
        rows.add(new Row("POST", "/ladder/town/{creditCode}/action/{id}/done", TOWN_WORKERS, Kind.ENTERPRISE, "plan_action",
                (who, t) -> Attempt.of(post("/ladder/town/" + ent(t).creditCode() + "/action/" + openAction(ent(t)) + "/done"))));
        // targets: region in the body
        rows.add(new Row("PUT", "/api/v1/ladder/targets", MANAGERS, Kind.REGION, "ladder_target",
                (who, t) -> Attempt.of(json(put("/api/v1/ladder/targets"), Map.of("region", t, "year", "2025",
                        "metric", "RECOGNISED_TOTAL", "tier", "HNTE", "value", String.valueOf(SEQ.incrementAndGet()))))));
        rows.add(new Row("POST", "/ladder/targets", MANAGERS, Kind.REGION, "ladder_target",
                (who, t) -> Attempt.of(post("/ladder/targets").param("region", (String) t).param("year", "2025")
                        .param("metric", "RECOGNISED_TOTAL").param("tier", "HNTE").param("value", String.valueOf(SEQ.incrementAndGet())))));
        // department targets: the department's region (in the form or body, or the department named by id)
        rows.add(new Row("POST", "/ladder/targets/departments", MANAGERS, Kind.REGION, "ladder_department",
                (who, t) -> Attempt.of(post("/ladder/targets/departments").param("region", (String) t)
                        .param("name", "写范围部门" + SEQ.incrementAndGet()).param("year", "2025"))));
        rows.add(new Row("POST", "/api/v1/ladder/departments", MANAGERS, Kind.REGION, "ladder_department",
                (who, t) -> Attempt.of(json(post("/api/v1/ladder/departments"), Map.of("region", t, "name", "写范围部门" + SEQ.incrementAndGet())))));
        rows.add(new Row("POST", "/ladder/targets/departments/{id}/delete", MANAGERS, Kind.REGION, "ladder_department",
                (who, t) -> Attempt.of(post("/ladder/targets/departments/" + department((String) t) + "/delete").param("year", "2025"))));
        rows.add(new Row("DELETE", "/api/v1/ladder/departments/{id}", MANAGERS, Kind.REGION, "ladder_department",
                (who, t) -> Attempt.of(delete("/api/v1/ladder/departments/" + department((String) t)))));
        rows.add(new Row("POST", "/ladder/targets/department-targets", MANAGERS, Kind.REGION, "ladder_department_target",
                (who, t) -> Attempt.of(post("/ladder/targets/department-targets").param("department", String.valueOf(department((String) t)))
                        .param("year", "2025").param("metric", "RECOGNISED_TOTAL").param("tier", "HNTE")
                        .param("value", String.valueOf(SEQ.incrementAndGet())))));
        rows.add(new Row("PUT", "/api/v1/ladder/departments/{id}/targets", MANAGERS, Kind.REGION, "ladder_department_target",
                (who, t) -> Attempt.of(json(put("/api/v1/ladder/departments/" + department((String) t) + "/targets"), Map.of("year", "2025",
                        "metric", "RECOGNISED_TOTAL", "tier", "HNTE", "value", String.valueOf(SEQ.incrementAndGet()))))));
        rows.add(new Row("POST", "/ladder/targets/department-targets/{id}/delete", MANAGERS, Kind.REGION, "ladder_department_target",
                (who, t) -> Attempt.of(post("/ladder/targets/department-targets/" + departmentTarget((String) t) + "/delete").param("year", "2025"))));
        rows.add(new Row("DELETE", "/api/v1/ladder/department-targets/{id}", MANAGERS, Kind.REGION, "ladder_department_target",
                (who, t) -> Attempt.of(delete("/api/v1/ladder/department-targets/" + departmentTarget((String) t)))));
        // award cases: the case's enterprise; each role takes the step that is its own
        Set<Who> actors = EnumSet.of(Who.CITY, Who.DISTRICT, Who.TOWN, Who.ENTERPRISE);
        rows.add(new Row("POST", "/api/v1/awards/{id}/actions/{action}", actors, Kind.ENTERPRISE, "award_case", (who, t) -> {
            Step s = step(who, ent(t));
            return Attempt.of(json(post("/api/v1/awards/" + s.caseId() + "/actions/" + s.action()), s.body()));
        }));
        rows.add(new Row("POST", "/awards/cases/{id}/act/{action}", actors, Kind.ENTERPRISE, "award_case", (who, t) -> {
            Step s = step(who, ent(t));
            MockHttpServletRequestBuilder b = post("/awards/cases/" + s.caseId() + "/act/" + s.action());
            s.body().forEach((k, v) -> b.param(k, String.valueOf(v)));
            return Attempt.of(b);
        }));
        rows.add(new Row("POST", "/api/v1/awards/bulk-approve", BUREAUS, Kind.ENTERPRISE, "award_case",
                (who, t) -> new Attempt(json(post("/api/v1/awards/bulk-approve"),
                        Map.of("ids", List.of(awardCase(ent(t), "TOWN_REVIEWED")))), true)));
        rows.add(new Row("POST", "/awards/bulk-approve", BUREAUS, Kind.ENTERPRISE, "award_case",
                (who, t) -> new Attempt(post("/awards/bulk-approve").param("ids", String.valueOf(awardCase(ent(t), "TOWN_REVIEWED"))), true)));
        rows.add(new Row("POST", "/api/v1/awards/{id}/objections", EnumSet.of(Who.CITY, Who.DISTRICT, Who.TOWN), Kind.ENTERPRISE,
                "award_objection", (who, t) -> Attempt.of(json(post("/api/v1/awards/" + awardCase(ent(t), "PUBLICISED") + "/objections"),
                Map.of("content", "公示期收到异议")))));
        rows.add(new Row("POST", "/awards/cases/{id}/objections", EnumSet.of(Who.CITY, Who.DISTRICT, Who.TOWN), Kind.ENTERPRISE,
                "award_objection", (who, t) -> Attempt.of(post("/awards/cases/" + awardCase(ent(t), "PUBLICISED") + "/objections")
                .param("content", "公示期收到异议"))));
        rows.add(new Row("POST", "/api/v1/awards/{id}/objections/{objectionId}/resolve", BUREAUS, Kind.ENTERPRISE, "award_objection",
                (who, t) -> {
                    long c = awardCase(ent(t), "PUBLICISED");
                    return Attempt.of(json(post("/api/v1/awards/" + c + "/objections/" + objection(c) + "/resolve"),
                            Map.of("resolution", "经核实，异议不成立")));
                }));
        rows.add(new Row("POST", "/awards/cases/{id}/objections/{objectionId}/resolve", BUREAUS, Kind.ENTERPRISE, "award_objection",
                (who, t) -> {
                    long c = awardCase(ent(t), "PUBLICISED");
                    return Attempt.of(post("/awards/cases/" + c + "/objections/" + objection(c) + "/resolve")
                            .param("resolution", "经核实，异议不成立"));
                }));
        // applications: the enterprise applies for itself to a policy of a region; one that does not cover it is refused
        rows.add(new Row("POST", "/api/v1/awards/applications", EnumSet.of(Who.ENTERPRISE), Kind.APPLICATION, "award_case",
                (who, t) -> Attempt.of(json(post("/api/v1/awards/applications"), application(policy((String) t, "APPLICATION"))))));
        rows.add(new Row("POST", "/awards/apply", EnumSet.of(Who.ENTERPRISE), Kind.APPLICATION, "award_case", (who, t) -> {
            MockHttpServletRequestBuilder b = post("/awards/apply");
            application(policy((String) t, "APPLICATION")).forEach((k, v) -> b.param(k, String.valueOf(v)));
            return Attempt.of(b);
        }));
        // policies: the region of a new policy, the owning region of an existing one, the region of a run
        rows.add(new Row("POST", "/api/v1/policies", MANAGERS, Kind.REGION, "policy",
                (who, t) -> Attempt.of(json(post("/api/v1/policies"), Map.of("region", t, "definition", definition(newCode()))))));
        rows.add(new Row("POST", "/policies", MANAGERS, Kind.REGION, "policy",
                (who, t) -> Attempt.of(post("/policies").param("region", (String) t).param("definition", definition(newCode())))));
        rows.add(new Row("POST", "/policies/form", MANAGERS, Kind.REGION, "policy",
                (who, t) -> Attempt.of(form(post("/policies/form").param("region", (String) t), definition(newCode())))));
        rows.add(new Row("POST", "/policies/{id}/form", MANAGERS, Kind.POLICY, "policy_version", (who, t) -> {
            DraftPolicy p = draft((String) t);
            return Attempt.of(form(post("/policies/" + p.id() + "/form"), definition(p.code())));
        }));
        rows.add(new Row("POST", "/policies/import", MANAGERS, Kind.REGION, "policy",
                (who, t) -> Attempt.of(multipart("/policies/import").file(new MockMultipartFile("file", "policy.yaml",
                        "application/yaml", definition(newCode()).getBytes(StandardCharsets.UTF_8))).param("region", (String) t))));
        rows.add(new Row("PUT", "/api/v1/policies/{id}", MANAGERS, Kind.POLICY, "policy_version", (who, t) -> {
            DraftPolicy p = draft((String) t);
            return Attempt.of(json(put("/api/v1/policies/" + p.id()), Map.of("definition", definition(p.code()))));
        }));
        rows.add(new Row("POST", "/policies/{id}", MANAGERS, Kind.POLICY, "policy_version", (who, t) -> {
            DraftPolicy p = draft((String) t);
            return Attempt.of(post("/policies/" + p.id()).param("definition", definition(p.code())));
        }));
        rows.add(new Row("POST", "/api/v1/policies/{id}/publish", MANAGERS, Kind.POLICY, "policy",
                (who, t) -> Attempt.of(post("/api/v1/policies/" + draft((String) t).id() + "/publish"))));
        rows.add(new Row("POST", "/policies/{id}/publish", MANAGERS, Kind.POLICY, "policy",
                (who, t) -> Attempt.of(post("/policies/" + draft((String) t).id() + "/publish"))));
        rows.add(new Row("POST", "/api/v1/policies/{id}/retire", MANAGERS, Kind.POLICY, "policy",
                (who, t) -> Attempt.of(post("/api/v1/policies/" + draft((String) t).id() + "/retire"))));
        rows.add(new Row("POST", "/policies/{id}/retire", MANAGERS, Kind.POLICY, "policy",
                (who, t) -> Attempt.of(post("/policies/" + draft((String) t).id() + "/retire"))));
        rows.add(new Row("POST", "/api/v1/policies/{id}/runs", MANAGERS, Kind.REGION, "policy_match_run",
                (who, t) -> Attempt.of(json(post("/api/v1/policies/" + provincePolicy() + "/runs"), Map.of("region", t, "period", "2024")))));
        rows.add(new Row("POST", "/policies/{id}/runs", MANAGERS, Kind.REGION, "policy_match_run",
                (who, t) -> Attempt.of(post("/policies/" + provincePolicy() + "/runs").param("region", (String) t).param("period", "2024"))));
        // the sandbox computes a what-if and stores nothing, whoever asks
        rows.add(new Row("POST", "/api/v1/policies/{id}/sandbox", EnumSet.of(Who.ADMIN, Who.CITY, Who.DISTRICT, Who.LEADER),
                Kind.READ_ONLY_REGION, null, (who, t) -> Attempt.of(json(post("/api/v1/policies/" + provincePolicy() + "/sandbox"),
                Map.of("region", t, "year", "2024", "parameters", Map.of("award", "20000"))))));
        // evaluation runs and the ladder refresh: region in the body
        rows.add(new Row("POST", "/api/v1/evaluations", MANAGERS, Kind.REGION, "evaluation_run",
                (who, t) -> Attempt.of(json(post("/api/v1/evaluations"), Map.of("region", t, "year", "2024", "rulesets", List.of("tsme"))))));
        rows.add(new Row("POST", "/evaluations", MANAGERS, Kind.REGION, "evaluation_run",
                (who, t) -> Attempt.of(post("/evaluations").param("region", (String) t).param("year", "2024").param("rulesets", "tsme"))));
        rows.add(new Row("POST", "/dashboard/refresh", MANAGERS, Kind.REGION, "ladder_refresh",
                (who, t) -> Attempt.of(post("/dashboard/refresh").param("region", (String) t).param("year", "2024"))));
        // users: the platform administrator's alone
        rows.add(new Row("POST", "/admin/users", EnumSet.of(Who.ADMIN), Kind.USER, "app_user",
                (who, t) -> Attempt.of(post("/admin/users").param("username", "wm-new-" + SEQ.incrementAndGet()).param("password", "Secret123")
                        .param("displayName", "新专家").param("role", "EXPERT"))));
        creditRows(rows);
        resourceRows(rows);
        investmentRows(rows);
        rows.add(new Row("POST", "/admin/users/{id}/enable", EnumSet.of(Who.ADMIN), Kind.USER, "app_user",
                (who, t) -> Attempt.of(post("/admin/users/" + targetUser(false) + "/enable"))));
        rows.add(new Row("POST", "/admin/users/{id}/disable", EnumSet.of(Who.ADMIN), Kind.USER, "app_user",
                (who, t) -> Attempt.of(post("/admin/users/" + targetUser(true) + "/disable"))));
        // HNTE dossiers (三级审查): the enterprise in the form or body; each attempt its own year (one dossier per year)
        Set<Who> submitters = EnumSet.of(Who.CITY, Who.DISTRICT, Who.TOWN, Who.ENTERPRISE);
        rows.add(new Row("POST", "/hnte", submitters, Kind.ENTERPRISE, "hnte_dossier",
                (who, t) -> Attempt.of(post("/hnte").param("enterpriseId", String.valueOf(ent(t).id()))
                        .param("year", String.valueOf(1990 + SEQ.incrementAndGet() % 100)).param("ipList", "发明专利1件"))));
        rows.add(new Row("POST", "/api/v1/hnte", submitters, Kind.ENTERPRISE, "hnte_dossier",
                (who, t) -> Attempt.of(json(post("/api/v1/hnte"), Map.of("enterpriseId", ent(t).id(),
                        "year", 1990 + SEQ.incrementAndGet() % 100, "ipList", "发明专利1件")))));
        reviewRows(rows);
        return rows;
    }

    // ---- review and challenge: the expert pool, the HNTE checks, 揭榜挂帅 needs and a challenge's bureau steps -------

    void reviewRows(List<Row> rows) {
        // a review case's steps: an officer cancels an open case of the region (experts take theirs only when assigned)
        Set<Who> reviewers = EnumSet.of(Who.CITY, Who.DISTRICT, Who.EXPERT);
        rows.add(new Row("POST", "/reviews/{id}/act/{action}", reviewers, Kind.CASE, "review_case",
                (who, t) -> Attempt.of(post("/reviews/" + reviewCase((String) t) + "/act/CANCEL").param("reason", "申报撤回"))));
        rows.add(new Row("POST", "/api/v1/reviews/{id}/act/{action}", reviewers, Kind.CASE, "review_case",
                (who, t) -> Attempt.of(json(post("/api/v1/reviews/" + reviewCase((String) t) + "/act/CANCEL"), Map.of("reason", "申报撤回")))));
        // the expert pool: the pool's region in the form or body
        rows.add(new Row("POST", "/experts", MANAGERS, Kind.REGION, "review_expert",
                (who, t) -> Attempt.of(post("/experts").param("name", "写范围专家").param("organisation", "某大学").param("title", "教授")
                        .param("fields", "01").param("regionCode", (String) t))));
        rows.add(new Row("POST", "/api/v1/experts", MANAGERS, Kind.REGION, "review_expert",
                (who, t) -> Attempt.of(json(post("/api/v1/experts"), Map.of("name", "写范围专家", "organisation", "某大学", "title", "教授",
                        "fields", List.of("01"), "regionCode", t)))));
        // HNTE dossiers (三级审查): each checker returns a dossier at its own level, the town at the town, a bureau after it
        Set<Who> checkers = EnumSet.of(Who.CITY, Who.DISTRICT, Who.TOWN);
        rows.add(new Row("POST", "/hnte/{id}/act/{action}", checkers, Kind.ENTERPRISE, "hnte_dossier",
                (who, t) -> Attempt.of(post("/hnte/" + dossier(ent(t), who) + "/act/RETURN").param("reason", "缺少查新报告"))));
        rows.add(new Row("POST", "/api/v1/hnte/{id}/act/{action}", checkers, Kind.ENTERPRISE, "hnte_dossier",
                (who, t) -> Attempt.of(json(post("/api/v1/hnte/" + dossier(ent(t), who) + "/act/RETURN"), Map.of("reason", "缺少查新报告")))));
        // 揭榜挂帅 needs: a bureau names the region, an enterprise files for itself
        Set<Who> needs = EnumSet.of(Who.CITY, Who.DISTRICT, Who.ENTERPRISE);
        rows.add(new Row("POST", "/challenges", needs, Kind.NEED, "challenge", (who, t) -> {
            MockHttpServletRequestBuilder b = post("/challenges");
            need((String) t).forEach((k, v) -> b.param(k, String.valueOf(v)));
            return Attempt.of(b);
        }));
        rows.add(new Row("POST", "/api/v1/challenges", needs, Kind.NEED, "challenge",
                (who, t) -> Attempt.of(json(post("/api/v1/challenges"), need((String) t)))));
        // a challenge's bureau steps: the challenge's region must lie in the officer's write scope
        rows.add(new Row("POST", "/challenges/{id}/act/{action}", BUREAUS, Kind.REGION, "challenge",
                (who, t) -> Attempt.of(post("/challenges/" + challenge((String) t, "NEED") + "/act/SCREEN"))));
        rows.add(new Row("POST", "/api/v1/challenges/{id}/act/{action}", BUREAUS, Kind.REGION, "challenge",
                (who, t) -> Attempt.of(post("/api/v1/challenges/" + challenge((String) t, "NEED") + "/act/SCREEN"))));
        rows.add(new Row("POST", "/challenges/applications/{id}/formal", BUREAUS, Kind.REGION, "challenge_application",
                (who, t) -> Attempt.of(post("/challenges/applications/" + challengeApplication((String) t) + "/formal").param("passed", "true"))));
        rows.add(new Row("POST", "/api/v1/challenges/applications/{id}/formal", BUREAUS, Kind.REGION, "challenge_application",
                (who, t) -> Attempt.of(json(post("/api/v1/challenges/applications/" + challengeApplication((String) t) + "/formal"),
                        Map.of("passed", "true")))));
        rows.add(new Row("POST", "/challenges/objections/{id}/resolve", BUREAUS, Kind.REGION, "challenge_objection",
                (who, t) -> Attempt.of(post("/challenges/objections/" + challengeObjection((String) t) + "/resolve").param("resolution", "异议不成立"))));
        rows.add(new Row("POST", "/api/v1/challenges/objections/{id}/resolve", BUREAUS, Kind.REGION, "challenge_objection",
                (who, t) -> Attempt.of(json(post("/api/v1/challenges/objections/" + challengeObjection((String) t) + "/resolve"),
                        Map.of("resolution", "异议不成立")))));
    }

    /** A new department of the region. */
    long department(String region) {
        return jdbc.sql("INSERT INTO ladder_department (region_code, name, created_by) VALUES (?, ?, 'wm') RETURNING id")
                .params(region, "写范围部门" + SEQ.incrementAndGet()).query(Long.class).single();
    }

    /** A target of a new department of the region. */
    long departmentTarget(String region) {
        return jdbc.sql("INSERT INTO ladder_department_target (department_id, year, metric, tier, value, created_by)"
                + " VALUES (?, 2025, 'RECOGNISED_TOTAL', 'HNTE', 3, 'wm') RETURNING id").params(department(region)).query(Long.class).single();
    }

    long reviewCase(String region) {
        return jdbc.sql("""
                INSERT INTO review_case (kind, subject_id, form_id, title, applicant_name, region_code, fields, year, status)
                VALUES ('CHALLENGE', ?, 'challenge@default', '写范围测试评审', '某大学', ?, ARRAY['智能制造'], 2025, 'OPEN') RETURNING id""")
                .params(900_000_000L + SEQ.incrementAndGet(), region).query(Long.class).single();
    }

    /** A dossier of the enterprise at the level its checker works on (a year of its own: one dossier per year). */
    long dossier(Ent e, Who checker) {
        return jdbc.sql("""
                INSERT INTO hnte_dossier (enterprise_id, year, status, ip_list, rd_projects, evidence)
                VALUES (?, ?, ?, '发明专利1件', '项目A', '查新报告') RETURNING id""")
                .params(e.id(), 3000 + SEQ.incrementAndGet(), checker == Who.TOWN ? "SUBMITTED" : "TOWN_CHECKED").query(Long.class).single();
    }

    static Map<String, Object> need(String region) {
        return Map.of("title", "写范围测试需求", "problem", "寿命不足", "indicators", "寿命 ≥ 12000 小时", "field", "智能制造",
                "regionCode", region, "issuerName", "某企业", "issuerFunding", "100000", "governmentFunding", "50000",
                "deadline", LocalDate.now().plusDays(30).toString());
    }

    long challenge(String region, String status) {
        return jdbc.sql("""
                INSERT INTO challenge (title, problem, indicators, field, region_code, issuer_name, issuer_funding_yuan, government_funding_yuan,
                                       deadline, status, published_at, publicity_ends_on)
                VALUES ('写范围测试榜单', '问题', '指标', '智能制造', ?, '某企业', 100000, 50000, current_date + 30, ?,
                        CASE WHEN ? <> 'NEED' THEN now() END, CASE WHEN ? = 'PUBLICITY' THEN current_date + 5 END) RETURNING id""")
                .params(region, status, status, status).query(Long.class).single();
    }

    /** An application of a new activated solver to a published challenge of the region, waiting for the formal check. */
    long challengeApplication(String region) {
        CurrentUser u = appUser("wm-solver-" + SEQ.incrementAndGet(), Role.SOLVER, null, null, null);
        long solver = jdbc.sql("""
                INSERT INTO challenge_solver (credit_code, name, kind, contact_name, contact_phone, user_id, status)
                VALUES (?, ?, 'UNIVERSITY', '王老师', '13800138000', ?, 'ACTIVE') RETURNING id""")
                .params(CreditCode.complete("12320400" + String.format("%08d", 50_000_000 + SEQ.incrementAndGet())), "写范围测试大学" + u.id(), u.id())
                .query(Long.class).single();
        return jdbc.sql("""
                INSERT INTO challenge_application (challenge_id, solver_id, team, plan, milestones, price_yuan, status)
                VALUES (?, ?, '教授 1 名', '方案', '两个阶段', 150000, 'SUBMITTED') RETURNING id""")
                .params(challenge(region, "PUBLISHED"), solver).query(Long.class).single();
    }

    long challengeObjection(String region) {
        return jdbc.sql("INSERT INTO challenge_objection (challenge_id, content) VALUES (?, '评审不公') RETURNING id")
                .params(challenge(region, "PUBLICITY")).query(Long.class).single();
    }

    // ---- investment: a project belongs to a town; its register names the town row by row, its steps the project ----

    void investmentRows(List<Row> rows) {
        rows.add(new Row("POST", "/investment/import", TOWN_WORKERS, Kind.PROJECT, "investment_project",
                (who, t) -> new Attempt(multipart("/investment/import").file(projectRegister((String) t)), true)));
        rows.add(new Row("POST", "/api/v1/investment/projects/import", TOWN_WORKERS, Kind.PROJECT, "investment_project",
                (who, t) -> new Attempt(multipart("/api/v1/investment/projects/import").file(projectRegister((String) t)), true)));
        rows.add(new Row("POST", "/investment/{id}/act/{action}", TOWN_WORKERS, Kind.PROJECT, "investment_project",
                (who, t) -> Attempt.of(post("/investment/" + project((String) t) + "/act/NEGOTIATE"))));
        rows.add(new Row("POST", "/api/v1/investment/projects/{id}/act/{action}", TOWN_WORKERS, Kind.PROJECT, "investment_project",
                (who, t) -> Attempt.of(post("/api/v1/investment/projects/" + project((String) t) + "/act/NEGOTIATE"))));
        // a project's description edited or the project deleted: its town (and the new town named in the form)
        rows.add(new Row("POST", "/investment/{id}/edit", TOWN_WORKERS, Kind.PROJECT, "investment_project",
                (who, t) -> Attempt.of(post("/investment/" + project((String) t) + "/edit").param("name", "写范围编辑项目" + SEQ.incrementAndGet())
                        .param("field", "新材料").param("source", "FUND").param("planned", "800").param("town", (String) t))));
        rows.add(new Row("PUT", "/api/v1/investment/projects/{id}", TOWN_WORKERS, Kind.PROJECT, "investment_project",
                (who, t) -> Attempt.of(json(put("/api/v1/investment/projects/" + project((String) t)), Map.of("name", "写范围编辑项目"
                        + SEQ.incrementAndGet(), "field", "新材料", "source", "FUND", "planned", "800", "town", t)))));
        rows.add(new Row("POST", "/investment/{id}/delete", TOWN_WORKERS, Kind.PROJECT, "investment_project",
                (who, t) -> Attempt.of(post("/investment/" + project((String) t) + "/delete"))));
        rows.add(new Row("DELETE", "/api/v1/investment/projects/{id}", TOWN_WORKERS, Kind.PROJECT, "investment_project",
                (who, t) -> Attempt.of(delete("/api/v1/investment/projects/" + project((String) t)))));
    }

    /** A one-row project register for the town, a new project each time. */
    static MockMultipartFile projectRegister(String town) {
        String csv = "项目名称,产业领域,计划投资额（万元）,项目来源,所属镇街代码\n写范围测试项目" + SEQ.incrementAndGet() + ",智能制造,5000,招商活动,"
                + town + "\n";
        return new MockMultipartFile("file", "projects.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** A project of the town at its first stage (线索). */
    long project(String town) {
        return jdbc.sql("INSERT INTO investment_project (name, field, source, region_code, planned_yuan, status, lead_on)"
                + " VALUES (?, '智能制造', 'EVENT', ?, 50000000, 'LEAD', current_date) RETURNING id")
                .params("写范围测试项目" + SEQ.incrementAndGet(), town).query(Long.class).single();
    }

    // ---- resources: registry imports name their enterprises row by row (a row outside the scope is NOT_FOUND) ----

    void resourceRows(List<Row> rows) {
        rows.add(new Row("POST", "/resources/platforms/import", MANAGERS, Kind.ENTERPRISE, "rd_platform",
                (who, t) -> new Attempt(multipart("/resources/platforms/import").file(platformRegister(ent(t))), true)));
        rows.add(new Row("POST", "/api/v1/resources/platforms/import", MANAGERS, Kind.ENTERPRISE, "rd_platform",
                (who, t) -> new Attempt(multipart("/api/v1/resources/platforms/import").file(platformRegister(ent(t))), true)));
        // a carrier lies in a region of the body; a tenant is an enterprise, in a carrier of 湖塘镇 (in every manager's scope)
        rows.add(new Row("POST", "/resources/carriers/import", MANAGERS, Kind.REGION, "carrier",
                (who, t) -> new Attempt(multipart("/resources/carriers/import").file(carrierRegister((String) t)), true)));
        rows.add(new Row("POST", "/api/v1/resources/carriers/import", MANAGERS, Kind.REGION, "carrier",
                (who, t) -> new Attempt(multipart("/api/v1/resources/carriers/import").file(carrierRegister((String) t)), true)));
        rows.add(new Row("POST", "/resources/carriers/tenants/import", MANAGERS, Kind.ENTERPRISE, "carrier_tenant",
                (who, t) -> new Attempt(multipart("/resources/carriers/tenants/import").file(tenantList(ent(t))), true)));
        rows.add(new Row("POST", "/api/v1/resources/carriers/tenants/import", MANAGERS, Kind.ENTERPRISE, "carrier_tenant",
                (who, t) -> new Attempt(multipart("/api/v1/resources/carriers/tenants/import").file(tenantList(ent(t))), true)));
        // one platform edited or deleted: its host (a platform the caller cannot see is not found)
        rows.add(new Row("POST", "/resources/platforms/{id}", MANAGERS, Kind.ENTERPRISE, "rd_platform",
                (who, t) -> Attempt.of(post("/resources/platforms/" + platform(ent(t))).param("kind", "KEY_LAB").param("level", "PROVINCIAL")
                        .param("name", "写范围编辑实验室" + SEQ.incrementAndGet()).param("document", "苏科技〔2024〕9号").param("year", "2024"))));
        rows.add(new Row("PUT", "/api/v1/resources/platforms/{id}", MANAGERS, Kind.ENTERPRISE, "rd_platform",
                (who, t) -> Attempt.of(json(put("/api/v1/resources/platforms/" + platform(ent(t))), Map.of("kind", "KEY_LAB", "level", "PROVINCIAL",
                        "name", "写范围编辑实验室" + SEQ.incrementAndGet(), "document", "苏科技〔2024〕9号", "year", "2024")))));
        rows.add(new Row("POST", "/resources/platforms/{id}/delete", MANAGERS, Kind.ENTERPRISE, "rd_platform",
                (who, t) -> Attempt.of(post("/resources/platforms/" + platform(ent(t)) + "/delete"))));
        rows.add(new Row("DELETE", "/api/v1/resources/platforms/{id}", MANAGERS, Kind.ENTERPRISE, "rd_platform",
                (who, t) -> Attempt.of(delete("/api/v1/resources/platforms/" + platform(ent(t))))));
        // a technology contract between two parties of the region in the body
        rows.add(new Row("POST", "/resources/contracts/import", MANAGERS, Kind.REGION, "tech_contract",
                (who, t) -> new Attempt(multipart("/resources/contracts/import").file(contractExport((String) t)), true)));
        rows.add(new Row("POST", "/api/v1/resources/contracts/import", MANAGERS, Kind.REGION, "tech_contract",
                (who, t) -> new Attempt(multipart("/api/v1/resources/contracts/import").file(contractExport((String) t)), true)));
        // a talent award names its enterprise
        rows.add(new Row("POST", "/resources/talents/import", MANAGERS, Kind.ENTERPRISE, "talent_award",
                (who, t) -> new Attempt(multipart("/resources/talents/import").file(talentList(ent(t))), true)));
        rows.add(new Row("POST", "/api/v1/resources/talents/import", MANAGERS, Kind.ENTERPRISE, "talent_award",
                (who, t) -> new Attempt(multipart("/api/v1/resources/talents/import").file(talentList(ent(t))), true)));
    }

    /** A new platform hosted by the enterprise. */
    long platform(Ent e) {
        return jdbc.sql("INSERT INTO rd_platform (enterprise_id, kind, level, name, document, recognised_year)"
                + " VALUES (?, 'ENTERPRISE_TECH_CENTRE', 'MUNICIPAL', ?, '常经信〔2024〕1号', 2024) RETURNING id")
                .params(e.id(), "写范围平台" + SEQ.incrementAndGet()).query(Long.class).single();
    }

    /** A one-row talent list for the enterprise, a new name each time. */
    static MockMultipartFile talentList(Ent e) {
        String csv = "人才计划,入选年度,姓名,企业统一社会信用代码\n龙城英才计划,2024,写范围" + SEQ.incrementAndGet() + "," + e.creditCode() + "\n";
        return new MockMultipartFile("file", "talents.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** A one-row contract export, buyer and seller both in the region, a new contract number each time. */
    static MockMultipartFile contractExport(String region) {
        String csv = "合同编号,合同类型,买方名称,买方所在地区代码,卖方名称,卖方所在地区代码,合同金额（万元）,技术交易额（万元）,签订日期\nWM"
                + SEQ.incrementAndGet() + ",技术开发,写范围测试买方," + region + ",写范围测试卖方," + region + ",10,8,2024-05-01\n";
        return new MockMultipartFile("file", "contracts.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** A one-row carrier register in the region, a new carrier each time. */
    static MockMultipartFile carrierRegister(String region) {
        String csv = "载体名称,载体类型,级别,所在地区代码,认定文号,认定年度\n写范围测试孵化器" + SEQ.incrementAndGet() + ",众创空间,市级,"
                + region + ",常科发〔2024〕1号,2024\n";
        return new MockMultipartFile("file", "carriers.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** A one-row tenant list: the enterprise moving into the 湖塘镇 carrier on a new day each time. */
    MockMultipartFile tenantList(Ent e) {
        jdbc.sql("INSERT INTO carrier (kind, level, name, region_code, document, recognised_year) VALUES"
                + " ('INCUBATOR', 'MUNICIPAL', '写范围测试湖塘孵化器', '320412100', '常科发〔2020〕1号', 2020) ON CONFLICT DO NOTHING").update();
        String csv = "载体名称,企业统一社会信用代码,入驻日期\n写范围测试湖塘孵化器," + e.creditCode() + ","
                + LocalDate.of(2000, 1, 1).plusDays(SEQ.incrementAndGet()) + "\n";
        return new MockMultipartFile("file", "tenants.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** A one-row platform register hosted by the enterprise, a new platform each time. */
    static MockMultipartFile platformRegister(Ent e) {
        String csv = "依托单位统一社会信用代码,平台类型,平台名称,级别,认定文号,认定年度\n" + e.creditCode() + ",企业技术中心,写范围测试中心"
                + SEQ.incrementAndGet() + ",市级,常经信〔2024〕1号,2024\n";
        return new MockMultipartFile("file", "platforms.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    // ---- credit: consents, applications, loans, reports, offers, claims, tokens, pools ----------------------------

    void creditRows(List<Row> rows) {
        Set<Who> enterprise = EnumSet.of(Who.ENTERPRISE), bank = EnumSet.of(Who.BANK);
        rows.add(new Row("POST", "/credit/consents", enterprise, Kind.SELF, "bank_authorisation",
                (who, t) -> Attempt.of(post("/credit/consents").param("bankId", String.valueOf(otherBank)).param("parts", "POINTS")
                        .param("purpose", "申请积分贷").param("until", LocalDate.now().plusMonths(3).toString()))));
        rows.add(new Row("POST", "/credit/consents/{id}/revoke", enterprise, Kind.OWN, "bank_authorisation",
                (who, t) -> Attempt.of(post("/credit/consents/" + consent(MINE.equals(t) ? hutang : xinbei) + "/revoke"))));
        rows.add(new Row("POST", "/credit/applications", enterprise, Kind.SELF, "loan",
                (who, t) -> Attempt.of(post("/credit/applications").param("productId", String.valueOf(wmProduct)).param("amount", "500000"))));
        rows.add(new Row("POST", "/credit/loans/{id}/act", EnumSet.of(Who.ENTERPRISE, Who.BANK), Kind.OWN, "loan", (who, t) -> {
            boolean mine = MINE.equals(t);
            if (who == Who.BANK) {
                return Attempt.of(post("/credit/loans/" + loan(hutang, mine ? wmBank : otherBank, "SUBMITTED") + "/act").param("action", "REVIEW"));
            }
            return Attempt.of(post("/credit/loans/" + loan(mine ? hutang : xinbei, wmBank, "OFFERED") + "/act").param("action", "ACCEPT"));
        }));
        rows.add(new Row("POST", "/api/v1/credit/loans/{id}/events", bank, Kind.OWN, "loan",
                (who, t) -> Attempt.of(json(post("/api/v1/credit/loans/" + loan(hutang, MINE.equals(t) ? wmBank : otherBank, "SUBMITTED")
                        + "/events").header("Idempotency-Key", "wm-report-" + SEQ.incrementAndGet()), Map.of("type", "REVIEW_STARTED")))));
        rows.add(new Row("POST", "/credit/bank/offers", bank, Kind.OWN, "loan",
                (who, t) -> Attempt.of(post("/credit/bank/offers").param("enterpriseId", String.valueOf((MINE.equals(t) ? hutang : xinbei).id()))
                        .param("productId", String.valueOf(wmProduct)).param("amount", "500000"))));
        rows.add(new Row("POST", "/credit/bank/claims", bank, Kind.OWN, "compensation_claim",
                (who, t) -> Attempt.of(post("/credit/bank/claims").param("loanId",
                        String.valueOf(loan(hutang, MINE.equals(t) ? wmBank : otherBank, "NON_PERFORMING"))).param("evidence", "不良认定书"))));
        // products: a bank publishes its own and edits only its own (another bank's product is 404)
        rows.add(new Row("POST", "/credit/bank/products", bank, Kind.SELF, "credit_product",
                (who, t) -> Attempt.of(productForm(post("/credit/bank/products"), "WM-NEW-" + SEQ.incrementAndGet()))));
        rows.add(new Row("POST", "/credit/bank/products/{id}", bank, Kind.OWN, "credit_product",
                (who, t) -> Attempt.of(productForm(post("/credit/bank/products/" + (MINE.equals(t) ? wmProduct : otherProduct)),
                        "WM-EDIT-" + SEQ.incrementAndGet()))));
        rows.add(new Row("POST", "/credit/bank/tokens", bank, Kind.SELF, "bank_api_token",
                (who, t) -> Attempt.of(post("/credit/bank/tokens").param("name", "核心系统"))));
        rows.add(new Row("POST", "/credit/bank/tokens/{id}/revoke", bank, Kind.OWN, "bank_api_token",
                (who, t) -> Attempt.of(post("/credit/bank/tokens/" + token(MINE.equals(t)) + "/revoke"))));
        // the ledger names loans row by row: another bank's loan is a rejected row (tested in CreditScopeTest), never a write
        rows.add(new Row("POST", "/credit/bank/ledger", bank, Kind.SELF, "loan",
                (who, t) -> Attempt.of(multipart("/credit/bank/ledger").file(ledger(loan(hutang, wmBank, "SUBMITTED"))))));
        rows.add(new Row("POST", "/api/v1/credit/ledger", bank, Kind.SELF, "loan",
                (who, t) -> Attempt.of(multipart("/api/v1/credit/ledger").file(ledger(loan(hutang, wmBank, "SUBMITTED"))))));
        rows.add(new Row("POST", "/credit/bureau/pools", MANAGERS, Kind.REGION, "risk_pool",
                (who, t) -> Attempt.of(post("/credit/bureau/pools").param("region", (String) t).param("period", "2030").param("amount", "1000"))));
        rows.add(new Row("POST", "/credit/claims/{id}/act", BUREAUS, Kind.ENTERPRISE, "compensation_claim",
                (who, t) -> Attempt.of(post("/credit/claims/" + claim(ent(t)) + "/act").param("action", "REVIEW"))));
        // the white list: the rule and the list of a region (its region in the write scope); the enterprise's own opt-in
        rows.add(new Row("POST", "/credit/bureau/white-list/rule", MANAGERS, Kind.REGION, "white_list_rule",
                (who, t) -> Attempt.of(post("/credit/bureau/white-list/rule").param("region", (String) t).param("title", "白名单规则")
                        .param("criteria", WL_CRITERIA).param("citation", "测试依据").param("effectiveFrom", "2000-01-01"))));
        rows.add(new Row("POST", "/credit/bureau/white-list/rule/publish", MANAGERS, Kind.REGION, "white_list_rule",
                (who, t) -> Attempt.of(post("/credit/bureau/white-list/rule/publish").param("region", whiteListDraft((String) t)))));
        rows.add(new Row("POST", "/credit/bureau/white-list/publish", MANAGERS, Kind.REGION, "white_list", (who, t) -> {
            int s = SEQ.incrementAndGet();
            return Attempt.of(post("/credit/bureau/white-list/publish").param("region", (String) t)
                    .param("period", (2000 + s % 100) + "Q" + (1 + s / 100 % 4)));
        }));
        rows.add(new Row("POST", "/credit/white-list/recommend", enterprise, Kind.SELF, "white_list_recommend",
                (who, t) -> Attempt.of(post("/credit/white-list/recommend").param("allowed", SEQ.incrementAndGet() % 2 == 0 ? "true" : "false"))));
    }

    static MockHttpServletRequestBuilder productForm(MockHttpServletRequestBuilder r, String code) {
        return r.param("code", code).param("name", "写范围测试产品").param("kind", "POINTS").param("amountMin", "10")
                .param("amountMax", "500").param("rateMin", "3").param("rateMax", "5").param("term", "12")
                .param("eligibility", "p | 积分 | points | points.total >= 60.0").param("bandBasis", "TIER").param("bands", "HNTE | 300")
                .param("poolCovered", "true").param("active", "true");
    }

    static final String WL_CRITERIA = "tech | 科技型企业 | a technology enterprise | 'HNTE' in tiers || 'TSME' in tiers";

    /** A draft rule of the region, so publishing it has something to publish. */
    String whiteListDraft(String region) {
        jdbc.sql("""
                INSERT INTO white_list_rule (region_code, version, status, title, criteria, citation, effective_from)
                SELECT ?, (SELECT coalesce(max(version), 0) + 1 FROM white_list_rule WHERE region_code = ?), 'DRAFT', '白名单规则',
                       '[{"id":"tech","zh":"科技型企业","en":"a technology enterprise","condition":"''HNTE'' in tiers"}]'::jsonb, '测试依据',
                       DATE '2000-01-01'
                WHERE NOT EXISTS (SELECT 1 FROM white_list_rule WHERE region_code = ? AND status = 'DRAFT')""")
                .params(region, region, region).update();
        return region;
    }

    static MockMultipartFile ledger(long loan) {
        return new MockMultipartFile("file", "ledger.csv", "text/csv", ("贷款编号,状态\n" + loan + ",审查中\n").getBytes(StandardCharsets.UTF_8));
    }

    long wmBank, otherBank, wmProduct, otherProduct, pool, otherBankUser;

    long product(long bank) {
        return jdbc.sql("""
                INSERT INTO credit_product (bank_id, code, name, kind, amount_min_yuan, amount_max_yuan, rate_min, rate_max, term_months,
                    eligibility, pool_covered)
                VALUES (?, ?, '写范围测试产品', 'POINTS', 100000, 5000000, 0.03, 0.05, 12, '[]'::jsonb, true) RETURNING id""")
                .params(bank, "WM-P-" + SEQ.incrementAndGet()).query(Long.class).single();
    }

    long consent(Ent e) {
        return jdbc.sql("INSERT INTO bank_authorisation (enterprise_id, bank_id, expires_at) VALUES (?, ?, now() + interval '30 days') RETURNING id")
                .params(e.id(), otherBank).query(Long.class).single();
    }

    long loan(Ent e, long bank, String status) {
        boolean disbursed = status.equals("NON_PERFORMING");
        return jdbc.sql("""
                INSERT INTO loan (enterprise_id, region_code, bank_id, product_id, status, requested_yuan, disbursed_yuan, outstanding_yuan)
                VALUES (?, ?, ?, ?, ?, 500000, ?, ?) RETURNING id""")
                .params(e.id(), e.region(), bank, bank == wmBank ? wmProduct : otherProduct, status, disbursed ? 500000 : null,
                        disbursed ? 400000 : null).query(Long.class).single();
    }

    long token(boolean mine) {
        return jdbc.sql("INSERT INTO bank_api_token (bank_id, user_id, name, token_prefix, secret_hash) VALUES (?, ?, 't', ?, 'x') RETURNING id")
                .params(mine ? wmBank : otherBank, mine ? users.get(Who.BANK).id() : otherBankUser,
                        String.format("%012x", SEQ.incrementAndGet())).query(Long.class).single();
    }

    long claim(Ent e) {
        long loan = loan(e, wmBank, "NON_PERFORMING");
        jdbc.sql("UPDATE loan SET status = 'COMPENSATION_CLAIMED' WHERE id = ?").param(loan).update();
        return jdbc.sql("""
                INSERT INTO compensation_claim (loan_id, bank_id, pool_id, status, nonperforming_principal, bank_loss_total, amount_yuan,
                    share, explanation_zh, explanation_en, evidence)
                VALUES (?, ?, ?, 'SUBMITTED', 400000, 400000, 120000, 0.3, '测试', 'test', '不良认定书') RETURNING id""")
                .params(loan, wmBank, pool).query(Long.class).single();
    }

    // ---- what each kind of target is, and who may write to it ------------------------------------------------

    List<Object> targets(Kind kind) {
        return switch (kind) {
            case ENTERPRISE -> List.of(hutang, xinbei, suzhou);
            case REGION, READ_ONLY_REGION, POLICY, NEED, CASE -> List.of("320412", "320411", "3204", "3205");
            case APPLICATION -> List.of("3204", "320411");
            case USER -> List.of("user");
            case OWN -> List.of(MINE, OTHERS);
            case SELF -> List.of(MINE);
            case PROJECT -> List.of(hutang.region(), xinbei.region(), suzhou.region());
        };
    }

    /** Independent of the product code on purpose: the rules of ../shared/DESIGN.md written out. */
    static boolean regionWithin(Who who, String region) {
        return switch (who) {
            case ADMIN -> true;
            case CITY, DISTRICT, TOWN -> region.startsWith(who.region);
            default -> false;
        };
    }

    boolean writable(Who who, Kind kind, Object target) {
        return switch (kind) {
            case ENTERPRISE -> who == Who.ENTERPRISE ? target == hutang : regionWithin(who, ent(target).region());
            case REGION, POLICY, PROJECT -> regionWithin(who, (String) target);
            // a 揭榜挂帅 need: a bureau files it for a region it names, an enterprise for itself (its own region, whatever it names)
            case NEED -> who == Who.ENTERPRISE || regionWithin(who, (String) target);
            // a review case: its officer's steps need its region; an expert acts only where assigned (never here)
            case CASE -> who != Who.EXPERT && regionWithin(who, (String) target);
            case READ_ONLY_REGION -> who == Who.LEADER ? ((String) target).startsWith(who.region) : regionWithin(who, (String) target);
            case APPLICATION -> who == Who.ENTERPRISE && hutang.region().startsWith((String) target);
            case USER -> who == Who.ADMIN;
            case OWN, SELF -> MINE.equals(target);
        };
    }

    /** Whether the caller may read the target: then a refusal may say "forbidden"; otherwise it must say "not found". */
    boolean readable(Who who, Kind kind, Object target) {
        return switch (kind) {
            case ENTERPRISE -> switch (who) {
                case ADMIN -> true;
                case CITY, LEADER -> target != suzhou;
                case DISTRICT, TOWN, ENTERPRISE, BANK -> target == hutang;
                case EXPERT -> false;
            };
            // a policy is visible within the caller's region and above it (a city policy applies to its districts)
            case POLICY -> who == Who.ADMIN || who.region != null
                    && (((String) target).startsWith(who.region) || who.region.startsWith((String) target));
            case APPLICATION -> false;
            case OWN -> MINE.equals(target);
            // review cases are found through the review scope: officers by region, experts only when assigned
            case CASE -> who != Who.EXPERT && regionWithin(who, (String) target);
            // a project is read within the region scopes (a leader's too) and written within the officers'
            case PROJECT -> who == Who.LEADER ? ((String) target).startsWith(who.region) : regionWithin(who, (String) target);
            default -> true;
        };
    }

    int refusal(Row row, Who who, Object target) {
        if (!row.roles().contains(who)) return 403;
        return switch (row.kind()) {
            case REGION, USER, NEED -> 403;
            case READ_ONLY_REGION -> 400;
            default -> readable(who, row.kind(), target) ? 403 : 404;
        };
    }

    // ---- the matrix ------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyWriteEndpointTimesEveryRole() {
        Stream<DynamicTest> cells = rows().stream().flatMap(row -> Stream.of(Who.values()).map(who ->
                DynamicTest.dynamicTest(row.key() + " × " + who, () -> cell(row, who))));
        // the reference regions are left out of the per-request fingerprint for speed; no endpoint may change them
        return Stream.concat(cells, Stream.of(DynamicTest.dynamicTest("the region table is unchanged", () -> assertThat(
                jdbc.sql("SELECT count(*) || ':' || sum(hashtext(r::text)::bigint) FROM region r").query(String.class).single())
                .isEqualTo(regionFingerprint))));
    }

    void cell(Row row, Who who) throws Exception {
        // a role without the right is refused whatever the target: try it on the target it is likeliest to reach
        List<Object> targets = row.roles().contains(who) ? targets(row.kind()) : targets(row.kind()).subList(0, 1);
        for (Object target : targets) {
            Attempt attempt = row.maker().make(who, target);
            Map<String, String> before = fingerprint(false);
            MockHttpServletResponse response = mvc.perform(attempt.request().with(user(AppUserDetails.of(users.get(who))))
                    .with(csrf())).andReturn().getResponse();
            Map<String, String> after = fingerprint(true);
            String what = row.key() + " as " + who + " on " + target + ": " + response.getStatus() + " "
                    + response.getContentAsString(StandardCharsets.UTF_8).replaceAll("\\s+", " ")
                    .substring(0, Math.min(300, response.getContentAsString(StandardCharsets.UTF_8).replaceAll("\\s+", " ").length()));
            boolean allowed = row.roles().contains(who) && writable(who, row.kind(), target);
            if (allowed) {
                assertThat(response.getStatus()).as(what).isBetween(200, 399);
                if (row.table() == null) {
                    assertThat(after).as("stores nothing: " + what).isEqualTo(before);
                } else {
                    assertThat(after.get(row.table())).as("changes " + row.table() + ": " + what).isNotEqualTo(before.get(row.table()));
                }
                if (attempt.bulk()) assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(what).doesNotContain("NOT_FOUND");
            } else {
                if (attempt.bulk() && row.roles().contains(who)) {
                    // bulk approval answers per case: the case outside the scope is "not found", the others would go on
                    assertThat(response.getStatus()).as(what).isEqualTo(200);
                    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(what).contains("NOT_FOUND");
                } else {
                    assertThat(response.getStatus()).as(what).isEqualTo(refusal(row, who, target));
                }
                assertThat(after).as("nothing changes: " + what).isEqualTo(before);
                if (response.getStatus() == 403 && row.kind() != Kind.READ_ONLY_REGION && row.roles().contains(who)) {
                    String body = response.getContentAsString(StandardCharsets.UTF_8);
                    // the refusal names what lies outside the scope, on the API as a problem and on pages as the reason
                    assertThat(body).as(what).contains(row.pattern().startsWith("/api/") ? "\"parameter\"" : "id=\"error-reason\"");
                }
            }
        }
    }

    @Test
    void everyWriteEndpointHasARow() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (pattern.equals("/error")) continue; // the servlet error page, any method, writes nothing
                    if (methods.isEmpty()) mapped.add("ANY " + pattern);
                    for (RequestMethod m : methods) {
                        if (m != RequestMethod.GET && m != RequestMethod.HEAD && m != RequestMethod.OPTIONS) mapped.add(m + " " + pattern);
                    }
                }
            }
        }
        Set<String> table = new TreeSet<>(ELSEWHERE.keySet());
        rows().forEach(r -> table.add(r.key()));
        assertThat(mapped).as("write endpoints of the application vs the rows of this matrix").isEqualTo(table);
    }

    // ---- the database fingerprint ------------------------------------------------------------------------------

    /**
     * Row count and an order-independent hash of every row of every table (the 44,700 reference regions apart,
     * checked once), taken when no background run or event listener is busy (and, {@code settle}, when two readings
     * agree: a run's follow-up may still be writing just after it is marked done).
     */
    Map<String, String> fingerprint(boolean settle) throws InterruptedException {
        List<String> tables = jdbc.sql("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
                AND table_type = 'BASE TABLE' AND table_name NOT IN ('flyway_schema_history', 'region') ORDER BY 1""")
                .query(String.class).list();
        StringBuilder sql = new StringBuilder();
        for (String t : tables) {
            if (sql.length() > 0) sql.append(" UNION ALL ");
            sql.append("SELECT '").append(t).append("', count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) FROM ")
                    .append(t).append(" x");
        }
        Map<String, String> last = null;
        for (int i = 0; i < 200; i++) {
            // the listeners of a run's events (points, the ladder snapshot) write after it is marked done
            int running = jdbc.sql("SELECT (SELECT count(*) FROM evaluation_run WHERE status = 'RUNNING')"
                    + " + (SELECT count(*) FROM policy_match_run WHERE status = 'RUNNING')"
                    + " + (SELECT count(*) FROM event_publication WHERE completion_date IS NULL)").query(Integer.class).single();
            Map<String, String> now = new TreeMap<>();
            jdbc.sql(sql.toString()).query((rs, n) -> now.put(rs.getString(1), rs.getString(2))).list();
            if (running == 0 && (!settle || now.equals(last))) return now;
            if (running > 0) Thread.sleep(50);
            last = now;
        }
        throw new AssertionError("the database did not settle: a background run is still busy");
    }

    // ---- fixtures (plain SQL, as the product would leave them) -------------------------------------------------

    static Ent ent(Object target) {
        return (Ent) target;
    }

    Ent enterprise(String label, String county, String region) {
        int n = SEQ.incrementAndGet();
        String code = CreditCode.complete("91" + county + String.format("%02d%06d", 77, n));
        String name = "写范围测试" + label + n + "科技有限公司";
        long id = jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, ?, ?, DATE '2015-03-01') RETURNING id")
                .params(code, name, region).query(Long.class).single();
        return new Ent(label, id, code, name, region);
    }

    CurrentUser appUser(String username, Role role, String region, Long enterpriseId, Long bankId) {
        long id = jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, role, region_code, enterprise_id, bank_id)
                VALUES (?, '{noop}x', ?, ?, ?, ?, ?) RETURNING id""")
                .params(username, username + "（测试）", role.name(), region, enterpriseId, bankId).query(Long.class).single();
        return new CurrentUser(id, username, username + "（测试）", role, region, enterpriseId, bankId);
    }

    long openAction(Ent e) {
        jdbc.sql("INSERT INTO enterprise_plan (enterprise_id, created_by, created_at) VALUES (?, 'test', now()) ON CONFLICT DO NOTHING")
                .param(e.id()).update();
        return jdbc.sql("""
                INSERT INTO plan_action (plan_id, description, owner, due_on)
                SELECT id, '整理知识产权', '企业', current_date + 10 FROM enterprise_plan WHERE enterprise_id = ? RETURNING id""")
                .param(e.id()).query(Long.class).single();
    }

    /** A published policy of the region, for award cases and applications, with a budget that never runs short. */
    long policy(String region, String mode) {
        String code = newCode();
        long id = jdbc.sql("INSERT INTO policy (code, region_code, status, published_version, created_by) VALUES (?, ?, 'PUBLISHED', 1, 'test') RETURNING id")
                .params(code, region).query(Long.class).single();
        version(id, mode, "2030-12-31", "200000.0", 1_000_000_000, definition(code));
        return id;
    }

    /** Version 1 of a policy as the catalogue stores it (the columns a definition fills). */
    void version(long policyId, String mode, String periodEnd, String award, long budget, String definition) {
        jdbc.sql("""
                INSERT INTO policy_version (policy_id, version, title_zh, title_en, issuer, document_no, period_start, period_end,
                    target_group, mode, eligibility, award, budget_yuan, example, definition, created_by)
                VALUES (?, 1, '写范围测试政策', 'Write scope test policy', '测试', '测试〔2026〕1号', DATE '2024-01-01', CAST(? AS date),
                    '企业', ?, 'true', ?, ?, true, ?, 'test')""").params(policyId, periodEnd, mode, award, budget, definition).update();
    }

    /** A case of the enterprise in a state, the earlier steps taken by another user (so maker-checker never refuses). */
    long awardCase(Ent e, String status) {
        long policy = policy("32", "AUTOMATIC");
        long id = jdbc.sql("""
                INSERT INTO award_case (policy_id, policy_version, enterprise_id, period, origin, amount_yuan, status, status_since,
                    account_name, account_bank, account_number, confirmed_by, confirmed_at, reviewed_by, reviewed_at,
                    publicity_ends_on, created_at)
                VALUES (?, 1, ?, 2025, 'AUTOMATIC', 200000, ?, now(), ?, ?, ?, ?, now(), ?, now(), current_date + 6, now()) RETURNING id""")
                .params(policy, e.id(), status, e.name(), BANK_BRANCH, BANK_ACCOUNT, otherUserId, otherUserId).query(Long.class).single();
        if (status.equals("PUBLICISED")) {
            jdbc.sql("INSERT INTO award_budget (policy_id, period, budget_yuan, committed_yuan) VALUES (?, 2025, 1000000000, 200000)")
                    .param(policy).update();
        }
        return id;
    }

    long objection(long caseId) {
        return jdbc.sql("INSERT INTO award_objection (case_id, lodged_by, lodged_at, content) VALUES (?, 'test', now(), '异议') RETURNING id")
                .param(caseId).query(Long.class).single();
    }

    /** The step each role takes on a case in the state for it; roles without one try to reject. */
    record Step(long caseId, String action, Map<String, Object> body) {
    }

    Step step(Who who, Ent e) {
        return switch (who) {
            case ENTERPRISE -> new Step(awardCase(e, "MATCHED"), "confirm",
                    Map.of("accountName", e.name(), "accountBank", BANK_BRANCH, "accountNumber", BANK_ACCOUNT));
            case TOWN -> new Step(awardCase(e, "ENTERPRISE_CONFIRMED"), "review", Map.of());
            case CITY, DISTRICT -> new Step(awardCase(e, "TOWN_REVIEWED"), "approve", Map.of());
            default -> new Step(awardCase(e, "MATCHED"), "reject", Map.of("reason", "不符合条件"));
        };
    }

    Map<String, Object> application(long policyId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policyId", policyId);
        m.put("period", 2025);
        m.put("requestedAmount", "50000");
        m.put("materials", "研发项目说明");
        m.put("accountName", hutang.name());
        m.put("accountBank", BANK_BRANCH);
        m.put("accountNumber", BANK_ACCOUNT);
        return m;
    }

    static String newCode() {
        return "wm_policy_" + SEQ.incrementAndGet();
    }

    static String definition(String code) {
        return Policies.example("tsme_entry_award").yaml().replace("code: tsme_entry_award", "code: " + code);
    }

    /** The policy form as a browser posts it for this definition (PolicyFormTest.post). */
    static MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, String yaml) {
        PolicyFormTest.post(PolicyForm.of(Policy.load("matrix", yaml))).forEach(request::param);
        return request;
    }

    record DraftPolicy(long id, String code) {
    }

    /** A DRAFT policy owned by the region, with one valid version. */
    DraftPolicy draft(String region) {
        String code = newCode();
        long id = jdbc.sql("INSERT INTO policy (code, region_code, status, created_by) VALUES (?, ?, 'DRAFT', 'test') RETURNING id")
                .params(code, region).query(Long.class).single();
        version(id, "AUTOMATIC", "2024-12-31", "p.award", 2_000_000, definition(code));
        return new DraftPolicy(id, code);
    }

    Long provincePolicy;

    /** One published policy of 江苏省 from a valid definition, for matching runs and the sandbox. */
    long provincePolicy() {
        if (provincePolicy == null) {
            DraftPolicy d = draft("32");
            jdbc.sql("UPDATE policy SET status = 'PUBLISHED', published_version = 1 WHERE id = ?").param(d.id()).update();
            provincePolicy = d.id();
        }
        return provincePolicy;
    }

    long targetUser(boolean enabled) {
        CurrentUser u = appUser("wm-target-" + SEQ.incrementAndGet(), Role.EXPERT, null, null, null);
        jdbc.sql("UPDATE app_user SET enabled = ? WHERE id = ?").params(enabled, u.id()).update();
        return u.id();
    }

    static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, Object body) {
        return b.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body));
    }
}
