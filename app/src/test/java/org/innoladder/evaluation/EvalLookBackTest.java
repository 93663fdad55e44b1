package org.innoladder.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.innoladder.rules.facts.CreditCode;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.Role;
import org.innoladder.rules.Rulesets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** A run loads every year a ruleset looks back to: the Yancheng gazelle form reads revenue four years before Y. */
@SpringBootTest(properties = "innoladder.test.context=evaluation-lookback")
@ActiveProfiles("test")
class EvalLookBackTest {
    static final int YEAR = 2024;

    @Autowired
    EvaluationRuns runs;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aGazelleWithFiveYearsOfGrowthQualifiesInARun() throws Exception {
        String code = CreditCode.complete("91320412" + "88000001");
        long id = jdbc.sql("INSERT INTO enterprise (credit_code, name, region_code, founded_on) VALUES (?, '瞪羚样本有限公司',"
                + " '320412100', ?) RETURNING id").params(code, LocalDate.of(2012, 5, 1)).query(Long.class).single();
        BigDecimal revenue = new BigDecimal("20000000.00");
        for (int y = YEAR - 4; y <= YEAR; y++) {
            jdbc.sql("INSERT INTO enterprise_year (enterprise_id, year, sales_revenue) VALUES (?, ?, ?)")
                    .params(id, y, revenue).update();
            revenue = revenue.multiply(new BigDecimal("1.30"));
        }
        CurrentUser bureau = new CurrentUser(1, "bureau-lookback", "常州市科技局", Role.BUREAU, "3204", null, null);
        long run = runs.start(bureau, runs.check(bureau, "3204", YEAR, List.of("gazelle")), null);
        for (int i = 0; i < 300 && runs.get(bureau, run).status().equals("RUNNING"); i++) Thread.sleep(100);

        assertThat(runs.get(bureau, run).status()).isEqualTo("DONE");
        String ruleset = Rulesets.get("gazelle").info().id();
        assertThat(jdbc.sql("SELECT outcome FROM evaluation_result WHERE enterprise_id = ? AND year = ? AND ruleset_id = ?")
                .params(id, YEAR, ruleset).query(String.class).single()).isEqualTo("QUALIFIED");
    }
}
