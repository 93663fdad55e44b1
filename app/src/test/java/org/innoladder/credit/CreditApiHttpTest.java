package org.innoladder.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.innoladder.audit.AuditTrail;
import org.innoladder.credit.internal.ApiTokens;
import org.innoladder.identity.ApiTokenResolver;
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
 * The bank API through the real server: bank API tokens (Bearer) authenticate, are scoped to their bank, hashed at
 * rest, stop at once when revoked or when their user is disabled, and are rate-limited; event reports are idempotent
 * (the same key twice, and twenty copies at once, apply once; the same key with another report is refused); and the
 * pool is never overdrawn under parallel approvals by several bureau officers, each approval needing a reviewer
 * other than the approver.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CreditApiHttpTest {
    static final String PASSWORD = "Credit@2026";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    AuditTrail audit;

    CreditFixtures fx;
    String hash;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void setUp() {
        fx = new CreditFixtures(jdbc);
        hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD);
    }

    HttpResponse<String> send(String method, String path, String auth, String json, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json");
        if (auth != null) b.header("Authorization", auth);
        if (key != null) b.header("Idempotency-Key", key);
        if (json == null) b.method(method, HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String basic(CurrentUser u) {
        return "Basic " + Base64.getEncoder().encodeToString((u.username() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBankTokenAuthenticatesOnlyForItsBankUntilRevoked() throws Exception {
        long bankA = fx.bank("TA"), bankB = fx.bank("TB");
        CurrentUser a = fx.user("tok-a", Role.BANK, null, null, bankA, hash);
        CreditFixtures.Ent e = fx.enterprise(CreditFixtures.HUTANG);
        long loanA = fx.loan(e, bankA, fx.product(bankA, true), "REPAYING", new BigDecimal("100000"));
        long loanB = fx.loan(e, bankB, fx.product(bankB, true), "REPAYING", new BigDecimal("100000"));
        ApiTokens.Issued t = tokens.create(a, "核心系统", null);
        assertThat(t.token()).matches("ilb_[0-9a-f]{12}_[0-9a-f]{64}");
        // hashed at rest: the secret is nowhere in the table
        String secret = t.token().substring(17);
        assertThat(jdbc.sql("SELECT count(*) FROM bank_api_token WHERE secret_hash = ? OR token_prefix = ? OR name = ?")
                .params(secret, secret, secret).query(Long.class).single()).isZero();
        String bearer = "Bearer " + t.token();
        assertThat(send("GET", "/api/v1/credit/loans/" + loanA, bearer, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/credit/loans/" + loanB, bearer, null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/credit/loans?size=500", bearer, null, null).body()).contains("\"id\":" + loanA + ",")
                .doesNotContain("\"id\":" + loanB + ",");
        // a wrong secret with the right prefix, and a malformed token, are 401
        String wrong = t.token().substring(0, 17) + "0".repeat(64);
        assertThat(send("GET", "/api/v1/credit/loans/" + loanA, "Bearer " + wrong, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/credit/loans/" + loanA, "Bearer nonsense", null, null).statusCode()).isEqualTo(401);
        // a bank token is not a page credential, and a bank reads nothing of the bureau's
        assertThat(send("GET", "/api/v1/awards", bearer, null, null).statusCode()).isEqualTo(403);
        // disabling the user stops the token; enabling it again restores it
        jdbc.sql("UPDATE app_user SET enabled = false WHERE id = ?").param(a.id()).update();
        assertThat(send("GET", "/api/v1/credit/loans/" + loanA, bearer, null, null).statusCode()).isEqualTo(401);
        jdbc.sql("UPDATE app_user SET enabled = true WHERE id = ?").param(a.id()).update();
        assertThat(send("GET", "/api/v1/credit/loans/" + loanA, bearer, null, null).statusCode()).isEqualTo(200);
        // moving the user to another bank stops the token (it was issued for bank A)
        jdbc.sql("UPDATE app_user SET bank_id = ? WHERE id = ?").params(bankB, a.id()).update();
        assertThat(send("GET", "/api/v1/credit/loans/" + loanA, bearer, null, null).statusCode()).isEqualTo(401);
        jdbc.sql("UPDATE app_user SET bank_id = ? WHERE id = ?").params(bankA, a.id()).update();
        // revocation counts from the next request
        tokens.revoke(a, t.id(), null);
        assertThat(send("GET", "/api/v1/credit/loans/" + loanA, bearer, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenUsedFasterThanItsLimitIsAnswered429() throws Exception {
        long bank = fx.bank("TR");
        CurrentUser u = fx.user("tok-rate", Role.BANK, null, null, bank, hash);
        ApiTokens limited = new ApiTokens(jdbc, audit, Clock.systemUTC(), 3);
        ApiTokens.Issued t = limited.create(u, "限流测试", null);
        for (int i = 0; i < 3; i++) assertThat(limited.resolve(t.token()).outcome()).isEqualTo(ApiTokenResolver.Outcome.VALID);
        ApiTokenResolver.Resolution fourth = limited.resolve(t.token());
        assertThat(fourth.outcome()).isEqualTo(ApiTokenResolver.Outcome.RATE_LIMITED);
        assertThat(fourth.retryAfterSeconds()).isBetween(1L, 60L);
    }

    @Test
    void theSameReportTwiceChangesNothingAndTwentyCopiesAtOnceApplyOnce() throws Exception {
        long bank = fx.bank("TI");
        CurrentUser u = fx.user("rep", Role.BANK, null, null, bank, hash);
        CreditFixtures.Ent e = fx.enterprise(CreditFixtures.HUTANG);
        long loan = fx.loan(e, bank, fx.product(bank, true), "REPAYING", new BigDecimal("600000"));
        String report = "{\"type\":\"REPAYMENT\",\"amount\":\"100000\",\"date\":\"2026-11-30\"}";
        HttpResponse<String> first = send("POST", "/api/v1/credit/loans/" + loan + "/events", basic(u), report, "rep-key-0001");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"replayed\":false");
        HttpResponse<String> again = send("POST", "/api/v1/credit/loans/" + loan + "/events", basic(u), report, "rep-key-0001");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"replayed\":true");
        assertThat(outstanding(loan)).isEqualByComparingTo("500000");
        HttpResponse<String> reused = send("POST", "/api/v1/credit/loans/" + loan + "/events", basic(u),
                report.replace("100000", "200000"), "rep-key-0001");
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(reused.body()).contains("IDEMPOTENCY_KEY_REUSED");
        assertThat(send("POST", "/api/v1/credit/loans/" + loan + "/events", basic(u), report, null).statusCode()).isEqualTo(400);
        // twenty copies of one report at the same moment
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> copies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            copies.add(pool.submit(() -> {
                start.await();
                return send("POST", "/api/v1/credit/loans/" + loan + "/events", basic(u), report, "rep-key-0002");
            }));
        }
        start.countDown();
        int fresh = 0;
        for (Future<HttpResponse<String>> f : copies) {
            HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            if (r.body().contains("\"replayed\":false")) fresh++;
        }
        pool.shutdown();
        assertThat(fresh).isEqualTo(1);
        assertThat(outstanding(loan)).isEqualByComparingTo("400000");
        assertThat(jdbc.sql("SELECT count(*) FROM loan_event WHERE loan_id = ? AND action = 'REPAY'").param(loan).query(Long.class).single())
                .isEqualTo(2);
    }

    BigDecimal outstanding(long loan) {
        return jdbc.sql("SELECT outstanding_yuan FROM loan WHERE id = ?").param(loan).query(BigDecimal.class).single();
    }

    @Test
    void parallelApprovalsNeverOverdrawThePoolAndApproveExactlyWhatFits() throws Exception {
        String town = fx.freeTown();
        long bank = fx.bank("TP");
        CurrentUser banker = fx.user("pool-bank", Role.BANK, null, null, bank, hash);
        CurrentUser reviewer = fx.user("pool-review", Role.BUREAU, CreditFixtures.WUJIN, null, null, hash);
        List<CurrentUser> approvers = List.of(fx.user("pool-approve-a", Role.BUREAU, CreditFixtures.WUJIN, null, null, hash),
                fx.user("pool-approve-b", Role.BUREAU, CreditFixtures.CITY, null, null, hash));
        long product = fx.product(bank, true);
        // 1,000,000 of principal, direct, not first: 300,000 each; the pool holds 1,000,000: three fit, the rest are refused
        long poolId = fx.pool(town, new BigDecimal("1000000"));
        int n = 12;
        List<Long> claims = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long loan = fx.loan(fx.enterprise(town), bank, product, "NON_PERFORMING", new BigDecimal("1000000"));
            claims.add(claim(banker, loan));
        }
        assertThat(jdbc.sql("SELECT sum(amount_yuan) FROM compensation_claim WHERE pool_id = ?").param(poolId).query(BigDecimal.class).single())
                .isEqualByComparingTo(new BigDecimal(300000L * n));
        for (long c : claims) {
            jdbc.sql("UPDATE compensation_claim SET status = 'REVIEWED', reviewed_by = ? WHERE id = ?").params(reviewer.id(), c).update();
        }
        // the reviewer may not approve what it reviewed
        org.innoladder.web.ServerSession own = org.innoladder.web.ServerSession.signIn(port, reviewer.username(), PASSWORD);
        assertThat(post(own, "/credit/claims/" + claims.get(0) + "/act", "action=APPROVE")).isEqualTo(302);
        assertThat(jdbc.sql("SELECT status FROM compensation_claim WHERE id = ?").param(claims.get(0)).query(String.class).single())
                .isEqualTo("REVIEWED");
        List<org.innoladder.web.ServerSession> sessions = new ArrayList<>();
        for (CurrentUser a : approvers) sessions.add(org.innoladder.web.ServerSession.signIn(port, a.username(), PASSWORD));
        ExecutorService exec = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long c = claims.get(i);
            org.innoladder.web.ServerSession session = sessions.get(i % 2);
            results.add(exec.submit(() -> {
                start.await();
                return post(session, "/credit/claims/" + c + "/act", "action=APPROVE");
            }));
        }
        start.countDown();
        for (Future<Integer> f : results) assertThat(f.get(180, TimeUnit.SECONDS)).isIn(302);
        exec.shutdown();
        long approved = jdbc.sql("SELECT count(*) FROM compensation_claim WHERE pool_id = ? AND status = 'APPROVED'").param(poolId)
                .query(Long.class).single();
        assertThat(approved).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM compensation_claim WHERE pool_id = ? AND status = 'REVIEWED'").param(poolId)
                .query(Long.class).single()).isEqualTo(n - 3);
        assertThat(jdbc.sql("SELECT committed_yuan FROM risk_pool WHERE id = ?").param(poolId).query(BigDecimal.class).single())
                .isEqualByComparingTo("900000");
        // the pool's balance fell by exactly the approved amounts
        assertThat(jdbc.sql("SELECT funded_yuan + returned_yuan - committed_yuan FROM risk_pool WHERE id = ?").param(poolId)
                .query(BigDecimal.class).single()).isEqualByComparingTo("100000");
    }

    /** A claim through the service the bank page calls (the page's own test is CreditScopeTest). */
    @Autowired
    org.innoladder.credit.internal.RiskPools riskPools;

    long claim(CurrentUser banker, long loan) {
        return riskPools.claim(banker, loan, null, "不良认定书、催收记录", null);
    }

    /** A form post through the real page endpoint with a signed-in session and its CSRF token. */
    static int post(org.innoladder.web.ServerSession s, String path, String form) throws Exception {
        return s.send(HttpRequest.newBuilder(s.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + java.net.URLEncoder.encode(s.csrfToken(),
                        StandardCharsets.UTF_8))).build()).statusCode();
    }
}
