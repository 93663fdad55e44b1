package org.innoladder.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.innoladder.identity.DataScope;
import org.innoladder.web.RegionNames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The region picker's choices read by skipping through the district and town indexes equal those grouped from every
 * enterprise of the scope, on the dashboard's generated data (several districts and their towns).
 */
@SpringBootTest(properties = "innoladder.test.context=dashboard")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class RegionPickerTest {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RegionNames names;
    @Autowired
    LadderSnapshot snapshot;
    @Autowired
    org.innoladder.importer.ImportService importer;
    @Autowired
    org.innoladder.evaluation.EvaluationRuns runs;
    DashboardFixture fixture;

    @BeforeEach
    void data() throws Exception {
        fixture = new DashboardFixture(jdbc, importer, runs, snapshot);
        fixture.ensureLoaded();
    }

    @Test
    void theIndexSkipOffersWhatGroupingEveryEnterpriseOffers() {
        List<DataScope> scopes = List.of(new DataScope.All(), new DataScope.RegionSubtree("32"), new DataScope.RegionSubtree("3204"),
                new DataScope.RegionSubtree(fixture.district()), new DataScope.RegionSubtree(fixture.town()),
                new DataScope.RegionSubtree("3209"), new DataScope.RegionSubtree("320499"));
        for (DataScope scope : scopes) {
            assertThat(names.choices(scope)).as(scope.toString()).isEqualTo(names.choicesGrouped(scope));
        }
        assertThat(names.choices(new DataScope.RegionSubtree("3204")).size()).as("districts and towns of the city").isGreaterThan(5);
    }
}
