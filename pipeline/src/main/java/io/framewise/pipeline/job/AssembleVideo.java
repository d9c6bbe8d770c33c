package io.framewise.pipeline.job;

import io.framewise.pipeline.enrich.Description;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.job.Messages.KeyframeDone;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.scores.FrameScores;
import io.framewise.pipeline.shots.GradualTransition;
import io.framewise.pipeline.shots.HardCut;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.VideoInfo;
import io.framewise.pipeline.text.KeyframeText;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextInstance;
import io.framewise.pipeline.text.TextMerger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by video: gathers a video's read keyframes until all have arrived, then writes its rows:
 * one {@code frames} row per keyframe, one {@code shots} row per shot, one {@code texts} row per
 * text of a shot (merged over its keyframes) and the {@code ok} video row. State is cleared when
 * the video is done.
 */
final class AssembleVideo extends KeyedProcessFunction<String, KeyframeDone, VideoRow> {

    private transient ListState<KeyframeDone> arrived;

    @Override
    public void open(OpenContext context) {
        arrived =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "keyframes", TypeInformation.of(KeyframeDone.class)));
    }

    @Override
    public void processElement(KeyframeDone done, Context ctx, Collector<VideoRow> out)
            throws Exception {
        arrived.add(done);
        List<KeyframeDone> all = new ArrayList<>();
        arrived.get().forEach(all::add);
        if (all.size() < done.keyframesOfVideo()) {
            return;
        }
        arrived.clear();
        all.sort(Comparator.comparingLong(k -> k.keyframe().frame()));
        long now = System.currentTimeMillis();
        ShotDetection shots = done.shots();
        String videoId = done.video().videoId();

        Map<Integer, String> shotTexts = new HashMap<>();
        int textChars = 0;
        for (Shot s : shots.shots()) {
            List<KeyframeText> texts = new ArrayList<>();
            int keyframes = 0;
            for (KeyframeDone k : all) {
                if (k.keyframe().shot() == s.index()) {
                    keyframes++;
                    if (k.text() != null) {
                        texts.add(new KeyframeText(k.keyframe().ms(), k.text()));
                    }
                }
            }
            List<String> distinct = new ArrayList<>();
            for (TextInstance t : TextMerger.merge(s.index(), texts)) {
                textChars += t.text().length();
                distinct.add(t.text());
                ctx.output(
                        Tags.TEXTS,
                        new TextRow(
                                videoId,
                                s.index(),
                                t.text(),
                                t.confidence(),
                                t.firstMs(),
                                t.lastMs(),
                                t.sightings(),
                                now));
            }
            if (!distinct.isEmpty()) {
                shotTexts.put(s.index(), String.join("\n", distinct));
            }
            ctx.output(
                    Tags.SHOTS,
                    new ShotRow(
                            videoId,
                            s.index(),
                            s.firstFrame(),
                            s.lastFrame(),
                            s.startMs(),
                            s.endMs(),
                            transitionIn(shots, s),
                            keyframes,
                            now));
        }
        for (KeyframeDone k : all) {
            ctx.output(Tags.FRAMES, frameRow(k, shotTexts.get(k.keyframe().shot()), now));
        }
        VideoInfo info = shots.info();
        out.collect(
                new VideoRow(
                        videoId,
                        done.video().uri(),
                        info.width(),
                        info.height(),
                        info.fps().toDouble(),
                        info.frames(),
                        info.durationMs(),
                        info.codec(),
                        shots.shots().size(),
                        all.size(),
                        textChars,
                        "ok",
                        now));
        JobProgress.videoDone();
    }

    /**
     * The {@code frames} row of a keyframe, without its text vector (the embedding operator adds
     * it).
     *
     * @param shotText the shot's distinct texts joined by newlines; null when none
     */
    static FrameRow frameRow(KeyframeDone k, String shotText, long now) {
        Keyframe f = k.keyframe();
        RecognizedText text = k.text();
        Description d = k.description();
        boolean hasText = text != null && !text.lines().isEmpty();
        FrameScores scores = k.scores() != null ? k.scores() : NO_SCORES;
        return new FrameRow(
                f.videoId(),
                f.shot(),
                f.frame(),
                f.ms(),
                f.timecode(),
                f.phash(),
                f.quality().score(),
                f.quality().sharpness(),
                f.quality().brightness(),
                hasText,
                hasText ? text.text() : null,
                hasText ? text.confidence() : null,
                f.quality().contrast(),
                scores.exposure(),
                scores.colourfulness(),
                scores.textCoverage(),
                scores.faces(),
                scores.largestFace(),
                motion(k.shots(), f),
                shotText,
                null,
                null,
                k.imageModel(),
                k.imageVector(),
                k.keyframeUri(),
                d == null ? null : d.description(),
                d == null ? null : d.tags(),
                now);
    }

    /** The scores of a keyframe that could not be scored (a failure row says why). */
    private static final FrameScores NO_SCORES = new FrameScores(0, 0, 0, 0, 0);

    /** Frames on each side of a keyframe whose change counts towards its motion (0.2 s at 30). */
    static final int MOTION_RADIUS = 6;

    /**
     * How much the picture moves around the keyframe, 0-1, from the detector's frame-to-frame
     * change ({@link ShotDetection#motionAround}); null when the keyframe's frame is not in the
     * detection.
     */
    static Double motion(ShotDetection shots, Keyframe f) {
        if (f.shot() < 0 || f.shot() >= shots.shots().size() || f.frame() >= shots.pts().length) {
            return null;
        }
        return shots.motionAround(shots.shots().get(f.shot()), f.frame(), MOTION_RADIUS);
    }

    /** How a shot begins: {@code start}, {@code cut}, {@code dissolve} or {@code fade}. */
    static String transitionIn(ShotDetection shots, Shot s) {
        if (s.index() == 0) {
            return "start";
        }
        for (HardCut c : shots.cuts()) {
            if (c.frame() == s.firstFrame()) {
                return "cut";
            }
        }
        for (GradualTransition g : shots.gradual()) {
            if (g.firstFrame() == s.firstFrame()) {
                return g.kind().name().toLowerCase(Locale.ROOT);
            }
        }
        return "cut";
    }
}
