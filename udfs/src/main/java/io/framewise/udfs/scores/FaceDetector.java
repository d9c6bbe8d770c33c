package io.framewise.udfs.scores;

import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import io.framewise.pipeline.frames.Picture;
import io.framewise.udfs.embed.ModelFiles;
import io.framewise.udfs.frames.Pictures;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Counts frontal faces with one of the OpenCV cascades that ship inside the JavaCV {@code opencv}
 * natives jar ({@code haar}: {@code haarcascade_frontalface_default.xml}, {@code lbp}: {@code
 * lbpcascade_frontalface_improved.xml}), so no model is downloaded.
 *
 * <p>On the grey picture with its histogram equalised: {@code detectMultiScale} with a scale step
 * of {@value #SCALE_STEP} and {@value #MIN_NEIGHBOURS} neighbours, looking for faces at least
 * {@code minSize} of the picture's height (and 20 pixels) high. A picture without a patch in skin
 * colours as large as the smallest face ({@link SkinTone#patches}) has none, and the cascade does
 * not run; on one with patches it scans only around them ({@link FaceRegions}). Holds a native
 * classifier; close it. Not thread-safe.
 */
public final class FaceDetector implements AutoCloseable {

    static final double SCALE_STEP = 1.1;
    static final int MIN_NEIGHBOURS = 5;
    static final int MIN_PIXELS = 20;

    /**
     * Share of a square as wide as the smallest face that must be in skin colours for the cascade
     * to run: the box of a frontal face is mostly skin (forehead, cheeks, nose), eyes, brows and
     * mouth aside; hair, beard or shade may take more of it.
     */
    static final double MIN_SKIN_SHARE = 0.4;

    private static final String CASCADES = "org/bytedeco/opencv/linux-x86_64/share/opencv4/";

    /** What was found: how many faces, and the largest one's height over the picture's. */
    public record Faces(int count, double largest) {}

    private final CascadeClassifier classifier;
    private final double minSize;

    /**
     * @param cascade {@code haar} or {@code lbp}
     * @param minSize smallest face, as a share of the picture's height
     */
    public FaceDetector(String cascade, double minSize) {
        String resource =
                "lbp".equals(cascade)
                        ? CASCADES + "lbpcascades/lbpcascade_frontalface_improved.xml"
                        : CASCADES + "haarcascades/haarcascade_frontalface_default.xml";
        String file =
                ModelFiles.resolve(ModelFiles.CLASSPATH + resource, "scoring.faces.cascade")
                        .toString();
        this.classifier = new CascadeClassifier(file);
        if (classifier.empty()) {
            classifier.close();
            throw new IllegalStateException("OpenCV could not load the face cascade " + file);
        }
        this.minSize = minSize;
    }

    public Faces detect(Picture picture) {
        int min = Math.max(MIN_PIXELS, (int) Math.round(minSize * picture.height()));
        if (min > Math.min(picture.width(), picture.height())) {
            return new Faces(0, 0);
        }
        boolean[][] patches = SkinTone.patches(picture, min, MIN_SKIN_SHARE);
        if (patches == null) {
            return new Faces(0, 0);
        }
        return scan(
                picture,
                FaceRegions.around(patches, SkinTone.STEP, picture.width(), picture.height(), min),
                min);
    }

    /**
     * Runs the cascade over {@code regions} of {@code picture}, for faces {@code min} or larger.
     */
    Faces scan(Picture picture, List<FaceRegions.Box> regions, int min) {
        Picture grey = Pictures.grey(picture);
        int count = 0;
        int largest = 0;
        try (Mat mat = new Mat(grey.height(), grey.width(), opencv_core.CV_8UC1);
                Mat equalised = new Mat();
                RectVector found = new RectVector()) {
            mat.data().put(grey.pixels());
            // Over the whole picture, so that a region's pixels are what they would be unclipped.
            equalizeHist(mat, equalised);
            for (FaceRegions.Box b : regions) {
                try (Rect box = new Rect(b.x(), b.y(), b.width(), b.height());
                        Mat region = new Mat(equalised, box)) {
                    classifier.detectMultiScale(
                            region,
                            found,
                            SCALE_STEP,
                            MIN_NEIGHBOURS,
                            0,
                            new Size(min, min),
                            new Size());
                    count += (int) found.size();
                    for (long i = 0; i < found.size(); i++) {
                        largest = Math.max(largest, found.get(i).height());
                    }
                }
            }
        }
        return new Faces(count, (double) largest / grey.height());
    }

    @Override
    public void close() {
        classifier.close();
    }
}
