package io.framewise.jobs;

import io.framewise.connectors.kafka.KafkaConfig;
import io.framewise.connectors.kafka.KafkaUploads;
import io.framewise.connectors.source.EventTime;
import io.framewise.connectors.source.Incoming;
import io.framewise.connectors.source.ObjectStoreFetcher;
import io.framewise.connectors.source.RouteIncoming;
import io.framewise.connectors.source.SkipIndexedVideos;
import io.framewise.connectors.source.SourceConfig;
import io.framewise.connectors.source.Throttle;
import io.framewise.connectors.source.UriPolicy;
import io.framewise.connectors.storage.VideoListing;
import io.framewise.pipeline.graph.Outputs;
import io.framewise.pipeline.video.VideoRef;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.source.hybrid.HybridSource;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production jobs: a backfill over object-storage prefixes (bounded), the stream of upload
 * events from Kafka, and both as one job (a HybridSource that lists the prefixes first and then
 * follows the topic). All of them feed the same indexing graph and tables:
 *
 * <ol>
 *   <li>source of {@link Incoming} (listing, Kafka, or both), event time from the arrival time;
 *   <li>optionally paced to a rate;
 *   <li>listed videos already {@code ok} in the output's {@code videos} table skipped (resume);
 *   <li>malformed events routed to the dead-letter topic and the {@code failures} table;
 *   <li>the indexing graph ({@link io.framewise.pipeline.graph.IndexVideosJob}), remote videos
 *       fetched into spill files;
 *   <li>the Parquet tables.
 * </ol>
 *
 * <p>The sources' positions (Kafka offsets, the listing not yet handed out) are in checkpoints, and
 * the tables commit at checkpoints, so a restored job neither loses nor repeats rows.
 */
public final class VideoJobs {

    public static final String UID_LISTING = "video-listing";
    public static final String UID_UPLOADS = "upload-events";
    public static final String UID_HYBRID = "backfill-then-uploads";
    public static final String UID_THROTTLE = "throttle";
    public static final String UID_SKIP = "skip-indexed";
    public static final String UID_ROUTE = "route-incoming";
    public static final String UID_DEAD_LETTERS = "dead-letter-topic";

    private VideoJobs() {}

    /**
     * What every production job takes.
     *
     * @param out output root: a local directory or a URI ({@code s3://bucket/framewise}) that every
     *     TaskManager reaches
     * @param settings engine settings ({@code shots.*}, {@code keyframes.*}, {@code ocr.*})
     * @param sources where videos may come from ({@code sources.*})
     * @param parallelism default parallelism, and the number of segments per video
     * @param maxOutOfOrderness how late an upload event may arrive, in event time
     * @param idleness after how long without events a source split stops holding watermarks
     * @param maxVideosPerSecond pace of the incoming videos, or null for as fast as they come
     * @param resume skip listed videos the output already holds as {@code ok}
     */
    public record Options(
            String out,
            Properties settings,
            SourceConfig sources,
            int parallelism,
            Duration maxOutOfOrderness,
            Duration idleness,
            Double maxVideosPerSecond,
            boolean resume)
            implements Serializable {

        WatermarkStrategy<Incoming> watermarks() {
            return EventTime.watermarks(maxOutOfOrderness, idleness);
        }
    }

    /** Builds the backfill of {@code prefixes}: bounded, it ends when every video is indexed. */
    public static void backfill(
            StreamExecutionEnvironment env, List<URI> prefixes, Options options) {
        FileSource<Incoming> listing = VideoListing.source(prefixes, options.sources());
        DataStream<Incoming> in =
                env.fromSource(listing, options.watermarks(), "video listing").uid(UID_LISTING);
        index(in, null, options);
    }

    /**
     * Builds the streaming job over the upload events; when {@code backfillFirst} names prefixes,
     * one HybridSource lists them first and then follows the topic.
     */
    public static void stream(
            StreamExecutionEnvironment env,
            KafkaConfig kafka,
            List<URI> backfillFirst,
            Options options) {
        KafkaSource<Incoming> uploads =
                KafkaUploads.source(kafka, new UriPolicy(options.sources()));
        DataStream<Incoming> in;
        if (backfillFirst.isEmpty()) {
            in = env.fromSource(uploads, options.watermarks(), "upload events").uid(UID_UPLOADS);
        } else {
            HybridSource<Incoming> hybrid =
                    HybridSource.builder(VideoListing.source(backfillFirst, options.sources()))
                            .addSource(uploads)
                            .build();
            // A HybridSource does not declare its type: it is the one its sources share.
            in =
                    env.fromSource(
                                    hybrid,
                                    options.watermarks(),
                                    "video listing, then uploads",
                                    TypeInformation.of(Incoming.class))
                            .uid(UID_HYBRID);
        }
        index(in, kafka, options);
    }

    /** Steps 2 to 6 on any source of incoming videos; dead letters go to {@code kafka}. */
    public static void index(DataStream<Incoming> incoming, KafkaConfig kafka, Options options) {
        DataStream<Incoming> in = incoming;
        if (options.maxVideosPerSecond() != null) {
            in =
                    in.map(new Throttle(options.maxVideosPerSecond()))
                            .name("throttle")
                            .uid(UID_THROTTLE);
        }
        if (options.resume()) {
            in =
                    in.filter(new SkipIndexedVideos(options.out()))
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
        Outputs outputs =
                IndexPipeline.job(
                                options.settings(),
                                options.out(),
                                ObjectStoreFetcher.factory(options.sources()))
                        .build(videos);
        IndexPipeline.sinks(
                outputs,
                videos.getSideOutput(RouteIncoming.FAILURES),
                options.out(),
                options.settings());
    }
}
