package io.framewise.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.video.VideoRef;
import java.nio.charset.StandardCharsets;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class SourceTypesTest {

    @Test
    void sourceRecordsAreFlinkPojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Incoming.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DeadLetter.class);
    }

    @Test
    void aDeadLetterBecomesAFailureRowWithItsOriginReasonAndEvent() {
        DeadLetter letter =
                new DeadLetter(
                        "uploads",
                        1,
                        42,
                        1000L,
                        null,
                        "{\"video_id\": 7,\n \"uri\": \"s3://v/a.mp4\"}"
                                .getBytes(StandardCharsets.UTF_8),
                        "malformed_event",
                        "video_id must be ...");
        FailureRow row = RouteIncoming.failureRow(letter);
        // No video: the event never became one. What failed is the Kafka record, and the event
        // travels whole in its own column.
        assertThat(row.videoId()).isNull();
        assertThat(row.uri()).isNull();
        assertThat(row.input()).isEqualTo("kafka://uploads/1/42");
        assertThat(row.stage()).isEqualTo("source");
        assertThat(row.code()).isEqualTo("malformed_event");
        assertThat(row.message()).isEqualTo("video_id must be ...");
        assertThat(row.payload()).isEqualTo("{\"video_id\": 7,\n \"uri\": \"s3://v/a.mp4\"}");
        assertThat(row.attempt()).isEqualTo(1);
    }

    @Test
    void incomingCarriesItsEventTime() {
        VideoRef v = new VideoRef("a", "s3://v/a.mp4", "acme", 5000L);
        assertThat(Incoming.event(v).at()).isEqualTo(5000L);
        assertThat(Incoming.event(v).fromListing()).isFalse();
        Incoming listed = Incoming.listed(new VideoRef("c", "s3://v/c.mp4"), 7000L);
        assertThat(listed.fromListing()).isTrue();
        assertThat(listed.at()).isEqualTo(7000L);
        assertThat(listed.video().receivedAt()).isZero();
        assertThat(new EventTime.ArrivalTime().extractTimestamp(Incoming.event(v), 1L))
                .isEqualTo(5000L);
        VideoRef unknown = new VideoRef("b", "s3://v/b.mp4");
        assertThat(new EventTime.ArrivalTime().extractTimestamp(Incoming.event(unknown), 77L))
                .isEqualTo(77L);
    }
}
