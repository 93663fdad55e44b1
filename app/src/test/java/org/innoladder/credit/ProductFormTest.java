package org.innoladder.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

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
 * The bank's product form through the pages: a bank publishes a product with amounts by revenue band; a criterion
 * that is not CEL over the product facts is refused naming the field, its line and column, a band outside the range
 * naming its line, and nothing is saved; another bank can neither open nor change the product; the owner edits it.
 * The enterprise sees the amount of its own band and cannot apply for more; an enterprise without the fact sees the
 * product's range.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
class ProductFormTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    MockHttpServletResponse as(CurrentUser u, MockHttpServletRequestBuilder r) throws Exception {
        return mvc.perform(r.with(user(AppUserDetails.of(u))).with(csrf())).andReturn().getResponse();
    }

    static String body(MockHttpServletResponse r) throws Exception {
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    static MockHttpServletRequestBuilder form(String path, String code, String eligibility, String basis, String bands) {
        return post(path).param("code", code).param("name", "科技成长贷").param("kind", "CREDIT").param("amountMin", "30")
                .param("amountMax", "300").param("rateMin", "3.6").param("rateMax", "5").param("term", "12")
                .param("eligibility", eligibility).param("bandBasis", basis).param("bands", bands).param("poolCovered", "true")
                .param("active", "true");
    }

    long count(long bank) {
        return jdbc.sql("SELECT count(*) FROM credit_product WHERE bank_id = ?").param(bank).query(Long.class).single();
    }

    @Test
    void aBankPublishesAndEditsItsOwnProductWithAmountsByRevenueBand() throws Exception {
        CreditFixtures fx = new CreditFixtures(jdbc);
        long bankA = fx.bank("PFA"), bankB = fx.bank("PFB");
        CurrentUser a = fx.user("pf-a", Role.BANK, null, null, bankA, "x"), b = fx.user("pf-b", Role.BANK, null, null, bankB, "x");
        String code = "GROW-" + CreditFixtures.next();
        String eligibility = "rev | 营业收入不少于 1000 万元 | sales revenue of at least 10 million yuan | e.sales_revenue >= 10000000.0";
        String bands = "0 | 100\n2000 | 200\n10000 | 300";

        assertThat(as(a, get("/credit/bank/products/new")).getStatus()).isEqualTo(200);
        // a criterion that reads an undeclared name: the field, line 2 and the column of the name in the form's line
        MockHttpServletResponse bad = as(a, form("/credit/bank/products", code,
                eligibility + "\ns2 | 积分 | points | 1.0 < 2.0 && scor > 1.0", "REVENUE", bands));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(body(bad)).contains("eligibility").contains("第 2 行第 33 列").contains("scor")
                .contains("value=\"" + code + "\"");
        // a band above the product's highest amount: its line
        MockHttpServletResponse band = as(a, form("/credit/bank/products", code, eligibility, "REVENUE", "0 | 100\n2000 | 500"));
        assertThat(band.getStatus()).isEqualTo(400);
        assertThat(body(band)).contains("bands").contains("第 2 行的最高额度须在产品额度 30–300 万元之内");
        assertThat(count(bankA)).isZero();

        MockHttpServletResponse ok = as(a, form("/credit/bank/products", code, eligibility, "REVENUE", bands));
        assertThat(ok.getStatus()).as(body(ok)).isEqualTo(302);
        Map<String, Object> row = jdbc.sql("SELECT id, kind, amount_min_yuan, amount_max_yuan, rate_min, band_basis, amount_bands::text AS bands,"
                + " eligibility::text AS elig FROM credit_product WHERE bank_id = ?").param(bankA).query().singleRow();
        long id = ((Number) row.get("id")).longValue();
        assertThat(row.get("kind")).isEqualTo("CREDIT");
        assertThat(row.get("amount_min_yuan").toString()).isEqualTo("300000.00");
        assertThat(row.get("rate_min").toString()).isEqualTo("0.0360");
        assertThat(row.get("band_basis")).isEqualTo("REVENUE");
        assertThat((String) row.get("bands")).contains("\"from\": 20000000").contains("\"max\": 2000000");
        assertThat((String) row.get("elig")).contains("e.sales_revenue >= 10000000.0");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'credit.product.create' AND target = ?")
                .param("credit_product:" + id).query(Long.class).single()).isEqualTo(1);
        assertThat(body(as(a, get("/credit/bank")))).contains("营业收入 2000 万元起：最高 200 万元");

        // another bank: not found, and nothing changes
        assertThat(as(b, get("/credit/bank/products/" + id + "/edit")).getStatus()).isEqualTo(404);
        assertThat(as(b, form("/credit/bank/products/" + id, "STOLEN", "", "", "")).getStatus()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT code FROM credit_product WHERE id = ?").param(id).query(String.class).single()).isEqualTo(code);
        // the owner edits it: the form comes back filled in, the change is saved and audited
        assertThat(body(as(a, get("/credit/bank/products/" + id + "/edit")))).contains("2000 | 200").contains("3.6");
        assertThat(as(a, form("/credit/bank/products/" + id, code, eligibility, "REVENUE", "0 | 100\n2000 | 250")).getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT amount_bands::text FROM credit_product WHERE id = ?").param(id).query(String.class).single())
                .contains("2500000");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'credit.product.update' AND target = ?")
                .param("credit_product:" + id).query(Long.class).single()).isEqualTo(1);

        // a second product by tier, open to every enterprise
        String tierCode = "TIER-" + CreditFixtures.next();
        assertThat(as(a, form("/credit/bank/products", tierCode, "", "TIER", "HNTE | 200")).getStatus()).isEqualTo(302);
        long tierProduct = jdbc.sql("SELECT id FROM credit_product WHERE bank_id = ? AND code = ?").params(bankA, tierCode).query(Long.class).single();

        // an enterprise with 5000万元 of revenue last year: the 2000万元 band, 250万元; it holds no HNTE, so the tier
        // product offers it the product's own highest amount
        CreditFixtures.Ent e = fx.enterprise(CreditFixtures.HUTANG);
        int last = LocalDate.now().getYear() - 1;
        jdbc.sql("INSERT INTO enterprise_year (enterprise_id, year, employees, sales_revenue, bad_credit) VALUES (?, ?, 80, 50000000, false)")
                .params(e.id(), last).update();
        CurrentUser owner = fx.user("pf-ent", Role.ENTERPRISE, null, e.id(), null, "x");
        String mine = body(as(owner, get("/credit/mine")));
        assertThat(card(mine, id)).contains("适用额度 250.00 万元（营业收入 2000 万元及以上档）");
        assertThat(card(mine, tierProduct)).contains("适用额度 300.00 万元").doesNotContain("档）");
        MockHttpServletResponse tooMuch = as(owner, post("/credit/applications").param("productId", String.valueOf(id)).param("amount", "2600000"));
        assertThat(tooMuch.getStatus()).isEqualTo(400);
        assertThat(body(tooMuch)).contains("2500000").contains("营业收入 2000 万元及以上档");
        assertThat(as(owner, post("/credit/applications").param("productId", String.valueOf(id)).param("amount", "2500000")).getStatus())
                .isEqualTo(302);
    }

    /** One product's card on 我的融资. */
    static String card(String html, long product) {
        int i = html.indexOf("id=\"product-" + product + "\"");
        assertThat(i).as("product " + product + " is listed").isPositive();
        return html.substring(i, html.indexOf("</form>", i));
    }
}
