package org.innoladder.award;

import org.innoladder.award.domain.AwardStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.ActiveProfiles;

/**
 * The budget under parallel approvals through the real server: many threads POST approvals (single and bulk) at
 * the same moment over HTTP; the committed total never exceeds the budget and exactly the cases that fit are
 * approved, the others wait in BUDGET_WAIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AwardBudgetConcurrencyTest {
    static final String PASSWORD = "Budget@2026";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    AwardFixtures fx;
    CurrentUser town, approverA, approverB;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void users() {
        fx = new AwardFixtures(jdbc);
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD);
        town = fx.user("awc_town" + AwardFixtures.next(), Role.TOWN, AwardFixtures.HUTANG, null, hash);
        approverA = fx.user("awc_wujin" + AwardFixtures.next(), Role.BUREAU, AwardFixtures.WUJIN, null, hash);
        approverB = fx.user("awc_city" + AwardFixtures.next(), Role.BUREAU, AwardFixtures.CITY, null, hash);
    }

    HttpResponse<String> post(CurrentUser user, String path, String json) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user.username() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    List<Long> reviewedCases(AwardFixtures.Policy p, int period, List<BigDecimal> amounts) {
        List<Long> ids = new ArrayList<>();
        for (BigDecimal a : amounts) {
            ids.add(fx.caseIn(p, fx.enterprise(AwardFixtures.HUTANG), period, a, AwardStatus.TOWN_REVIEWED, null, town.id()));
        }
        return ids;
    }

    BigDecimal sum(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(BigDecimal.class).single();
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void parallelApprovalsNeverOverspendAndApproveExactlyWhatFits() throws Exception {
        AwardFixtures.Policy p = fx.policy("AUTOMATIC", new BigDecimal("1000000"), AwardFixtures.CITY);
        int n = 24;
        List<Long> ids = reviewedCases(p, 2024, java.util.Collections.nCopies(n, new BigDecimal("100000")));
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = ids.get(i);
            CurrentUser approver = i % 2 == 0 ? approverA : approverB;
            responses.add(pool.submit(() -> {
                start.await();
                return post(approver, "/api/v1/awards/" + id + "/actions/approve", "{}");
            }));
        }
        start.countDown();
        int approved = 0, waiting = 0;
        for (Future<HttpResponse<String>> f : responses) {
            HttpResponse<String> r = f.get(180, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            if (r.body().contains("\"to\":\"DISTRICT_APPROVED\"")) approved++;
            if (r.body().contains("\"to\":\"BUDGET_WAIT\"")) waiting++;
        }
        pool.shutdown();
        assertThat(approved).isEqualTo(10);
        assertThat(waiting).isEqualTo(14);
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertThat(count("SELECT count(*) FROM award_case WHERE status = 'DISTRICT_APPROVED' AND id IN (" + in + ")")).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM award_case WHERE status = 'BUDGET_WAIT' AND id IN (" + in + ")")).isEqualTo(14);
        assertThat(fx.committed(p, 2024)).isEqualByComparingTo("1000000");
        assertThat(sum("SELECT coalesce(sum(amount_yuan), 0) FROM award_case WHERE policy_id = ? AND status = 'DISTRICT_APPROVED'", p.id()))
                .isEqualByComparingTo("1000000");
    }

    @Test
    void overlappingBulkApprovalsWithMixedAmountsStayWithinTheBudget() throws Exception {
        AwardFixtures.Policy p = fx.policy("AUTOMATIC", new BigDecimal("2000000"), AwardFixtures.CITY);
        List<BigDecimal> amounts = new ArrayList<>();
        for (int i = 0; i < 30; i++) amounts.add(new BigDecimal(50000 + 37000 * (i % 7)));
        List<Long> ids = reviewedCases(p, 2025, amounts);
        // four bulk requests over overlapping halves plus single approvals, all at once
        List<Long> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        List<List<Long>> batches = List.of(ids.subList(0, 20), ids.subList(10, 30), ids.subList(5, 25), reversed);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            CurrentUser approver = b % 2 == 0 ? approverA : approverB;
            String body = "{\"ids\":" + batches.get(b) + "}";
            responses.add(pool.submit(() -> {
                start.await();
                return post(approver, "/api/v1/awards/bulk-approve", body);
            }));
        }
        for (int i = 0; i < 4; i++) {
            long id = ids.get(i * 7);
            responses.add(pool.submit(() -> {
                start.await();
                return post(approverA, "/api/v1/awards/" + id + "/actions/approve", "{}");
            }));
        }
        start.countDown();
        for (Future<HttpResponse<String>> f : responses) {
            HttpResponse<String> r = f.get(300, TimeUnit.SECONDS);
            // a single approval that lost the race to a bulk one is refused (409): the case is no longer TOWN_REVIEWED
            assertThat(r.statusCode()).as(r.body()).isIn(200, 409);
        }
        pool.shutdown();
        BigDecimal budget = new BigDecimal("2000000");
        BigDecimal committed = fx.committed(p, 2025);
        BigDecimal approvedSum = sum("SELECT coalesce(sum(amount_yuan), 0) FROM award_case WHERE policy_id = ? AND status = 'DISTRICT_APPROVED'", p.id());
        assertThat(committed).isLessThanOrEqualTo(budget).isEqualByComparingTo(approvedSum);
        assertThat(count("SELECT count(*) FROM award_case WHERE policy_id = ? AND status NOT IN ('DISTRICT_APPROVED', 'BUDGET_WAIT')", p.id()))
                .as("every case was tried at least once").isZero();
        // nothing that still waits would have fitted: the budget was used as far as it goes
        BigDecimal remaining = budget.subtract(committed);
        List<BigDecimal> waiting = jdbc.sql("SELECT amount_yuan FROM award_case WHERE policy_id = ? AND status = 'BUDGET_WAIT'")
                .param(p.id()).query(BigDecimal.class).list();
        assertThat(waiting).isNotEmpty().allSatisfy(a -> assertThat(a).isGreaterThan(remaining));
        // each approved case was approved exactly once
        assertThat(count("""
                SELECT count(*) FROM award_case_event ev JOIN award_case c ON c.id = ev.case_id
                WHERE c.policy_id = ? AND ev.to_status = 'DISTRICT_APPROVED'""", p.id()))
                .isEqualTo(count("SELECT count(*) FROM award_case WHERE policy_id = ? AND status = 'DISTRICT_APPROVED'", p.id()));
    }
}
