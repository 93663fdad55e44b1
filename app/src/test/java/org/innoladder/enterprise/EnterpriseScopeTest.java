package org.innoladder.enterprise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.innoladder.enterprise.EnterpriseFixtures.code;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.innoladder.identity.internal.AppUserDetails;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each role sees exactly its data scope through the list page, the REST API and the Excel export, and reading
 * an enterprise outside the scope is answered as "not found".
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class EnterpriseScopeTest {
    static final String MARKER = "范围测试";
    static final int TAG = 11;
    // A 湖塘镇, B 牛塘镇 (both 武进区), C 天宁区 雕庄街道, D 苏州 虎丘区, E 武进区 at county level
    static final String A = code("320412", TAG, 1);
    static final String B = code("320412", TAG, 2);
    static final String C = code("320402", TAG, 3);
    static final String D = code("320505", TAG, 4);
    static final String E = code("320412", TAG, 5);
    static final List<String> ALL = List.of(A, B, C, D, E);

    static long idB;
    static long bankId;
    static long otherBankId;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @BeforeEach
    void data() {
        EnterpriseFixtures.regions(jdbc);
        LocalDate founded = LocalDate.of(2015, 3, 1);
        long a = EnterpriseFixtures.enterprise(jdbc, A, MARKER + "甲公司", "320412100", "C39", "01", founded, false);
        idB = EnterpriseFixtures.enterprise(jdbc, B, MARKER + "乙公司", "320412102", "C34", "08", founded, false);
        long c = EnterpriseFixtures.enterprise(jdbc, C, MARKER + "丙公司", "320402001", "I65", "01", founded, null);
        long d = EnterpriseFixtures.enterprise(jdbc, D, MARKER + "丁公司", "320505001", "C39", "04", founded, true);
        long e = EnterpriseFixtures.enterprise(jdbc, E, MARKER + "戊公司", "320412", "M73", "05", founded, false);
        for (long id : List.of(a, idB, c, d, e)) {
            EnterpriseFixtures.year(jdbc, id, 2024, Map.of("sales_revenue", 10_000_000, "employees", 50), null);
        }
        bankId = EnterpriseFixtures.bank(jdbc, "SCOPE-TEST-BANK", "范围测试银行");
        otherBankId = EnterpriseFixtures.bank(jdbc, "SCOPE-TEST-OTHER", "范围测试他行");
        if (jdbc.sql("SELECT count(*) FROM bank_authorisation WHERE bank_id = ?").param(bankId).query(Long.class).single() == 0) {
            // C authorises the bank; D's authorisation expired; A's was revoked; E authorised another bank
            jdbc.sql("INSERT INTO bank_authorisation (enterprise_id, bank_id, expires_at) VALUES (?, ?, now() + interval '30 days')")
                    .params(c, bankId).update();
            jdbc.sql("INSERT INTO bank_authorisation (enterprise_id, bank_id, granted_at, expires_at) VALUES (?, ?, now() - interval '60 days', now() - interval '1 day')")
                    .params(d, bankId).update();
            jdbc.sql("INSERT INTO bank_authorisation (enterprise_id, bank_id, expires_at, revoked_at) VALUES (?, ?, now() + interval '30 days', now())")
                    .params(a, bankId).update();
            jdbc.sql("INSERT INTO bank_authorisation (enterprise_id, bank_id, expires_at) VALUES (?, ?, now() + interval '30 days')")
                    .params(e, otherBankId).update();
        }
    }

    static Stream<Arguments> scopes() {
        return Stream.of(
                Arguments.of("ADMIN", Set.of(A, B, C, D, E)),
                Arguments.of("BUREAU city", Set.of(A, B, C, E)),
                Arguments.of("BUREAU district", Set.of(A, B, E)),
                Arguments.of("TOWN", Set.of(A)),
                Arguments.of("ENTERPRISE", Set.of(B)),
                Arguments.of("BANK", Set.of(C)),
                Arguments.of("EXPERT", Set.of()),
                Arguments.of("LEADER", Set.of(A, B, C, E)));
    }

    private static CurrentUser userFor(String who) {
        return switch (who) {
            case "ADMIN" -> EnterpriseFixtures.user(Role.ADMIN, null, null, null);
            case "BUREAU city" -> EnterpriseFixtures.user(Role.BUREAU, "3204", null, null);
            case "BUREAU district" -> EnterpriseFixtures.user(Role.BUREAU, "320412", null, null);
            case "TOWN" -> EnterpriseFixtures.user(Role.TOWN, "320412100", null, null);
            case "ENTERPRISE" -> EnterpriseFixtures.user(Role.ENTERPRISE, null, idB, null);
            case "BANK" -> EnterpriseFixtures.user(Role.BANK, null, null, bankId);
            case "EXPERT" -> EnterpriseFixtures.user(Role.EXPERT, null, null, null);
            case "LEADER" -> EnterpriseFixtures.user(Role.LEADER, "3204", null, null);
            default -> throw new IllegalArgumentException(who);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void listPageShowsExactlyTheScope(String who, Set<String> visible) throws Exception {
        String html = mvc.perform(get("/enterprises").param("q", MARKER).with(user(AppUserDetails.of(userFor(who)))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(new HashSet<>(EnterpriseFixtures.listedCodes(html))).isEqualTo(visible);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void apiListShowsExactlyTheScope(String who, Set<String> visible) throws Exception {
        String body = mvc.perform(get("/api/v1/enterprises").param("q", MARKER).with(user(AppUserDetails.of(userFor(who)))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode root = json.readTree(body);
        Set<String> codes = new HashSet<>();
        root.get("items").forEach(item -> codes.add(item.get("creditCode").asString()));
        assertThat(codes).isEqualTo(visible);
        assertThat(root.get("totalItems").asLong()).isEqualTo(visible.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void exportContainsExactlyTheScope(String who, Set<String> visible) throws Exception {
        byte[] xlsx = mvc.perform(get("/enterprises/export.xlsx").param("q", MARKER)
                        .with(user(AppUserDetails.of(userFor(who)))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        Set<String> codes = new HashSet<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("统一社会信用代码");
            for (Row r : rows.subList(1, rows.size())) codes.add(r.getCellText(0));
        }
        assertThat(codes).isEqualTo(visible);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void enterpriseOutsideTheScopeIsNotFoundOnPageAndApi(String who, Set<String> visible) throws Exception {
        AppUserDetails principal = AppUserDetails.of(userFor(who));
        List<String> hidden = new ArrayList<>(ALL);
        hidden.removeAll(visible);
        for (String code : hidden) {
            mvc.perform(get("/enterprises/" + code).with(user(principal))).andExpect(status().isNotFound());
            mvc.perform(get("/api/v1/enterprises/" + code).with(user(principal))).andExpect(status().isNotFound());
            mvc.perform(get("/api/v1/enterprises/" + code + "/years").with(user(principal))).andExpect(status().isNotFound());
            mvc.perform(get("/api/v1/enterprises/" + code + "/years/2024").with(user(principal))).andExpect(status().isNotFound());
        }
        for (String code : visible) {
            mvc.perform(get("/enterprises/" + code).with(user(principal))).andExpect(status().isOk());
            mvc.perform(get("/api/v1/enterprises/" + code).with(user(principal))).andExpect(status().isOk());
            mvc.perform(get("/api/v1/enterprises/" + code + "/years/2024").with(user(principal))).andExpect(status().isOk());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void filterSelectsOfferOnlyRegionsInTheScope(String who, Set<String> visible) throws Exception {
        String html = mvc.perform(get("/enterprises").with(user(AppUserDetails.of(userFor(who)))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String districts = between(html, "id=\"county\"", "</select>");
        String towns = between(html, "id=\"town\"", "</select>");
        switch (who) {
            case "TOWN" -> {
                assertThat(options(districts)).containsExactly("320412");
                assertThat(options(towns)).containsExactly("320412100");
            }
            case "BUREAU district" -> {
                assertThat(options(districts)).containsExactly("320412");
                assertThat(options(towns)).contains("320412100", "320412102").allMatch(c -> c.startsWith("320412"));
            }
            case "BUREAU city", "LEADER" -> assertThat(options(districts)).contains("320402", "320411", "320412")
                    .allMatch(c -> c.startsWith("3204"));
            case "ENTERPRISE" -> assertThat(options(districts)).containsExactly("320412");
            case "BANK" -> assertThat(options(districts)).containsExactly("320402");
            case "EXPERT" -> assertThat(options(districts)).isEmpty();
            default -> assertThat(options(districts)).contains("320402", "320412", "320505");
        }
    }

    private static String between(String html, String start, String end) {
        int from = html.indexOf(start);
        return html.substring(from, html.indexOf(end, from));
    }

    private static List<String> options(String selectHtml) {
        List<String> values = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<option value=\"([0-9]+)\"").matcher(selectHtml);
        while (m.find()) values.add(m.group(1));
        return values;
    }
}
