package io.framewise.udfs.enrich;

import io.framewise.pipeline.remote.Outage;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Pauses calls while the provider is down. After {@code failures} requests in a row fail the way a
 * down provider fails (HTTP 5xx, timeouts, refused connections), the breaker opens: calls wait
 * instead of adding load, for {@code openFor}. Then it lets one call through as a probe (half
 * open): its success closes the breaker and releases the others, its failure opens it again.
 *
 * <p>A 429 counts neither way (the provider is up, it is busy; back-off handles it); any other
 * answer counts as a success. The decision is {@link #waitNanos}; the caller does the waiting, on
 * its timer, without a thread per call.
 *
 * <p>With an {@link Outage}, the breaker speaks when the provider goes down and comes back: one
 * WARN as it opens, one INFO as a success closes it, however many calls and probes lie between.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    /** How often a call waiting behind a probe looks again. */
    static final long PROBE_RECHECK_NANOS = Duration.ofMillis(50).toNanos();

    private final int failures;
    private final long openForNanos;
    private final long probeTimeoutNanos;
    private final LongSupplier nanoTime;
    private State state = State.CLOSED;
    private int consecutive;
    private long openUntil;
    private boolean probing;
    private long probeSince;
    private long opened;
    private Outage outage;

    /** This breaker, telling {@code outage} when it opens and closes. */
    public CircuitBreaker tellingOutages(Outage outage) {
        this.outage = outage;
        return this;
    }

    public CircuitBreaker(
            int failures, Duration openFor, Duration probeTimeout, LongSupplier nanoTime) {
        this.failures = failures;
        this.openForNanos = openFor.toNanos();
        this.probeTimeoutNanos = probeTimeout.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * 0 when a call may go now (and, when the breaker is half open, it goes as the probe);
     * otherwise how long to wait before asking again.
     */
    public synchronized long waitNanos() {
        long now = nanoTime.getAsLong();
        if (state == State.OPEN && now - openUntil >= 0) {
            state = State.HALF_OPEN;
            probing = false;
        }
        switch (state) {
            case CLOSED:
                return 0;
            case OPEN:
                return openUntil - now;
            default:
                if (!probing || now - probeSince >= probeTimeoutNanos) {
                    probing = true;
                    probeSince = now;
                    return 0;
                }
                return PROBE_RECHECK_NANOS;
        }
    }

    public synchronized void success() {
        if (outage != null) {
            outage.succeeded();
        }
        state = State.CLOSED;
        consecutive = 0;
        probing = false;
    }

    public synchronized void failure() {
        consecutive++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutive >= failures)) {
            state = State.OPEN;
            openUntil = nanoTime.getAsLong() + openForNanos;
            probing = false;
            opened++;
            if (outage != null) {
                outage.failed(
                        consecutive
                                + " calls in a row failed; calls wait "
                                + Duration.ofNanos(openForNanos).toSeconds()
                                + " s before a probe");
            }
        }
    }

    /**
     * A call that {@link #waitNanos} let through ended without a verdict on the provider: if it was
     * the probe, another call may probe.
     */
    public synchronized void released() {
        probing = false;
    }

    public synchronized State state() {
        return state;
    }

    /** How many times the breaker has opened. */
    public synchronized long timesOpened() {
        return opened;
    }
}
