package io.framewise.testkit.samples;

import java.util.List;

/**
 * How to encode a sample video.
 *
 * @param name file name without extension
 * @param width coded width in pixels (even)
 * @param height coded height in pixels (even)
 * @param fpsNum nominal frame rate numerator (30000 with 1001 for 29.97)
 * @param fpsDen nominal frame rate denominator
 * @param container FFmpeg muxer name and file extension, e.g. {@code mp4}, {@code matroska:mkv}
 * @param codec FFmpeg encoder name, e.g. {@code mpeg4}, {@code libvpx-vp9}, {@code libopenh264}
 * @param gop keyframe interval in frames (never aligned to cuts on purpose)
 * @param bFrames B-frames between references (decode order differs from presentation order)
 * @param rotation display rotation in degrees clockwise, written as container metadata
 * @param variableRate when true, frame durations alternate between 0.5 and 1.5 nominal frames
 * @param scenes the shots in order
 */
public record SampleSpec(
        String name,
        int width,
        int height,
        int fpsNum,
        int fpsDen,
        String container,
        String codec,
        int gop,
        int bFrames,
        int rotation,
        boolean variableRate,
        List<Scene> scenes) {

    public SampleSpec {
        scenes = List.copyOf(scenes);
    }

    /** A 30 fps MPEG-4 Part 2 video in Matroska with B-frames, keyframes every 45 frames. */
    public static SampleSpec of(String name, int width, int height, List<Scene> scenes) {
        return new SampleSpec(
                name, width, height, 30, 1, "matroska:mkv", "mpeg4", 45, 2, 0, false, scenes);
    }

    public SampleSpec withFormat(String container, String codec) {
        return new SampleSpec(
                name,
                width,
                height,
                fpsNum,
                fpsDen,
                container,
                codec,
                gop,
                bFrames,
                rotation,
                variableRate,
                scenes);
    }

    public SampleSpec withRate(int num, int den) {
        return new SampleSpec(
                name,
                width,
                height,
                num,
                den,
                container,
                codec,
                gop,
                bFrames,
                rotation,
                variableRate,
                scenes);
    }

    public SampleSpec withRotation(int degrees) {
        return new SampleSpec(
                name,
                width,
                height,
                fpsNum,
                fpsDen,
                container,
                codec,
                gop,
                bFrames,
                degrees,
                variableRate,
                scenes);
    }

    public SampleSpec withGop(int frames) {
        return new SampleSpec(
                name,
                width,
                height,
                fpsNum,
                fpsDen,
                container,
                codec,
                frames,
                bFrames,
                rotation,
                variableRate,
                scenes);
    }

    /** The file name with the container's extension. */
    public String fileName() {
        int colon = container.indexOf(':');
        return name + "." + (colon < 0 ? container : container.substring(colon + 1));
    }

    String muxer() {
        int colon = container.indexOf(':');
        return colon < 0 ? container : container.substring(0, colon);
    }
}
