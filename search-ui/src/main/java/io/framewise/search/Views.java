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
     * @param clusterId the cluster of similar shots the frame's shot is in; null until its window
     *     has been clustered
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
            double score,
            String clusterId) {}

    /**
     * A page of results.
     *
     * @param total frames that match: by words (BM25), by meaning (at or above the relevance
     *     floor), or either (hybrid)
     * @param totalRelation {@code eq} when {@code total} is exact, {@code gte} when there are at
     *     least that many (the meaning side is only ranked as deep as the page needs)
     * @param tookMs time spent answering, embedding the query included
     * @param mode the mode that ran: {@code text} when hybrid was asked without a query embedder
     */
    public record Results(
            List<Hit> results, long total, String totalRelation, long tookMs, String mode) {}

    /**
     * A video in the list.
     *
     * @param summary null until the video has been summarised (and for failed videos)
     */
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
            long processedAt,
            Summary summary) {}

    /**
     * What the aggregation found in a video (the summary columns of {@code videos}).
     *
     * @param scenes how many scenes the shots were grouped into
     * @param textCoverage share of the duration with text on screen, 0-1
     * @param dominantColours {@code #rrggbb}, most covering first
     * @param enrichmentCost US dollars; null when unknown
     * @param nearDuplicates ids of earlier videos whose shot sequences match this one's
     */
    public record Summary(
            int scenes,
            double meanShotMs,
            double textCoverage,
            List<String> topKeywords,
            List<String> dominantColours,
            double qualityP10,
            double qualityP50,
            double qualityP90,
            Double enrichmentCost,
            List<String> nearDuplicates) {}

    /** A keyframe on the video page. */
    public record Frame(
            String id,
            long frame,
            long ms,
            String timecode,
            String text,
            String thumbnail,
            String clusterId) {}

    /**
     * A shot on the video page: its time span, the text read on its keyframes (each text once), and
     * the keyframes.
     *
     * @param clusterId the cluster its keyframes are in; null when not clustered yet
     */
    public record Shot(
            int shot,
            long startMs,
            long endMs,
            String transitionIn,
            String text,
            String thumbnail,
            List<Frame> frames,
            String clusterId) {}

    /**
     * A scene on the video page: consecutive shots that belong together.
     *
     * @param scene its index in the video
     * @param thumbnail the representative keyframe's picture on this server; null when none
     * @param shots the indices of its shots, {@code firstShot} to {@code lastShot}
     */
    public record Scene(
            int scene,
            long startMs,
            long endMs,
            int firstShot,
            int lastShot,
            String thumbnail,
            List<Integer> shots) {}

    /**
     * The video page: the video, how to play it, its scenes (none until summarised) and its shots
     * in order.
     */
    public record VideoPage(Video video, Media media, List<Scene> scenes, List<Shot> shots) {}

    /**
     * How the page plays a video.
     *
     * @param url the video on this server ({@code /api/videos/{id}/media}, range requests
     *     answered); null when it cannot be played here
     * @param type its media type, e.g. {@code video/mp4}; null when it cannot be played
     * @param unplayable why it cannot be played (a local file only, a format browsers play); null
     *     when it can
     */
    public record Media(String url, String type, String unplayable) {}

    /**
     * A cluster of similar shots, as the frames index knows it.
     *
     * @param frames keyframes in it
     * @param videos distinct videos among them
     * @param topTerms the words most particular to its frames' text (against all frames), at most
     *     three, most particular first: a name people can read; empty for clusters without text
     * @param thumbnail a representative keyframe (its best by quality); null when none
     */
    public record Cluster(
            String clusterId, long frames, long videos, List<String> topTerms, String thumbnail) {}

    /**
     * Frames like a given one.
     *
     * @param by what compared them: {@code image_vector}, {@code text_vector}, or {@code text}
     *     (words in common, for frames without vectors)
     */
    public record Similar(String frameId, String by, List<Hit> results, long tookMs) {}
}
