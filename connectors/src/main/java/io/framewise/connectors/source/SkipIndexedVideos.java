package io.framewise.connectors.source;

import io.framewise.connectors.parquet.IndexedVideos;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a backfill resume: drops listed videos that the output's {@code videos} table already holds
 * as {@code ok} (read once per subtask when it opens, so after a restore it also sees what the job
 * committed itself). Videos announced by upload events always pass: a new event for a video means
 * index it again.
 */
public final class SkipIndexedVideos extends RichFilterFunction<Incoming> {

    private static final Logger LOG = LoggerFactory.getLogger(SkipIndexedVideos.class);

    private final String out;
    private transient Set<String> indexed;
    private transient Counter skipped;

    /** Skips what the tables under {@code out} hold. */
    public SkipIndexedVideos(String out) {
        this.out = out;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        indexed = IndexedVideos.okIds(out);
        skipped =
                FramewiseMetrics.of(getRuntimeContext().getMetricGroup())
                        .counter(FramewiseMetrics.SKIPPED_VIDEOS);
        LOG.info("{} videos under {} are indexed already and will be skipped", indexed.size(), out);
    }

    @Override
    public boolean filter(Incoming in) {
        if (in.fromListing() && in.video() != null && indexed.contains(in.video().videoId())) {
            skipped.inc();
            return false;
        }
        return true;
    }
}
