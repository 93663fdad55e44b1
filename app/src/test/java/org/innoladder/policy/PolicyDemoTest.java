package org.innoladder.policy;

import org.innoladder.policy.internal.PolicyMatching;
import org.innoladder.rules.policy.Policies;
import org.innoladder.rules.policy.Policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The demo start-up's policies: the examples published for 常州市 and matched once. */
@SpringBootTest(properties = "innoladder.test.context=policy")
@ActiveProfiles("test")
class PolicyDemoTest {
    @Autowired
    PolicyDemo demo;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theExamplesArePublishedAndMatchedOnceSoTheDemoHasMatches() {
        long id = PolicyFixtures.enterprise(jdbc, PolicyFixtures.code("320481", 63, 1), "演示甲科技有限公司", "320481");
        PolicyFixtures.year(jdbc, id, 2024, PolicyFixtures.facts(5_000_000, false));
        PolicyFixtures.recognition(jdbc, id, "HNTE", LocalDate.of(2024, 10, 20), LocalDate.of(2027, 10, 19));

        List<PolicyMatching.Run> runs = demo.ensureLoaded(2019, 2024);
        assertThat(runs).isNotEmpty().allMatch(r -> r.status().equals("DONE") && r.period() == 2024 && r.regionCode().equals("3204"));
        assertThat(jdbc.sql("SELECT count(*) FROM policy p JOIN policy_version v ON v.policy_id = p.id AND v.version = p.published_version"
                + " WHERE p.status = 'PUBLISHED' AND v.example AND p.code = ANY(?)")
                .param(Policies.examples().stream().map(Policy::code).toArray(String[]::new)).query(Integer.class).single())
                .isEqualTo(Policies.examples().size());
        assertThat(jdbc.sql("SELECT pm.explanation ->> 'zh' FROM policy_match pm JOIN policy p ON p.id = pm.policy_id"
                + " WHERE p.code = 'hnte_first_award' AND pm.enterprise_id = ?").param(id).query(String.class).single())
                .startsWith("符合：2024年首次认定高新技术企业");

        assertThat(demo.ensureLoaded(2019, 2024)).isEmpty();
    }
}
