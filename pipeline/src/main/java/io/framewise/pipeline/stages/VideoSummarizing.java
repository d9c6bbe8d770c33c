package io.framewise.pipeline.stages;

import io.framewise.pipeline.aggregate.Scene;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.VideoAggregate;
import io.framewise.pipeline.aggregate.VideoSignature;
import io.framewise.pipeline.aggregate.VideoSummarizer;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.operators.Orgs;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.VideoRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step 8a: once a video's row and all its shots' features are in, groups the shots into scenes and
 * summarises the video. A summarizer that fails costs the summary, never the row: the row goes on
 * without it and a failure row says why.
 */
public final class VideoSummarizing {

    public static final String STAGE = "summary";

    private VideoSummarizing() {}

    /**
     * @param video the row with its summary (the scenes included), its organisation and signature
     * @param scenes the {@code scenes} rows; empty when the summarizer failed
     * @param failure null unless the summarizer failed
     */
    public record Summarized(SummarizedVideo video, List<SceneRow> scenes, FailureRow failure) {}

    /**
     * @param shots all the video's shots' features, in any order
     */
    public static Summarized summarize(
            VideoRow video, List<ShotFeatures> shots, VideoSummarizer summarizer) {
        List<ShotFeatures> all = new ArrayList<>(shots);
        all.sort(Comparator.comparingInt(ShotFeatures::shotIndex));
        // A video without shots has an empty signature, which matches nothing in any organisation.
        String org = all.isEmpty() ? Orgs.DEFAULT : all.get(0).org();
        VideoRow summarized = video;
        List<SceneRow> scenes = new ArrayList<>();
        FailureRow failure = null;
        try {
            VideoAggregate aggregate = summarizer.summarize(video, all);
            for (Scene s : aggregate.scenes()) {
                scenes.add(
                        new SceneRow(
                                video.videoId(),
                                s.index(),
                                s.firstShot(),
                                s.lastShot(),
                                s.startMs(),
                                s.endMs(),
                                s.keyframeUri(),
                                video.processedAt()));
            }
            // The scenes go out as rows of their own and, with the summary, on the video row:
            // its search document holds them, written once, whole.
            summarized = video.withSummary(aggregate.summary().withSceneRows(scenes));
        } catch (RuntimeException e) {
            scenes = List.of();
            failure =
                    FailureRow.ofVideo(
                            video.videoId(),
                            video.uri(),
                            STAGE,
                            "summary_failed",
                            e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Summarized(
                new SummarizedVideo(org, summarized, VideoSignature.of(video.videoId(), all)),
                scenes,
                failure);
    }
}
