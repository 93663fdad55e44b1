package org.innoladder.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.credit.internal.RiskPools;
import org.innoladder.credit.internal.WhiteListRule;
import org.innoladder.credit.internal.WhiteLists;
import org.innoladder.identity.DataScope;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 科技型企业白名单 end to end (the real pages, the embedded database): a district bureau saves and publishes the rule
 * and the list of a period through the pages; each enterprise's outcome is compared with the rule worked out by hand
 * for its facts; a town sees its own town's enterprises only; a bank sees a listed enterprise only while it opted in
 * or consented to that bank; a publication is audited and never changes afterwards; the 如皋 pool variant reads the
 * membership.
 *
 * <p>The list is 武进区's for 2099, over points of the year 2099 that only this test writes, so the other tests'
 * enterprises of the district are evaluated (without points) but none of them is listed.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhiteListTest {
    static final int YEAR = 2099;
    static final String CRITERIA = """
            percentile | 创新积分位于本阶段前 40% | points in the top 40% of the stage | points.percentile >= 60.0
            tech | 为有效高新技术企业或科技型中小企业 | a valid HNTE or TSME | 'HNTE' in tiers || 'TSME' in tiers
            no_npl | 在本平台无不良贷款 | no non-performing loan on the platform | credit.non_performing == 0.0
            no_overdue | 在本平台无逾期贷款 | no overdue loan on the platform | credit.overdue == 0.0""";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WhiteLists whiteLists;
    @Autowired
    RiskPools pools;
    @Autowired
    org.innoladder.credit.internal.CreditFigures figures;
    @Autowired
    PlatformTransactionManager transactions;

    CreditFixtures fx;
    String townB;
    long bankA, bankB, product;
    CurrentUser bureau, townUserA, townUserB, xinbeiTown, bankUserA, bankUserB;
    /** name → the enterprise, in the order of the cases. */
    final Map<String, CreditFixtures.Ent> ents = new LinkedHashMap<>();
    long listId;

    @BeforeAll
    void data() {
        fx = new CreditFixtures(jdbc);
        townB = fx.freeTown();
        bankA = fx.bank("WLA");
        bankB = fx.bank("WLB");
        product = fx.product(bankA, true);
        long run = jdbc.sql("INSERT INTO points_run (year, model_id, model_version, started_by) VALUES (?, 'wl-test', '1', 'test') RETURNING id")
                .param(YEAR).query(Long.class).single();
        // name, town, percentile (null: no points), points, tier held, loan status (null: none)
        Object[][] cases = {
                {"listed", CreditFixtures.HUTANG, 80, 85, "HNTE", null},
                {"listedWithLoan", townB, 75, 72, "TSME", "REPAYING"},
                {"lowPercentile", CreditFixtures.HUTANG, 50, 55, "HNTE", null},
                {"noTier", townB, 90, 91, null, null},
                {"overdue", CreditFixtures.HUTANG, 90, 88, "HNTE", "OVERDUE"},
                {"far", CreditFixtures.HUTANG, 30, 20, null, "NON_PERFORMING"},
                {"noPoints", townB, null, null, "HNTE", null}};
        for (Object[] c : cases) {
            CreditFixtures.Ent e = fx.enterprise((String) c[1]);
            ents.put((String) c[0], e);
            if (c[2] != null) {
                jdbc.sql("""
                        INSERT INTO enterprise_points (enterprise_id, year, model_id, model_version, stage, total, percentile,
                            stage_uncertain, breakdown, run_id) VALUES (?, ?, 'wl-test', '1', 'growth', ?, ?, false, '{}'::jsonb, ?)""")
                        .params(e.id(), YEAR, c[3], c[2], run).update();
            }
            if (c[4] != null) {
                int bit = 1 << org.innoladder.rules.ladder.Tier.valueOf((String) c[4]).ordinal();
                jdbc.sql("""
                        INSERT INTO ladder_standing (year, enterprise_id, credit_code, region_code, growth_official, held_mask,
                               qualified_mask)
                        SELECT ?, id, credit_code, ?, ?, ?, 0 FROM enterprise WHERE id = ?""").params(YEAR, e.region(), c[4], bit, e.id())
                        .update();
            }
            if (c[5] != null) fx.loan(e, bankB, fx.product(bankB, true), (String) c[5], new BigDecimal("500000"));
        }
        bureau = fx.user("wl-bureau", Role.BUREAU, CreditFixtures.WUJIN, null, null, "x");
        townUserA = fx.user("wl-town-a", Role.TOWN, CreditFixtures.HUTANG, null, null, "x");
        townUserB = fx.user("wl-town-b", Role.TOWN, townB, null, null, "x");
        xinbeiTown = fx.user("wl-town-x", Role.TOWN, "320411002", null, null, "x");
        bankUserA = fx.user("wl-bank-a", Role.BANK, null, null, bankA, "x");
        bankUserB = fx.user("wl-bank-b", Role.BANK, null, null, bankB, "x");
    }

    MockHttpServletResponse as(CurrentUser u, AbstractMockHttpServletRequestBuilder<?> r) throws Exception {
        return mvc.perform(r.with(user(AppUserDetails.of(u))).with(csrf())).andReturn().getResponse();
    }

    static String body(MockHttpServletResponse r) throws Exception {
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    CurrentUser enterpriseUser(String name) {
        return fx.user("wl-ent", Role.ENTERPRISE, null, ents.get(name).id(), null, "x");
    }

    record Line(boolean listed, boolean near, int met, int unknown) {
    }

    Line line(String name) {
        return jdbc.sql("SELECT listed, near, met_mask, unknown_mask FROM white_list_entry WHERE list_id = ? AND enterprise_id = ?")
                .params(listId, ents.get(name).id())
                .query((rs, n) -> new Line(rs.getBoolean(1), rs.getBoolean(2), rs.getInt(3), rs.getInt(4))).single();
    }

    @Test
    @Order(1)
    void theBureauPublishesTheRuleAndTheListAndEachOutcomeIsTheRuleAppliedByHand() throws Exception {
        // a rule that is not CEL is refused naming the criterion
        MockHttpServletResponse bad = as(bureau, post("/credit/bureau/white-list/rule").param("region", CreditFixtures.WUJIN)
                .param("title", "武进区科技型企业白名单").param("criteria", "tech | 科技 | tech | tiers >>> 1")
                .param("citation", "测试依据").param("effectiveFrom", "2025-01-01"));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(body(bad)).contains("criteria.tech").contains("tiers &gt;&gt;&gt; 1");
        MockHttpServletResponse saved = as(bureau, post("/credit/bureau/white-list/rule").param("region", CreditFixtures.WUJIN)
                .param("title", "武进区科技型企业白名单").param("criteria", CRITERIA)
                .param("citation", "武进区测试文件第三条").param("effectiveFrom", "2025-01-01"));
        assertThat(saved.getStatus()).as(body(saved)).isEqualTo(302);
        assertThat(as(bureau, post("/credit/bureau/white-list/rule/publish").param("region", CreditFixtures.WUJIN)).getStatus()).isEqualTo(302);
        MockHttpServletResponse published = as(bureau, post("/credit/bureau/white-list/publish").param("region", CreditFixtures.WUJIN)
                .param("period", String.valueOf(YEAR)));
        assertThat(published.getStatus()).as(body(published)).isEqualTo(302);
        listId = jdbc.sql("SELECT id FROM white_list WHERE region_code = ? AND period = ?").params(CreditFixtures.WUJIN, String.valueOf(YEAR))
                .query(Long.class).single();
        assertThat(published.getRedirectedUrl()).endsWith("list=" + listId);

        // bits: 1 percentile, 2 tech, 4 no_npl, 8 no_overdue — worked out by hand from each enterprise's facts
        assertThat(line("listed")).isEqualTo(new Line(true, false, 15, 0));
        assertThat(line("listedWithLoan")).isEqualTo(new Line(true, false, 15, 0));
        assertThat(line("lowPercentile")).isEqualTo(new Line(false, true, 14, 0));
        assertThat(line("noTier")).isEqualTo(new Line(false, true, 13, 0));
        assertThat(line("overdue")).isEqualTo(new Line(false, true, 7, 0));
        assertThat(line("far")).isEqualTo(new Line(false, false, 8, 0));
        assertThat(line("noPoints")).isEqualTo(new Line(false, true, 14, 1));

        // every enterprise of the district is evaluated once, and the counts are those of the rows
        WhiteLists.ListInfo info = whiteLists.list(listId);
        assertThat(info.dataYear()).isEqualTo(YEAR);
        assertThat(info.evaluated()).isEqualTo(jdbc.sql("SELECT count(*) FROM white_list_entry WHERE list_id = ?").param(listId)
                .query(Integer.class).single()).isGreaterThanOrEqualTo(ents.size());
        assertThat(info.listed()).isEqualTo(2);
        // the bureau's funnel starts at the white list: town B has one listed enterprise
        assertThat(figures.funnel(townB).whiteListed()).isEqualTo(1);
        assertThat(info.near()).isEqualTo(jdbc.sql("SELECT count(*) FROM white_list_entry WHERE list_id = ? AND near").param(listId)
                .query(Integer.class).single());

        // the page: listed with the reason, near misses with the gap (what they lack)
        String listed = body(as(bureau, get("/credit/bureau/white-list").param("list", String.valueOf(listId))));
        assertThat(listed).contains(ents.get("listed").name(), ents.get("listedWithLoan").name())
                .contains("符合：创新积分位于本阶段前 40%；为有效高新技术企业或科技型中小企业；在本平台无不良贷款；在本平台无逾期贷款")
                .doesNotContain(ents.get("lowPercentile").name());
        String near = body(as(bureau, get("/credit/bureau/white-list").param("list", String.valueOf(listId)).param("show", "NEAR")));
        assertThat(near).contains(ents.get("lowPercentile").name()).contains("差一项：创新积分位于本阶段前 40%")
                .contains("差一项：为有效高新技术企业或科技型中小企业").contains("差一项：在本平台无逾期贷款")
                .contains("缺少数据，无法判断：创新积分位于本阶段前 40%").doesNotContain(ents.get("far").name());

        // the enterprise sees its own standing and the gap
        String mine = body(as(enterpriseUser("overdue"), get("/credit/mine")));
        assertThat(mine).contains("差一项：在本平台无逾期贷款");
    }

    @Test
    @Order(2)
    void aTownSeesItsOwnTownOnlyAndAnotherDistrictsTownNoList() throws Exception {
        String a = body(as(townUserA, get("/credit/bureau/white-list").param("list", String.valueOf(listId)).param("show", "NEAR")));
        assertThat(a).contains(ents.get("lowPercentile").name(), ents.get("overdue").name())
                .doesNotContain(ents.get("noTier").name()).doesNotContain(ents.get("noPoints").name());
        String b = body(as(townUserB, get("/credit/bureau/white-list").param("list", String.valueOf(listId)).param("show", "NEAR")));
        assertThat(b).contains(ents.get("noTier").name(), ents.get("noPoints").name())
                .doesNotContain(ents.get("lowPercentile").name());
        // a town cannot widen its rows with the region filter, nor publish
        assertThat(as(townUserA, get("/credit/bureau/white-list").param("list", String.valueOf(listId)).param("region", townB)).getStatus())
                .isEqualTo(400);
        assertThat(as(townUserA, post("/credit/bureau/white-list/publish").param("region", CreditFixtures.HUTANG).param("period", "2098"))
                .getStatus()).isEqualTo(403);
        // a town of 新北区 does not even see that 武进区's list exists
        assertThat(as(xinbeiTown, get("/credit/bureau/white-list").param("list", String.valueOf(listId))).getStatus()).isEqualTo(404);
        // the town's export holds its rows only
        MockHttpServletResponse x = as(townUserB, get("/credit/bureau/white-list/export.xlsx").param("list", String.valueOf(listId)));
        assertThat(x.getStatus()).isEqualTo(200);
        assertThat(x.getContentAsByteArray().length).isGreaterThan(0);
    }

    @Test
    @Order(3)
    void aBankSeesAListedEnterpriseOnlyWhileItOptedInOrConsentedToThatBank() throws Exception {
        CreditFixtures.Ent listed = ents.get("listed"), withLoan = ents.get("listedWithLoan"), near = ents.get("lowPercentile");
        // nobody opted in or consented: neither bank sees any of them, and an offer is refused
        assertThat(body(as(bankUserA, get("/credit/bank")))).doesNotContain(listed.name()).doesNotContain(withLoan.name());
        assertThat(whiteLists.recommendedTo(bankA, 10_000)).noneMatch(r -> ents.values().stream().anyMatch(e -> e.id() == r.enterpriseId()));
        assertThat(as(bankUserA, post("/credit/bank/offers").param("enterpriseId", String.valueOf(listed.id()))
                .param("productId", String.valueOf(product)).param("amount", "500000")).getStatus()).isEqualTo(404);

        // the listed enterprise opts in: every bank sees its name, tier and points band (not its file)
        CurrentUser owner = enterpriseUser("listed");
        assertThat(as(owner, post("/credit/white-list/recommend").param("allowed", "true")).getStatus()).isEqualTo(302);
        String page = body(as(bankUserA, get("/credit/bank")));
        assertThat(page).contains(listed.name()).contains("80–90");
        assertThat(body(as(bankUserB, get("/credit/bank")))).contains(listed.name());
        assertThat(as(bankUserA, get("/credit/bank/enterprises/" + listed.id())).getStatus()).isEqualTo(404);
        assertThat(as(bankUserA, post("/credit/bank/offers").param("enterpriseId", String.valueOf(listed.id()))
                .param("productId", String.valueOf(product)).param("amount", "500000")).getStatus()).isEqualTo(302);
        // a near miss that opts in is still not recommended: it is not on the list
        assertThat(as(enterpriseUser("lowPercentile"), post("/credit/white-list/recommend").param("allowed", "true")).getStatus()).isEqualTo(302);
        assertThat(body(as(bankUserA, get("/credit/bank")))).doesNotContain(near.name());

        // a listed enterprise that consented to bank A only: A sees it, B does not
        fx.consent(withLoan.id(), bankA, "{POINTS}");
        assertThat(body(as(bankUserA, get("/credit/bank")))).contains(withLoan.name());
        assertThat(whiteLists.recommendedTo(bankB, 10_000)).noneMatch(r -> r.enterpriseId() == withLoan.id());

        // opting out counts from the next request
        assertThat(as(owner, post("/credit/white-list/recommend").param("allowed", "false")).getStatus()).isEqualTo(302);
        assertThat(whiteLists.recommendedTo(bankB, 10_000)).noneMatch(r -> r.enterpriseId() == listed.id());
        assertThat(as(owner, post("/credit/white-list/recommend").param("allowed", "maybe")).getStatus()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'credit.whitelist.recommend' AND target = ?")
                .param("enterprise:" + listed.id()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void aPublicationIsAuditedAndNeverChangesAfterwards() throws Exception {
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'credit.whitelist.publish' AND target = ? AND actor = ?")
                .params("region:" + CreditFixtures.WUJIN, bureau.username()).query(String.class).list())
                .singleElement().asString().contains("period=" + YEAR).contains("listed=2");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action IN ('credit.whitelist.rule.save', 'credit.whitelist.rule.publish') AND actor = ?")
                .param(bureau.username()).query(Integer.class).single()).isEqualTo(2);

        // the facts change; publishing the period again changes nothing and says so
        jdbc.sql("UPDATE enterprise_points SET percentile = 95 WHERE enterprise_id = ? AND year = ?").params(ents.get("lowPercentile").id(), YEAR).update();
        WhiteLists.ListInfo before = whiteLists.list(listId);
        MockHttpServletResponse again = as(bureau, post("/credit/bureau/white-list/publish").param("region", CreditFixtures.WUJIN)
                .param("period", String.valueOf(YEAR)));
        assertThat(again.getRedirectedUrl()).endsWith("list=" + listId);
        assertThat(whiteLists.list(listId)).isEqualTo(before);
        assertThat(line("lowPercentile").listed()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'credit.whitelist.publish' AND target = ?")
                .param("region:" + CreditFixtures.WUJIN).query(Integer.class).single()).isEqualTo(1);

        // not even SQL by hand changes a published list, its entries or the rule it cites
        for (String sql : List.of("UPDATE white_list SET listed = 0 WHERE id = " + listId,
                "DELETE FROM white_list WHERE id = " + listId,
                "UPDATE white_list_entry SET listed = true WHERE list_id = " + listId,
                "DELETE FROM white_list_entry WHERE list_id = " + listId,
                "UPDATE white_list_rule SET criteria = '[]'::jsonb WHERE region_code = '" + CreditFixtures.WUJIN + "'")) {
            assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).isInstanceOf(DataAccessException.class);
        }
        assertThat(whiteLists.list(listId)).isEqualTo(before);

        // a period is a year or a quarter; anything else names the field
        MockHttpServletResponse bad = as(bureau, post("/credit/bureau/white-list/publish").param("region", CreditFixtures.WUJIN).param("period", "2025H1"));
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(body(bad)).contains("period").contains("2025H1");
    }

    @Test
    @Order(5)
    void theRugaoPoolVariantAdmitsNewCreditOfTenMillionToAListedEnterpriseOnly() {
        jdbc.sql("INSERT INTO risk_pool (region_code, period, scheme_code, funded_yuan) VALUES (?, ?, 'rugao_whitelist', 100000000)")
                .params(townB, java.time.LocalDate.now().getYear()).update();
        CurrentUser bank = bankUserB;
        long listedLoan = bigLoan(ents.get("listedWithLoan"));
        long notListedLoan = bigLoan(ents.get("noTier"));
        long a = pools.claim(bank, listedLoan, null, "不良认定书", "127.0.0.1");
        long b = pools.claim(bank, notListedLoan, null, "不良认定书", "127.0.0.1");
        // 30 % of the 8,000,000 yuan outstanding for the listed enterprise; nothing for the other, with the reason
        assertThat(jdbc.sql("SELECT amount_yuan FROM compensation_claim WHERE id = ?").param(a).query(BigDecimal.class).single())
                .isEqualByComparingTo("2400000");
        assertThat(jdbc.sql("SELECT amount_yuan FROM compensation_claim WHERE id = ?").param(b).query(BigDecimal.class).single())
                .isEqualByComparingTo("0");
        assertThat(jdbc.sql("SELECT explanation_zh FROM compensation_claim WHERE id = ?").param(b).query(String.class).single())
                .contains("白名单");
    }

    /** A non-performing direct loan of 10,000,000 yuan (new credit at the 如皋 threshold) with 8,000,000 outstanding. */
    long bigLoan(CreditFixtures.Ent e) {
        return jdbc.sql("""
                INSERT INTO loan (enterprise_id, region_code, bank_id, product_id, status, requested_yuan, approved_yuan,
                                  disbursed_yuan, outstanding_yuan, first_loan, pure_credit_or_ip_pledge, disbursed_on)
                VALUES (?, ?, ?, ?, 'NON_PERFORMING', 10000000, 10000000, 10000000, 8000000, false, false, current_date - 200)
                RETURNING id""").params(e.id(), e.region(), bankB, fx.product(bankB, true)).query(Long.class).single();
    }

    long freshList(String period) {
        return jdbc.sql("INSERT INTO white_list (region_code, period, rule_id, data_year) SELECT region_code, ?, rule_id, data_year "
                + "FROM white_list WHERE id = ? RETURNING id").params(period, listId).query(Long.class).single();
    }

    List<String> entries(long list) {
        return jdbc.sql("SELECT enterprise_id || ':' || listed || ':' || near || ':' || met_mask || ':' || unknown_mask || ':' "
                        + "|| coalesce(tier, -1) || ':' || coalesce(points, -1) FROM white_list_entry WHERE list_id = ? ORDER BY enterprise_id")
                .param(list).query(String.class).list();
    }

    @Test
    @Order(6)
    void theReadOnASecondConnectionSeesWhatTheTransactionSeesAndAWritingTransactionReadsItsOwnWrites() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        WhiteListRule rule = WhiteListRule.of(WhiteListRule.parse(CRITERIA));
        DataScope.SqlFilter all = new DataScope.All().enterpriseFilter("e");
        // a transaction that has written nothing: the read runs on a second connection under its snapshot
        long parallel = freshList("2097Q1");
        WhiteLists.Counts counts = tx.execute(s -> whiteLists.compute(parallel, rule, CreditFixtures.WUJIN, YEAR, all));
        List<String> parallelEntries = entries(parallel);
        assertThat(parallelEntries).hasSize(counts.evaluated()).hasSizeGreaterThanOrEqualTo(ents.size());

        // a transaction that has written first reads on its own connection, and sees its write
        long own = freshList("2097Q2");
        long raised = ents.get("lowPercentile").id();
        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE enterprise_points SET percentile = 70 WHERE enterprise_id = ? AND year = ?").params(raised, YEAR).update();
            whiteLists.compute(own, rule, CreditFixtures.WUJIN, YEAR, all);
            List<String> ownEntries = entries(own);
            assertThat(ownEntries).hasSameSizeAs(parallelEntries);
            for (int i = 0; i < ownEntries.size(); i++) {
                if (ownEntries.get(i).startsWith(raised + ":")) {
                    assertThat(ownEntries.get(i)).startsWith(raised + ":true:false:15:0:");
                } else {
                    assertThat(ownEntries.get(i)).isEqualTo(parallelEntries.get(i));
                }
            }
            s.setRollbackOnly();
        });
    }
}
