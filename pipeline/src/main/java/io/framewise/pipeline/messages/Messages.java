package io.framewise.pipeline.messages;

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

    /**
     * One keyframe of a video, and how many the video has in all.
     *
     * <p>A keyframe the stitching step chose from the decoding's candidates may leave before the
     * video's last segments are in: then {@code shots} is null and {@code keyframesOfVideo} 0, and
     * the video's {@link VideoStitched} tells them. Keyframes from a second decoding pass carry
     * both.
     */
    public record KeyframeTask(
            VideoRef video, ShotDetection shots, Keyframe keyframe, int keyframesOfVideo)
            implements Serializable {

        /** A keyframe chosen at stitching, whose video's {@link VideoStitched} tells the rest. */
        public static KeyframeTask chosen(VideoRef video, Keyframe keyframe) {
            return new KeyframeTask(video, null, keyframe, 0);
        }

        /** Whether the video's {@link VideoStitched} says how many keyframes it has. */
        public boolean chosenAtStitching() {
            return shots == null;
        }
    }

    /**
     * What the stitching step tells the assembly of a video once all its segments are in: its
     * shots, and which keyframes it sent on directly ({@link KeyframeTask#chosen}); some were sent
     * while later segments still decoded, from the shots that the first segments already settle.
     *
     * @param shots the video's shots, without per-frame arrays; null when the video failed (its
     *     failure row is the stitching step's)
     * @param keyframes the video's keyframes, without pixels, as finally chosen; null when they
     *     come from a second decoding pass (then each carries the shots and its count) or the video
     *     failed. A keyframe sent on early stands for the one of its frame here, with these
     *     numbers; one whose frame is not here is dropped.
     * @param sent how many keyframes the stitching step sent on directly, each of its own frame:
     *     the arrivals to wait for before the video is assembled or forgotten
     */
    public record VideoStitched(
            VideoRef video, ShotDetection shots, List<Keyframe> keyframes, int sent)
            implements Serializable {

        /** A video that failed after {@code sent} of its keyframes were sent on. */
        public static VideoStitched failed(VideoRef video, int sent) {
            return new VideoStitched(video, null, null, sent);
        }

        public boolean isFailed() {
            return shots == null;
        }
    }

    /**
     * What the assembly learns of a video besides its keyframes: from the stitching step, or (with
     * speech on) what is said in it; one of the two is set. One type, so that both reach the
     * assembly on its second input as Flink's own records.
     */
    public record VideoNews(String videoId, VideoStitched stitched, VideoSpeech speech)
            implements Serializable {

        public static VideoNews of(VideoStitched stitched) {
            return new VideoNews(stitched.video().videoId(), stitched, null);
        }

        public static VideoNews of(VideoSpeech speech) {
            return new VideoNews(speech.videoId(), null, speech);
        }
    }

    /**
     * A keyframe whose text was read, whose picture was scored, embedded and stored, on its way to
     * assembly (through the describing stage, with enrichment on); the pixels are dropped here.
     *
     * @param task the keyframe and its video, as chosen
     * @param read what reading its picture found
     * @param llmImage the downscaled JPEG for the LLM, carried from OCR to the describing stage
     *     only (null elsewhere, and when enrichment is off)
     * @param enriched what the describing stage made of it; null before that stage, and when
     *     enrichment is off
     */
    public record KeyframeDone(
            KeyframeTask task, KeyframeRead read, byte[] llmImage, Enriched enriched)
            implements Serializable {

        public VideoRef video() {
            return task.video();
        }

        public ShotDetection shots() {
            return task.shots();
        }

        public Keyframe keyframe() {
            return task.keyframe();
        }

        public int keyframesOfVideo() {
            return task.keyframesOfVideo();
        }

        /** The text read on it; null when recognition failed. */
        public RecognizedText text() {
            return read.text();
        }

        /** What the vision LLM says it shows; null when enrichment is off or failed. */
        public Description description() {
            return enriched == null ? null : enriched.description();
        }

        /**
         * This keyframe with its description (or none) and what describing it cost, without the
         * LLM's picture.
         */
        public KeyframeDone described(Description d, Double cost) {
            return new KeyframeDone(task, read, null, new Enriched(d, cost));
        }
    }

    /**
     * What reading a keyframe's picture found: text, scores, vectors and where its JPEG is.
     *
     * @param text null when recognition failed (a failure row says why)
     * @param keyframeUri where the stored JPEG is, relative to the output directory
     * @param scores null when scoring failed (a failure row says why)
     * @param imageModel the image embedder's model
     * @param imageVector null when the image embedding failed (a failure row says why)
     * @param colours the picture's {@code ColourHistogram}, kept for scenes and clusters
     */
    public record KeyframeRead(
            RecognizedText text,
            String keyframeUri,
            FrameScores scores,
            String imageModel,
            float[] imageVector,
            float[] colours)
            implements Serializable {}

    /**
     * What the describing stage made of a keyframe.
     *
     * @param description what the vision LLM says it shows; null when describing it failed (a
     *     failure row says why)
     * @param cost what describing it cost, US dollars (its {@code llm_calls} row's cost); null when
     *     the model has no price
     */
    public record Enriched(Description description, Double cost) implements Serializable {}

    /**
     * A video's row with its summary, on its way to near-duplicate detection in its organisation.
     */
    public record SummarizedVideo(String org, VideoRow row, VideoSignature signature)
            implements Serializable {}
}
