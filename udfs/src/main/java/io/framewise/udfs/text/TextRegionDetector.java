package io.framewise.udfs.text;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_GRADIENT;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_OTSU;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.text.OcrConfig;
import io.framewise.pipeline.text.TextBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A cheap gate in front of the recogniser: finds the regions of a picture that look like lines of
 * text, so that Tesseract runs on those alone, or not at all.
 *
 * <p>The classic OpenCV recipe: the morphological gradient of the grey picture (3x3 ellipse) marks
 * edges; an Otsu threshold, never below {@code ocr.gate.min-contrast}, keeps the strong ones, so a
 * blank picture, a smooth gradient or sensor noise leaves nothing; a horizontal closing joins the
 * letters of a line; each outer contour's bounding box is kept when it is at least {@code
 * ocr.gate.min-height} pixels high, not much narrower than high, and filled like text (edges over
 * at least {@value #MIN_EDGE_FILL} of the box, the closed line over at least {@value
 * #MIN_LINE_FILL}). A contour taller than a third of the picture is no line, but may be one joined
 * to long strokes (a diagonal, the edges of bars): its {@link #bands} are judged instead. The boxes
 * are padded by {@value #PAD} pixels and overlapping ones merged, top to bottom.
 *
 * <p>Holds two small OpenCV kernels; close it. Not thread-safe.
 */
public final class TextRegionDetector implements AutoCloseable {

    /** Pixels added around every region, so that Tesseract sees the glyphs' edges whole. */
    static final int PAD = 4;

    /** Share of a region's box covered by strong edges. */
    static final double MIN_EDGE_FILL = 0.1;

    /** Share of a region's box covered by the closed line. */
    static final double MIN_LINE_FILL = 0.3;

    /**
     * A row of a region too tall for a line belongs to a line of text when the closing filled at
     * least this share of its fullest row.
     */
    static final double BAND_ROW_SHARE = 0.5;

    /** ... and the rows beside it too while the closing filled this share of the fullest. */
    static final double BAND_EDGE_SHARE = 0.2;

    /**
     * Parts lower than this (a dash, a comma, a dot) are kept only to join the line beside them;
     * alone they are not a region.
     */
    static final int MIN_PART_HEIGHT = 3;

    private final int minContrast;
    private final int minHeight;
    private final double maxArea;
    private final Mat gradientKernel;

    public TextRegionDetector(OcrConfig config) {
        this(config.gateMinContrast(), config.gateMinHeight(), config.gateMaxArea());
    }

    /**
     * @param minContrast edges weaker than this (morphological gradient, 0-255) are ignored
     * @param minHeight regions whose text is lower than this many pixels are ignored
     * @param maxArea regions larger than this share of the picture are texture, not text
     */
    public TextRegionDetector(int minContrast, int minHeight, double maxArea) {
        this.minContrast = minContrast;
        this.minHeight = minHeight;
        this.maxArea = maxArea;
        this.gradientKernel = getStructuringElement(MORPH_ELLIPSE, new Size(3, 3));
    }

    /**
     * A text region and the height of its tallest part (a line, or the ascenders and descenders of
     * one), unpadded: the text's size even when the region holds several lines.
     */
    record Region(TextBox box, int lineHeight) {}

    /** The text regions of {@code picture}, top to bottom; empty when it shows no text. */
    public List<TextBox> detect(Picture picture) {
        try (TextPlanes planes = TextPlanes.of(picture)) {
            return detect(planes).stream().map(Region::box).toList();
        }
    }

    /** The text regions of a picture's {@link TextPlanes}, found on its luma. */
    List<Region> detect(TextPlanes planes) {
        Mat grey = planes.luma();
        int width = grey.cols();
        int height = grey.rows();
        try (Mat gradient = new Mat();
                Mat edges = new Mat();
                Mat closed = new Mat();
                MatVector contours = new MatVector()) {
            morphologyEx(grey, gradient, MORPH_GRADIENT, gradientKernel);
            double otsu = threshold(gradient, edges, 0, 255, THRESH_BINARY | THRESH_OTSU);
            if (otsu < minContrast) {
                threshold(gradient, edges, minContrast, 255, THRESH_BINARY);
            }
            if (countNonZero(edges) == 0) {
                return List.of();
            }
            int closeWidth = Math.max(9, width / 64);
            try (Mat lineKernel = getStructuringElement(MORPH_RECT, new Size(closeWidth, 1))) {
                morphologyEx(edges, closed, MORPH_CLOSE, lineKernel);
            }
            try (Mat scratch = closed.clone()) {
                findContours(scratch, contours, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
            }
            int maxHeight = Math.max(minHeight, height / 3);
            List<TextBox> boxes = new ArrayList<>();
            for (long i = 0; i < contours.size(); i++) {
                try (Mat contour = contours.get(i);
                        Rect r = boundingRect(contour)) {
                    if (r.height() > maxHeight) {
                        // Too tall for a line: a line of text joined to a long stroke through or
                        // beside it (a diagonal, the edge of a panel). Its lines are the bands of
                        // rows that the closing fills far more than the stroke does.
                        for (TextBox band : bands(closed, r, maxHeight)) {
                            keepIfText(band, edges, closed, boxes);
                        }
                    } else {
                        keepIfText(
                                new TextBox(r.x(), r.y(), r.width(), r.height()),
                                edges,
                                closed,
                                boxes);
                    }
                }
            }
            List<Region> regions = new ArrayList<>();
            long maxPixels = Math.round(maxArea * width * height);
            for (Region r : merge(boxes, PAD, width, height)) {
                TextBox b = r.box();
                if (r.lineHeight() >= minHeight && (long) b.width() * b.height() <= maxPixels) {
                    regions.add(r);
                }
            }
            return regions;
        }
    }

    /**
     * Adds {@code r} to {@code boxes} when it is shaped and filled like text: not too low, not much
     * narrower than high, edges over {@value #MIN_EDGE_FILL} of it and the closed line over {@value
     * #MIN_LINE_FILL}.
     */
    private static void keepIfText(TextBox r, Mat edges, Mat closed, List<TextBox> boxes) {
        int w = r.width();
        int h = r.height();
        if (h < MIN_PART_HEIGHT || w * 4 < h) {
            return;
        }
        double area = (double) w * h;
        double edgeFill;
        double lineFill;
        try (Rect rect = new Rect(r.x(), r.y(), w, h);
                Mat e = new Mat(edges, rect);
                Mat c = new Mat(closed, rect)) {
            edgeFill = countNonZero(e) / area;
            lineFill = countNonZero(c) / area;
        }
        if (edgeFill >= MIN_EDGE_FILL && lineFill >= MIN_LINE_FILL) {
            boxes.add(r);
        }
    }

    /**
     * The bands of rows of {@code r} that the closing filled at least {@value #BAND_ROW_SHARE} as
     * much as its fullest row, at most {@code maxHeight} high, each cut into its {@link #runs}. A
     * line of text fills its rows across its width; a stroke fills a row only where it crosses it.
     */
    static List<TextBox> bands(Mat closed, Rect r, int maxHeight) {
        int[] counts = new int[r.height()];
        int fullest = 0;
        for (int y = 0; y < counts.length; y++) {
            try (Rect row = new Rect(r.x(), r.y() + y, r.width(), 1);
                    Mat m = new Mat(closed, row)) {
                counts[y] = countNonZero(m);
            }
            fullest = Math.max(fullest, counts[y]);
        }
        List<TextBox> out = new ArrayList<>();
        int y = 0;
        while (fullest > 0 && y < counts.length) {
            if (counts[y] < BAND_ROW_SHARE * fullest) {
                y++;
                continue;
            }
            int from = y;
            while (y < counts.length && counts[y] >= BAND_ROW_SHARE * fullest) {
                y++;
            }
            // Ascenders and descenders fill their rows less than the letters' middle does.
            while (from > 0 && counts[from - 1] >= BAND_EDGE_SHARE * fullest) {
                from--;
            }
            while (y < counts.length && counts[y] >= BAND_EDGE_SHARE * fullest) {
                y++;
            }
            if (y - from <= maxHeight) {
                out.addAll(runs(closed, r.x(), r.y() + from, r.width(), y - from));
            }
        }
        return out;
    }

    /**
     * The runs of columns of the box {@code (x, y, width, height)} that hold closed pixels, split
     * where more than {@code height} columns in a row hold none: wider than any gap between the
     * words of a line that high, so a band keeps its line and drops what lies beside it.
     */
    private static List<TextBox> runs(Mat closed, int x, int y, int width, int height) {
        List<TextBox> out = new ArrayList<>();
        int first = -1;
        int last = -1;
        for (int c = 0; c <= width; c++) {
            boolean filled = false;
            if (c < width) {
                try (Rect column = new Rect(x + c, y, 1, height);
                        Mat m = new Mat(closed, column)) {
                    filled = countNonZero(m) > 0;
                }
            }
            if (filled) {
                first = first < 0 ? c : first;
                last = c;
            } else if (first >= 0 && (c == width || c - last > height)) {
                out.add(new TextBox(x + first, y, last - first + 1, height));
                first = -1;
            }
        }
        return out;
    }

    /**
     * Pads every box by {@code pad} pixels (clipped to the picture) and merges boxes into their
     * union until no two overlap and no two are words of one line: side by side (their heights
     * overlap by at least half the lower one) with a gap no wider than the higher one. Sorted top
     * to bottom, then left to right.
     */
    static List<Region> merge(List<TextBox> boxes, int pad, int width, int height) {
        // {x0, y0, x1, y1, tallest part}
        List<int[]> rects = new ArrayList<>();
        for (TextBox b : boxes) {
            rects.add(
                    new int[] {
                        Math.max(0, b.x() - pad),
                        Math.max(0, b.y() - pad),
                        Math.min(width, b.x() + b.width() + pad),
                        Math.min(height, b.y() + b.height() + pad),
                        b.height()
                    });
        }
        boolean merged = true;
        while (merged) {
            merged = false;
            outer:
            for (int i = 0; i < rects.size(); i++) {
                for (int j = i + 1; j < rects.size(); j++) {
                    int[] a = rects.get(i);
                    int[] b = rects.get(j);
                    if (overlap(a, b) || sameLine(a, b)) {
                        a[0] = Math.min(a[0], b[0]);
                        a[1] = Math.min(a[1], b[1]);
                        a[2] = Math.max(a[2], b[2]);
                        a[3] = Math.max(a[3], b[3]);
                        a[4] = Math.max(a[4], b[4]);
                        rects.remove(j);
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        List<Region> out = new ArrayList<>(rects.size());
        for (int[] r : rects) {
            out.add(new Region(new TextBox(r[0], r[1], r[2] - r[0], r[3] - r[1]), r[4]));
        }
        out.sort(
                Comparator.comparingInt((Region r) -> r.box().y())
                        .thenComparingInt(r -> r.box().x()));
        return out;
    }

    /** Rectangles as {x0, y0, x1, y1}, ends exclusive. */
    private static boolean overlap(int[] a, int[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    private static boolean sameLine(int[] a, int[] b) {
        int ha = a[3] - a[1];
        int hb = b[3] - b[1];
        int shared = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        int gap = Math.max(a[0], b[0]) - Math.min(a[2], b[2]);
        return shared * 2 >= Math.min(ha, hb) && gap <= Math.max(ha, hb);
    }

    /** An 8-bit grey copy of the picture (BGR converted with OpenCV's weights). */
    static Mat grey(Picture picture) {
        int type = picture.channels() == 1 ? opencv_core.CV_8UC1 : opencv_core.CV_8UC3;
        Mat grey = new Mat(picture.height(), picture.width(), opencv_core.CV_8UC1);
        if (picture.channels() == 1) {
            grey.data().put(picture.pixels());
            return grey;
        }
        try (Mat bgr = new Mat(picture.height(), picture.width(), type)) {
            bgr.data().put(picture.pixels());
            cvtColor(bgr, grey, COLOR_BGR2GRAY);
        }
        return grey;
    }

    @Override
    public void close() {
        gradientKernel.close();
    }
}
