package io.framewise.pipeline.job;

import io.framewise.pipeline.aggregate.VideoSignature;
import io.framewise.pipeline.enrich.Description;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeWork;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.scores.FrameScores;
import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.video.VideoRef;
import java.io.Serializable;
import java.util.List;

/** The records that flow between the indexing job's operators. */
public final class Messages {

    private Messages() {}

    /** Decode segment {@code segment} of a planned video. */
    public record SegmentTask(VideoRef video, SegmentPlan plan, int segment)
            implements Serializable {}

    /** One decoded segment, or the reason it could not be decoded ({@code features} null then). */
    public record SegmentDone(
            VideoRef video,
            SegmentPlan plan,
            int segment,
            SegmentFeatures features,
            String errorCode,
            String errorMessage)
            implements Serializable {}

    /** One part of the keyframe work of a video whose shots are known. */
    public record KeyframeWorkTask(VideoRef video, ShotDetection shots, KeyframeWork work)
            implements Serializable {}

    /**
     * The keyframes chosen in one part's shots, or the reason the part failed ({@code keyframes}
     * null then).
     */
    public record KeyframesChosen(
            VideoRef video,
            ShotDetection shots,
            KeyframeWork work,
            List<Keyframe> keyframes,
            String errorCode,
            String errorMessage)
            implements Serializable {}

    /** One keyframe of a video, and how many the video has in all. */
    public record KeyframeTask(
            VideoRef video, ShotDetection shots, Keyframe keyframe, int keyframesOfVideo)
            implements Serializable {}

    /**
     * A keyframe whose text was read, whose picture was scored, embedded and stored; the pixels are
     * dropped here.
     *
     * @param text null when recognition failed (a failure row says why)
     * @param scores null when scoring failed (a failure row says why)
     * @param imageModel the image embedder's model
     * @param imageVector null when the image embedding failed (a failure row says why)
     * @param colours the picture's {@code ColourHistogram}, kept for scenes and clusters
     * @param description what the vision LLM says it shows; null when enrichment is off or failed
     * @param llmImage the downscaled JPEG for the LLM, carried from OCR to the describing stage
     *     only (null elsewhere, and when enrichment is off)
     * @param enrichmentCost what describing it cost, US dollars (its {@code llm_calls} row's cost);
     *     null when it was not described or the model has no price
     */
    public record KeyframeDone(
            VideoRef video,
            ShotDetection shots,
            Keyframe keyframe,
            RecognizedText text,
            String keyframeUri,
            int keyframesOfVideo,
            FrameScores scores,
            String imageModel,
            float[] imageVector,
            float[] colours,
            Description description,
            byte[] llmImage,
            Double enrichmentCost)
            implements Serializable {

        /** A keyframe on its way to be described: no cost yet. */
        public KeyframeDone(
                VideoRef video,
                ShotDetection shots,
                Keyframe keyframe,
                RecognizedText text,
                String keyframeUri,
                int keyframesOfVideo,
                FrameScores scores,
                String imageModel,
                float[] imageVector,
                float[] colours,
                Description description,
                byte[] llmImage) {
            this(
                    video,
                    shots,
                    keyframe,
                    text,
                    keyframeUri,
                    keyframesOfVideo,
                    scores,
                    imageModel,
                    imageVector,
                    colours,
                    description,
                    llmImage,
                    null);
        }

        /** A keyframe not (yet) described. */
        public KeyframeDone(
                VideoRef video,
                ShotDetection shots,
                Keyframe keyframe,
                RecognizedText text,
                String keyframeUri,
                int keyframesOfVideo,
                FrameScores scores,
                String imageModel,
                float[] imageVector,
                float[] colours) {
            this(
                    video,
                    shots,
                    keyframe,
                    text,
                    keyframeUri,
                    keyframesOfVideo,
                    scores,
                    imageModel,
                    imageVector,
                    colours,
                    null,
                    null);
        }

        /**
         * This keyframe with its description (or none) and what describing it cost, without the
         * LLM's picture.
         */
        public KeyframeDone described(Description d, Double cost) {
            return new KeyframeDone(
                    video,
                    shots,
                    keyframe,
                    text,
                    keyframeUri,
                    keyframesOfVideo,
                    scores,
                    imageModel,
                    imageVector,
                    colours,
                    d,
                    null,
                    cost);
        }
    }

    /**
     * A video's row with its summary, on its way to near-duplicate detection in its organisation.
     */
    public record SummarizedVideo(String org, VideoRow row, VideoSignature signature)
            implements Serializable {}
}
