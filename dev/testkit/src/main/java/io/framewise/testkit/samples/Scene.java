package io.framewise.testkit.samples;

import java.util.List;

/**
 * One shot of a sample video: what it shows, for how long, and how it begins.
 *
 * @param look the picture: a solid colour, a slowly moving gradient or fast-moving shapes
 * @param color background colour as 0xRRGGBB
 * @param text lines drawn on the picture (may be empty)
 * @param frames length in frames, the entering transition included
 * @param enter how this shot begins after the previous one (ignored for the first)
 * @param transitionFrames length of a dissolve or fade
 * @param flashes offsets within the shot of two-frame white flashes (not cuts)
 * @param style how the text is drawn and whether it is typed, scrolls or changes as captions
 */
public record Scene(
        Look look,
        int color,
        List<String> text,
        int frames,
        Enter enter,
        int transitionFrames,
        List<Integer> flashes,
        TextStyle style) {

    /** What a shot shows. */
    public enum Look {
        SOLID,
        GRADIENT,
        MOTION
    }

    /** How a shot begins. */
    public enum Enter {
        CUT,
        DISSOLVE,
        FADE
    }

    public Scene {
        text = List.copyOf(text);
        flashes = List.copyOf(flashes);
        java.util.Objects.requireNonNull(style, "style");
        if (frames < 2) {
            throw new IllegalArgumentException("a scene needs at least 2 frames");
        }
    }

    /** A shot entered by a hard cut. */
    public static Scene cut(Look look, int color, int frames, String... text) {
        return new Scene(
                look, color, List.of(text), frames, Enter.CUT, 0, List.of(), TextStyle.DEFAULT);
    }

    /** The same shot entered by a dissolve or fade of {@code transitionFrames}. */
    public Scene entering(Enter how, int transitionFrames) {
        return new Scene(look, color, text, frames, how, transitionFrames, flashes, style);
    }

    /** The same shot with two-frame flashes starting at the given offsets. */
    public Scene withFlashes(Integer... offsets) {
        return new Scene(
                look, color, text, frames, enter, transitionFrames, List.of(offsets), style);
    }

    /** The same shot with its text drawn in {@code textStyle}. */
    public Scene withText(TextStyle textStyle) {
        return new Scene(look, color, text, frames, enter, transitionFrames, flashes, textStyle);
    }
}
