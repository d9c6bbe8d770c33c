package io.framewise.connectors.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.connectors.source.UriPolicy;
import io.framewise.pipeline.video.VideoRef;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads upload events: one JSON object per Kafka record,
 *
 * <pre>{@code
 * {"video_id": "talk-0042", "uri": "s3://videos/2024/talk-0042.mp4", "org": "acme",
 *  "received_at": "2024-05-01T09:30:00Z", "metadata": {"title": "..."}}
 * }</pre>
 *
 * <p>{@code video_id} and {@code uri} are required; {@code org}, {@code received_at} (ISO-8601 with
 * offset, or epoch milliseconds) and {@code metadata} (an object) are optional, and other fields
 * are ignored so that producers can add some. Anything else is malformed, with a reason. The id
 * names files and documents, so it is restricted to letters, digits, {@code . _ -}.
 */
public final class UploadEvents {

    /** Video ids: safe as file names, Elasticsearch ids and Parquet values. */
    public static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private UploadEvents() {}

    /** The outcome of reading one event: a video, or a code and a reason. */
    public record Parsed(VideoRef video, String code, String reason) {
        static Parsed ok(VideoRef video) {
            return new Parsed(video, null, null);
        }

        static Parsed malformed(String reason) {
            return new Parsed(null, "malformed_event", reason);
        }

        static Parsed rejected(String reason) {
            return new Parsed(null, "uri_rejected", reason);
        }
    }

    /**
     * Reads one event.
     *
     * @param value the record value
     * @param recordTime the record's timestamp, used when the event has no {@code received_at}
     */
    public static Parsed parse(byte[] value, long recordTime, UriPolicy policy) {
        if (value == null || value.length == 0) {
            return Parsed.malformed("empty record (no event)");
        }
        JsonNode event;
        try {
            event = JSON.readTree(value);
        } catch (IOException e) {
            return Parsed.malformed("not JSON: " + firstLine(e.getMessage()));
        }
        if (event == null || !event.isObject()) {
            return Parsed.malformed("not a JSON object");
        }
        JsonNode id = event.get("video_id");
        if (id == null || id.isNull()) {
            return Parsed.malformed("video_id is missing");
        }
        if (!id.isTextual() || !VIDEO_ID.matcher(id.asText()).matches()) {
            return Parsed.malformed(
                    "video_id must be 1-128 letters, digits, '.', '_' or '-' (starting with a"
                            + " letter or digit), got "
                            + abbreviate(id.toString()));
        }
        JsonNode uri = event.get("uri");
        if (uri == null || uri.isNull()) {
            return Parsed.malformed("uri is missing");
        }
        if (!uri.isTextual()) {
            return Parsed.malformed("uri must be a string, got " + abbreviate(uri.toString()));
        }
        JsonNode org = event.get("org");
        if (org != null && !org.isNull() && (!org.isTextual() || org.asText().length() > 128)) {
            return Parsed.malformed("org must be a string of at most 128 characters");
        }
        JsonNode metadata = event.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            return Parsed.malformed("metadata must be a JSON object");
        }
        long receivedAt;
        JsonNode received = event.get("received_at");
        if (received == null || received.isNull()) {
            receivedAt = recordTime;
        } else if (received.isIntegralNumber() && received.asLong() >= 0) {
            receivedAt = received.asLong();
        } else if (received.isTextual()) {
            try {
                receivedAt = OffsetDateTime.parse(received.asText()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                return Parsed.malformed(
                        "received_at must be an ISO-8601 time with offset (2024-05-01T09:30:00Z)"
                                + " or epoch milliseconds, got "
                                + abbreviate(received.toString()));
            }
        } else {
            return Parsed.malformed(
                    "received_at must be an ISO-8601 time or epoch milliseconds, got "
                            + abbreviate(received.toString()));
        }
        String rejected = policy.rejectEventUri(uri.asText());
        if (rejected != null) {
            return Parsed.rejected(rejected);
        }
        String orgText = org == null || org.isNull() ? null : org.asText();
        return Parsed.ok(new VideoRef(id.asText(), uri.asText(), orgText, receivedAt));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return abbreviate(nl < 0 ? message : message.substring(0, nl));
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
