package io.framewise.pipeline.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutageTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();

    private Outage outage() {
        return new Outage("elasticsearch", Outage.Log.into(lines), nanos::get);
    }

    @Test
    void anOutageIsOneWarningAndOneRecoveryWhateverTheAttempts() {
        Outage o = outage();
        o.succeeded();
        assertThat(lines).isEmpty();
        assertThat(o.unavailable()).isFalse();

        o.failed("connection refused");
        nanos.addAndGet(40_000_000_000L);
        for (int i = 0; i < 12; i++) {
            o.failed("HTTP 503");
        }
        assertThat(o.unavailable()).isTrue();
        o.succeeded();
        o.succeeded();

        assertThat(lines)
                .containsExactly(
                        "WARN elasticsearch unavailable: connection refused (retrying; one line when"
                                + " it recovers)",
                        "INFO elasticsearch available again after 40.0 s (13 failed attempts)");
        assertThat(o.unavailable()).isFalse();
    }

    @Test
    void eachOutageIsToldOnItsOwn() {
        Outage o = outage();
        o.failed("timeout");
        o.succeeded();
        o.failed("HTTP 500");
        nanos.addAndGet(2_500_000_000L);
        o.succeeded();
        assertThat(lines)
                .filteredOn(l -> l.startsWith("WARN"))
                .hasSize(2)
                .last()
                .asString()
                .contains("HTTP 500");
        assertThat(lines.get(3))
                .isEqualTo("INFO elasticsearch available again after 2.5 s (1 failed attempt)");
    }

    @Test
    void theMetricsOfAKindSeeEveryDependencyOfThatKindInTheJvm() {
        // Names of their own: the registry is the JVM's, shared with other tests.
        Outage a = Outage.of("test-kind-a", "store one of OutageTest", OutageTest.class);
        Outage b = Outage.of("test-kind-a", "store two of OutageTest", OutageTest.class);
        Outage other = Outage.of("test-kind-b", "server of OutageTest", OutageTest.class);
        assertThat(Outage.of("test-kind-a", "store one of OutageTest", OutageTest.class))
                .isSameAs(a);
        assertThat(Outage.anyUnavailable("test-kind-a")).isFalse();
        assertThat(Outage.failedAttempts("test-kind-a")).isZero();
        b.failed("HTTP 503");
        b.failed("HTTP 503");
        assertThat(Outage.anyUnavailable("test-kind-a")).isTrue();
        assertThat(Outage.anyUnavailable("test-kind-b")).isFalse();
        other.failed("refused");
        b.succeeded();
        assertThat(Outage.anyUnavailable("test-kind-a")).isFalse();
        assertThat(Outage.anyUnavailable("test-kind-b")).isTrue();
        other.succeeded();
        assertThat(a.unavailable()).isFalse();
        // Every failed attempt counts, not only an outage's first.
        assertThat(Outage.failedAttempts("test-kind-a")).isEqualTo(2);
        assertThat(Outage.failedAttempts("test-kind-b")).isEqualTo(1);
    }
}
