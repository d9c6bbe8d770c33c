package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code videos} table: one per video, {@code ok} or {@code failed}.
 *
 * @param processedAt epoch milliseconds when the job finished the video (partition date)
 * @param summary scenes, keywords, colours, quality and near-duplicates; null for a failed video
 *     (and until the aggregation step has summarised it)
 * @param speechSeconds seconds of speech found in the audio; null when speech is off or the video
 *     has no audio
 * @param language the language spoken most (ISO-639-1 where the server names it); null when unknown
 */
public record VideoRow(
        String videoId,
        String uri,
        int width,
        int height,
        double fps,
        long frames,
        long durationMs,
        String codec,
        int shots,
        int keyframes,
        int textChars,
        String status,
        long processedAt,
        VideoSummary summary,
        Double speechSeconds,
        String language)
        implements Serializable {

    /** A row without speech. */
    public VideoRow(
            String videoId,
            String uri,
            int width,
            int height,
            double fps,
            long frames,
            long durationMs,
            String codec,
            int shots,
            int keyframes,
            int textChars,
            String status,
            long processedAt,
            VideoSummary summary) {
        this(
                videoId,
                uri,
                width,
                height,
                fps,
                frames,
                durationMs,
                codec,
                shots,
                keyframes,
                textChars,
                status,
                processedAt,
                summary,
                null,
                null);
    }

    /** This row with {@code summary}. */
    public VideoRow withSummary(VideoSummary summary) {
        return new VideoRow(
                videoId,
                uri,
                width,
                height,
                fps,
                frames,
                durationMs,
                codec,
                shots,
                keyframes,
                textChars,
                status,
                processedAt,
                summary,
                speechSeconds,
                language);
    }
}
