package io.framewise.search;

import java.util.List;

/**
 * What the search API answers, as records; the JSON has snake_case names ({@code videoId} is {@code
 * video_id}). Text from videos (OCR, descriptions) is plain text here and stays plain text to the
 * page, which never renders it as HTML.
 */
public final class Views {

    private Views() {}

    /**
     * One moment found: a keyframe.
     *
     * @param id the frame's document id, {@code video/shot/frame}
     * @param shot the shot's index in the video
     * @param snippet the text that matched (or the frame's text), at most a few lines
     * @param thumbnail the keyframe picture's path on this server, null when none
     * @param score the fused score (hybrid: sum of 1/(60 + rank)), BM25 (text), or (1 + cosine) / 2
     *     (vector)
     */
    public record Hit(
            String id,
            String videoId,
            String uri,
            String title,
            int shot,
            long frame,
            long ms,
            String timecode,
            String snippet,
            String thumbnail,
            double score) {}

    /**
     * A page of results.
     *
     * @param total text: documents matching; vector and hybrid: the candidates ranked (at most the
     *     rank window)
     * @param tookMs time spent answering, embedding the query included
     * @param mode the mode that ran: {@code text} when hybrid was asked without a query embedder
     */
    public record Results(List<Hit> results, long total, long tookMs, String mode) {}

    /** A video in the list. */
    public record Video(
            String videoId,
            String uri,
            String title,
            int width,
            int height,
            double fps,
            long durationMs,
            int shots,
            int keyframes,
            String status,
            long processedAt) {}

    /** A keyframe on the video page. */
    public record Frame(
            String id, long frame, long ms, String timecode, String text, String thumbnail) {}

    /**
     * A shot on the video page: its time span, the text read on its keyframes (each text once), and
     * the keyframes.
     */
    public record Shot(
            int shot,
            long startMs,
            long endMs,
            String transitionIn,
            String text,
            String thumbnail,
            List<Frame> frames) {}

    /** The video page: the video and its shots in order. */
    public record VideoPage(Video video, List<Shot> shots) {}

    /**
     * Frames like a given one.
     *
     * @param by what compared them: {@code image_vector}, {@code text_vector}, or {@code text}
     *     (words in common, for frames without vectors)
     */
    public record Similar(String frameId, String by, List<Hit> results, long tookMs) {}
}
