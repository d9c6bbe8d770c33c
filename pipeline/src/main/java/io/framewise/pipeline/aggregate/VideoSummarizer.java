package io.framewise.pipeline.aggregate;

import io.framewise.pipeline.rows.VideoRow;
import java.io.Serializable;
import java.util.List;

/**
 * Port: groups a video's shots into scenes and summarises the video.
 *
 * <p>One engine per operator instance, created from its {@link Factory} in {@code open()} and
 * closed in {@code close()}.
 */
public interface VideoSummarizer extends AutoCloseable {

    /**
     * The scenes and summary of {@code video}.
     *
     * @param shots all the video's shots, in shot order
     */
    VideoAggregate summarize(VideoRow video, List<ShotFeatures> shots);

    @Override
    default void close() {}

    /** Serializable configuration that creates a summarizer where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        VideoSummarizer create();
    }
}
