package io.framewise.llmsim;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What the simulator "sees" in a picture, computed from its pixels so that the same picture always
 * gets the same description: how bright it is, its main colours, and whether it has the dense,
 * sharp edges of text.
 *
 * @param brightness mean luma, 0-255
 * @param colours the colours covering at least 12% of the picture, most first (at most three)
 * @param colourful how many distinct saturated colours cover at least 8% each
 * @param text whether rows of sharp, frequent light-dark changes (as lines of text make) are there,
 *     neither missing nor everywhere (a texture)
 */
record FrameAnalysis(double brightness, List<String> colours, int colourful, boolean text) {

    /**
     * Analyses a JPEG (or any format ImageIO reads), decoded at about 160 pixels wide: enough for
     * colours and lines of text, and a fraction of a full decode's work.
     */
    static FrameAnalysis of(byte[] image) throws IOException {
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a picture ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, reader.getWidth(0) / 160);
                param.setSourceSubsampling(step, step, 0, 0);
                return of(reader.read(0, param));
            } finally {
                reader.dispose();
            }
        }
    }

    static FrameAnalysis of(BufferedImage picture) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        byte[] bgr = bgr(picture);
        int step = Math.max(1, w / 160);
        int[] counts = new int[NAMES.length];
        double luma = 0;
        int samples = 0;
        float[] hsb = new float[3];
        for (int y = 0; y < h; y += step) {
            for (int x = 0; x < w; x += step) {
                int i = (y * w + x) * 3;
                int b = bgr[i] & 0xFF;
                int g = bgr[i + 1] & 0xFF;
                int r = bgr[i + 2] & 0xFF;
                luma += 0.299 * r + 0.587 * g + 0.114 * b;
                Color.RGBtoHSB(r, g, b, hsb);
                counts[colour(hsb)]++;
                samples++;
            }
        }
        Integer[] order = new Integer[NAMES.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> counts[b] - counts[a]);
        List<String> colours = new ArrayList<>();
        int colourful = 0;
        for (int c : order) {
            double share = counts[c] / (double) samples;
            if (share >= 0.12 && colours.size() < 3) {
                colours.add(NAMES[c]);
            }
            if (share >= 0.08 && c >= NEUTRALS) {
                colourful++;
            }
        }
        return new FrameAnalysis(luma / samples, colours, colourful, hasText(bgr, w, h));
    }

    /** The pixels as packed BGR bytes (what ImageIO gives for a colour JPEG, converted if not). */
    private static byte[] bgr(BufferedImage picture) {
        BufferedImage image = picture;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            image =
                    new BufferedImage(
                            picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            image.getGraphics().drawImage(picture, 0, 0, null);
        }
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    /** Colour names: the first {@link #NEUTRALS} are not colours in the "colourful" sense. */
    private static final String[] NAMES = {
        "black", "grey", "white", "red", "orange", "yellow", "green", "cyan", "blue", "purple",
        "magenta"
    };

    private static final int NEUTRALS = 3;

    /** The index in {@link #NAMES} of a hue, saturation and brightness. */
    private static int colour(float[] hsb) {
        float s = hsb[1];
        float v = hsb[2];
        if (v < 0.15f) {
            return 0;
        }
        if (s < 0.2f) {
            return v > 0.85f ? 2 : 1;
        }
        float hue = hsb[0] * 360;
        if (hue < 15 || hue >= 345) {
            return 3;
        } else if (hue < 45) {
            return 4;
        } else if (hue < 70) {
            return 5;
        } else if (hue < 170) {
            return 6;
        } else if (hue < 200) {
            return 7;
        } else if (hue < 260) {
            return 8;
        } else if (hue < 300) {
            return 9;
        }
        return 10;
    }

    /**
     * Text makes rows with many sharp light-dark changes; a plain picture has none, a texture
     * (noise, foliage, a cellular automaton) has them in nearly every row.
     */
    private static boolean hasText(byte[] bgr, int w, int h) {
        int rows = 0;
        int busy = 0;
        for (int y = 0; y < h; y += 2) {
            int changes = 0;
            int previous = luma(bgr, y * w * 3);
            for (int x = 1; x < w; x++) {
                int l = luma(bgr, (y * w + x) * 3);
                if (Math.abs(l - previous) > 60) {
                    changes++;
                }
                previous = l;
            }
            rows++;
            if (changes >= 6) {
                busy++;
            }
        }
        double share = busy / (double) rows;
        return share >= 0.02 && share <= 0.5;
    }

    private static int luma(byte[] bgr, int i) {
        return (77 * (bgr[i + 2] & 0xFF) + 150 * (bgr[i + 1] & 0xFF) + 29 * (bgr[i] & 0xFF)) >> 8;
    }

    String light() {
        if (brightness < 40) {
            return "dark";
        } else if (brightness < 100) {
            return "dim";
        } else if (brightness < 190) {
            return "well-lit";
        }
        return "bright";
    }

    String sceneType() {
        if (brightness < 40) {
            return "dark";
        }
        if (colourful >= 4) {
            return "test pattern";
        }
        return text ? "slide" : "graphics";
    }

    /** One or two sentences, from the analysis alone. */
    String description() {
        StringBuilder d = new StringBuilder("A ").append(light()).append(" frame");
        if (!colours.isEmpty()) {
            d.append(" mostly in ").append(join(colours));
        }
        d.append(text ? ", with lines of text on screen." : ", with no text on screen.");
        switch (sceneType()) {
            case "test pattern" -> d.append(" It looks like a colourful test pattern.");
            case "slide" -> d.append(" It looks like a presentation slide.");
            case "dark" -> d.append(" Little can be made out.");
            default -> d.append(" It shows shapes and colour fields.");
        }
        return d.toString();
    }

    List<String> tags() {
        List<String> tags = new ArrayList<>(colours);
        tags.add(light());
        tags.add(sceneType());
        if (text) {
            tags.add("text");
        }
        return tags;
    }

    private static String join(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1))
                + " and "
                + words.get(words.size() - 1).toLowerCase(Locale.ROOT);
    }
}
