package io.framewise.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.connectors.source.DeadLetter;
import io.framewise.connectors.source.EventTime;
import io.framewise.connectors.source.Incoming;
import io.framewise.connectors.source.RouteIncoming;
import io.framewise.connectors.source.SourceConfig;
import io.framewise.connectors.source.UriPolicy;
import io.framewise.connectors.testing.LocalKafka;
import io.framewise.connectors.testing.ServerProcess;
import io.framewise.connectors.testing.TestServers;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.video.VideoRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upload events through a real Kafka broker and Flink's Kafka source: good events become videos
 * with their event time, malformed ones reach the dead-letter topic unchanged and the failures.
 */
class KafkaUploadsITCase {

    @TempDir static Path dir;
    static LocalKafka kafka;

    static final List<String> GOOD = new ArrayList<>();
    static final List<String> BAD =
            List.of(
                    "this is not json",
                    "{\"uri\":\"s3://videos/x.mp4\"}",
                    "{\"video_id\":\"../escape\",\"uri\":\"s3://videos/x.mp4\"}",
                    "{\"video_id\":\"local\",\"uri\":\"file:///etc/passwd\"}");

    @BeforeAll
    static void startKafka() throws Exception {
        ServerProcess.reapStale(TestServers.pidDir());
        kafka = LocalKafka.start(dir.resolve("kafka"), TestServers.pidDir());
        kafka.createTopics(2, "uploads", "uploads.dead-letters");
        for (int i = 0; i < 6; i++) {
            GOOD.add(
                    "{\"video_id\":\"clip-"
                            + i
                            + "\",\"uri\":\"s3://videos/clip-"
                            + i
                            + ".mp4\",\"org\":\"org-"
                            + (i % 2)
                            + "\",\"received_at\":"
                            + (1_700_000_000_000L + i * 1000)
                            + ",\"metadata\":{\"n\":"
                            + i
                            + "}}");
        }
        List<String> all = new ArrayList<>(GOOD);
        all.addAll(2, BAD);
        kafka.send("uploads", all);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The record's event time next to it, as the job sees it. */
    record Timed(VideoRef video, long eventTime) {}

    static final class WithEventTime extends ProcessFunction<VideoRef, Timed> {
        @Override
        public void processElement(VideoRef v, Context ctx, Collector<Timed> out) {
            out.collect(new Timed(v, ctx.timestamp()));
        }
    }

    @Test
    void eventsBecomeVideosAndMalformedOnesDeadLetters() throws Exception {
        KafkaConfig config = KafkaConfig.of(kafka.bootstrapServers(), "uploads");
        UriPolicy policy = new UriPolicy(SourceConfig.defaults());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // The dead letters are written in transactions that checkpoints commit.
        env.enableCheckpointing(500);
        SingleOutputStreamOperator<VideoRef> videos =
                env.fromSource(
                                KafkaUploads.builder(config, policy)
                                        .setBounded(OffsetsInitializer.latest())
                                        .build(),
                                EventTime.watermarks(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                                "uploads")
                        .process(new RouteIncoming());
        videos.getSideOutput(RouteIncoming.DEAD_LETTERS)
                .sinkTo(KafkaUploads.deadLetterSink(config));
        CloseableIterator<FailureRow> failures =
                videos.getSideOutput(RouteIncoming.FAILURES).collectAsync();
        CloseableIterator<Timed> timed = videos.process(new WithEventTime()).collectAsync();
        env.execute("kafka uploads");

        List<Timed> got = new ArrayList<>();
        timed.forEachRemaining(got::add);
        assertThat(got).hasSize(GOOD.size());
        for (Timed t : got) {
            int i = Integer.parseInt(t.video().videoId().substring("clip-".length()));
            assertThat(t.video().uri()).isEqualTo("s3://videos/clip-" + i + ".mp4");
            assertThat(t.video().org()).isEqualTo("org-" + (i % 2));
            assertThat(t.video().receivedAt()).isEqualTo(1_700_000_000_000L + i * 1000);
            assertThat(t.eventTime())
                    .as("event time is received_at")
                    .isEqualTo(t.video().receivedAt());
        }

        List<FailureRow> rows = new ArrayList<>();
        failures.forEachRemaining(rows::add);
        assertThat(rows).hasSize(BAD.size());
        assertThat(rows).allSatisfy(r -> assertThat(r.stage()).isEqualTo("source"));
        assertThat(rows.stream().map(FailureRow::code))
                .containsExactlyInAnyOrder(
                        "malformed_event", "malformed_event", "malformed_event", "uri_rejected");
        assertThat(rows).allSatisfy(r -> assertThat(r.input()).startsWith("kafka://uploads/"));
        assertThat(rows).allSatisfy(r -> assertThat(r.uri()).isNull());

        List<ConsumerRecord<byte[], byte[]>> letters =
                kafka.read("uploads.dead-letters", BAD.size(), Duration.ofSeconds(30));
        assertThat(letters).hasSize(BAD.size());
        Map<String, String> reasonByEvent = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : letters) {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            reasonByEvent.put(
                    value,
                    new String(
                            r.headers().lastHeader(KafkaUploads.HEADER_REASON).value(),
                            StandardCharsets.UTF_8));
            assertThat(
                            new String(
                                    r.headers().lastHeader(KafkaUploads.HEADER_ORIGIN).value(),
                                    StandardCharsets.UTF_8))
                    .startsWith("kafka://uploads/");
        }
        assertThat(reasonByEvent.keySet())
                .as("bytes unchanged")
                .containsExactlyInAnyOrderElementsOf(BAD);
        assertThat(reasonByEvent.get(BAD.get(0))).contains("not JSON");
        assertThat(reasonByEvent.get(BAD.get(3))).contains("scheme 'file' is not allowed");
    }

    @Test
    void deadLettersKeepTheirKeyAndCode() {
        DeadLetter letter =
                new DeadLetter(
                        "t", 0, 5, 99L, "k".getBytes(), "v".getBytes(), "malformed_event", "r");
        var record = new KafkaUploads.DeadLetterSerializer("dlq").serialize(letter, null, null);
        assertThat(record.topic()).isEqualTo("dlq");
        assertThat(record.key()).isEqualTo("k".getBytes());
        assertThat(record.value()).isEqualTo("v".getBytes());
        assertThat(record.timestamp()).isEqualTo(99L);
        assertThat(new String(record.headers().lastHeader(KafkaUploads.HEADER_CODE).value()))
                .isEqualTo("malformed_event");
        assertThat(Incoming.malformed(letter).at()).isEqualTo(99L);
    }
}
