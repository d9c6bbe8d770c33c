package io.framewise.pipeline.stages;

import io.framewise.pipeline.aggregate.VideoMatcher;
import io.framewise.pipeline.aggregate.VideoSignature;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.VideoRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step 8b: compares a summarised video's shot sequence with those of its organisation's earlier
 * videos and writes the near-duplicates into its summary; the result is the final {@code videos}
 * row. A video is listed as a duplicate only by the videos that come after it, since rows once
 * written are not rewritten. A matcher that fails costs the list, never the row.
 */
public final class DuplicateFinding {

    private DuplicateFinding() {}

    /**
     * @param row the final {@code videos} row
     * @param failure null unless the matcher failed
     */
    public record Found(VideoRow row, FailureRow failure) {}

    /**
     * @param earlier the organisation's earlier videos' signatures, by video id
     */
    public static Found find(
            SummarizedVideo video,
            Iterable<Map.Entry<String, VideoSignature>> earlier,
            VideoMatcher matcher) {
        VideoRow row = video.row();
        VideoSignature signature = video.signature();
        if (row.summary() == null || signature.shots() == 0) {
            return new Found(row, null);
        }
        List<String> duplicates = new ArrayList<>();
        try {
            for (Map.Entry<String, VideoSignature> e : earlier) {
                if (!e.getKey().equals(row.videoId())
                        && matcher.nearDuplicates(signature, e.getValue())) {
                    duplicates.add(e.getKey());
                }
            }
            duplicates.sort(null);
            return new Found(row.withSummary(row.summary().withNearDuplicates(duplicates)), null);
        } catch (RuntimeException e) {
            return new Found(
                    row,
                    FailureRow.ofVideo(
                            row.videoId(),
                            row.uri(),
                            "duplicates",
                            "duplicates_failed",
                            e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }
}
