package io.framewise.pipeline.frames;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
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
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1-100, got " + quality);
        }
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
