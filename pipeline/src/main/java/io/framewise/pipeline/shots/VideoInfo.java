package io.framewise.pipeline.shots;

import java.io.Serializable;

/**
 * What a video is, as decoded: display size (after rotation), nominal frame rate and the number of
 * frames in presentation order.
 *
 * @param video the path or URI the video was read from
 * @param width display width in pixels, rotation applied
 * @param height display height in pixels, rotation applied
 * @param rotation clockwise display rotation in degrees from the container (0, 90, 180, 270)
 * @param fps nominal frame rate of the video stream
 * @param frames frames decoded, in presentation order
 * @param durationMs from the first frame's start to the last frame's end
 * @param codec the decoder's codec name, e.g. {@code h264}
 * @param container the demuxer's name, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 */
public record VideoInfo(
        String video,
        int width,
        int height,
        int rotation,
        Rational fps,
        long frames,
        long durationMs,
        String codec,
        String container)
        implements Serializable {}
