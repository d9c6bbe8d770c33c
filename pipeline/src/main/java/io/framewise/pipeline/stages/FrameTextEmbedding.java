package io.framewise.pipeline.stages;

import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.embed.EmbeddingText;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 7: embeds the text of a batch of {@code frames} rows in one model call. Each row's text is
 * {@link EmbeddingText#of(FrameRow)}; a row without text passes with no vector and costs nothing.
 * Rows come back in the order they came. A batch the model fails on becomes one failure row per
 * frame (stage {@code embed}), and the frames go on without a text vector.
 */
public final class FrameTextEmbedding {

    private FrameTextEmbedding() {}

    /**
     * @param rows the batch's rows, each with its vector where it has text and the model did not
     *     fail
     * @param failures one per frame with text when the model failed
     * @param embedded how many texts were embedded
     * @param calledWith how many texts the model was called with; 0 when not called
     * @param modelMs how long the model call took; -1 when it was not called or threw before
     *     returning
     */
    public record Embedded(
            List<FrameRow> rows,
            List<FailureRow> failures,
            int embedded,
            int calledWith,
            long modelMs) {}

    public static Embedded embed(Embedder embedder, List<FrameRow> batch) {
        List<String> texts = new ArrayList<>();
        List<Integer> withText = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String text = EmbeddingText.of(batch.get(i));
            if (!text.isEmpty()) {
                texts.add(text);
                withText.add(i);
            }
        }
        List<float[]> vectors = null;
        List<FailureRow> failures = new ArrayList<>();
        long modelMs = -1;
        if (!texts.isEmpty()) {
            try {
                long start = System.nanoTime();
                vectors = embedder.embed(texts);
                modelMs = (System.nanoTime() - start) / 1_000_000;
                if (vectors.size() != texts.size()) {
                    throw new IllegalStateException(
                            vectors.size() + " vectors for " + texts.size() + " texts");
                }
            } catch (RuntimeException e) {
                vectors = null;
                for (int i : withText) {
                    FrameRow row = batch.get(i);
                    failures.add(
                            // A frames row does not carry its video's URI: the video id joins
                            // the failure to it.
                            FailureRow.ofVideo(
                                            row.videoId(),
                                            null,
                                            "embed",
                                            "embed_failed",
                                            e.getClass().getSimpleName() + ": " + e.getMessage())
                                    .withInput(
                                            FailureRow.keyframe(
                                                    row.videoId(), row.shotIndex(), row.frame())));
                }
            }
        }
        List<FrameRow> out = new ArrayList<>(batch.size());
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            FrameRow row = batch.get(i);
            if (vectors != null && next < withText.size() && withText.get(next) == i) {
                row = row.withTextVector(embedder.model(), vectors.get(next));
                next++;
            }
            out.add(row);
        }
        return new Embedded(
                out, failures, vectors == null ? 0 : texts.size(), texts.size(), modelMs);
    }
}
