package io.framewise.pipeline.frames;

import java.io.Serializable;

/**
 * An 8-bit picture in memory, rows packed without padding: grey (1 channel) or BGR (3 channels,
 * blue first, as Java2D's TYPE_3BYTE_BGR and OpenCV's default order).
 */
public record Picture(int width, int height, int channels, byte[] pixels) implements Serializable {

    public Picture {
        if (width <= 0 || height <= 0 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "bad picture " + width + "x" + height + "x" + channels);
        }
        if (pixels.length != width * height * channels) {
            throw new IllegalArgumentException(
                    "expected " + width * height * channels + " bytes, got " + pixels.length);
        }
    }
}
