package io.framewise.pipeline.operators;

import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.frames.ColourHistogram;
import io.framewise.pipeline.frames.Jpeg;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeStore;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.KeyframeRead;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.scores.FrameScorer;
import io.framewise.pipeline.scores.FrameScores;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextRecognizer;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Everything that needs a keyframe's pixels, while they are in memory: reads its text (text-gated
 * OCR), scores it (colour, text coverage, faces: the expensive second stage, run on chosen
 * keyframes only), embeds the picture, and stores it. One engine of each per subtask, parallel
 * across frames; the pixels are dropped on the way out.
 *
 * <p>A frame whose text cannot be read, or that cannot be scored or embedded, is still indexed
 * without that part, and the failure is a row; a picture that cannot be stored is a failure row
 * too.
 *
 * <p>With frame description on, it also encodes the smaller JPEG for the vision LLM here, where the
 * pixels still are, and carries it in the message to the describing stage: a JPEG of a few tens of
 * kilobytes travels through the shuffles in front of that stage instead of the raw picture, and
 * nothing reads the stored file back (which on object storage would cost a request).
 */
public final class ReadKeyframe extends ProcessFunction<KeyframeTask, KeyframeDone> {

    private final TextRecognizer.Factory recognizers;
    private final KeyframeStore.Factory stores;
    private final FrameScorer.Factory scorers;
    private final ImageEmbedder.Factory imageEmbedders;
    private final LlmImage llmImage;
    private transient TextRecognizer recognizer;
    private transient KeyframeStore store;
    private transient FrameScorer scorer;
    private transient ImageEmbedder imageEmbedder;
    private transient Histogram ocrMs;

    /** The picture for the vision LLM: at most {@code maxWidth} wide, at this JPEG quality. */
    public record LlmImage(int maxWidth, int jpegQuality) implements Serializable {}

    /**
     * @param llmImage the picture to make for the vision LLM; null when enrichment is off
     */
    public ReadKeyframe(
            TextRecognizer.Factory recognizers,
            KeyframeStore.Factory stores,
            FrameScorer.Factory scorers,
            ImageEmbedder.Factory imageEmbedders,
            LlmImage llmImage) {
        this.recognizers = recognizers;
        this.stores = stores;
        this.scorers = scorers;
        this.imageEmbedders = imageEmbedders;
        this.llmImage = llmImage;
    }

    @Override
    public void open(OpenContext context) {
        recognizer = recognizers.create();
        store = stores.create();
        scorer = scorers.create();
        imageEmbedder = imageEmbedders.create(AssignedGpu.of(getRuntimeContext()));
        ocrMs =
                FramewiseMetrics.of(getRuntimeContext().getMetricGroup())
                        .histogram(FramewiseMetrics.OCR_MS);
    }

    @Override
    public void processElement(KeyframeTask task, Context ctx, Collector<KeyframeDone> out) {
        Keyframe k = task.keyframe();
        RecognizedText text = null;
        try {
            long start = System.nanoTime();
            text = recognizer.recognize(k.image());
            ocrMs.update((System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            fail(ctx, task, "ocr", "ocr_failed", e);
        }
        FrameScores scores = null;
        try {
            scores = scorer.score(k, text);
        } catch (RuntimeException e) {
            fail(ctx, task, "scores", "scoring_failed", e);
        }
        float[] imageVector = null;
        try {
            imageVector = imageEmbedder.embed(List.of(k.image())).get(0);
        } catch (RuntimeException e) {
            fail(ctx, task, "image_embedding", "embed_failed", e);
        }
        String uri = "";
        try {
            uri = store.store(k);
        } catch (IOException | RuntimeException e) {
            fail(ctx, task, "keyframe_store", "write_failed", e);
        }
        byte[] forLlm = null;
        if (llmImage != null) {
            try {
                forLlm = Jpeg.jpeg(k.image(), llmImage.jpegQuality(), llmImage.maxWidth());
            } catch (RuntimeException e) {
                // The describing stage turns the missing picture into its failure row.
                forLlm = null;
            }
        }
        Keyframe withoutPixels =
                new Keyframe(
                        k.videoId(),
                        k.shot(),
                        k.frame(),
                        k.ms(),
                        k.timecode(),
                        k.phash(),
                        k.quality(),
                        null,
                        k.motion());
        out.collect(
                new KeyframeDone(
                        new KeyframeTask(
                                task.video(), task.shots(), withoutPixels, task.keyframesOfVideo()),
                        new KeyframeRead(
                                text,
                                uri,
                                scores,
                                imageEmbedder.model(),
                                imageVector,
                                ColourHistogram.of(k.image())),
                        forLlm,
                        null));
    }

    private static void fail(
            Context ctx, KeyframeTask task, String stage, String code, Exception e) {
        Keyframe k = task.keyframe();
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        ctx.output(
                Tags.FAILURES,
                Failures.row(task.video(), stage, code, message)
                        .withInput(FailureRow.keyframe(k.videoId(), k.shot(), k.frame())));
    }

    @Override
    public void close() {
        if (recognizer != null) {
            recognizer.close();
        }
        if (scorer != null) {
            scorer.close();
        }
        if (imageEmbedder != null) {
            imageEmbedder.close();
        }
    }
}
