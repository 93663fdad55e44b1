package org.innoladder.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.importer.ImportService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The enterprise file page's blocks of the MIIT upper rungs speak plain Chinese: ruleset titles and criterion labels,
 * the declared and expert conditions as "待申报确认", the gaps as sentences, and outside the details element no
 * criterion id, ruleset reference or English unit name. On the generated, evaluated data of {@link DashboardFixture}.
 */
@SpringBootTest(properties = "innoladder.test.context=dashboard")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class MiitFilePageTest {
    static final CurrentUser ADMIN = new CurrentUser(9501, "admin", "管理员", Role.ADMIN, null, null, null);
    /** snake_case and SCREAMING_SNAKE identifiers and id@version references, as the page audit finds them. */
    static final Pattern IDENTIFIER = Pattern.compile(
            "(?<![\\w.@/-])([a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z_]+@[a-z0-9-]+(?![\\w.]))(?![\\w.@-])");
    static final Pattern ENGLISH_UNIT = Pattern.compile("\\b(points|yuan|ratio|items|years|level|declared|expert)\\b");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    LadderSnapshot snapshot;
    @Autowired
    ImportService importer;
    @Autowired
    EvaluationRuns runs;
    @Autowired
    MockMvc mvc;

    @BeforeEach
    void data() throws Exception {
        DashboardFixtures.loaded(jdbc, importer, runs, snapshot);
    }

    @Test
    void theUpperRungsBlocksSpeakPlainChinese() throws Exception {
        // an enterprise in the 小巨人 pool (undetermined or near) and one with a 专精特新 gap to close
        String giant = code("""
                SELECT e.credit_code FROM ladder_pool p JOIN enterprise e ON e.id = p.enterprise_id
                WHERE p.year = 2024 AND p.tier = 'LITTLE_GIANT' ORDER BY e.credit_code LIMIT 1""");
        String specialised = code("""
                SELECT e.credit_code FROM ladder_pool p JOIN enterprise e ON e.id = p.enterprise_id
                WHERE p.year = 2024 AND p.tier = 'SPECIALISED_SME' AND p.reason = 'NEAR' ORDER BY e.credit_code LIMIT 1""");
        String giantPage = visible(page(giant));
        assertThat(giantPage).contains("专精特新“小巨人”企业认定（2026）", "上年度营业收入5000万元以上",
                "主导产品细分市场占有率10%以上或国内前三", "待申报确认");
        String specialisedPage = visible(page(specialised));
        assertThat(specialisedPage).contains("专精特新中小企业认定（2026）", "已认定为科技型中小企业或创新型中小企业",
                "资产负债率不高于80%");
        for (String text : List.of(giantPage, specialisedPage)) {
            assertThat(matches(IDENTIFIER, text)).as("identifiers outside the details element").isEmpty();
            assertThat(matches(ENGLISH_UNIT, text)).as("English unit or band names").isEmpty();
            assertThat(text).doesNotContain("specialised_sme", "little_giant", "@2026");
        }
    }

    private String code(String sql) {
        List<String> codes = jdbc.sql(sql).query(String.class).list();
        assertThat(codes).as(sql).isNotEmpty();
        return codes.get(0);
    }

    private String page(String creditCode) throws Exception {
        return mvc.perform(get("/enterprises/" + creditCode).with(user(AppUserDetails.of(ADMIN))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** The text a reader sees without opening a details element: no scripts, no details, no tags. */
    static String visible(String html) {
        return html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<style.*?</style>", " ")
                .replaceAll("(?s)<details class=\"ids\">.*?</details>", " ").replaceAll("(?s)<[^>]+>", " ")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replaceAll("\\s+", " ");
    }

    private static List<String> matches(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) out.add(m.group() + " in …" + text.substring(Math.max(0, m.start() - 40), Math.min(text.length(), m.end() + 40)) + "…");
        return out;
    }
}
