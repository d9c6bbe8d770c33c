package io.framewise.testkit.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Re-encodes a sample with the {@code ffmpeg} command's libx264, which the JavaCV build lacks (it
 * is GPL): most H.264 met in the wild is x264's, with its B-pyramid (B-pictures that others
 * reference) and several reference pictures, and the decoder's shortcuts must hold on it.
 */
public final class X264 {

    private X264() {}

    /** Whether an {@code ffmpeg} with libx264 can be run here. */
    public static boolean available() {
        try {
            return run(List.of("ffmpeg", "-hide_banner", "-encoders")).contains("libx264");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Encodes {@code in} to {@code out} with x264's default settings (preset medium: 3 B-frames, in
     * a normal pyramid when {@code pyramid}, 3 reference frames), a keyframe every {@code gop}
     * frames and every frame kept as it is. The container follows {@code out}'s extension (.mp4:
     * length-prefixed NAL units; .ts: Annex B start codes).
     */
    public static Path encode(Path in, Path out, int gop, boolean pyramid) throws IOException {
        return encode(in, out, gop, pyramid, true);
    }

    /**
     * {@link #encode(Path, Path, int, boolean)}, where {@code sceneCuts} false puts keyframes every
     * {@code gop} frames only, not also where x264 sees a new scene: as in the reference corpus,
     * and as a slide changed inside a group of pictures is coded in streams from other encoders.
     */
    public static Path encode(Path in, Path out, int gop, boolean pyramid, boolean sceneCuts)
            throws IOException {
        encode(
                List.of("-i", in.toString(), "-an", "-fps_mode", "passthrough"),
                x264(
                        gop,
                        "bframes=3:b-pyramid="
                                + (pyramid ? "normal" : "none")
                                + (sceneCuts ? "" : ":scenecut=0")),
                out);
        return out;
    }

    /**
     * {@code frames} frames of FFmpeg's Game of Life source at 1280x720 and 30 fps, the first
     * {@code stillFrames} of them its first picture held still, encoded as {@link #encode(Path,
     * Path, int, boolean)} does (keyframes every {@code gop} frames): once it moves, a picture of
     * fine texture that changes everywhere on every frame while keeping its look, as foliage, water
     * or a crowd do.
     */
    public static Path life(Path out, int stillFrames, int frames, int gop) throws IOException {
        return life(out, stillFrames, frames, gop, 3);
    }

    /**
     * {@link #life(Path, int, int, int)} with {@code references} reference frames: 1 as x264's fast
     * presets up to veryfast write it, 3 as its default.
     */
    public static Path life(Path out, int stillFrames, int frames, int gop, int references)
            throws IOException {
        encode(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        "life=s=1280x720:r=30:mold=10:ratio=0.08:death_color=#C83232"
                                + ":life_color=#00ff00:seed=7"
                                // Its first generations turn a random field into the pattern.
                                + ",trim=start_frame=30,setpts=PTS-STARTPTS"
                                + ",tpad=start="
                                + stillFrames
                                + ":start_mode=clone",
                        "-frames:v",
                        Integer.toString(frames)),
                x264(gop, "bframes=3:b-pyramid=normal:ref=" + references),
                out);
        return out;
    }

    /** x264's arguments: its default preset, 4:2:0, a keyframe every {@code gop} frames. */
    private static List<String> x264(int gop, String params) {
        return List.of(
                "-c:v",
                "libx264",
                "-preset",
                "medium",
                "-pix_fmt",
                "yuv420p",
                "-g",
                Integer.toString(gop),
                "-x264-params",
                params);
    }

    /**
     * Runs ffmpeg with {@code input} (its options up to the output's), {@code codec}, to {@code
     * out}.
     */
    private static void encode(List<String> input, List<String> codec, Path out)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-y", "-v", "error"));
        command.addAll(input);
        command.addAll(codec);
        command.add(out.toString());
        run(command);
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + said.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return said;
    }
}
