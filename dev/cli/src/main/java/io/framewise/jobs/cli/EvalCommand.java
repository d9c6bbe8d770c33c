package io.framewise.jobs.cli;

import io.framewise.dev.eval.BoundaryMatcher;
import io.framewise.dev.eval.Manifest;
import io.framewise.dev.eval.Score;
import io.framewise.pipeline.shots.GradualTransition;
import io.framewise.pipeline.shots.HardCut;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.udfs.shots.FfmpegShotDetector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise eval}: precision, recall and F1 of the detector on a labelled corpus. */
@Command(
        mixinStandardHelpOptions = true,
        name = "eval",
        description = {
            "Measure the detector on a labelled corpus (manifest.json, videos beside it).",
            "Reported boundaries (cuts, and the middle frame of gradual transitions) are matched"
                    + " one-to-one to labels within one frame, greedy nearest first; one inside a"
                    + " labelled gradual transition matches it. Each broken file must give an"
                    + " error. Exit status 0 when it ran, whatever the scores."
        })
final class EvalCommand implements Callable<Integer> {

    /** Frames a reported cut may be off a labelled one. */
    static final int TOLERANCE = 1;

    @Parameters(paramLabel = "MANIFEST", description = "The corpus's manifest.json.")
    Path manifest;

    @Option(names = "--json", description = "Print one JSON object on the last line of stdout.")
    boolean json;

    @Mixin DetectorOptions options = new DetectorOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    record VideoRow(
            String file,
            double precision,
            double recall,
            double f1,
            int tp,
            int fp,
            int fn,
            double cutsF1,
            String error) {}

    record Totals(double precision, double recall, double f1, Metrics hardCuts) {}

    record Metrics(double precision, double recall, double f1, int tp, int fp, int fn) {
        static Metrics of(Score s) {
            return new Metrics(s.precision(), s.recall(), s.f1(), s.tp(), s.fp(), s.fn());
        }
    }

    record BrokenRow(String file, boolean ok, String code, String message) {}

    record Report(
            List<VideoRow> videos,
            Totals total,
            int brokenOk,
            int brokenTotal,
            List<BrokenRow> broken) {}

    @Override
    public Integer call() throws Exception {
        Manifest m = Manifest.read(manifest);
        BoundaryMatcher matcher = new BoundaryMatcher(TOLERANCE);
        List<VideoRow> rows = new ArrayList<>();
        List<BrokenRow> broken = new ArrayList<>();
        Score all = Score.ZERO;
        Score cuts = Score.ZERO;
        try (ShotDetector detector =
                FfmpegShotDetector.factory(options.config().shots()).create()) {
            for (Manifest.Entry e : m.videos()) {
                Score s;
                Score c;
                String error = null;
                try {
                    ShotDetection d = detector.detect(m.dir().resolve(e.file()));
                    List<Long> cutFrames = d.cuts().stream().map(HardCut::frame).toList();
                    List<Long> points = new ArrayList<>(cutFrames);
                    for (GradualTransition g : d.gradual()) {
                        points.add((g.firstFrame() + g.lastFrame()) / 2);
                    }
                    s = matcher.score(e.labels(), points);
                    c = matcher.scoreCuts(e.labels(), cutFrames);
                } catch (VideoException ex) {
                    error = ex.codeName() + ": " + ex.getMessage();
                    s = matcher.score(e.labels(), List.of());
                    c = matcher.scoreCuts(e.labels(), List.of());
                }
                all = all.plus(s);
                cuts = cuts.plus(c);
                rows.add(
                        new VideoRow(
                                e.file(),
                                s.precision(),
                                s.recall(),
                                s.f1(),
                                s.tp(),
                                s.fp(),
                                s.fn(),
                                c.f1(),
                                error));
            }
            for (String file : m.broken()) {
                try {
                    detector.detect(m.dir().resolve(file));
                    broken.add(new BrokenRow(file, false, null, "no error was reported"));
                } catch (VideoException ex) {
                    broken.add(new BrokenRow(file, true, ex.codeName(), ex.getMessage()));
                }
            }
        }
        int brokenOk = (int) broken.stream().filter(BrokenRow::ok).count();
        Report report =
                new Report(
                        rows,
                        new Totals(all.precision(), all.recall(), all.f1(), Metrics.of(cuts)),
                        brokenOk,
                        broken.size(),
                        broken);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(report));
        } else {
            print(out, report);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, Report r) {
        out.printf(
                "%-26s %9s %7s %6s %4s %4s %4s %8s%n",
                "video", "precision", "recall", "F1", "tp", "fp", "fn", "cuts F1");
        for (VideoRow v : r.videos()) {
            out.printf(
                    "%-26s %9.3f %7.3f %6.3f %4d %4d %4d %8.3f%s%n",
                    v.file(),
                    v.precision(),
                    v.recall(),
                    v.f1(),
                    v.tp(),
                    v.fp(),
                    v.fn(),
                    v.cutsF1(),
                    v.error() == null ? "" : "  " + v.error());
        }
        Metrics c = r.total().hardCuts();
        out.printf(
                "%-26s %9.3f %7.3f %6.3f%n",
                "all boundaries", r.total().precision(), r.total().recall(), r.total().f1());
        out.printf(
                "%-26s %9.3f %7.3f %6.3f %4d %4d %4d%n",
                "hard cuts", c.precision(), c.recall(), c.f1(), c.tp(), c.fp(), c.fn());
        out.printf("%nbroken files reported as errors: %d of %d%n", r.brokenOk(), r.brokenTotal());
        for (BrokenRow b : r.broken()) {
            out.printf(
                    "  %-24s %s%n",
                    b.file(),
                    b.ok() ? b.code() + ": " + b.message() : "NOT REPORTED: " + b.message());
        }
    }
}
