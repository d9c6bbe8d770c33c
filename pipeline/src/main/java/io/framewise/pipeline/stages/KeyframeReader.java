package io.framewise.pipeline.stages;

import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.frames.ColourHistogram;
import io.framewise.pipeline.frames.Jpeg;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeStore;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.KeyframeRead;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.scores.FrameScorer;
import io.framewise.pipeline.scores.FrameScores;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextRecognizer;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Step 5: everything that needs a keyframe's pixels, while they are in memory: reads its text
 * (text-gated OCR), scores it, embeds the picture and stores it, and (with frame description on)
 * encodes the smaller JPEG for the vision LLM. The pixels are dropped on the way out.
 *
 * <p>A frame whose text cannot be read, or that cannot be scored, embedded or stored, is still
 * indexed without that part, and each such failure is a row. The engines are the caller's: opened
 * once per operator instance, closed by it.
 */
public final class KeyframeReader {

    /** The picture for the vision LLM: at most {@code maxWidth} wide, at this JPEG quality. */
    public record LlmImage(int maxWidth, int jpegQuality) implements Serializable {}

    private final TextRecognizer recognizer;
    private final KeyframeStore store;
    private final FrameScorer scorer;
    private final ImageEmbedder imageEmbedder;
    private final LlmImage llmImage;

    /**
     * @param llmImage the picture to make for the vision LLM; null when enrichment is off
     */
    public KeyframeReader(
            TextRecognizer recognizer,
            KeyframeStore store,
            FrameScorer scorer,
            ImageEmbedder imageEmbedder,
            LlmImage llmImage) {
        this.recognizer = recognizer;
        this.store = store;
        this.scorer = scorer;
        this.imageEmbedder = imageEmbedder;
        this.llmImage = llmImage;
    }

    /**
     * Reads one keyframe.
     *
     * @param failures receives a row for each part that failed
     * @param ocrMs receives how long the text recognition took, when it succeeded
     */
    public KeyframeDone read(KeyframeTask task, Consumer<FailureRow> failures, LongConsumer ocrMs) {
        Keyframe k = task.keyframe();
        RecognizedText text = null;
        try {
            long start = System.nanoTime();
            text = recognizer.recognize(k.image());
            ocrMs.accept((System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            failures.accept(failure(task, "ocr", "ocr_failed", e));
        }
        FrameScores scores = null;
        try {
            scores = scorer.score(k, text);
        } catch (RuntimeException e) {
            failures.accept(failure(task, "scores", "scoring_failed", e));
        }
        float[] imageVector = null;
        try {
            imageVector = imageEmbedder.embed(List.of(k.image())).get(0);
        } catch (RuntimeException e) {
            failures.accept(failure(task, "image_embedding", "embed_failed", e));
        }
        String uri = "";
        try {
            uri = store.store(k);
        } catch (IOException | RuntimeException e) {
            failures.accept(failure(task, "keyframe_store", "write_failed", e));
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
        Keyframe withoutPixels = k.withImage(null);
        return new KeyframeDone(
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
                null);
    }

    private static FailureRow failure(KeyframeTask task, String stage, String code, Exception e) {
        Keyframe k = task.keyframe();
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        return VideoFailure.row(task.video(), stage, code, message)
                .withInput(FailureRow.keyframe(k.videoId(), k.shot(), k.frame()));
    }
}
