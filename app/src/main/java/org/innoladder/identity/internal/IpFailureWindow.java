package org.innoladder.identity.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per source address in a sliding window, kept in memory: the limit protects one running
 * instance against guessing across many usernames, and forgetting it on restart is harmless.
 */
public final class IpFailureWindow {
    /** Above this many tracked addresses, addresses whose failures all left the window are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private final LoginPolicy policy;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public IpFailureWindow(LoginPolicy policy) {
        this.policy = policy;
    }

    public boolean blocked(String ip, Instant now) {
        if (ip == null) return false;
        Deque<Instant> times = failures.get(ip);
        if (times == null) return false;
        synchronized (times) {
            dropOld(times, now);
            return times.size() >= policy.ipMaxFailures();
        }
    }

    public void recordFailure(String ip, Instant now) {
        if (ip == null) return;
        if (failures.size() > PRUNE_ABOVE) prune(now);
        Deque<Instant> times = failures.computeIfAbsent(ip, k -> new ArrayDeque<>());
        synchronized (times) {
            dropOld(times, now);
            times.addLast(now);
            // never keep more than the limit needs
            while (times.size() > policy.ipMaxFailures()) times.removeFirst();
        }
    }

    private void dropOld(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(policy.ipWindow());
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) times.removeFirst();
    }

    private void prune(Instant now) {
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                dropOld(e.getValue(), now);
                return e.getValue().isEmpty();
            }
        });
    }
}
