package io.framewise.pipeline.shots;

/**
 * SMPTE timecodes from frame numbers at a stream's nominal rate.
 *
 * <p>29.97 and 59.94 fps (30000/1001, 60000/1001) use drop-frame counting, written with a {@code ;}
 * before the frames field, so that the timecode stays within a frame of wall-clock time. Every
 * other rate is non-drop with {@code :}; fractional rates other than those two are counted at their
 * rounded integer rate, as broadcast tools do.
 */
public final class Timecode {

    private Timecode() {}

    /** True for the NTSC rates that drop-frame counting exists for. */
    public static boolean isDropFrame(Rational fps) {
        return fps.den() == 1001 && (fps.num() == 30000 || fps.num() == 60000);
    }

    /** The SMPTE timecode of zero-based frame {@code frame}: HH:MM:SS:FF or HH:MM:SS;FF. */
    public static String of(long frame, Rational fps) {
        if (frame < 0) {
            throw new IllegalArgumentException("frame must not be negative: " + frame);
        }
        long base = Math.max(1, Math.round(fps.toDouble()));
        long counted = frame;
        char separator = ':';
        if (isDropFrame(fps)) {
            // Drop-frame skips the first `drop` numbers of every minute except each tenth.
            long drop = base / 15; // 2 at 29.97, 4 at 59.94
            long perTenMinutes = base * 600 - drop * 9;
            long perMinute = base * 60 - drop;
            long tens = frame / perTenMinutes;
            long rest = frame % perTenMinutes;
            counted = frame + drop * 9 * tens;
            if (rest > drop) {
                counted += drop * ((rest - drop) / perMinute);
            }
            separator = ';';
        }
        long frames = counted % base;
        long totalSeconds = counted / base;
        return String.format(
                "%02d:%02d:%02d%c%02d",
                totalSeconds / 3600,
                (totalSeconds / 60) % 60,
                totalSeconds % 60,
                separator,
                frames);
    }
}
