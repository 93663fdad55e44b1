package org.innoladder.ladder;

import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.importer.ImportService;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Entry point for tests in other packages: the fixture of the database behind the given beans, loaded. */
public final class DashboardFixtures {
    private DashboardFixtures() {
    }

    public static DashboardFixture loaded(JdbcClient jdbc, ImportService importer, EvaluationRuns runs, LadderSnapshot snapshot)
            throws Exception {
        DashboardFixture f = new DashboardFixture(jdbc, importer, runs, snapshot);
        f.ensureLoaded();
        return f;
    }
}
