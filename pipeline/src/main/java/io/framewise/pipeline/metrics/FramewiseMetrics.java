package io.framewise.pipeline.metrics;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The job's own metrics, registered by each operator under the group {@value #GROUP} of its metric
 * group, so that Flink's web UI, REST API and reporters show them per operator and subtask (e.g.
 * {@code 0.decode_segment.framewise.framesDecodedPerSecond}).
 *
 * <p>The names are constants here so that dashboards and the README agree with the code.
 */
public final class FramewiseMetrics {

    public static final String GROUP = "framewise";

    /** Counter: frames decoded by the shot detector (decode segment). */
    public static final String FRAMES_DECODED = "framesDecoded";

    /** Meter: frames decoded per second, over the last {@value #METER_SECONDS} s. */
    public static final String FRAMES_DECODED_PER_SECOND = "framesDecodedPerSecond";

    /** Counter: shots found (stitch shots). */
    public static final String SHOTS = "shots";

    /** Counter: keyframes chosen after dropping repeats (collect keyframes). */
    public static final String KEYFRAMES = "keyframes";

    /** Histogram: milliseconds of text recognition per keyframe (ocr and store keyframe). */
    public static final String OCR_MS = "ocrMs";

    /** Histogram: milliseconds to make a video's bytes local (plan, decode, keyframes). */
    public static final String FETCH_MS = "fetchMs";

    /** Counter: failure rows of all stages (count failures). */
    public static final String ERRORS = "errors";

    /** Group of counters: failure rows per stage, e.g. {@code errorsByStage.plan}. */
    public static final String ERRORS_BY_STAGE = "errorsByStage";

    /** Counter: upload events that were malformed and went to the dead-letter topic. */
    public static final String MALFORMED_EVENTS = "malformedEvents";

    /** Counter: videos a backfill skipped because they were indexed already. */
    public static final String SKIPPED_VIDEOS = "skippedVideos";

    /** Histogram: texts per embedding batch (embed frame text). */
    public static final String EMBEDDING_BATCH_SIZE = "embeddingBatchSize";

    /** Histogram: milliseconds per embedding batch. */
    public static final String EMBEDDING_MS = "embeddingMs";

    /**
     * Histogram: milliseconds from a keyframe's first LLM request to its outcome, retries included
     * (record enrichment; cache hits left out).
     */
    public static final String LLM_LATENCY_MS = "llmLatencyMs";

    /** Counter: keyframes the LLM could not describe (failed, timed out, refused). */
    public static final String LLM_ERRORS = "llmErrors";

    /** Counter: descriptions served from the content-hash cache. */
    public static final String LLM_CACHE_HITS = "llmCacheHits";

    /** Counter: preview renditions made (videos browsers cannot play as they are). */
    public static final String PREVIEWS_MADE = "previewsMade";

    /**
     * Counter: videos whose preview could not be made (logged; the video is indexed all the same).
     */
    public static final String PREVIEW_FAILURES = "previewFailures";

    /** Histogram: milliseconds per Elasticsearch bulk request, retries included (index sinks). */
    public static final String ES_BULK_MS = "esBulkMs";

    /** Counter: documents Elasticsearch rejected (to the {@code failures} table). */
    public static final String ES_REJECTIONS = "esRejections";

    /**
     * Gauge under a dependency's group ({@link #ELASTICSEARCH}, {@link #STORAGE}, {@link #LLM},
     * {@link #SPEECH}): 1 while calls to it fail (from the first failed attempt until one
     * succeeds), else 0. Alert on it: a retry loop logs an outage once, at its start.
     */
    public static final String UNAVAILABLE = "unavailable";

    /**
     * Counter under a dependency's group: failed attempts at it (each retried, or given up after
     * its retries) in this TaskManager since it started.
     */
    public static final String FAILED_ATTEMPTS = "failedAttempts";

    public static final String ELASTICSEARCH = "elasticsearch";
    public static final String STORAGE = "storage";
    public static final String LLM = "llm";
    public static final String SPEECH = "speech";

    static final int METER_SECONDS = 10;

    private static final int HISTOGRAM_WINDOW = 500;

    private final MetricGroup group;

    private FramewiseMetrics(MetricGroup group) {
        this.group = group;
    }

    /**
     * Registers a dependency's metrics under its group {@code kind} ({@link #ELASTICSEARCH}, {@link
     * #STORAGE}, {@link #LLM}, {@link #SPEECH}): the {@link #UNAVAILABLE} gauge, 1 while {@code
     * down} says so, and the {@link #FAILED_ATTEMPTS} counter, {@code failedAttempts}' count.
     */
    public void dependency(String kind, BooleanSupplier down, LongSupplier failedAttempts) {
        MetricGroup g = group.addGroup(kind);
        g.gauge(UNAVAILABLE, () -> down.getAsBoolean() ? 1 : 0);
        g.counter(FAILED_ATTEMPTS, new ReadCounter(failedAttempts));
    }

    /** A counter that reads a count kept elsewhere (by the engines, which know no metrics). */
    private static final class ReadCounter implements Counter {
        private final LongSupplier count;

        ReadCounter(LongSupplier count) {
            this.count = count;
        }

        @Override
        public void inc() {
            throw new UnsupportedOperationException("read-only: counted where it happens");
        }

        @Override
        public void inc(long n) {
            inc();
        }

        @Override
        public void dec() {
            inc();
        }

        @Override
        public void dec(long n) {
            inc();
        }

        @Override
        public long getCount() {
            return count.getAsLong();
        }
    }

    /** The metrics of one operator instance: {@code getRuntimeContext().getMetricGroup()}. */
    public static FramewiseMetrics of(MetricGroup operatorGroup) {
        return new FramewiseMetrics(operatorGroup.addGroup(GROUP));
    }

    public Counter counter(String name) {
        return group.counter(name);
    }

    /** A histogram over the last {@value #HISTOGRAM_WINDOW} values (min, max, mean, quantiles). */
    public Histogram histogram(String name) {
        return group.histogram(name, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }

    /** A per-second rate of {@code counter}. */
    public Meter meter(String name, Counter counter) {
        return group.meter(name, new MeterView(counter, METER_SECONDS));
    }

    /** The group for further nesting, e.g. errors per stage. */
    public MetricGroup group() {
        return group;
    }
}
