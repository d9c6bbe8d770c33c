package io.framewise.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import io.framewise.pipeline.remote.Backoff;
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

    private static BulkResponseItem failed(int status, String type) {
        return BulkResponseItem.of(
                r ->
                        r.operationType(OperationType.Update)
                                .index("frames")
                                .id("v/0/1")
                                .status(status)
                                .error(e -> e.type(type).reason("[v/0/1]: " + type)));
    }

    @Test
    void onlyAnUpdateOfAMissingDocumentWaitsForIt() {
        BulkSender.Item update =
                new BulkSender.Item("v/0/1", "v", new byte[0], Document.Write.UPDATE);
        BulkSender.Item upsert =
                new BulkSender.Item("v/0/1", "v", new byte[0], Document.Write.UPSERT);
        assertThat(BulkSender.missing(update, failed(404, "document_missing_exception"))).isTrue();
        // An upsert creates what is missing; a missing index is no reason to wait.
        assertThat(BulkSender.missing(upsert, failed(404, "document_missing_exception"))).isFalse();
        assertThat(BulkSender.missing(update, failed(404, "index_not_found_exception"))).isFalse();
        assertThat(BulkSender.missing(update, failed(400, "mapper_parsing_exception"))).isFalse();
    }
}
