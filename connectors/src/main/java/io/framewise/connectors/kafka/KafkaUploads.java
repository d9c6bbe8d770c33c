package io.framewise.connectors.kafka;

import io.framewise.connectors.source.DeadLetter;
import io.framewise.connectors.source.Incoming;
import io.framewise.connectors.source.UriPolicy;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka edges of the streaming job: the upload events source and the dead-letter sink. Usage:
 *
 * <pre>{@code
 * KafkaConfig kafka = KafkaConfig.of("broker:9092", "uploads");
 * DataStream<Incoming> in =
 *         env.fromSource(KafkaUploads.source(kafka, policy), EventTime.watermarks(...), "uploads");
 * deadLetters.sinkTo(KafkaUploads.deadLetterSink(kafka)).name("dead letters");
 * }</pre>
 *
 * <p>The source's offsets are part of Flink's checkpoints (and committed to the group on each one),
 * so a restored job reads on from where its checkpoint was taken.
 */
public final class KafkaUploads {

    /** Header with the dead letter's code ({@code malformed_event}, {@code uri_rejected}). */
    public static final String HEADER_CODE = "framewise.code";

    /** Header with the reason, one line. */
    public static final String HEADER_REASON = "framewise.reason";

    /** Header with where the event was read: {@code kafka://topic/partition/offset}. */
    public static final String HEADER_ORIGIN = "framewise.origin";

    private KafkaUploads() {}

    /** The unbounded source of upload events. */
    public static KafkaSource<Incoming> source(KafkaConfig config, UriPolicy policy) {
        return builder(config, policy).build();
    }

    /** The source, open to further settings (bounded reads in tests). */
    public static KafkaSourceBuilder<Incoming> builder(KafkaConfig config, UriPolicy policy) {
        KafkaSourceBuilder<Incoming> b =
                KafkaSource.<Incoming>builder()
                        .setBootstrapServers(config.bootstrapServers())
                        .setTopics(config.topic())
                        .setGroupId(config.groupId())
                        .setStartingOffsets(offsets(config.startingOffsets()))
                        .setDeserializer(new UploadEventDeserializer(policy))
                        .setProperty("commit.offsets.on.checkpoint", "true");
        config.properties().forEach(b::setProperty);
        return b;
    }

    private static OffsetsInitializer offsets(KafkaConfig.StartingOffsets start) {
        return switch (start) {
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
    }

    /**
     * Kafka transactions of the dead-letter sink time out after this long unless {@code
     * kafka.properties.transaction.timeout.ms} says otherwise: the brokers' default ceiling ({@code
     * transaction.max.timeout.ms}, 15 minutes), which the sink's own default (an hour) exceeds.
     */
    static final String TRANSACTION_TIMEOUT_MS = "900000";

    /**
     * The dead-letter sink: each malformed event's key and value unchanged, with the code, reason
     * and origin in headers. Exactly once: the letters are written in Kafka transactions committed
     * with Flink's checkpoints, so a restored job neither loses nor repeats one for readers with
     * {@code isolation.level=read_committed} (a reader with the default {@code read_uncommitted}
     * also sees letters of aborted transactions). The transactional ids start with the consumer
     * group and the topic, so two jobs on different groups never fence each other.
     */
    public static KafkaSink<DeadLetter> deadLetterSink(KafkaConfig config) {
        var b =
                KafkaSink.<DeadLetter>builder()
                        .setBootstrapServers(config.bootstrapServers())
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix(config.groupId() + "-" + config.deadLetterTopic())
                        .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                        .setRecordSerializer(new DeadLetterSerializer(config.deadLetterTopic()));
        config.properties().forEach(b::setProperty);
        return b.build();
    }

    /** Writes a dead letter to its topic. */
    static final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

        private static final long serialVersionUID = 1L;

        private final String topic;

        DeadLetterSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                DeadLetter letter, KafkaSinkContext context, Long timestamp) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(new RecordHeader(HEADER_CODE, utf8(letter.code())));
            headers.add(new RecordHeader(HEADER_REASON, utf8(letter.reason())));
            headers.add(new RecordHeader(HEADER_ORIGIN, utf8(letter.origin())));
            return new ProducerRecord<>(
                    topic, null, letter.timestamp(), letter.key(), letter.value(), headers);
        }

        private static byte[] utf8(String s) {
            return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        }
    }
}
