package org.innoladder.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.innoladder.credit.domain.LoanAction;
import org.innoladder.credit.internal.Loans;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
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
 * The bank's loan book by keyset through the page and the API: following "next" from the first page walks the
 * bank's loans newest first, each exactly once, 50 a page, to the last page (no "next" there); "previous" comes back
 * to the same rows; another bank's loans never appear; a cursor that is not an id is a 400; the count follows a loan
 * written through the service at once.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class LoanBookPagingTest {
    static final Pattern LOAN = Pattern.compile("data-loan=\"(\\d+)\"");
    static final Pattern NEXT = Pattern.compile("id=\"page-next\" href=\"([^\"]+)\"");
    static final Pattern PREV = Pattern.compile("id=\"page-prev\" href=\"([^\"]+)\"");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Loans loans;

    String page(CurrentUser u, MockHttpServletRequestBuilder r) throws Exception {
        MockHttpServletResponse res = mvc.perform(r.with(user(AppUserDetails.of(u))).with(csrf())).andReturn().getResponse();
        assertThat(res.getStatus()).isEqualTo(200);
        return res.getContentAsString(StandardCharsets.UTF_8);
    }

    /** The loan ids of the book card (the pending applications card lists loans too). */
    static List<Long> book(String html) {
        String card = html.substring(html.indexOf("id=\"book\""), html.indexOf("id=\"ledger\""));
        List<Long> out = new ArrayList<>();
        Matcher m = LOAN.matcher(card);
        while (m.find()) out.add(Long.parseLong(m.group(1)));
        return out;
    }

    static String link(Pattern p, String html) {
        Matcher m = p.matcher(html);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    @Test
    void nextAndPreviousWalkTheBookByKeysetEachLoanOnce() throws Exception {
        CreditFixtures fx = new CreditFixtures(jdbc);
        long bank = fx.bank("KS"), other = fx.bank("KSX");
        CurrentUser banker = fx.user("ks-bank", Role.BANK, null, null, bank, "x");
        CreditFixtures.Ent e = fx.enterprise(CreditFixtures.HUTANG);
        long product = fx.product(bank, true), otherProduct = fx.product(other, true);
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            mine.add(fx.loan(e, bank, product, "REPAYING", new BigDecimal("500000")));
            if (i % 3 == 0) fx.loan(e, other, otherProduct, "REPAYING", new BigDecimal("500000"));
        }
        List<Long> newestFirst = new ArrayList<>(mine);
        newestFirst.sort((a, b) -> Long.compare(b, a));

        String first = page(banker, get("/credit/bank"));
        assertThat(book(first)).containsExactlyElementsOf(newestFirst.subList(0, 50));
        assertThat(first).contains("1 / 3");
        String next = link(NEXT, first);
        assertThat(next).contains("before=" + newestFirst.get(49)).contains("page=2");
        String second = page(banker, get(next));
        assertThat(book(second)).containsExactlyElementsOf(newestFirst.subList(50, 100));
        String third = page(banker, get(link(NEXT, second)));
        assertThat(book(third)).containsExactlyElementsOf(newestFirst.subList(100, 120));
        assertThat(third).contains("3 / 3");
        assertThat(link(NEXT, third)).isNull();
        // back: the same rows as on the way there
        String back = page(banker, get(link(PREV, third)));
        assertThat(book(back)).containsExactlyElementsOf(newestFirst.subList(50, 100));
        assertThat(book(page(banker, get(link(PREV, back))))).containsExactlyElementsOf(newestFirst.subList(0, 50));
        assertThat(link(PREV, first)).isNull();

        // the API by keyset: older than a loan, the bank's own only
        String api = page(banker, get("/api/v1/credit/loans").param("before", String.valueOf(newestFirst.get(109))).param("size", "50"));
        for (long id : newestFirst.subList(110, 120)) assertThat(api).contains("\"id\":" + id + ",");
        assertThat(api).doesNotContain("\"id\":" + newestFirst.get(109) + ",").contains("\"totalItems\":120");
        MockHttpServletResponse bad = mvc.perform(get("/credit/bank").param("before", "abc").with(user(AppUserDetails.of(banker))))
                .andReturn().getResponse();
        assertThat(bad.getStatus()).isEqualTo(400);

        // a step through the service is counted at once (the count is cached between writes)
        loans.act(banker, newestFirst.get(0), LoanAction.CLOSE, null, null, null, null);
        assertThat(loans.count(banker, org.innoladder.credit.domain.LoanStatus.CLOSED)).isEqualTo(1);
        assertThat(loans.count(banker, org.innoladder.credit.domain.LoanStatus.REPAYING)).isEqualTo(119);
    }
}
