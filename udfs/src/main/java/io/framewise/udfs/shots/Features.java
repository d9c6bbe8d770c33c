package io.framewise.udfs.shots;

/**
 * The per-frame feature layout: mean luma, luma spread, whether the encoder made it a keyframe, and
 * the signature distance to the frame {@code lag} frames earlier for each lag in {@link #LAGS}.
 *
 * <p>Lag 1 is the content score hard cuts are found on; lags 2-6 tell a flash (the picture comes
 * back) from a cut; the longer lags measure the end-to-end change of a gradual transition. A
 * distance whose earlier frame does not exist is {@link Float#NaN}. Last come the {@link
 * ContentChange} measures against the previous frame (0, 0 and 1 for the first frame).
 */
final class Features {

    static final int[] LAGS = {1, 2, 3, 4, 5, 6, 8, 12, 16, 24, 32, 48, 64};

    /** How many earlier signatures a frame's features look at. */
    static final int LOOK_BACK = LAGS[LAGS.length - 1];

    static final int MEAN_LUMA = 0;
    static final int LUMA_SPREAD = 1;

    /** 1 when the encoder coded the frame as a keyframe (set by the decoder, not the extractor). */
    static final int KEYFRAME = 2;

    private static final int FIRST_LAG = 3;

    private static final int FIRST_CONTENT = FIRST_LAG + LAGS.length;

    /** The {@link ContentChange} against the previous frame: the share of its structure lost. */
    static final int CONTENT_LOST = FIRST_CONTENT;

    /**
     * The {@link ContentChange} against the frame two back (encoders often spread a change of text
     * over two frames): the share of its structure lost ...
     */
    static final int CONTENT_LOST2 = FIRST_CONTENT + 1 + ContentChange.LOST;

    /** ... the height share the changed structure spans ... */
    static final int CONTENT_EXTENT2 = FIRST_CONTENT + 1 + ContentChange.EXTENT;

    /** ... and where its highest cell is, from the top (1 when nothing changed). */
    static final int CONTENT_TOP2 = FIRST_CONTENT + 1 + ContentChange.TOP;

    static final int COUNT = FIRST_CONTENT + 1 + ContentChange.COUNT;

    private Features() {}

    /** Offset of the distance at {@code lag} within a frame's features. */
    static int lag(int lag) {
        for (int i = 0; i < LAGS.length; i++) {
            if (LAGS[i] == lag) {
                return FIRST_LAG + i;
            }
        }
        throw new IllegalArgumentException("no feature for lag " + lag);
    }

    /** The smallest lag that is at least {@code frames}, or the longest there is. */
    static int lagAtLeast(int frames) {
        for (int l : LAGS) {
            if (l >= frames) {
                return l;
            }
        }
        return LOOK_BACK;
    }
}
