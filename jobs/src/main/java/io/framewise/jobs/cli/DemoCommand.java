package io.framewise.jobs.cli;

import io.framewise.jobs.eval.BoundaryMatcher;
import io.framewise.jobs.eval.Labels;
import io.framewise.jobs.eval.Manifest;
import io.framewise.jobs.eval.Score;
import io.framewise.pipeline.shots.GradualTransition;
import io.framewise.pipeline.shots.HardCut;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.Timecode;
import io.framewise.udfs.samples.LabelledVideo;
import io.framewise.udfs.samples.SampleSpec;
import io.framewise.udfs.samples.SampleVideoWriter;
import io.framewise.udfs.samples.SampleVideos;
import io.framewise.udfs.shots.FfmpegShotDetector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code framewise demo}: makes sample videos and shows the shots found in them. */
@Command(
        mixinStandardHelpOptions = true,
        name = "demo",
        description = {
            "Generate labelled sample videos (slides with text, motion, a flash, dissolves,"
                    + " fades, portrait VP9) and print the shots Framewise finds in each, checked"
                    + " against their labels.",
            "The samples and their manifest.json stay under OUT/samples for `framewise eval`."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--out",
            defaultValue = "framewise-data",
            paramLabel = "DIR",
            description = "Output directory (default: ./framewise-data).")
    Path out;

    @Mixin DetectorOptions options = new DetectorOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Path dir = out.resolve("samples");
        w.println("Generating sample videos in " + dir + " ...");
        w.flush();
        List<LabelledVideo> videos = new ArrayList<>();
        for (SampleSpec s : SampleVideos.demo()) {
            videos.add(SampleVideoWriter.write(s, dir));
        }
        Manifest.write(dir.resolve("manifest.json"), videos, List.of());
        BoundaryMatcher matcher = new BoundaryMatcher(EvalCommand.TOLERANCE);
        try (ShotDetector detector = FfmpegShotDetector.factory(options.resolve()).create()) {
            for (LabelledVideo v : videos) {
                ShotDetection d = detector.detect(dir.resolve(v.file()));
                w.printf(
                        "%n%s  %dx%d  %d frames  %d shots%n",
                        v.file(),
                        d.info().width(),
                        d.info().height(),
                        d.info().frames(),
                        d.shots().size());
                for (Shot s : d.shots()) {
                    w.printf(
                            "  shot %2d  %s - %s  frames %4d-%-4d%s%n",
                            s.index(),
                            Timecode.of(s.firstFrame(), d.info().fps()),
                            Timecode.of(s.lastFrame(), d.info().fps()),
                            s.firstFrame(),
                            s.lastFrame(),
                            text(v, s));
                }
                List<Long> points = new ArrayList<>(d.cuts().stream().map(HardCut::frame).toList());
                for (GradualTransition g : d.gradual()) {
                    points.add((g.firstFrame() + g.lastFrame()) / 2);
                }
                Score score = matcher.score(new Labels(v.cuts(), v.gradual(), v.noCut()), points);
                w.printf(
                        "  against its labels: precision %.2f, recall %.2f, F1 %.2f%n",
                        score.precision(), score.recall(), score.f1());
            }
        }
        w.printf(
                "%nSamples and manifest: %s%nMeasure again: ./framewise eval %s%n",
                dir.toAbsolutePath(), dir.resolve("manifest.json"));
        w.flush();
        return 0;
    }

    /** The text drawn in the labelled shot that starts nearest to {@code s}. */
    private static String text(LabelledVideo v, Shot s) {
        LabelledVideo.ShotText best = null;
        for (LabelledVideo.ShotText t : v.shots()) {
            if (best == null
                    || Math.abs(t.firstFrame() - s.firstFrame())
                            < Math.abs(best.firstFrame() - s.firstFrame())) {
                best = t;
            }
        }
        return best == null || best.text().isEmpty()
                ? ""
                : "  \"" + String.join(" / ", best.text()) + "\"";
    }
}
