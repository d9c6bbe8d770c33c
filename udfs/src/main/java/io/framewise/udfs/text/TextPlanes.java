package io.framewise.udfs.text;

import io.framewise.pipeline.frames.Picture;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * The grey images a region of text can be read from, and which of them shows it best.
 *
 * <p>Luma is right for most text: dark on light or light on dark. It fails where light text crosses
 * backgrounds of different colours (a white caption over coloured footage): yellow (luma 226) lies
 * nearer white than green (150) does to red (76), so no threshold on luma parts the glyphs from all
 * of the background. The darkest channel of each pixel puts white at 255 and every saturated colour
 * near 0; the brightest channel does the same for dark text. For each region the image whose grey
 * levels split best in two ({@link #separation}: Otsu's between-class share of the variance, 1 for
 * a picture of two levels) is the one read. Holds three images; close it.
 */
final class TextPlanes implements AutoCloseable {

    /** Luma's lead: another image is read only when it separates by more than this. */
    static final double CLEARLY = 0.05;

    private final Mat[] planes;

    private TextPlanes(Mat[] planes) {
        this.planes = planes;
    }

    /** Luma alone for a grey picture; luma, darkest and brightest channel for a colour one. */
    static TextPlanes of(Picture picture) {
        Mat grey = TextRegionDetector.grey(picture);
        if (picture.channels() != 3) {
            return new TextPlanes(new Mat[] {grey});
        }
        Mat darkest = new Mat();
        Mat brightest = new Mat();
        try (Mat bgr = new Mat(picture.height(), picture.width(), opencv_core.CV_8UC3);
                MatVector channels = new MatVector()) {
            bgr.data().put(picture.pixels());
            opencv_core.split(bgr, channels);
            opencv_core.min(channels.get(0), channels.get(1), darkest);
            opencv_core.min(darkest, channels.get(2), darkest);
            opencv_core.max(channels.get(0), channels.get(1), brightest);
            opencv_core.max(brightest, channels.get(2), brightest);
        }
        return new TextPlanes(new Mat[] {grey, darkest, brightest});
    }

    /** The luma plane (8-bit grey, OpenCV's weights). */
    Mat luma() {
        return planes[0];
    }

    /**
     * A copy of {@code region} from the image that separates it best; luma unless another is
     * clearly better ({@value #CLEARLY} more of the variance between the two classes).
     */
    Mat best(Rect region) {
        Mat chosen = null;
        double best = -1;
        for (int i = 0; i < planes.length; i++) {
            Mat crop;
            try (Mat view = new Mat(planes[i], region)) {
                crop = view.clone();
            }
            double s = separation(crop) - (i == 0 ? 0 : CLEARLY);
            if (s > best) {
                if (chosen != null) {
                    chosen.close();
                }
                chosen = crop;
                best = s;
            } else {
                crop.close();
            }
        }
        return chosen;
    }

    /**
     * Otsu's criterion at its best threshold: the between-class variance over the total variance,
     * 0-1 (0 for a flat image).
     */
    static double separation(Mat grey) {
        byte[] pixels = new byte[(int) grey.total()];
        grey.data().get(pixels);
        long[] histogram = new long[256];
        for (byte b : pixels) {
            histogram[b & 0xFF]++;
        }
        double n = pixels.length;
        double sum = 0;
        double squares = 0;
        for (int v = 0; v < 256; v++) {
            sum += (double) v * histogram[v];
            squares += (double) v * v * histogram[v];
        }
        double mean = sum / n;
        double total = squares / n - mean * mean;
        if (n == 0 || total <= 0) {
            return 0;
        }
        double best = 0;
        double below = 0;
        double belowSum = 0;
        for (int t = 0; t < 255; t++) {
            below += histogram[t];
            belowSum += (double) t * histogram[t];
            double above = n - below;
            if (below == 0 || above == 0) {
                continue;
            }
            double m0 = belowSum / below;
            double m1 = (sum - belowSum) / above;
            double between = below / n * (above / n) * (m0 - m1) * (m0 - m1);
            best = Math.max(best, between);
        }
        return best / total;
    }

    @Override
    public void close() {
        for (Mat m : planes) {
            m.close();
        }
    }
}
