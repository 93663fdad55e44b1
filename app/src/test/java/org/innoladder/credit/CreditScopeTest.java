package org.innoladder.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Consent and bank isolation through the real pages and API (MockMvc through the security filter chain, the
 * embedded database): the enterprise grants and revokes; a bank sees an enterprise only under a live consent and
 * only the parts granted, every view audited; revocation counts from the next request; bank A never sees bank B's
 * loans or claims (list, page, API); the enterprise's own matching and application; the loan's steps and history.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class CreditScopeTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    CreditFixtures fx;
    CreditFixtures.Ent ent, other;
    long bankA, bankB, productA, productB;
    CurrentUser entUser, bankUserA, bankUserB, bureau;

    @BeforeEach
    void data() {
        fx = new CreditFixtures(jdbc);
        ent = fx.enterprise(CreditFixtures.HUTANG);
        other = fx.enterprise(CreditFixtures.HUTANG);
        bankA = fx.bank("CA");
        bankB = fx.bank("CB");
        productA = fx.product(bankA, true);
        productB = fx.product(bankB, true);
        entUser = fx.user("cs-ent", Role.ENTERPRISE, null, ent.id(), null, "x");
        bankUserA = fx.user("cs-bank-a", Role.BANK, null, null, bankA, "x");
        bankUserB = fx.user("cs-bank-b", Role.BANK, null, null, bankB, "x");
        bureau = fx.user("cs-bureau", Role.BUREAU, CreditFixtures.WUJIN, null, null, "x");
    }

    MockHttpServletResponse as(CurrentUser u, org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<?> r)
            throws Exception {
        return mvc.perform(r.with(user(AppUserDetails.of(u))).with(csrf())).andReturn().getResponse();
    }

    static String body(MockHttpServletResponse r) throws Exception {
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aBankSeesAnEnterpriseOnlyUnderALiveConsentForThePartsGrantedAndRevocationCountsAtOnce() throws Exception {
        // no consent: the bank page of the enterprise is not found, the generic file neither
        assertThat(as(bankUserA, get("/credit/bank/enterprises/" + ent.id())).getStatus()).isEqualTo(404);
        // the enterprise grants points only, through the page
        MockHttpServletResponse granted = as(entUser, post("/credit/consents").param("bankId", String.valueOf(bankA))
                .param("parts", "POINTS").param("purpose", "申请积分贷").param("until", LocalDate.now().plusMonths(6).toString()));
        assertThat(granted.getStatus()).as(body(granted)).isEqualTo(302);
        long consent = jdbc.sql("SELECT id FROM bank_authorisation WHERE enterprise_id = ? AND bank_id = ?").params(ent.id(), bankA)
                .query(Long.class).single();
        assertThat(jdbc.sql("SELECT array_to_string(parts, ',') FROM bank_authorisation WHERE id = ?").param(consent).query(String.class).single())
                .isEqualTo("POINTS");
        MockHttpServletResponse view = as(bankUserA, get("/credit/bank/enterprises/" + ent.id()));
        assertThat(view.getStatus()).isEqualTo(200);
        assertThat(body(view)).contains(ent.name()).contains("企业未授权查看此项");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE actor = ? AND action = 'credit.bank.view' AND target = ?")
                .params(bankUserA.username(), "enterprise:" + ent.creditCode()).query(Long.class).single()).isEqualTo(1);
        // the role's generic scope (file and points pages show every part) does not admit a points-only consent
        assertThat(visible(bankUserA.scope(), ent.id())).isFalse();
        assertThat(visible(DataScope.AuthorisedBank.forPart(bankA, "POINTS"), ent.id())).isTrue();
        assertThat(visible(DataScope.AuthorisedBank.forPart(bankA, "FACTS"), ent.id())).isFalse();
        // bank B has no consent
        assertThat(as(bankUserB, get("/credit/bank/enterprises/" + ent.id())).getStatus()).isEqualTo(404);
        assertThat(body(as(bankUserB, get("/credit/bank")))).doesNotContain(ent.name());
        assertThat(body(as(bankUserA, get("/credit/bank")))).contains(ent.name());
        // revocation: the very next request is refused
        assertThat(as(entUser, post("/credit/consents/" + consent + "/revoke")).getStatus()).isEqualTo(302);
        assertThat(as(bankUserA, get("/credit/bank/enterprises/" + ent.id())).getStatus()).isEqualTo(404);
        assertThat(body(as(bankUserA, get("/api/v1/credit/enterprises").header("Accept", "application/json")))).doesNotContain(ent.creditCode());
        // another enterprise cannot revoke (or see) this consent
        CurrentUser otherUser = fx.user("cs-other", Role.ENTERPRISE, null, other.id(), null, "x");
        long second = fx.consent(ent.id(), bankA, "{POINTS,FACTS,RECOGNITIONS}");
        assertThat(as(otherUser, post("/credit/consents/" + second + "/revoke")).getStatus()).isEqualTo(404);
        assertThat(visible(bankUserA.scope(), ent.id())).isTrue();
    }

    boolean visible(DataScope scope, long enterprise) {
        DataScope.SqlFilter f = scope.enterpriseFilter("e");
        return jdbc.sql("SELECT count(*) FROM enterprise e WHERE e.id = :id AND " + f.sql()).params(f.params()).param("id", enterprise)
                .query(Long.class).single() == 1;
    }

    @Test
    void consentFormErrorsNameTheField() throws Exception {
        MockHttpServletResponse r = as(entUser, post("/credit/consents").param("bankId", String.valueOf(bankA)).param("parts", "SALARIES")
                .param("purpose", "x").param("until", LocalDate.now().plusDays(10).toString()));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(body(r)).contains("parts").contains("SALARIES");
        r = as(entUser, post("/credit/consents").param("bankId", String.valueOf(bankA)).param("parts", "POINTS")
                .param("purpose", "x").param("until", LocalDate.now().minusDays(1).toString()));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(body(r)).contains("until");
        assertThat(jdbc.sql("SELECT count(*) FROM bank_authorisation WHERE enterprise_id = ?").param(ent.id()).query(Long.class).single()).isZero();
    }

    @Test
    void bankANeverSeesBankBsLoansOrClaims() throws Exception {
        long loanA = fx.loan(ent, bankA, productA, "REPAYING", new BigDecimal("500000"));
        long loanB = fx.loan(ent, bankB, productB, "REPAYING", new BigDecimal("700000"));
        assertThat(as(bankUserA, get("/credit/loans/" + loanA)).getStatus()).isEqualTo(200);
        assertThat(as(bankUserA, get("/credit/loans/" + loanB)).getStatus()).isEqualTo(404);
        assertThat(as(bankUserA, get("/api/v1/credit/loans/" + loanB)).getStatus()).isEqualTo(404);
        String list = body(as(bankUserA, get("/api/v1/credit/loans").param("size", "500")));
        assertThat(list).contains("\"id\":" + loanA + ",").doesNotContain("\"id\":" + loanB + ",");
        // a step on the other bank's loan is refused as not found, and nothing changes
        assertThat(as(bankUserA, post("/credit/loans/" + loanB + "/act").param("action", "MARK_OVERDUE")).getStatus()).isEqualTo(404);
        assertThat(fx.status(loanB)).isEqualTo("REPAYING");
        // the enterprise sees both of its loans; the bureau of its district too
        assertThat(as(entUser, get("/credit/loans/" + loanB)).getStatus()).isEqualTo(200);
        assertThat(as(bureau, get("/credit/loans/" + loanB)).getStatus()).isEqualTo(200);
        // claims: B's claim is not in A's list
        fx.pool(CreditFixtures.HUTANG, new BigDecimal("10000000"));
        jdbc.sql("UPDATE loan SET status = 'NON_PERFORMING' WHERE id IN (?, ?)").params(loanA, loanB).update();
        assertThat(as(bankUserB, post("/credit/bank/claims").param("loanId", String.valueOf(loanB)).param("evidence", "不良认定书"))
                .getStatus()).isEqualTo(302);
        assertThat(as(bankUserA, post("/credit/bank/claims").param("loanId", String.valueOf(loanB)).param("evidence", "不良认定书"))
                .getStatus()).isEqualTo(404);
        String claimsA = body(as(bankUserA, get("/api/v1/credit/claims")));
        assertThat(claimsA).doesNotContain("\"loanId\":" + loanB);
        assertThat(body(as(bankUserB, get("/api/v1/credit/claims")))).contains("\"loanId\":" + loanB);
        assertThat(fx.status(loanB)).isEqualTo("COMPENSATION_CLAIMED");
    }

    @Test
    void theEnterpriseAppliesForAProductItMatchesAndTheBankMovesTheLoanWithHistory() throws Exception {
        // no points stored: the product is a near miss with the missing fact named
        String mine = body(as(entUser, get("/credit/mine")));
        assertThat(mine).contains("缺少数据，无法判断：创新积分不低于 60 分");
        MockHttpServletResponse applied = as(entUser, post("/credit/applications").param("productId", String.valueOf(productA))
                .param("amount", "800000").param("purpose", "研发设备采购"));
        assertThat(applied.getStatus()).isEqualTo(302);
        long loan = Long.parseLong(applied.getRedirectedUrl().replaceAll(".*/", ""));
        assertThat(fx.status(loan)).isEqualTo("SUBMITTED");
        // out of the product's range: refused naming the amount
        MockHttpServletResponse tooMuch = as(entUser, post("/credit/applications").param("productId", String.valueOf(productA)).param("amount", "90000000"));
        assertThat(tooMuch.getStatus()).isEqualTo(400);
        assertThat(body(tooMuch)).contains("amount");
        for (String[] step : new String[][] {{"REVIEW", null}, {"APPROVE", "800000"}, {"CONTRACT", null}, {"DISBURSE", "800000"},
                {"REPAY", "100000"}}) {
            MockHttpServletRequestBuilder r = post("/credit/loans/" + loan + "/act").param("action", step[0]);
            if (step[1] != null) r.param("amount", step[1]);
            assertThat(as(bankUserA, r).getRedirectedUrl()).isEqualTo("/credit/loans/" + loan);
        }
        assertThat(fx.status(loan)).isEqualTo("REPAYING");
        assertThat(jdbc.sql("SELECT outstanding_yuan FROM loan WHERE id = ?").param(loan).query(BigDecimal.class).single())
                .isEqualByComparingTo("700000");
        // a step the state does not allow: the reason, nothing changed
        as(bankUserA, post("/credit/loans/" + loan + "/act").param("action", "CONTRACT"));
        assertThat(fx.status(loan)).isEqualTo("REPAYING");
        // the enterprise may not take the bank's steps
        as(entUser, post("/credit/loans/" + loan + "/act").param("action", "CLOSE"));
        assertThat(fx.status(loan)).isEqualTo("REPAYING");
        assertThat(jdbc.sql("SELECT string_agg(coalesce(from_status, '-') || '>' || to_status, ' ' ORDER BY id) FROM loan_event WHERE loan_id = ?")
                .param(loan).query(String.class).single())
                .isEqualTo("->SUBMITTED SUBMITTED>UNDER_REVIEW UNDER_REVIEW>APPROVED APPROVED>CONTRACTED CONTRACTED>DISBURSED DISBURSED>REPAYING");
        String page = body(as(entUser, get("/credit/loans/" + loan)));
        assertThat(page).contains("还款中").contains("70.00 万元");
    }

    @Test
    void aBankOffersOnlyToAnEnterpriseThatConsentedToIt() throws Exception {
        assertThat(as(bankUserA, post("/credit/bank/offers").param("enterpriseId", String.valueOf(ent.id()))
                .param("productId", String.valueOf(productA)).param("amount", "500000")).getStatus()).isEqualTo(404);
        fx.consent(ent.id(), bankA, "{POINTS}");
        MockHttpServletResponse offered = as(bankUserA, post("/credit/bank/offers").param("enterpriseId", String.valueOf(ent.id()))
                .param("productId", String.valueOf(productA)).param("amount", "500000"));
        assertThat(offered.getStatus()).isEqualTo(302);
        long loan = Long.parseLong(offered.getRedirectedUrl().replaceAll(".*/", ""));
        assertThat(fx.status(loan)).isEqualTo("OFFERED");
        // another bank's product cannot be offered
        assertThat(as(bankUserA, post("/credit/bank/offers").param("enterpriseId", String.valueOf(ent.id()))
                .param("productId", String.valueOf(productB)).param("amount", "500000")).getStatus()).isEqualTo(400);
        as(entUser, post("/credit/loans/" + loan + "/act").param("action", "ACCEPT"));
        assertThat(fx.status(loan)).isEqualTo("APPROVED");
    }

    @Test
    void theLedgerUploadAppliesTheGoodRowsAndReportsEachBadOne() throws Exception {
        long overdue = fx.loan(ent, bankA, productA, "REPAYING", new BigDecimal("500000"));
        long repaid = fx.loan(ent, bankA, productA, "REPAYING", new BigDecimal("500000"));
        long closed = fx.loan(ent, bankA, productA, "REPAYING", new BigDecimal("500000"));
        long jump = fx.loan(ent, bankA, productA, "REPAYING", new BigDecimal("500000"));
        long theirs = fx.loan(ent, bankB, productB, "REPAYING", new BigDecimal("500000"));
        String csv = "贷款编号,状态,贷款余额,日期\n"
                + overdue + ",逾期,500000,2026-11-30\n"
                + repaid + ",REPAYING,420000,2026-11-30\n"
                + closed + ",已结清,0,2026-11-30\n"
                + jump + ",不良,500000,2026-11-30\n"
                + theirs + ",逾期,500000,2026-11-30\n"
                + "abc,逾期,1,2026-11-30\n"
                + overdue + ",sleeping,1,2026-11-30\n";
        org.springframework.mock.web.MockMultipartFile file = new org.springframework.mock.web.MockMultipartFile("file", "台账.csv",
                "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse r = as(bankUserA, org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .multipart("/api/v1/credit/ledger").file(file));
        assertThat(r.getStatus()).as(body(r)).isEqualTo(200);
        String report = body(r);
        assertThat(report).contains("\"rows\":7").contains("\"applied\":3");
        assertThat(report).contains("\"line\":5,\"column\":\"status\"").contains("\"line\":6,\"column\":\"loan_id\"")
                .contains("\"line\":7,\"column\":\"loan_id\"").contains("\"line\":8,\"column\":\"status\",\"value\":\"sleeping\"");
        assertThat(fx.status(overdue)).isEqualTo("OVERDUE");
        assertThat(fx.status(repaid)).isEqualTo("REPAYING");
        assertThat(jdbc.sql("SELECT outstanding_yuan FROM loan WHERE id = ?").param(repaid).query(BigDecimal.class).single())
                .isEqualByComparingTo("420000");
        assertThat(fx.status(closed)).isEqualTo("CLOSED");
        assertThat(fx.status(jump)).isEqualTo("REPAYING");
        assertThat(fx.status(theirs)).isEqualTo("REPAYING");
        // the page shows the same report with the reasons
        MockHttpServletResponse page = as(bankUserA, org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .multipart("/credit/bank/ledger").file(file));
        assertThat(body(page)).contains("ledger-report").contains("不是贷款状态");
    }

    @Test
    void theBureauPageShowsTheFunnelAndExportsInItsRegionOnly() throws Exception {
        fx.loan(ent, bankA, productA, "REPAYING", new BigDecimal("500000"));
        MockHttpServletResponse page = as(bureau, get("/credit/bureau"));
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(body(page)).contains("转化漏斗").contains("湖塘镇");
        MockHttpServletResponse outside = as(bureau, get("/credit/bureau").param("region", "320411"));
        assertThat(outside.getStatus()).isEqualTo(400);
        MockHttpServletResponse xlsx = as(bureau, get("/credit/bureau/export.xlsx"));
        assertThat(xlsx.getStatus()).isEqualTo(200);
        assertThat(xlsx.getContentAsByteArray().length).isGreaterThan(1000);
        assertThat(as(bankUserA, get("/credit/bureau")).getStatus()).isEqualTo(403);
    }
}
