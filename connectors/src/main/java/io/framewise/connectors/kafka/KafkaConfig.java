package io.framewise.connectors.kafka;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where upload events come from and where the malformed ones go, validated once where the command
 * line builds it.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param topic the upload events topic
 * @param groupId the consumer group; offsets are committed to it on checkpoints (for monitoring
 *     lag: the job itself restores its offsets from its checkpoints)
 * @param deadLetterTopic where malformed events go, bytes unchanged, with the reason in headers
 * @param startingOffsets where a job without a checkpoint starts reading
 * @param properties further Kafka client properties (security, timeouts), for source and sink
 */
public record KafkaConfig(
        String bootstrapServers,
        String topic,
        String groupId,
        String deadLetterTopic,
        StartingOffsets startingOffsets,
        Map<String, String> properties)
        implements Serializable {

    /** Where to start without a checkpoint. */
    public enum StartingOffsets {
        /** The group's committed offsets, or the earliest where it has none. */
        COMMITTED,
        EARLIEST,
        LATEST;

        /** Parses {@code committed}, {@code earliest} or {@code latest}. */
        public static StartingOffsets parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "starting offsets must be committed, earliest or latest, got '"
                                + text
                                + "'");
            }
        }
    }

    public KafkaConfig {
        require(bootstrapServers, "bootstrap servers (host:port)");
        require(topic, "topic");
        require(groupId, "group id");
        require(deadLetterTopic, "dead-letter topic");
        if (deadLetterTopic.equals(topic)) {
            throw new IllegalArgumentException(
                    "the dead-letter topic must differ from the events topic '" + topic + "'");
        }
        if (startingOffsets == null) {
            throw new IllegalArgumentException("starting offsets are needed");
        }
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * The usual configuration: group {@code framewise}, dead letters to {@code TOPIC.dead-letters}.
     */
    public static KafkaConfig of(String bootstrapServers, String topic) {
        return new KafkaConfig(
                bootstrapServers,
                topic,
                "framewise",
                topic + ".dead-letters",
                StartingOffsets.COMMITTED,
                Map.of());
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a Kafka " + what + " is needed");
        }
    }
}
