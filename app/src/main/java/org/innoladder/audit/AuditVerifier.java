package org.innoladder.audit;

import org.innoladder.audit.internal.AuditHash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Walks the audit chain from the first entry and reports the first one that does not hash to what it claims. */
@Component
public class AuditVerifier {
    private final JdbcTemplate jdbc;

    public AuditVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param entries   how many entries were checked (up to and including a broken one)
     * @param head      the last good hash
     * @param brokenId  the id of the first bad entry, or null when the chain holds
     * @param problem   why that entry is bad, or null
     */
    public record Verification(long entries, String head, Long brokenId, String problem) {
        public boolean intact() {
            return brokenId == null;
        }
    }

    public Verification verify() {
        Walker walker = new Walker();
        jdbc.setFetchSize(1000);
        jdbc.query("SELECT id, occurred_at, actor, action, target, detail, source_ip, prev_hash, hash "
                + "FROM audit_log ORDER BY id", walker::visit);
        return new Verification(walker.entries, walker.head, walker.brokenId, walker.problem);
    }

    private static final class Walker {
        long entries;
        String head = AuditHash.GENESIS;
        Long brokenId;
        String problem;

        void visit(ResultSet rs) throws SQLException {
            if (brokenId != null) return;
            entries++;
            long id = rs.getLong("id");
            Instant at = rs.getTimestamp("occurred_at").toInstant();
            AuditTrail.Entry e = new AuditTrail.Entry(rs.getString("actor"), rs.getString("action"),
                    rs.getString("target"), rs.getString("detail"), rs.getString("source_ip"));
            String prev = rs.getString("prev_hash");
            String hash = rs.getString("hash");
            if (!prev.equals(head)) {
                brokenId = id;
                problem = "prev_hash does not match the hash of the entry before it (an entry was removed or altered)";
            } else if (!AuditHash.of(id, at, e, prev).equals(hash)) {
                brokenId = id;
                problem = "content does not match its hash (the entry was altered)";
            } else {
                head = hash;
            }
        }
    }
}
