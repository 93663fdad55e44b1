package org.innoladder.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.policy.internal.PolicyCatalogue;
import org.innoladder.policy.internal.PolicyMatching;
import org.innoladder.rules.policy.Policies;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 科创积分贷贴息 opens by itself (免申即享) from what the bank reports: a 积分贷 reported DISBURSED through the bank API
 * makes the policy module match that enterprise again after the commit (the credit.* facts of the disbursal year),
 * and the award case opens with the subsidy computed from the amount disbursed. Another bank cannot report on the
 * loan; a loan not yet disbursed, a loan of another product kind and an enterprise without a loan open nothing, also
 * after a full matching run of the city; the case is seen in its region and by its enterprise only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PointsLoanSubsidyTest {
    static final String PASSWORD = "Credit@2026";
    static final int Y = 2024;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final CurrentUser ADMIN = new CurrentUser(0, "system", "系统", Role.ADMIN, null, null, null);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PolicyCatalogue catalogue;
    @Autowired
    PolicyMatching matching;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HttpResponse<String> send(String method, String path, CurrentUser u, String json, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json").header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((u.username() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (key != null) b.header("Idempotency-Key", key);
        if (json == null) b.method(method, HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** An enterprise the policy would pay but for the loan: TSME in force, 80th percentile, no bad credit, facts for Y. */
    CreditFixtures.Ent eligibleButForTheLoan(CreditFixtures fx, long pointsRun) {
        CreditFixtures.Ent e = fx.enterprise(CreditFixtures.HUTANG);
        jdbc.sql("INSERT INTO enterprise_year (enterprise_id, year, employees, bad_credit, sales_revenue) VALUES (?, ?, 80, false, 30000000)")
                .params(e.id(), Y).update();
        jdbc.sql("INSERT INTO recognition (enterprise_id, kind, certificate_no, issued_on, expires_on, issuer, source)"
                        + " VALUES (?, 'TSME', ?, DATE '2024-04-01', DATE '2025-03-31', '江苏省科学技术厅', 'upload')")
                .params(e.id(), "TSME-" + e.id()).update();
        jdbc.sql("INSERT INTO enterprise_points (enterprise_id, year, model_id, model_version, stage, total, percentile,"
                + " stage_uncertain, breakdown, run_id) VALUES (?, ?, 'test', '1', 'growth', 78.5, 80, false, '{}', ?)")
                .params(e.id(), Y, pointsRun).update();
        return e;
    }

    long contracted(CreditFixtures.Ent e, long bank, long product, String approved) {
        return jdbc.sql("""
                INSERT INTO loan (enterprise_id, region_code, bank_id, product_id, status, requested_yuan, approved_yuan)
                VALUES (?, ?, ?, ?, 'CONTRACTED', ?, ?) RETURNING id""")
                .params(e.id(), e.region(), bank, product, new BigDecimal(approved), new BigDecimal(approved)).query(Long.class).single();
    }

    Map<String, Object> awardCase(long policy, long enterprise) {
        return jdbc.sql("SELECT id, amount_yuan, status, origin FROM award_case WHERE policy_id = ? AND enterprise_id = ? AND period = ?")
                .params(policy, enterprise, Y).query().listOfRows().stream().findFirst().orElse(null);
    }

    Map<String, Object> awaitCase(long policy, long enterprise) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Map<String, Object> c = awardCase(policy, enterprise);
            if (c != null) return c;
            Thread.sleep(100);
        }
        return null;
    }

    @Test
    void aPointsLoanReportedDisbursedOpensTheSubsidyCaseByItself() throws Exception {
        CreditFixtures fx = new CreditFixtures(jdbc);
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD);
        long pointsRun = jdbc.sql("INSERT INTO points_run (year, model_id, model_version, started_by) VALUES (?, 'test', '1', 'test') RETURNING id")
                .param(Y).query(Long.class).single();
        CreditFixtures.Ent borrower = eligibleButForTheLoan(fx, pointsRun), waiting = eligibleButForTheLoan(fx, pointsRun),
                creditOnly = eligibleButForTheLoan(fx, pointsRun), noLoan = eligibleButForTheLoan(fx, pointsRun);
        long bank = fx.bank("SUB"), other = fx.bank("SUBX");
        CurrentUser banker = fx.user("sub-bank", Role.BANK, null, null, bank, hash);
        CurrentUser otherBanker = fx.user("sub-other", Role.BANK, null, null, other, hash);
        long pointsProduct = fx.product(bank, true);
        long creditProduct = jdbc.sql("""
                INSERT INTO credit_product (bank_id, code, name, kind, amount_min_yuan, amount_max_yuan, rate_min, rate_max,
                    term_months, eligibility, pool_covered)
                VALUES (?, ?, '测试信用贷', 'CREDIT', 100000, 5000000, 0.03, 0.05, 12, '[]'::jsonb, true) RETURNING id""")
                .params(bank, "C" + CreditFixtures.next()).query(Long.class).single();
        long loan = contracted(borrower, bank, pointsProduct, "2000000");
        long undisbursed = contracted(waiting, bank, pointsProduct, "2000000");
        long credit = contracted(creditOnly, bank, creditProduct, "2000000");

        String yaml = Policies.example("points_loan_interest").yaml().replace("code: points_loan_interest", "code: pli_" + CreditFixtures.next());
        long policy = catalogue.save(ADMIN, null, CreditFixtures.CITY, yaml, null).policyId();
        catalogue.publish(ADMIN, policy, null);

        // another bank cannot report on the loan: 404, nothing happens
        String disbursed = "{\"type\":\"DISBURSED\",\"amount\":\"1500000\",\"date\":\"2024-06-28\"}";
        assertThat(send("POST", "/api/v1/credit/loans/" + loan + "/events", otherBanker, disbursed, "sub-other-0001").statusCode()).isEqualTo(404);
        // the bank reports the 积分贷 (and the credit loan) disbursed in 2024
        HttpResponse<String> r = send("POST", "/api/v1/credit/loans/" + loan + "/events", banker, disbursed, "sub-disb-0001");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/credit/loans/" + credit + "/events", banker, disbursed, "sub-disb-0002").statusCode()).isEqualTo(200);

        Map<String, Object> opened = awaitCase(policy, borrower.id());
        assertThat(opened).as("the award case opens without the enterprise applying").isNotNull();
        // 1% of 1,500,000 yuan disbursed, below the 5万 cap of the 80th percentile
        assertThat((BigDecimal) opened.get("amount_yuan")).isEqualByComparingTo("15000");
        assertThat(opened.get("status")).isEqualTo("MATCHED");
        assertThat(opened.get("origin")).isEqualTo("AUTOMATIC");
        Map<String, Object> match = jdbc.sql("SELECT outcome, facts::text AS facts, explanation ->> 'zh' AS zh FROM policy_match"
                + " WHERE policy_id = ? AND enterprise_id = ? AND period = ?").params(policy, borrower.id(), Y).query().singleRow();
        assertThat(match.get("outcome")).isEqualTo("ELIGIBLE");
        JsonNode facts = JSON.readTree((String) match.get("facts"));
        assertThat(facts.get("credit.points_loan_yuan").asDouble()).isEqualTo(1_500_000);
        assertThat(match.get("zh")).asString().contains("2024年在平台获得积分贷放款").contains("1.5 万元");
        // the re-match was the borrower's alone, and the credit loan (another product kind) opened nothing
        assertThat(jdbc.sql("SELECT count(*) FROM policy_match WHERE policy_id = ?").param(policy).query(Long.class).single()).isEqualTo(1);
        Thread.sleep(500);
        assertThat(awardCase(policy, creditOnly.id())).isNull();

        // a full matching run of the city keeps it that way: not disbursed, another kind, no loan — no case
        matching.run(ADMIN, new PolicyMatching.Request(policy, CreditFixtures.CITY, Y), null);
        for (CreditFixtures.Ent e : new CreditFixtures.Ent[] {waiting, creditOnly, noLoan}) {
            assertThat(awardCase(policy, e.id())).as(e.name()).isNull();
        }
        assertThat(fx.status(undisbursed)).isEqualTo("CONTRACTED");
        assertThat(jdbc.sql("SELECT count(*) FROM award_case WHERE policy_id = ?").param(policy).query(Long.class).single()).isEqualTo(1);

        // the same report again changes nothing: no second run, one case
        long runs = jdbc.sql("SELECT count(*) FROM policy_match_run WHERE policy_id = ?").param(policy).query(Long.class).single();
        assertThat(send("POST", "/api/v1/credit/loans/" + loan + "/events", banker, disbursed, "sub-disb-0001").body()).contains("\"replayed\":true");
        Thread.sleep(500);
        assertThat(jdbc.sql("SELECT count(*) FROM policy_match_run WHERE policy_id = ?").param(policy).query(Long.class).single()).isEqualTo(runs);

        // scope: the borrower and the bureau of its district see the case; another district's bureau does not
        long caseId = ((Number) opened.get("id")).longValue();
        CurrentUser owner = fx.user("sub-ent", Role.ENTERPRISE, borrower.region(), borrower.id(), null, hash);
        CurrentUser wujin = fx.user("sub-wujin", Role.BUREAU, CreditFixtures.WUJIN, null, null, hash);
        CurrentUser xinbei = fx.user("sub-xinbei", Role.BUREAU, CreditFixtures.XINBEI, null, null, hash);
        assertThat(send("GET", "/api/v1/awards/mine", owner, null, null).body()).contains("\"id\":" + caseId + ",");
        assertThat(send("GET", "/api/v1/awards/" + caseId, wujin, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/awards/" + caseId, xinbei, null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/awards?policy=" + policy + "&size=200", xinbei, null, null).body()).contains("\"items\"").doesNotContain(borrower.name());
        CurrentUser waitingOwner = fx.user("sub-ent2", Role.ENTERPRISE, waiting.region(), waiting.id(), null, hash);
        assertThat(send("GET", "/api/v1/awards/" + caseId, waitingOwner, null, null).statusCode()).isEqualTo(404);
    }
}
