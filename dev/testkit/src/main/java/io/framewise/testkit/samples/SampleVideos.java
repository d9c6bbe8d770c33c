package io.framewise.testkit.samples;

import static io.framewise.testkit.samples.Scene.Look.GRADIENT;
import static io.framewise.testkit.samples.Scene.Look.MOTION;
import static io.framewise.testkit.samples.Scene.Look.SOLID;

import io.framewise.testkit.samples.Scene.Enter;
import java.util.List;

/**
 * The sample videos the demo indexes and the tests measure the detector on: slides with text,
 * motion with dissolves, a flash, dark shots, portrait and rotated video, several containers.
 */
public final class SampleVideos {

    private SampleVideos() {}

    /** A lecture: slides with text, hard cuts, one dissolve and one fade through black. */
    public static SampleSpec lecture() {
        return SampleSpec.of(
                "lecture",
                640,
                360,
                List.of(
                        Scene.cut(SOLID, 0x1E2A44, 75, "Streaming Video Indexing", "Week 3"),
                        Scene.cut(SOLID, 0x1E2A44, 80, "Why shots matter", "One take per shot"),
                        Scene.cut(GRADIENT, 0x203040, 70, "Content detector"),
                        Scene.cut(SOLID, 0xF0F0F0, 80, "Exercise 2", "Measure F1")
                                .entering(Enter.DISSOLVE, 15),
                        Scene.cut(SOLID, 0x3B1D1D, 70, "Questions?"),
                        Scene.cut(SOLID, 0x0F3D2E, 80, "Appendix A").entering(Enter.FADE, 20),
                        Scene.cut(SOLID, 0x222222, 60, "Thank you")));
    }

    /** Fast motion, a flash inside a shot, a dissolve out of motion, and dark shots. */
    public static SampleSpec motion() {
        return SampleSpec.of(
                "motion",
                640,
                360,
                List.of(
                        Scene.cut(MOTION, 0x204020, 70).withFlashes(30),
                        Scene.cut(MOTION, 0x402020, 60),
                        Scene.cut(GRADIENT, 0x804000, 70, "Sunset over the harbour")
                                .entering(Enter.DISSOLVE, 15),
                        Scene.cut(SOLID, 0x101014, 50),
                        Scene.cut(SOLID, 0x1A0E0E, 50),
                        Scene.cut(MOTION, 0x0C1A10, 60)));
    }

    /** A portrait clip of short shots, as social video is. */
    public static SampleSpec portrait() {
        return SampleSpec.of(
                "portrait",
                360,
                640,
                List.of(
                        Scene.cut(SOLID, 0xFF6F61, 45, "3 TIPS"),
                        Scene.cut(SOLID, 0x6B5B95, 36, "1. soak"),
                        Scene.cut(SOLID, 0x88B04B, 36, "2. dry"),
                        Scene.cut(MOTION, 0xF7CAC9, 40),
                        Scene.cut(SOLID, 0x92A8D1, 45, "follow for more")));
    }

    /**
     * A screen recording: slides of one template whose text alone changes, a terminal where lines
     * are typed in and which is then cleared for new output, a scrolling page, and captions over a
     * moving picture. New shots start where the content is replaced (the second slide, the cleared
     * terminal) and at each change of background; typing, scrolling and captions are not cuts.
     */
    public static SampleSpec screen() {
        TextStyle slide = TextStyle.of(TextStyle.Typeface.SERIF, 18);
        TextStyle terminal = TextStyle.of(TextStyle.Typeface.MONO, 14);
        int paper = 0xFDFDF6;
        int shell = 0x1E1E1E;
        return SampleSpec.of(
                "screen",
                640,
                360,
                List.of(
                        Scene.cut(SOLID, paper, 60, "Agenda", "1. Where time goes", "2. Changes")
                                .withText(slide),
                        Scene.cut(
                                        SOLID,
                                        paper,
                                        60,
                                        "Where the time goes",
                                        "Decoding: most of it",
                                        "OCR: a fifth of it")
                                .withText(slide),
                        Scene.cut(
                                        SOLID,
                                        shell,
                                        75,
                                        "$ mvn -q verify",
                                        "[INFO] Tests run: 412, Failures: 0",
                                        "$ ./framewise bench detect talk.mp4",
                                        "median 11218 ms")
                                .withText(terminal.moving(TextStyle.Motion.TYPED, 15)),
                        Scene.cut(
                                        SOLID,
                                        shell,
                                        60,
                                        "$ git status",
                                        "On branch main",
                                        "nothing to commit, working tree clean")
                                .withText(terminal),
                        Scene.cut(
                                        SOLID,
                                        0xFFFFFF,
                                        60,
                                        "Changelog",
                                        "Shots split on slide changes",
                                        "Typing is not a cut",
                                        "Scrolling is not a cut",
                                        "One decode per video")
                                .withText(slide.moving(TextStyle.Motion.SCROLLED, 2)),
                        Scene.cut(
                                        GRADIENT,
                                        0x204060,
                                        90,
                                        "Welcome back to the channel",
                                        "today we index a lecture",
                                        "in less time than it takes")
                                .withText(
                                        TextStyle.of(TextStyle.Typeface.SANS_BOLD, 18)
                                                .moving(TextStyle.Motion.CAPTIONS, 25))));
    }

    /**
     * The set the demo generates, in forms browsers play (H.264 in MP4, VP9 in WebM), so that the
     * search page plays every moment it finds.
     */
    public static List<SampleSpec> demo() {
        return List.of(
                lecture().withFormat("mp4", "libopenh264"),
                motion().withFormat("mp4", "libopenh264"),
                portrait().withFormat("webm", "libvpx-vp9"));
    }
}
