package org.innoladder.audit.internal;

import org.innoladder.audit.AuditTrail;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of an audit entry chained to its predecessor. Fields are length-prefixed so that moving text
 * between fields changes the hash.
 */
public final class AuditHash {
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    public static String of(long id, Instant occurredAt, AuditTrail.Entry e, String prevHash) {
        StringBuilder canonical = new StringBuilder(256);
        for (String field : new String[] {Long.toString(id), occurredAt.toString(), e.actor(), e.action(),
                e.target(), e.detail(), e.sourceIp(), prevHash}) {
            if (field == null) {
                canonical.append("-1:;");
            } else {
                canonical.append(field.length()).append(':').append(field).append(';');
            }
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
