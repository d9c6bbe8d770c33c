package io.framewise.udfs.aggregate;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.ShotFeaturesBuilder;

/** Shot features made by hand: a look (pHash and one colour), a duration and a text. */
final class TestShots {

    private TestShots() {}

    static ShotFeatures shot(
            String video,
            int index,
            long startMs,
            long endMs,
            long phash,
            int colourBin,
            String text) {
        float[] colours = new float[64];
        colours[colourBin] = 1;
        return new ShotFeatures(
                "acme",
                video,
                "file:///" + video + ".mp4",
                0,
                index,
                0,
                startMs,
                endMs,
                "keyframes/" + video + "/" + index + ".jpg",
                new long[] {phash},
                new double[] {0.5},
                ShotFeaturesBuilder.phashVector(phash),
                colours,
                text,
                null,
                null,
                new long[] {0});
    }

    /** Shot {@code index} of video "v", 4 s long. */
    static ShotFeatures shot(int index, long phash, int colourBin, String text) {
        return shot("v", index, index * 4000L, (index + 1) * 4000L, phash, colourBin, text);
    }

    /** {@code phash} with its lowest {@code bits} bits flipped. */
    static long flip(long phash, int bits) {
        return phash ^ ((1L << bits) - 1);
    }
}
