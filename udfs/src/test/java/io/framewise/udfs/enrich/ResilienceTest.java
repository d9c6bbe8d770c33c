package io.framewise.udfs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.remote.Backoff;
import io.framewise.pipeline.remote.Outage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Back-off, the rate limiter and the circuit breaker on a clock the test moves. */
class ResilienceTest {

    private static final long MS = 1_000_000L;
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @Test
    void backoffGrowsWithJitterAndHonoursRetryAfter() {
        Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
        Backoff high = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999);
        // Equal jitter: between half the step and the step, the step doubling per attempt.
        assertThat(low.delayNanos(1, -1)).isEqualTo(50 * MS);
        assertThat(high.delayNanos(1, -1)).isBetween(99 * MS, 100 * MS);
        assertThat(low.delayNanos(3, -1)).isEqualTo(200 * MS);
        assertThat(high.delayNanos(3, -1)).isBetween(399 * MS, 400 * MS);
        // The ceiling.
        assertThat(high.delayNanos(30, -1)).isBetween(999 * MS, 1000 * MS);
        // Retry-After is honoured even above the ceiling, with at most 10% jitter on top.
        assertThat(low.delayNanos(1, 3000 * MS)).isEqualTo(3000 * MS);
        assertThat(high.delayNanos(1, 3000 * MS)).isBetween(3000 * MS, 3300 * MS);
    }

    @Test
    void rateLimiterSpacesRequestsAndSettlesTokens() {
        RateLimiter rpm = new RateLimiter(60, 0, clock::get);
        assertThat(rpm.reserve(0, Long.MAX_VALUE)).isZero();
        // One a second: the next two wait one and two seconds.
        assertThat(rpm.reserve(0, Long.MAX_VALUE)).isEqualTo(1000 * MS);
        assertThat(rpm.reserve(0, Long.MAX_VALUE)).isEqualTo(2000 * MS);
        // Too long a wait is refused and reserves nothing.
        assertThat(rpm.reserve(0, 2500 * MS)).isNegative();
        clock.addAndGet(3000 * MS);
        assertThat(rpm.reserve(0, Long.MAX_VALUE)).isZero();

        RateLimiter tpm = new RateLimiter(0, 6000, clock::get); // 100 tokens a second
        assertThat(tpm.reserve(100, Long.MAX_VALUE)).isZero();
        // A request larger than a second's budget still goes, after its debt is paid.
        assertThat(tpm.reserve(250, Long.MAX_VALUE)).isEqualTo(2500 * MS);
        // It used 200 fewer tokens than reserved: the next waits that much less.
        tpm.adjust(-200);
        assertThat(tpm.reserve(100, Long.MAX_VALUE)).isEqualTo(1500 * MS);

        RateLimiter none = new RateLimiter(0, 0, clock::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(none.reserve(10_000, 0)).isZero();
        }
    }

    @Test
    void aBreakerTellsAnOutageOnceWhenItOpensAndOnceWhenItCloses() {
        List<String> lines = new ArrayList<>();
        Outage outage = new Outage("the LLM at llm.example", Outage.Log.into(lines), clock::get);
        CircuitBreaker b =
                new CircuitBreaker(3, Duration.ofSeconds(10), Duration.ofSeconds(5), clock::get)
                        .tellingOutages(outage);
        b.failure();
        b.failure();
        b.success(); // two failures are no outage
        assertThat(lines).isEmpty();
        for (int i = 0; i < 3; i++) {
            b.failure();
        }
        clock.addAndGet(10_000 * MS);
        assertThat(b.waitNanos()).isZero();
        b.failure(); // the probe fails: still the same outage
        clock.addAndGet(10_000 * MS);
        assertThat(b.waitNanos()).isZero();
        b.success();
        assertThat(lines)
                .containsExactly(
                        "WARN the LLM at llm.example unavailable: 3 calls in a row failed; calls"
                                + " wait 10 s before a probe (retrying; one line when it recovers)",
                        "INFO the LLM at llm.example available again after 20.0 s (2 failed"
                                + " attempts)");
    }

    @Test
    void circuitBreakerPausesWhileTheProviderIsDownThenProbes() {
        CircuitBreaker b =
                new CircuitBreaker(3, Duration.ofSeconds(10), Duration.ofSeconds(5), clock::get);
        assertThat(b.waitNanos()).isZero();
        b.failure();
        b.failure();
        b.success(); // not three in a row
        b.failure();
        b.failure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        b.failure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(b.waitNanos()).isEqualTo(10_000 * MS);
        clock.addAndGet(4000 * MS);
        assertThat(b.waitNanos()).isEqualTo(6000 * MS);

        clock.addAndGet(6000 * MS);
        // Half open: one probe goes, the others wait for it.
        assertThat(b.waitNanos()).isZero();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(b.waitNanos()).isEqualTo(CircuitBreaker.PROBE_RECHECK_NANOS);
        b.failure(); // the probe failed: open again, for the whole period
        assertThat(b.waitNanos()).isEqualTo(10_000 * MS);

        clock.addAndGet(10_000 * MS);
        assertThat(b.waitNanos()).isZero();
        // A probe that got a 429 says nothing about the provider: another call probes.
        b.released();
        assertThat(b.waitNanos()).isZero();
        assertThat(b.waitNanos()).isEqualTo(CircuitBreaker.PROBE_RECHECK_NANOS);
        // A probe that never reports back is taken for lost after the probe timeout.
        clock.addAndGet(5_000 * MS);
        assertThat(b.waitNanos()).isZero();
        b.success(); // the probe succeeded: everyone goes
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.waitNanos()).isZero();
        assertThat(b.waitNanos()).isZero();
        assertThat(b.timesOpened()).isEqualTo(2);
    }
}
