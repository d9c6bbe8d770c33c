package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    private static final int GRID_W = 8;
    private static final int GRID_H = 6;

    /**
     * Runs of equal signatures (as still content gives), each frame a new array, with changes of
     * every size between them: the extractor's looked-up comparisons must give exactly the features
     * computed afresh for every frame and every lag.
     */
    @Test
    void equalSignaturesGetTheFeaturesComputedAfresh() {
        Random random = new Random(7);
        List<byte[]> frames = new ArrayList<>();
        byte[] fine = randomFine(random);
        for (int run = 0; run < 40; run++) {
            int length = 1 + random.nextInt(run % 3 == 0 ? 20 : 3);
            for (int i = 0; i < length; i++) {
                frames.add(Signature.of(fine.clone(), GRID_W, GRID_H));
            }
            if (run % 4 == 3) {
                fine = randomFine(random);
            } else {
                // A few cells move, by more or less than counts as a change.
                for (int k = 0; k < 1 + random.nextInt(30); k++) {
                    int at = random.nextInt(fine.length);
                    fine[at] =
                            (byte)
                                    Math.max(
                                            0,
                                            Math.min(
                                                    255,
                                                    (fine[at] & 0xFF) + random.nextInt(61) - 30));
                }
            }
        }

        FeatureExtractor extractor = new FeatureExtractor();
        float[] got = new float[frames.size() * Features.COUNT];
        for (int i = 0; i < frames.size(); i++) {
            extractor.next(frames.get(i), got, i * Features.COUNT);
        }

        for (int i = 0; i < frames.size(); i++) {
            float[] expected = afresh(frames, i);
            float[] actual = Arrays.copyOfRange(got, i * Features.COUNT, (i + 1) * Features.COUNT);
            assertThat(actual).as("frame %d", i).isEqualTo(expected);
        }
        assertThat(frames.stream().distinct().count()).isEqualTo(frames.size());
    }

    /** Frame {@code i}'s features, every comparison made here and now. */
    private static float[] afresh(List<byte[]> frames, int i) {
        float[] out = new float[Features.COUNT];
        int[] now = Signature.widen(frames.get(i));
        out[Features.MEAN_LUMA] = Signature.meanLuma(frames.get(i));
        out[Features.LUMA_SPREAD] = Signature.lumaSpread(frames.get(i));
        for (int lag : Features.LAGS) {
            out[Features.lag(lag)] =
                    i >= lag
                            ? Signature.distance(now, Signature.widen(frames.get(i - lag)))
                            : Float.NaN;
        }
        float[] previous = new float[ContentChange.COUNT];
        if (i >= 1) {
            ContentChange.measure(now, Signature.widen(frames.get(i - 1)), previous, 0);
        }
        out[Features.CONTENT_LOST] = i >= 1 ? previous[ContentChange.LOST] : 0;
        if (i >= 2) {
            ContentChange.measure(
                    now, Signature.widen(frames.get(i - 2)), out, Features.CONTENT_LOST2);
        } else {
            out[Features.CONTENT_LOST2] = out[Features.CONTENT_LOST];
            out[Features.CONTENT_EXTENT2] = i >= 1 ? previous[ContentChange.EXTENT] : 0;
            out[Features.CONTENT_TOP2] = i >= 1 ? previous[ContentChange.TOP] : 1;
        }
        return out;
    }

    /** A fine YUV 4:4:4 grid with structure: random blocks on a flat background. */
    private static byte[] randomFine(Random random) {
        int fineW = Signature.FINE * GRID_W;
        int fineH = Signature.FINE * GRID_H;
        byte[] fine = new byte[3 * fineW * fineH];
        Arrays.fill(fine, (byte) (40 + random.nextInt(150)));
        for (int i = 0; i < fineW * fineH; i++) {
            if (random.nextInt(4) == 0) {
                fine[i] = (byte) random.nextInt(256);
            }
        }
        return fine;
    }
}
