package io.framewise.pipeline.job;

import io.framewise.pipeline.aggregate.ShotFeaturesBuilder;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.job.Messages.KeyframeDone;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.VideoRow;
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
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by video: gathers a video's read keyframes until all have arrived, then writes its rows:
 * one {@code frames} row per keyframe, one {@code shots} row per shot, one {@code texts} row per
 * text of a shot (merged over its keyframes), each shot's {@code ShotFeatures} for the aggregation
 * step and the {@code ok} video row (without its summary, which the aggregation adds). State is
 * cleared when the video is done.
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

        List<FrameRow> frameRows = new ArrayList<>();
        for (KeyframeDone k : all) {
            FrameRow row = frameRow(k, now);
            frameRows.add(row);
            ctx.output(Tags.FRAMES, row);
        }
        int textChars = 0;
        int shotsWithKeyframes = shotsWithKeyframes(shots, all);
        for (Shot s : shots.shots()) {
            List<KeyframeText> texts = new ArrayList<>();
            List<FrameRow> shotFrames = new ArrayList<>();
            List<float[]> shotColours = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                KeyframeDone k = all.get(i);
                if (k.keyframe().shot() == s.index()) {
                    shotFrames.add(frameRows.get(i));
                    shotColours.add(k.colours());
                    if (k.text() != null) {
                        texts.add(new KeyframeText(k.keyframe().ms(), k.text()));
                    }
                }
            }
            List<TextRow> textRows = new ArrayList<>();
            for (TextInstance t : TextMerger.merge(s.index(), texts)) {
                textChars += t.text().length();
                TextRow row =
                        new TextRow(
                                videoId,
                                s.index(),
                                t.text(),
                                t.confidence(),
                                t.firstMs(),
                                t.lastMs(),
                                t.sightings(),
                                now);
                textRows.add(row);
                ctx.output(Tags.TEXTS, row);
            }
            ShotRow shotRow =
                    new ShotRow(
                            videoId,
                            s.index(),
                            s.firstFrame(),
                            s.lastFrame(),
                            s.startMs(),
                            s.endMs(),
                            transitionIn(shots, s),
                            shotFrames.size(),
                            now);
            ctx.output(Tags.SHOTS, shotRow);
            if (!shotFrames.isEmpty()) {
                ctx.output(
                        Tags.SHOT_FEATURES,
                        ShotFeaturesBuilder.of(
                                Orgs.of(done.video()),
                                done.video().uri(),
                                // MERGE(issue 7): done.video().receivedAt(), the upload's time.
                                now,
                                shotRow,
                                shotsWithKeyframes,
                                shotFrames,
                                shotColours,
                                textRows));
            }
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
                        now,
                        null));
        JobProgress.videoDone();
    }

    private static FrameRow frameRow(KeyframeDone k, long now) {
        Keyframe f = k.keyframe();
        RecognizedText text = k.text();
        boolean hasText = text != null && !text.lines().isEmpty();
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
                k.keyframeUri(),
                now);
    }

    /**
     * Shots with at least one keyframe: each has features, so the video's summary waits for this
     * many. (Every shot has a keyframe unless its keyframes could not be decoded.)
     */
    private static int shotsWithKeyframes(ShotDetection shots, List<KeyframeDone> all) {
        return (int)
                shots.shots().stream()
                        .filter(s -> all.stream().anyMatch(k -> k.keyframe().shot() == s.index()))
                        .count();
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
