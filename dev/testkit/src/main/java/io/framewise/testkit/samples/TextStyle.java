package io.framewise.testkit.samples;

/**
 * How a sample shot draws its text lines: the typeface, the size, and whether the text stands, is
 * typed in line by line, scrolls, or is shown one caption line at a time.
 *
 * @param face the typeface
 * @param size text height in pixels; 0 for a twelfth of the picture's shorter side
 * @param motion how the text changes within the shot
 * @param step frames between two typed lines or two captions, or pixels scrolled per frame
 */
public record TextStyle(Typeface face, int size, Motion motion, int step) {

    /** Bold sans-serif at a twelfth of the shorter side, standing still. */
    public static final TextStyle DEFAULT = new TextStyle(Typeface.SANS_BOLD, 0, Motion.STATIC, 0);

    /** The typefaces, Java2D's logical fonts (DejaVu on Debian). */
    public enum Typeface {
        SANS_BOLD,
        SERIF,
        MONO
    }

    /** How the text changes within a shot; none of these starts a new shot. */
    public enum Motion {
        /** Every line from the first frame on. */
        STATIC,
        /** One more line every {@code step} frames, as typed into a terminal. */
        TYPED,
        /** All lines, moving up {@code step} pixels a frame. */
        SCROLLED,
        /** One line at a time near the bottom, the next every {@code step} frames. */
        CAPTIONS
    }

    public TextStyle {
        if (size < 0 || step < 0 || (motion != Motion.STATIC && step == 0)) {
            throw new IllegalArgumentException(
                    "text size and step must be at least 0, and a moving text needs a step");
        }
    }

    /** Text of this face and size that stands still. */
    public static TextStyle of(Typeface face, int size) {
        return new TextStyle(face, size, Motion.STATIC, 0);
    }

    /** The same face and size, changing as {@code motion} says every {@code step}. */
    public TextStyle moving(Motion motion, int step) {
        return new TextStyle(face, size, motion, step);
    }
}
