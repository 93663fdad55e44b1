package org.innoladder.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests can move forward (never back: the context, and so this clock, is shared by test classes). */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public MutableClock(Instant start, ZoneId zone) {
        this.now = new AtomicReference<>(start);
        this.zone = zone;
    }

    public void advance(Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("time only moves forward");
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public ZoneId getZone() { return zone; }

    @Override
    public Clock withZone(ZoneId zone) { return new MutableClock(now.get(), zone); }

    @Override
    public Instant instant() { return now.get(); }
}
