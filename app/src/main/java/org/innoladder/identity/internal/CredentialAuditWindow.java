package org.innoladder.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each API credential's successful use was last audited. HTTP Basic (and, later, a bearer token) authenticates
 * every call, and one audit entry per call buried the log (611 of 1,241 entries at one point); one entry per
 * credential and address per window keeps who used which credential from where without the flood. A credential is
 * the username with its current password hash, so a changed password is a new credential. Kept in memory: after a
 * restart the next use is audited again, which is harmless.
 */
final class CredentialAuditWindow {
    /** Above this many remembered credentials, those whose window has passed are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private final Duration window;
    private final Map<String, Instant> lastAudited = new ConcurrentHashMap<>();

    CredentialAuditWindow(Duration window) {
        this.window = window;
    }

    /** True (and remembered) when this use should be audited: the first within the window. */
    boolean firstUse(String username, String passwordHash, String ip, Instant now) {
        if (lastAudited.size() > PRUNE_ABOVE) lastAudited.values().removeIf(at -> !at.plus(window).isAfter(now));
        String key = username + '\n' + fingerprint(passwordHash) + '\n' + ip;
        boolean[] first = {false};
        lastAudited.compute(key, (k, at) -> {
            if (at != null && at.plus(window).isAfter(now)) return at;
            first[0] = true;
            return now;
        });
        return first[0];
    }

    private static String fingerprint(String secret) {
        if (secret == null) return "";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
