package io.framewise.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BulkSenderTest {

    @Test
    void retriesOnlyWhatCanPass() {
        assertThat(BulkSender.retryable(429)).isTrue();
        assertThat(BulkSender.retryable(500)).isTrue();
        assertThat(BulkSender.retryable(503)).isTrue();
        assertThat(BulkSender.retryable(400)).isFalse();
        assertThat(BulkSender.retryable(401)).isFalse();
        assertThat(BulkSender.retryable(404)).isFalse();
        assertThat(BulkSender.retryable(409)).isFalse();
        assertThat(BulkSender.retryable(413)).isFalse();
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        for (int i = 0; i < 200; i++) {
            assertThat(b.delay(0).toMillis()).isBetween(50L, 100L);
            assertThat(b.delay(3).toMillis()).isBetween(400L, 800L);
            assertThat(b.delay(10).toMillis()).isBetween(1000L, 2000L);
            assertThat(b.delay(100).toMillis()).isBetween(1000L, 2000L);
        }
    }
}
