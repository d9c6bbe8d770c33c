package io.framewise.pipeline.operators;

import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.stages.FrameTextEmbedding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Embeds the text of {@code frames} rows in micro-batches: up to {@code batchSize} rows, or the
 * rows that arrived within {@code maxWaitMillis} of the first, whichever comes first; one embedder
 * (one model session) per operator instance, opened in {@link #open()} and closed in {@link
 * #close()}.
 *
 * <p>Each row's text is {@link EmbeddingText#of(FrameRow)}; a row without text passes with no
 * vector and costs nothing. Rows leave in the order they came. Nothing is kept in state: the buffer
 * is emptied before every checkpoint barrier, watermark and the end of input, so a restore loses no
 * row. A batch the model fails on becomes one failure row per frame (stage {@code embed}, its
 * {@code uri} the keyframe's JPEG), and the frames go on without a text vector.
 */
public final class EmbedFrames extends AbstractStreamOperator<FrameRow>
        implements OneInputStreamOperator<FrameRow, FrameRow>,
                BoundedOneInput,
                ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;

    private final Embedder.Factory embedders;
    private final int batchSize;
    private final long maxWaitMillis;

    private transient Embedder embedder;
    private transient List<StreamRecord<FrameRow>> pending;
    private transient ScheduledFuture<?> deadline;
    private transient Counter embedded;
    private transient Counter batches;
    private transient Histogram batchSizes;
    private transient Histogram batchMs;

    public EmbedFrames(Embedder.Factory embedders, int batchSize, long maxWaitMillis) {
        if (batchSize < 1 || maxWaitMillis < 0) {
            throw new IllegalArgumentException(
                    "batch size must be at least 1 and the wait not negative");
        }
        this.embedders = embedders;
        this.batchSize = batchSize;
        this.maxWaitMillis = maxWaitMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        embedder = embedders.create(AssignedGpu.of(getRuntimeContext()));
        pending = new ArrayList<>(batchSize);
        embedded = getMetricGroup().counter("textsEmbedded");
        batches = getMetricGroup().counter("embeddingBatches");
        FramewiseMetrics metrics = FramewiseMetrics.of(getMetricGroup());
        batchSizes = metrics.histogram(FramewiseMetrics.EMBEDDING_BATCH_SIZE);
        batchMs = metrics.histogram(FramewiseMetrics.EMBEDDING_MS);
    }

    @Override
    public void processElement(StreamRecord<FrameRow> element) {
        pending.add(element.copy(element.getValue()));
        if (pending.size() >= batchSize) {
            flush();
        } else if (pending.size() == 1) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            deadline = getProcessingTimeService().registerTimer(now + maxWaitMillis, this);
        }
    }

    @Override
    public void onProcessingTime(long time) {
        deadline = null;
        flush();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        flush();
    }

    /** Embeds the buffered rows that have text in one call, then emits all of them in order. */
    private void flush() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        if (pending.isEmpty()) {
            return;
        }
        List<FrameRow> batch = new ArrayList<>(pending.size());
        pending.forEach(record -> batch.add(record.getValue()));
        FrameTextEmbedding.Embedded result = FrameTextEmbedding.embed(embedder, batch);
        if (result.modelMs() >= 0) {
            batchMs.update(result.modelMs());
            batchSizes.update(result.calledWith());
        }
        if (result.embedded() > 0) {
            embedded.inc(result.embedded());
            batches.inc();
        }
        for (FailureRow failure : result.failures()) {
            output.collect(Tags.FAILURES, new StreamRecord<>(failure));
        }
        for (int i = 0; i < pending.size(); i++) {
            output.collect(pending.get(i).replace(result.rows().get(i)));
        }
        pending.clear();
    }

    @Override
    public void close() throws Exception {
        try {
            if (embedder != null) {
                embedder.close();
            }
        } finally {
            super.close();
        }
    }
}
