package io.framewise.connectors.kafka;

import io.framewise.connectors.source.DeadLetter;
import io.framewise.connectors.source.Incoming;
import io.framewise.connectors.source.UriPolicy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record into an {@link Incoming}: the video its upload event announces, or, for a
 * malformed event, a dead letter carrying the record's bytes and the reason. Never throws, so a bad
 * event cannot stop the job.
 */
public final class UploadEventDeserializer implements KafkaRecordDeserializationSchema<Incoming> {

    private static final long serialVersionUID = 1L;

    private final UriPolicy policy;

    public UploadEventDeserializer(UriPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Incoming> out) {
        UploadEvents.Parsed parsed = UploadEvents.parse(record.value(), record.timestamp(), policy);
        if (parsed.video() != null) {
            out.collect(Incoming.event(parsed.video()));
            return;
        }
        out.collect(
                Incoming.malformed(
                        new DeadLetter(
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                record.timestamp(),
                                record.key(),
                                record.value(),
                                parsed.code(),
                                parsed.reason())));
    }

    @Override
    public TypeInformation<Incoming> getProducedType() {
        return TypeInformation.of(Incoming.class);
    }
}
