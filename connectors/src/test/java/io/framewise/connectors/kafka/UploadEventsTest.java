package io.framewise.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.connectors.source.SourceConfig;
import io.framewise.connectors.source.UriPolicy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UploadEventsTest {

    private static final UriPolicy POLICY = new UriPolicy(SourceConfig.defaults());

    private static UploadEvents.Parsed parse(String json) {
        return UploadEvents.parse(json.getBytes(StandardCharsets.UTF_8), 1234L, POLICY);
    }

    @Test
    void aCompleteEvent() {
        UploadEvents.Parsed p =
                parse(
                        "{\"video_id\":\"talk-0042\",\"uri\":\"s3://videos/t/talk-0042.mp4\","
                                + "\"org\":\"acme\",\"received_at\":\"2024-05-01T09:30:00Z\","
                                + "\"metadata\":{\"title\":\"x\"},\"extra\":1}");
        assertThat(p.code()).isNull();
        assertThat(p.video().videoId()).isEqualTo("talk-0042");
        assertThat(p.video().uri()).isEqualTo("s3://videos/t/talk-0042.mp4");
        assertThat(p.video().org()).isEqualTo("acme");
        assertThat(p.video().receivedAt()).isEqualTo(1714555800000L);
    }

    @Test
    void optionalFieldsMayBeMissingAndTimesMayBeEpochMillis() {
        UploadEvents.Parsed p = parse("{\"video_id\":\"a\",\"uri\":\"https://cdn.example.com/a\"}");
        assertThat(p.video().org()).isNull();
        assertThat(p.video().receivedAt()).as("the record's time").isEqualTo(1234L);
        UploadEvents.Parsed millis =
                parse(
                        "{\"video_id\":\"a\",\"uri\":\"s3://v/a.mp4\",\"received_at\":1714555800000,"
                                + "\"org\":null,\"metadata\":null}");
        assertThat(millis.video().receivedAt()).isEqualTo(1714555800000L);
        UploadEvents.Parsed offset =
                parse(
                        "{\"video_id\":\"a\",\"uri\":\"s3://v/a.mp4\","
                                + "\"received_at\":\"2024-05-01T11:30:00+02:00\"}");
        assertThat(offset.video().receivedAt()).isEqualTo(1714555800000L);
    }

    @Test
    void malformedEventsSayWhy() {
        assertMalformed("", "empty record");
        assertMalformed("not json", "not JSON");
        assertMalformed("[1,2]", "not a JSON object");
        assertMalformed("{\"uri\":\"s3://v/a.mp4\"}", "video_id is missing");
        assertMalformed("{\"video_id\":12,\"uri\":\"s3://v/a.mp4\"}", "video_id must be");
        assertMalformed(
                "{\"video_id\":\"../../etc\",\"uri\":\"s3://v/a.mp4\"}", "video_id must be");
        assertMalformed("{\"video_id\":\"a b\",\"uri\":\"s3://v/a.mp4\"}", "video_id must be");
        assertMalformed("{\"video_id\":\"a\"}", "uri is missing");
        assertMalformed("{\"video_id\":\"a\",\"uri\":5}", "uri must be a string");
        assertMalformed(
                "{\"video_id\":\"a\",\"uri\":\"s3://v/a.mp4\",\"org\":5}", "org must be a string");
        assertMalformed(
                "{\"video_id\":\"a\",\"uri\":\"s3://v/a.mp4\",\"metadata\":\"x\"}",
                "metadata must be a JSON object");
        assertMalformed(
                "{\"video_id\":\"a\",\"uri\":\"s3://v/a.mp4\",\"received_at\":\"yesterday\"}",
                "received_at must be an ISO-8601 time");
        assertMalformed(
                "{\"video_id\":\"a\",\"uri\":\"s3://v/a.mp4\",\"received_at\":true}",
                "received_at must be");
    }

    @Test
    void urisOutsideThePolicyAreRejected() {
        UploadEvents.Parsed file = parse("{\"video_id\":\"a\",\"uri\":\"file:///etc/passwd\"}");
        assertThat(file.code()).isEqualTo("uri_rejected");
        assertThat(file.reason()).contains("scheme 'file' is not allowed");
        UploadEvents.Parsed metadata =
                parse("{\"video_id\":\"a\",\"uri\":\"http://169.254.169.254/latest/x\"}");
        assertThat(metadata.code()).isEqualTo("uri_rejected");
        assertThat(metadata.reason()).contains("non-public address");
    }

    private static void assertMalformed(String json, String reason) {
        UploadEvents.Parsed p = parse(json);
        assertThat(p.video()).as(json).isNull();
        assertThat(p.code()).as(json).isEqualTo("malformed_event");
        assertThat(p.reason()).as(json).contains(reason);
    }
}
