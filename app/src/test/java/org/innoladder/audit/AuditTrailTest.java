package org.innoladder.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class AuditTrailTest {
    @Autowired
    AuditTrail audit;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void someEntries() {
        audit.record("alice", "login.success", null, null, "127.0.0.1");
        audit.record("alice", "import.commit", "import_batch:1", "rows=3 'quoted' 审计", "127.0.0.1");
        audit.record("system", "demo.load", null, null, null);
    }

    @Test
    void theChainVerifies() {
        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.entries()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void concurrentWritersKeepOneChain() throws Exception {
        List<Callable<Void>> writers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            writers.add(() -> {
                audit.record("user" + n, "data.change", "enterprise:" + n, null, null);
                return null;
            });
        }
        var pool = Executors.newFixedThreadPool(8);
        try {
            for (var f : pool.invokeAll(writers)) f.get();
        } finally {
            pool.shutdown();
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void theTableRefusesUpdatesAndDeletes() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET actor = 'mallory'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log").update())
                .hasMessageContaining("append-only");
    }

    @Test
    void anAlteredRowBreaksTheChainAtThatRow() {
        long id = jdbc.sql("SELECT id FROM audit_log WHERE action = 'import.commit' ORDER BY id DESC LIMIT 1")
                .query(Long.class).single();
        tamper("UPDATE audit_log SET detail = 'rows=300' WHERE id = " + id);
        try {
            AuditVerifier.Verification v = verifier.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.brokenId()).isEqualTo(id);
            assertThat(v.problem()).contains("altered");
        } finally {
            // put the original back so the other tests see an intact chain
            tamper("UPDATE audit_log SET detail = 'rows=3 ''quoted'' 审计' WHERE id = " + id);
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void aRemovedRowBreaksTheChainAtItsSuccessor() {
        long id = jdbc.sql("SELECT id FROM audit_log WHERE action = 'login.success' ORDER BY id DESC LIMIT 1")
                .query(Long.class).single();
        var row = jdbc.sql("SELECT * FROM audit_log WHERE id = " + id).query().singleRow();
        tamper("DELETE FROM audit_log WHERE id = " + id);
        try {
            AuditVerifier.Verification v = verifier.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.brokenId()).isGreaterThan(id);
            assertThat(v.problem()).contains("removed");
        } finally {
            jdbc.sql("ALTER TABLE audit_log DISABLE TRIGGER USER").update();
            jdbc.sql("INSERT INTO audit_log (id, occurred_at, actor, action, target, detail, source_ip, prev_hash, hash) "
                            + "VALUES (:id, :occurred_at, :actor, :action, :target, :detail, :source_ip, :prev_hash, :hash)")
                    .params(row).update();
            jdbc.sql("ALTER TABLE audit_log ENABLE TRIGGER USER").update();
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    /** What an attacker with superuser rights could do: switch off the append-only trigger and edit. */
    private void tamper(String sql) {
        jdbc.sql("ALTER TABLE audit_log DISABLE TRIGGER USER").update();
        try {
            jdbc.sql(sql).update();
        } finally {
            jdbc.sql("ALTER TABLE audit_log ENABLE TRIGGER USER").update();
        }
    }
}
