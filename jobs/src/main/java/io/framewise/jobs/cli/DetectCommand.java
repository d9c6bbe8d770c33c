package io.framewise.jobs.cli;

import io.framewise.pipeline.shots.HardCut;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.Timecode;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.udfs.shots.FfmpegShotDetector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise detect}: the shots of one video, as a table or one JSON line. */
@Command(
        mixinStandardHelpOptions = true,
        name = "detect",
        description = {
            "Find the hard cuts, gradual transitions and shots of one video.",
            "Exit status 0 on success, 2 when the input is not a decodable video."
        })
final class DetectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "VIDEO", description = "Video file (any container FFmpeg reads).")
    Path video;

    @Option(names = "--json", description = "Print one JSON object on the last line of stdout.")
    boolean json;

    @Mixin DetectorOptions options = new DetectorOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String name = video.toString();
        try (ShotDetector detector =
                FfmpegShotDetector.factory(options.config().shots()).create()) {
            ShotDetection d = detector.detect(video);
            if (json) {
                out.println(Json.line(DetectReport.of(name, d)));
            } else {
                printTable(out, name, d);
            }
            return 0;
        } catch (VideoException e) {
            if (json) {
                out.println(Json.line(DetectReport.failure(name, e)));
            } else {
                spec.commandLine()
                        .getErr()
                        .println("error (" + e.codeName() + "): " + e.getMessage());
            }
            return 2;
        } finally {
            out.flush();
        }
    }

    private static void printTable(PrintWriter out, String name, ShotDetection d) {
        var i = d.info();
        out.printf(
                "%s: %dx%d, %s fps (%s), %d frames, %s%n",
                name,
                i.width(),
                i.height(),
                i.fps(),
                i.codec(),
                i.frames(),
                Timecode.of(i.frames(), i.fps()));
        out.printf(
                "%d shots, %d hard cuts, %d gradual transitions%n%n",
                d.shots().size(), d.cuts().size(), d.gradual().size());
        out.printf(
                "%5s  %-12s %-12s %8s %8s  %s%n",
                "shot", "start", "end", "first", "last", "enters by");
        for (Shot s : d.shots()) {
            String how = s.index() == 0 ? "" : enteredBy(d, s.firstFrame());
            out.printf(
                    "%5d  %-12s %-12s %8d %8d  %s%n",
                    s.index(),
                    Timecode.of(s.firstFrame(), i.fps()),
                    Timecode.of(s.lastFrame(), i.fps()),
                    s.firstFrame(),
                    s.lastFrame(),
                    how);
        }
    }

    private static String enteredBy(ShotDetection d, long frame) {
        for (HardCut c : d.cuts()) {
            if (c.frame() == frame) {
                return "cut";
            }
        }
        return d.gradual().stream()
                .filter(g -> g.firstFrame() == frame)
                .map(
                        g ->
                                g.kind().name().toLowerCase(java.util.Locale.ROOT)
                                        + " ("
                                        + (g.lastFrame() - g.firstFrame() + 1)
                                        + " frames)")
                .findFirst()
                .orElse("");
    }
}
