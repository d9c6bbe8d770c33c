package io.framewise.connectors.source;

import java.io.Serializable;

/**
 * An upload event that could not be read, kept whole for the dead-letter topic: its bytes, where it
 * came from and why it was rejected.
 *
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param timestamp the Kafka record's timestamp (ms)
 * @param key the record key, or null
 * @param value the record value as received, or null
 * @param code why: {@code malformed_event} (not the event format) or {@code uri_rejected}
 * @param reason one line for people
 */
public record DeadLetter(
        String topic,
        int partition,
        long offset,
        long timestamp,
        byte[] key,
        byte[] value,
        String code,
        String reason)
        implements Serializable {

    /** Where the event was read, as a URI-like name for the failures table. */
    public String origin() {
        return "kafka://" + topic + "/" + partition + "/" + offset;
    }
}
