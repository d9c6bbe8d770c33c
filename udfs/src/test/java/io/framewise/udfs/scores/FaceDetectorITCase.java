package io.framewise.udfs.scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.frames.Picture;
import io.framewise.udfs.scores.FaceDetector.Faces;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scanning only around skin patches finds what scanning the whole picture finds. */
class FaceDetectorITCase {

    private static final double MIN_SIZE = 0.06;

    /**
     * Drawn faces of several sizes, at the centre, near the edges and in corners, some beside a
     * speckle of skin-coloured particles (patches the cascade scans around and finds nothing in).
     */
    @Test
    void regionsAroundSkinFindTheFacesOfAWholeScan() {
        List<Picture> pictures =
                List.of(
                        DrawnFaces.picture(640, 360, 160, new int[] {320, 180}),
                        DrawnFaces.picture(
                                640, 360, 120, new int[] {180, 180}, new int[] {460, 180}),
                        DrawnFaces.picture(640, 360, 90, new int[] {60, 60}, new int[] {590, 300}),
                        DrawnFaces.picture(640, 360, 300, new int[] {320, 170}),
                        DrawnFaces.picture(640, 360, 60, new int[] {120, 200}, new int[] {500, 90}),
                        speckled(DrawnFaces.picture(640, 360, 110, new int[] {480, 180})),
                        speckled(DrawnFaces.picture(640, 360, 160)));
        int min = (int) Math.round(MIN_SIZE * 360);
        int found = 0;
        try (FaceDetector detector = new FaceDetector("haar", MIN_SIZE)) {
            for (Picture p : pictures) {
                Faces regions = detector.detect(p);
                Faces whole = detector.scan(p, List.of(new FaceRegions.Box(0, 0, 640, 360)), min);
                assertThat(regions.count()).isEqualTo(whole.count());
                assertThat(regions.largest()).isCloseTo(whole.largest(), within(0.02));
                found += regions.count();
            }
        }
        // The comparison means something only if faces were there to find.
        assertThat(found).isGreaterThanOrEqualTo(6);
    }

    /** Skin-coloured particles clumped over the left half, as in textured or sandy footage. */
    private static Picture speckled(Picture p) {
        byte[] px = p.pixels().clone();
        Random random = new Random(3);
        for (int i = 0; i < 900; i++) {
            int cx = random.nextInt(300);
            int cy = random.nextInt(360);
            for (int y = Math.max(0, cy - 3); y < Math.min(360, cy + 3); y++) {
                for (int x = Math.max(0, cx - 3); x < Math.min(640, cx + 3); x++) {
                    int at = 3 * (y * 640 + x);
                    px[at] = (byte) 90; // B
                    px[at + 1] = (byte) 140; // G
                    px[at + 2] = (byte) 210; // R
                }
            }
        }
        return new Picture(p.width(), p.height(), p.channels(), px);
    }
}
