package io.framewise.jobs.cli;

import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.jobs.eval.BoundaryMatcher;
import io.framewise.jobs.eval.Labels;
import io.framewise.jobs.eval.Manifest;
import io.framewise.jobs.eval.Score;
import io.framewise.pipeline.job.VideoRef;
import io.framewise.udfs.samples.LabelledVideo;
import io.framewise.udfs.samples.SampleSpec;
import io.framewise.udfs.samples.SampleVideoWriter;
import io.framewise.udfs.samples.SampleVideos;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code framewise demo}: makes sample videos, indexes them and shows what was found. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Generate labelled sample videos (slides with text, motion, a flash, dissolves,"
                    + " fades, portrait VP9) plus one broken file, run the indexing job over them,"
                    + " and print each video's shots with their timecodes and the text read on"
                    + " screen, checked against the labels.",
            "Samples and their manifest.json stay under OUT/samples (for `framewise eval`);"
                    + " the tables and keyframes under OUT."
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
        // A broken upload among the good ones: it becomes a failure row, the rest go on.
        Files.writeString(dir.resolve("broken-upload.mp4"), "this is not a video\n".repeat(20));
        Manifest.write(dir.resolve("manifest.json"), videos, List.of("broken-upload.mp4"));

        List<VideoRef> refs = new ArrayList<>();
        for (LabelledVideo v : videos) {
            refs.add(VideoRef.of(dir.resolve(v.file())));
        }
        refs.add(VideoRef.of(dir.resolve("broken-upload.mp4")));
        IndexRunner.run(
                w, refs, out, Runtime.getRuntime().availableProcessors(), options.properties());

        List<GenericRecord> shots = ParquetTableReader.read(out, Tables.SHOTS);
        List<GenericRecord> frames = ParquetTableReader.read(out, Tables.FRAMES);
        BoundaryMatcher matcher = new BoundaryMatcher(EvalCommand.TOLERANCE);
        for (int i = 0; i < videos.size(); i++) {
            LabelledVideo v = videos.get(i);
            String id = refs.get(i).videoId();
            List<GenericRecord> mine = of(shots, id);
            mine.sort(Comparator.comparingInt(r -> (Integer) r.get("shot_index")));
            w.printf("%n%s (%s): %d shots%n", v.file(), id, mine.size());
            List<Long> starts = new ArrayList<>();
            for (GenericRecord s : mine) {
                int index = (Integer) s.get("shot_index");
                if (index > 0) {
                    starts.add((Long) s.get("first_frame"));
                }
                w.printf(
                        "  shot %2d  %-9s frames %4d-%-4d %s%n",
                        index,
                        s.get("transition_in"),
                        (Long) s.get("first_frame"),
                        (Long) s.get("last_frame"),
                        textOf(frames, id, index));
            }
            Score score = matcher.score(new Labels(v.cuts(), v.gradual(), v.noCut()), starts);
            w.printf(
                    "  shot starts against the labels: precision %.2f, recall %.2f%n",
                    score.precision(), score.recall());
        }
        for (GenericRecord f : ParquetTableReader.read(out, Tables.FAILURES)) {
            w.printf(
                    "%nfailure: %s %s (%s): %s%n",
                    f.get("stage"), f.get("code"), f.get("uri"), f.get("message"));
        }
        w.printf(
                "%nMeasure shot detection again: ./framewise eval %s%n",
                dir.resolve("manifest.json"));
        w.flush();
        return 0;
    }

    private static List<GenericRecord> of(List<GenericRecord> rows, String videoId) {
        List<GenericRecord> mine = new ArrayList<>();
        for (GenericRecord r : rows) {
            if (videoId.equals(r.get("video_id").toString())) {
                mine.add(r);
            }
        }
        return mine;
    }

    /** The text read on the shot's keyframes, first keyframe with text, on one line. */
    private static String textOf(List<GenericRecord> frames, String videoId, int shot) {
        for (GenericRecord f : of(frames, videoId)) {
            Object text = f.get("ocr_text");
            if ((Integer) f.get("shot_index") == shot && text != null) {
                return "\"" + text.toString().replace('\n', '/') + "\"";
            }
        }
        return "";
    }
}
