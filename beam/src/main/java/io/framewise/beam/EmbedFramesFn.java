package io.framewise.beam;

import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.stages.FrameTextEmbedding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * Step 7 ({@link FrameTextEmbedding}): the frames rows' text embedded in micro-batches of up to
 * {@code batchSize} rows within a bundle (Beam's bundles play the part of the Flink operator's wait
 * timer: the rest of a bundle is embedded when it finishes). One model per DoFn instance.
 */
final class EmbedFramesFn extends DoFn<FrameRow, FrameRow> {

    static final TupleTag<FrameRow> EMBEDDED = new TupleTag<>("embedded-frames") {};

    private final Embedder.Factory embedders;
    private final int batchSize;
    private final Counter textsEmbedded = BeamMetrics.counter("textsEmbedded");
    private final Counter batches = BeamMetrics.counter("embeddingBatches");
    private final Distribution batchSizes =
            BeamMetrics.distribution(FramewiseMetrics.EMBEDDING_BATCH_SIZE);
    private final Distribution batchMs = BeamMetrics.distribution(FramewiseMetrics.EMBEDDING_MS);
    private transient Embedder embedder;
    private transient List<FrameRow> pending;
    private transient Instant pendingTime;
    private transient BoundedWindow pendingWindow;

    EmbedFramesFn(Embedder.Factory embedders, int batchSize) {
        this.embedders = embedders;
        this.batchSize = batchSize;
    }

    @Setup
    public void setup() {
        embedder = embedders.create(-1);
    }

    @StartBundle
    public void startBundle() {
        pending = new ArrayList<>(batchSize);
    }

    @ProcessElement
    public void process(
            @Element FrameRow row,
            @Timestamp Instant time,
            BoundedWindow window,
            MultiOutputReceiver out) {
        if (pending.isEmpty()) {
            pendingTime = time;
            pendingWindow = window;
        }
        pending.add(row);
        if (pending.size() >= batchSize) {
            flush(out.get(EMBEDDED)::output, out.get(Outputs.FAILURES)::output);
        }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
        flush(
                row -> context.output(EMBEDDED, row, pendingTime, pendingWindow),
                row -> context.output(Outputs.FAILURES, row, pendingTime, pendingWindow));
    }

    private void flush(Consumer<FrameRow> rows, Consumer<FailureRow> failures) {
        if (pending.isEmpty()) {
            return;
        }
        FrameTextEmbedding.Embedded result = FrameTextEmbedding.embed(embedder, pending);
        if (result.modelMs() >= 0) {
            batchMs.update(result.modelMs());
            batchSizes.update(result.calledWith());
        }
        if (result.embedded() > 0) {
            textsEmbedded.inc(result.embedded());
            batches.inc();
        }
        result.failures().forEach(failures);
        result.rows().forEach(rows);
        pending = new ArrayList<>(batchSize);
    }

    @Teardown
    public void teardown() {
        if (embedder != null) {
            embedder.close();
        }
    }
}
