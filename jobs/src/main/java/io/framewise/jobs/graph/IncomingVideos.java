package io.framewise.jobs.graph;

import io.framewise.connectors.kafka.KafkaConfig;
import io.framewise.connectors.kafka.KafkaUploads;
import io.framewise.connectors.source.EventTime;
import io.framewise.connectors.source.Incoming;
import io.framewise.connectors.source.RouteIncoming;
import io.framewise.connectors.source.SkipIndexedVideos;
import io.framewise.connectors.source.SourceConfig;
import io.framewise.connectors.source.Throttle;
import io.framewise.connectors.source.UriPolicy;
import io.framewise.connectors.storage.VideoListing;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.pipeline.video.VideoRef;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.source.hybrid.HybridSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production jobs' source: a backfill over object-storage prefixes (bounded), the stream of
 * upload events from Kafka, or both as one source (a HybridSource that lists the prefixes first and
 * then follows the topic), and what admits their videos:
 *
 * <ol>
 *   <li>the source of {@link Incoming}, event time from the arrival time;
 *   <li>optionally paced to a rate;
 *   <li>listed videos already {@code ok} in the output's {@code videos} table skipped (resume);
 *   <li>malformed events routed to the dead-letter topic and, as failure rows, to the job.
 * </ol>
 *
 * <p>The sources' positions (Kafka offsets, the listing not yet handed out) are in checkpoints.
 */
public final class IncomingVideos implements VideoSource {

    public static final String UID_LISTING = "video-listing";
    public static final String UID_UPLOADS = "upload-events";
    public static final String UID_HYBRID = "backfill-then-uploads";
    public static final String UID_THROTTLE = "throttle";
    public static final String UID_SKIP = "skip-indexed";
    public static final String UID_ROUTE = "route-incoming";
    public static final String UID_DEAD_LETTERS = "dead-letter-topic";

    /**
     * How incoming videos are admitted.
     *
     * @param out output root whose {@code videos} table says what is indexed already
     * @param maxOutOfOrderness how late an upload event may arrive, in event time
     * @param idleness after how long without events a source split stops holding watermarks
     * @param maxVideosPerSecond pace of the incoming videos, or null for as fast as they come
     * @param resume skip listed videos the output already holds as {@code ok}
     */
    public record Admission(
            String out,
            Duration maxOutOfOrderness,
            Duration idleness,
            Double maxVideosPerSecond,
            boolean resume)
            implements Serializable {

        WatermarkStrategy<Incoming> watermarks() {
            return EventTime.watermarks(maxOutOfOrderness, idleness);
        }
    }

    private final List<URI> prefixes;
    private final KafkaConfig kafka;
    private final SourceConfig sources;
    private final Admission admission;

    private IncomingVideos(
            List<URI> prefixes, KafkaConfig kafka, SourceConfig sources, Admission admission) {
        this.prefixes = List.copyOf(prefixes);
        this.kafka = kafka;
        this.sources = sources;
        this.admission = admission;
    }

    /**
     * The backfill of {@code prefixes}: bounded, it ends when every video is listed ({@code
     * sources.*} decide which files are videos).
     */
    public static IncomingVideos listing(
            List<URI> prefixes, FramewiseConfig config, Admission admission) {
        return new IncomingVideos(prefixes, null, config.sources(), admission);
    }

    /**
     * The upload events of {@link FramewiseConfig#kafka()}; when {@code backfillFirst} names
     * prefixes, they are listed first and then the topic is followed.
     */
    public static IncomingVideos uploads(
            List<URI> backfillFirst, FramewiseConfig config, Admission admission) {
        if (config.kafka() == null) {
            throw new IllegalArgumentException("upload events need a Kafka topic");
        }
        return new IncomingVideos(backfillFirst, config.kafka(), config.sources(), admission);
    }

    @Override
    public Videos attach(StreamExecutionEnvironment env) {
        DataStream<Incoming> in = incoming(env);
        if (admission.maxVideosPerSecond() != null) {
            in =
                    in.map(new Throttle(admission.maxVideosPerSecond()))
                            .name("throttle")
                            .uid(UID_THROTTLE);
        }
        if (admission.resume()) {
            in =
                    in.filter(new SkipIndexedVideos(admission.out()))
                            .name("skip indexed videos")
                            .uid(UID_SKIP);
        }
        SingleOutputStreamOperator<VideoRef> videos =
                in.process(new RouteIncoming()).name("route incoming").uid(UID_ROUTE);
        if (kafka != null) {
            videos.getSideOutput(RouteIncoming.DEAD_LETTERS)
                    .sinkTo(KafkaUploads.deadLetterSink(kafka))
                    .name("dead-letter topic")
                    .uid(UID_DEAD_LETTERS);
        }
        return new Videos(videos, videos.getSideOutput(RouteIncoming.FAILURES));
    }

    private DataStream<Incoming> incoming(StreamExecutionEnvironment env) {
        if (kafka == null) {
            return env.fromSource(
                            VideoListing.source(prefixes, sources),
                            admission.watermarks(),
                            "video listing")
                    .uid(UID_LISTING);
        }
        KafkaSource<Incoming> uploads = KafkaUploads.source(kafka, new UriPolicy(sources));
        if (prefixes.isEmpty()) {
            return env.fromSource(uploads, admission.watermarks(), "upload events")
                    .uid(UID_UPLOADS);
        }
        HybridSource<Incoming> hybrid =
                HybridSource.builder(VideoListing.source(prefixes, sources))
                        .addSource(uploads)
                        .build();
        // A HybridSource does not declare its type: it is the one its sources share.
        return env.fromSource(
                        hybrid,
                        admission.watermarks(),
                        "video listing, then uploads",
                        TypeInformation.of(Incoming.class))
                .uid(UID_HYBRID);
    }
}
