package io.framewise.pipeline.frames;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Encodes {@link Picture}s as JPEG with the JDK's ImageIO, at an explicit quality. */
public final class Jpeg {

    private Jpeg() {}

    /**
     * {@code picture} (grey or BGR) as a baseline JPEG file.
     *
     * @param quality 1-100, as {@code keyframes.jpeg-quality}
     */
    public static byte[] jpeg(Picture picture, int quality) {
        checkQuality(quality);
        return encode(image(picture), quality);
    }

    /**
     * {@code picture} as a JPEG file at most {@code maxWidth} wide, aspect ratio kept: the smaller
     * copy sent to a vision LLM. Reduced by repeated halving with bilinear filtering (each step
     * averages about four pixels, so fine detail does not alias), then one last bilinear step.
     */
    public static byte[] jpeg(Picture picture, int quality, int maxWidth) {
        checkQuality(quality);
        if (maxWidth < 1) {
            throw new IllegalArgumentException("maxWidth must be at least 1, got " + maxWidth);
        }
        BufferedImage image = image(picture);
        int targetW = Math.min(maxWidth, picture.width());
        int targetH =
                Math.max(
                        1, (int) Math.round((double) picture.height() * targetW / picture.width()));
        while (image.getWidth() != targetW) {
            int w = Math.max(targetW, image.getWidth() / 2);
            int h = w == targetW ? targetH : Math.max(targetH, image.getHeight() / 2);
            BufferedImage smaller = new BufferedImage(w, h, image.getType());
            Graphics2D g = smaller.createGraphics();
            g.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
            g.dispose();
            image = smaller;
        }
        return encode(image, quality);
    }

    /** The BGR picture of a JPEG file, as {@link #jpeg(Picture, int)} wrote it. */
    public static Picture picture(byte[] jpeg) {
        try {
            BufferedImage read = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (read == null) {
                throw new IllegalArgumentException("not a JPEG file");
            }
            BufferedImage bgr =
                    new BufferedImage(
                            read.getWidth(), read.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = bgr.createGraphics();
            g.drawImage(read, 0, 0, null);
            g.dispose();
            byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
            return new Picture(bgr.getWidth(), bgr.getHeight(), 3, pixels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a JPEG file", e);
        }
    }

    private static void checkQuality(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1-100, got " + quality);
        }
    }

    private static BufferedImage image(Picture picture) {
        BufferedImage image =
                new BufferedImage(
                        picture.width(),
                        picture.height(),
                        picture.channels() == 1
                                ? BufferedImage.TYPE_BYTE_GRAY
                                : BufferedImage.TYPE_3BYTE_BGR);
        // TYPE_3BYTE_BGR stores rows packed, blue first: the same layout as a BGR Picture.
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(picture.pixels(), 0, target, 0, target.length);
        return image;
    }

    private static byte[] encode(BufferedImage image, int quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer in this JDK");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode JPEG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
