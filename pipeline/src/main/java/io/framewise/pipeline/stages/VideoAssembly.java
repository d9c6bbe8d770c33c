package io.framewise.pipeline.stages;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.ShotFeaturesBuilder;
import io.framewise.pipeline.enrich.Description;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.operators.Orgs;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.TranscriptRow;
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

/**
 * Step 6: writes a video's rows once all its keyframes (and, with speech on, what is said in it)
 * are in: one {@code frames} row per keyframe, one {@code shots} row per shot, one {@code texts}
 * row per text of a shot (merged over its keyframes), each shot's {@code ShotFeatures} for the
 * aggregation step, the {@code transcripts} rows, and the {@code ok} video row (without its
 * summary, which the aggregation adds).
 */
public final class VideoAssembly {

    private VideoAssembly() {}

    /** Where the assembled rows go. */
    public interface Rows {
        void text(TextRow row);

        void shot(ShotRow row);

        void frame(FrameRow row);

        void shotFeatures(ShotFeatures features);

        void transcript(TranscriptRow row);

        void video(VideoRow row);
    }

    /**
     * Writes a video's rows from its shots, all its keyframes and, with speech on, what is said in
     * it.
     *
     * @param speech null when speech is off
     */
    public static void assemble(
            ShotDetection shots, List<KeyframeDone> all, VideoSpeech speech, Rows ctx) {
        KeyframeDone done = all.get(0);
        all.sort(Comparator.comparingLong(k -> k.keyframe().frame()));
        long now = System.currentTimeMillis();
        String videoId = done.video().videoId();

        Map<Integer, String> shotSpeech =
                speech == null ? Map.of() : SpeechOnShots.write(speech, shots, now, ctx);
        Map<Integer, String> shotTexts = new HashMap<>();
        Map<Integer, List<TextRow>> shotTextRows = new HashMap<>();
        List<ShotRow> shotRows = new ArrayList<>();
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
            List<TextRow> textRows = new ArrayList<>();
            for (TextInstance t : TextMerger.merge(s.index(), texts)) {
                textChars += t.text().length();
                distinct.add(t.text());
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
                ctx.text(row);
            }
            if (!distinct.isEmpty()) {
                shotTexts.put(s.index(), String.join("\n", distinct));
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
                            keyframes,
                            now,
                            shotSpeech.get(s.index()));
            shotRows.add(shotRow);
            shotTextRows.put(s.index(), textRows);
            ctx.shot(shotRow);
        }
        List<FrameRow> frameRows = new ArrayList<>();
        for (KeyframeDone k : all) {
            FrameRow row =
                    frameRow(
                            k,
                            shotTexts.get(k.keyframe().shot()),
                            shotSpeech.get(k.keyframe().shot()),
                            now);
            frameRows.add(row);
            ctx.frame(row);
        }
        shotFeatures(ctx, done, now, shotRows, shotTextRows, all, frameRows);
        VideoInfo info = shots.info();
        ctx.video(
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
                        null,
                        speech == null || !speech.hasAudio() ? null : speech.speechMs() / 1000.0,
                        speech == null ? null : speech.language()));
    }

    /**
     * The keyframes read of those {@code finals} lists, each with its numbers from there (shot,
     * time, timecode, motion): a keyframe sent on before its video's last segments were in keeps
     * what was read from its pixels, and one whose frame the final choice dropped is left out.
     *
     * @param finals the video's keyframes as finally chosen, without pixels
     */
    public static List<KeyframeDone> finalKeyframes(
            List<KeyframeDone> arrived, List<Keyframe> finals) {
        Map<Long, KeyframeDone> byFrame = new HashMap<>();
        arrived.forEach(k -> byFrame.put(k.keyframe().frame(), k));
        List<KeyframeDone> kept = new ArrayList<>(finals.size());
        for (Keyframe f : finals) {
            KeyframeDone k = byFrame.get(f.frame());
            if (k != null) {
                KeyframeTask task = k.task();
                kept.add(
                        new KeyframeDone(
                                new KeyframeTask(
                                        task.video(), task.shots(), f, task.keyframesOfVideo()),
                                k.read(),
                                k.llmImage(),
                                k.enriched()));
            }
        }
        return kept;
    }

    /**
     * Emits the {@code ShotFeatures} of each shot with keyframes (every shot, unless its keyframes
     * could not be decoded), each telling how many there are, so that the video's summary knows
     * when all are in.
     *
     * @param frameRows the {@code frames} rows of {@code all}, in its order
     */
    private static void shotFeatures(
            Rows ctx,
            KeyframeDone done,
            long now,
            List<ShotRow> shotRows,
            Map<Integer, List<TextRow>> shotTextRows,
            List<KeyframeDone> all,
            List<FrameRow> frameRows) {
        int withKeyframes = (int) shotRows.stream().filter(r -> r.keyframes() > 0).count();
        for (ShotRow shot : shotRows) {
            List<FrameRow> frames = new ArrayList<>();
            List<float[]> colours = new ArrayList<>();
            List<Double> costs = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).keyframe().shot() == shot.shotIndex()) {
                    frames.add(frameRows.get(i));
                    colours.add(all.get(i).read().colours());
                    costs.add(all.get(i).enriched() == null ? null : all.get(i).enriched().cost());
                }
            }
            if (!frames.isEmpty()) {
                ctx.shotFeatures(
                        ShotFeaturesBuilder.of(
                                Orgs.of(done.video()),
                                done.video().uri(),
                                Orgs.eventTime(done.video(), now),
                                shot,
                                withKeyframes,
                                frames,
                                colours,
                                costs,
                                shotTextRows.get(shot.shotIndex())));
            }
        }
    }

    /**
     * The {@code frames} row of a keyframe, without its text vector (the embedding operator adds
     * it).
     *
     * @param shotText the shot's distinct texts joined by newlines; null when none
     */
    public static FrameRow frameRow(KeyframeDone k, String shotText, long now) {
        return frameRow(k, shotText, null, now);
    }

    /**
     * @param speech what is said during the keyframe's shot; null when nothing
     */
    public static FrameRow frameRow(KeyframeDone k, String shotText, String speech, long now) {
        Keyframe f = k.keyframe();
        RecognizedText text = k.text();
        Description d = k.description();
        boolean hasText = text != null && !text.lines().isEmpty();
        FrameScores scores = k.read().scores() != null ? k.read().scores() : NO_SCORES;
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
                f.motion(),
                shotText,
                null,
                null,
                k.read().imageModel(),
                k.read().imageVector(),
                k.read().keyframeUri(),
                d == null ? null : d.description(),
                d == null ? null : d.tags(),
                now,
                speech);
    }

    /** The scores of a keyframe that could not be scored (a failure row says why). */
    private static final FrameScores NO_SCORES = new FrameScores(0, 0, 0, 0, 0);

    /** How a shot begins: {@code start}, {@code cut}, {@code dissolve} or {@code fade}. */
    public static String transitionIn(ShotDetection shots, Shot s) {
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
