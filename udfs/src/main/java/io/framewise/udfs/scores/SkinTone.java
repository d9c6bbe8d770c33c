package io.framewise.udfs.scores;

import io.framewise.pipeline.frames.Picture;

/**
 * The share of a picture's pixels whose colour can be human skin, so that the face cascade runs
 * only where a face can be: slides, screens and title cards have none and skip it (about 125 ms a
 * 640 px keyframe with the Haar cascade).
 *
 * <p>Skin of every complexion falls in a narrow chroma box, whatever its brightness: Cb 77-127 and
 * Cr 133-173 (BT.601 YCbCr, Chai and Ngan 1999). Every {@link #STEP}th pixel of every {@link
 * #STEP}th row is looked at. A grey picture has no chroma at all, so a face in black and white
 * video is not looked for (documented in the udfs README).
 */
final class SkinTone {

    /** Pixels and rows sampled: one in this many each way. */
    static final int STEP = 4;

    private SkinTone() {}

    /** Share, 0-1, of sampled pixels of {@code picture} (BGR) in the skin chroma box. */
    static double share(Picture picture) {
        if (picture.channels() != 3) {
            return 0;
        }
        byte[] p = picture.pixels();
        int w = picture.width();
        int skin = 0;
        int seen = 0;
        for (int y = 0; y < picture.height(); y += STEP) {
            for (int x = 0; x < w; x += STEP) {
                int i = 3 * (y * w + x);
                int b = p[i] & 0xFF;
                int g = p[i + 1] & 0xFF;
                int r = p[i + 2] & 0xFF;
                double cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
                double cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
                if (cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173) {
                    skin++;
                }
                seen++;
            }
        }
        return seen == 0 ? 0 : (double) skin / seen;
    }
}
