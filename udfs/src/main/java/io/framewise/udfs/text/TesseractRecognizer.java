package io.framewise.udfs.text;

import static org.bytedeco.opencv.global.opencv_core.bitwise_not;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_OTSU;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.tesseract.global.tesseract.OEM_LSTM_ONLY;
import static org.bytedeco.tesseract.global.tesseract.PSM_SINGLE_BLOCK;
import static org.bytedeco.tesseract.global.tesseract.RIL_TEXTLINE;
import static org.bytedeco.tesseract.global.tesseract.TessDeleteText;
import static org.bytedeco.tesseract.global.tesseract.TessResultIteratorDelete;

import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.text.OcrConfig;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextBox;
import io.framewise.pipeline.text.TextLine;
import io.framewise.pipeline.text.TextRecognizer;
import io.framewise.udfs.frames.JavaCpp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;

/**
 * The {@link TextRecognizer} on Tesseract 5 (LSTM), behind the OpenCV {@link TextRegionDetector}
 * gate.
 *
 * <p>Per picture: convert to grey, find the text regions; none means Tesseract does not run and the
 * result has {@code regions() == 0}. Each region is cut out, turned dark-on-light where its
 * background is dark (Tesseract reads dark text on a light background best, and its own retry with
 * the picture inverted is switched off to save the second pass), scaled up when it is lower than
 * {@code ocr.upscale-below} pixels, and recognised as a block of text. Every recognised line
 * becomes a {@link TextLine}: whitespace collapsed, confidence 0-1, box in the picture's
 * coordinates; empty lines and lines below {@code ocr.min-confidence} are dropped.
 *
 * <p>Usage: {@code try (TextRecognizer r = TesseractRecognizer.factory(config).create()) {
 * r.recognize(picture); }}. One Tesseract engine per instance, made in the constructor (about 0.3
 * s) and ended in {@link #close()}: open one per operator instance and call it from one thread at a
 * time. The model comes from the udfs jar ({@link Tessdata}); nothing is downloaded.
 */
public final class TesseractRecognizer implements TextRecognizer {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Small text is scaled up so that its lines are about this many pixels high. */
    private static final int UPSCALE_TARGET = 40;

    private static final int MAX_UPSCALE = 4;

    private final OcrConfig config;
    private final TextRegionDetector gate;
    private final TessBaseAPI api;
    private boolean closed;

    public TesseractRecognizer(OcrConfig config) {
        JavaCpp.load(
                org.bytedeco.opencv.global.opencv_core.class,
                org.bytedeco.opencv.global.opencv_imgproc.class,
                org.bytedeco.tesseract.global.tesseract.class);
        this.config = config;
        String tessdata = Tessdata.directory(config.language()).toString();
        TessBaseAPI engine = new TessBaseAPI();
        // Tesseract's diagnostics ("Estimating resolution as ...") go to debug_file, else stderr.
        engine.SetVariable("debug_file", "/dev/null");
        if (engine.Init(tessdata, config.language(), OEM_LSTM_ONLY) != 0) {
            engine.End();
            engine.close();
            throw new IllegalStateException(
                    "Tesseract could not load language '"
                            + config.language()
                            + "' from "
                            + tessdata);
        }
        engine.SetVariable("debug_file", "/dev/null");
        engine.SetVariable("tessedit_do_invert", "0");
        engine.SetPageSegMode(PSM_SINGLE_BLOCK);
        this.api = engine;
        this.gate = new TextRegionDetector(config);
    }

    /** A serializable factory for operators: each instance opens its own engine. */
    public static TextRecognizer.Factory factory(OcrConfig config) {
        return () -> new TesseractRecognizer(config);
    }

    @Override
    public RecognizedText recognize(Picture picture) {
        if (closed) {
            throw new IllegalStateException("recogniser is closed");
        }
        long start = System.nanoTime();
        List<TextLine> lines = new ArrayList<>();
        List<TextRegionDetector.Region> regions;
        try (TextPlanes planes = TextPlanes.of(picture)) {
            regions = gate.detect(planes);
            for (TextRegionDetector.Region region : regions) {
                recognize(planes, region.box(), region.lineHeight(), lines);
            }
        }
        lines = readingOrder(lines);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new RecognizedText(lines, regions.size(), millis);
    }

    /**
     * Top to bottom, and left to right within a row: a line whose vertical centre lies within the
     * current row's first line joins that row.
     */
    static List<TextLine> readingOrder(List<TextLine> lines) {
        List<TextLine> byTop = new ArrayList<>(lines);
        byTop.sort(Comparator.comparingInt(l -> l.box().y()));
        List<TextLine> out = new ArrayList<>(lines.size());
        int i = 0;
        while (i < byTop.size()) {
            TextBox first = byTop.get(i).box();
            int j = i + 1;
            while (j < byTop.size()) {
                TextBox b = byTop.get(j).box();
                int centre = b.y() + b.height() / 2;
                if (centre >= first.y() + first.height()) {
                    break;
                }
                j++;
            }
            List<TextLine> row = new ArrayList<>(byTop.subList(i, j));
            row.sort(Comparator.comparingInt(l -> l.box().x()));
            out.addAll(row);
            i = j;
        }
        return out;
    }

    /**
     * Recognises one region, from the image that shows it best, and adds its lines to {@code out}.
     */
    private void recognize(TextPlanes planes, TextBox region, int lineHeight, List<TextLine> out) {
        double scale = 1;
        if (lineHeight < config.upscaleBelow()) {
            scale = Math.min(MAX_UPSCALE, (double) UPSCALE_TARGET / lineHeight);
        }
        try (Rect rect = new Rect(region.x(), region.y(), region.width(), region.height());
                Mat crop = planes.best(rect);
                Mat binary = new Mat()) {
            // Otsu splits the region into glyphs and background; the larger side is background.
            threshold(crop, binary, 0, 255, THRESH_BINARY | THRESH_OTSU);
            if (countNonZero(binary) * 2L < (long) region.width() * region.height()) {
                bitwise_not(crop, crop);
            }
            if (scale > 1) {
                try (Mat scaled = new Mat();
                        Size size =
                                new Size(
                                        (int) Math.round(region.width() * scale),
                                        (int) Math.round(region.height() * scale))) {
                    resize(crop, scaled, size, 0, 0, INTER_CUBIC);
                    read(scaled, region, scale, out);
                }
            } else {
                read(crop, region, 1, out);
            }
        }
    }

    /**
     * Runs Tesseract on a continuous 8-bit grey image of {@code region}, scaled by {@code scale}.
     */
    private void read(Mat image, TextBox region, double scale, List<TextLine> out) {
        api.SetImage(image.data(), image.cols(), image.rows(), 1, (int) image.step());
        try {
            if (api.Recognize(null) != 0) {
                return;
            }
            ResultIterator it = api.GetIterator();
            if (it == null || it.isNull()) {
                return;
            }
            // The iterator is Tesseract's to allocate and ours to delete.
            try {
                if (it.Empty(RIL_TEXTLINE)) {
                    return;
                }
                int[] left = new int[1], top = new int[1], right = new int[1], bottom = new int[1];
                do {
                    BytePointer utf8 = it.GetUTF8Text(RIL_TEXTLINE);
                    if (utf8 == null || utf8.isNull()) {
                        continue;
                    }
                    String text;
                    try {
                        text = utf8.getString(StandardCharsets.UTF_8);
                    } finally {
                        TessDeleteText(utf8);
                    }
                    text = WHITESPACE.matcher(text).replaceAll(" ").trim();
                    float confidence =
                            Math.max(0f, Math.min(1f, it.Confidence(RIL_TEXTLINE) / 100f));
                    if (text.isEmpty() || confidence < config.minConfidence()) {
                        continue;
                    }
                    if (!it.BoundingBox(RIL_TEXTLINE, left, top, right, bottom)) {
                        continue;
                    }
                    int x0 = region.x() + (int) Math.floor(left[0] / scale);
                    int y0 = region.y() + (int) Math.floor(top[0] / scale);
                    int x1 = region.x() + (int) Math.ceil(right[0] / scale);
                    int y1 = region.y() + (int) Math.ceil(bottom[0] / scale);
                    out.add(new TextLine(text, confidence, new TextBox(x0, y0, x1 - x0, y1 - y0)));
                } while (it.Next(RIL_TEXTLINE));
            } finally {
                TessResultIteratorDelete(it);
            }
        } finally {
            api.Clear();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            gate.close();
            api.End();
            api.close();
        }
    }
}
