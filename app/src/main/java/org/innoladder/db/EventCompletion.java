package org.innoladder.db;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.stereotype.Component;

/**
 * Whether the listeners of an event have finished, read from Spring Modulith's event publication registry (table
 * {@code event_publication}): the publisher can wait for the work its event started without knowing who does it.
 * A listener runs after the publishing transaction commits, in its own; until it returns, its publication is
 * incomplete.
 */
@Component
public class EventCompletion {
    private static final long POLL_MILLIS = 100;

    /** Where the listeners of an event stand. */
    public enum State {
        /** every listener has returned (or there was none) */
        DONE,
        /** a listener has not returned yet */
        RUNNING,
        /** a listener threw: the registry keeps the event, and it is delivered again at the next start */
        FAILED
    }

    private final EventPublicationRegistry registry;

    public EventCompletion(EventPublicationRegistry registry) {
        this.registry = registry;
    }

    /** The state of the listeners of every event that {@code event} matches. */
    public State state(Predicate<Object> event) {
        List<TargetEventPublication> open = registry.findIncompletePublications().stream()
                .filter(p -> event.test(p.getEvent())).toList();
        if (open.isEmpty()) return State.DONE;
        return open.stream().anyMatch(p -> p.getStatus() == EventPublication.Status.FAILED) ? State.FAILED : State.RUNNING;
    }

    /**
     * Waits until every listener of the matching events has returned.
     *
     * @throws IllegalStateException when a listener failed or the time is up
     */
    public void await(Predicate<Object> event, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            State s = state(event);
            if (s == State.DONE) return;
            if (s == State.FAILED) throw new IllegalStateException("a listener of " + what + " failed; it is retried at the next start");
            if (System.nanoTime() > deadline) throw new IllegalStateException("the listeners of " + what + " did not finish within " + timeout);
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
