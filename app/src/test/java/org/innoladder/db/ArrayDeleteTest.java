package org.innoladder.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** {@link ArrayDelete}: deletes the bound ids, planned for the array, and leaves the caller's planner setting as it was. */
@SpringBootTest
@ActiveProfiles("test")
class ArrayDeleteTest {
    @Autowired
    DataSource dataSource;

    @Test
    void deletesTheBoundIdsAndRestoresTheCallersSetting() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE array_delete_probe ON COMMIT DROP AS SELECT g AS id FROM generate_series(1, 1000) g");
                s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            }
            Long[] ids = {2L, 3L, 500L, 5000L};
            int deleted = ArrayDelete.run(c, "DELETE FROM array_delete_probe WHERE id = ANY (?)",
                    ps -> ps.setArray(1, c.createArrayOf("bigint", ids)));
            assertThat(deleted).isEqualTo(3);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT current_setting('plan_cache_mode'), (SELECT count(*) FROM array_delete_probe)")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("force_generic_plan");
                assertThat(rs.getLong(2)).isEqualTo(997);
            }
            c.rollback();
        }
    }
}
