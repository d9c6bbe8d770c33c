package io.framewise.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise bench}: speed, always against baselines timed in the same run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks that time Framewise against baselines in the same run.",
        subcommands = {
            BenchCommand.Detect.class,
            BenchIndexCommand.class,
            BenchEmbedCommand.class,
            BenchEnrichCommand.class,
            BenchSpeechCommand.class,
            BenchSearchCommand.class,
            BenchRelevanceCommand.class,
            BenchBackfillCommand.class
        })
final class BenchCommand {

    /** {@code framewise bench detect VIDEO}. */
    @Command(
            name = "detect",
            mixinStandardHelpOptions = true,
            description = {
                "Time the shot detector against ffmpeg decoding every frame"
                        + " (ffmpeg -threads 2 -i VIDEO -f null -) and against ffmpeg's own scene"
                        + " detection (select='gt(scene,0.3)'), in turn, several runs each, and"
                        + " print medians and ratios (of the medians, and the median of each"
                        + " run's own).",
                "Each is timed as a whole process, as a user runs it: 'framewise detect VIDEO'"
                        + " with this JVM's options and class archive (JVM start, loading FFmpeg"
                        + " and the JIT's warm-up included).",
                "One untimed run of each first fills the page cache."
            })
    static final class Detect implements Callable<Integer> {

        @Parameters(paramLabel = "VIDEO")
        Path video;

        @Option(names = "--runs", defaultValue = "3", description = "Runs of each (default 3).")
        int runs;

        @Option(
                names = "--ffmpeg",
                defaultValue = "ffmpeg",
                description = "ffmpeg to compare with.")
        String ffmpeg;

        @Option(names = "--json", description = "Print one JSON object on the last line.")
        boolean json;

        @Mixin DetectorOptions options = new DetectorOptions();

        @Spec picocli.CommandLine.Model.CommandSpec spec;

        record Result(
                String video,
                long frames,
                int runs,
                double oursMs,
                long oursPeakRssKb,
                String loadBefore,
                String loadAfter,
                Double ffmpegDecodeMs,
                Double ffmpegSceneMs,
                Double ratioToDecode,
                Double ratioToScene,
                Double pairedRatioToDecode,
                Double pairedRatioToScene,
                String note) {}

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            boolean haveFfmpeg = works(List.of(ffmpeg, "-version"));
            List<String> decode = decodeCommand(ffmpeg, video);
            List<String> scene =
                    List.of(
                            ffmpeg,
                            "-hide_banner",
                            "-loglevel",
                            "error",
                            "-i",
                            video.toString(),
                            "-vf",
                            "select='gt(scene,0.3)'",
                            "-f",
                            "null",
                            "-");
            List<String> detect =
                    TimedProcess.framewise(
                            List.of("detect", video.toString()), options.sources().properties());
            List<Double> ours = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            List<Double> sceneTimes = new ArrayList<>();
            long peakKb = 0;
            // Untimed: the page cache, the frame count, and a detector that fails fails before
            // anything is timed.
            JsonNode first =
                    TimedProcess.lastJsonLine(
                            TimedProcess.framewise(
                                    List.of("detect", "--json", video.toString()),
                                    options.sources().properties()));
            if (first.has("error")) {
                spec.commandLine()
                        .getErr()
                        .printf(
                                "framewise: %s: error (%s): %s%n",
                                video,
                                first.path("error").path("code").asText(),
                                first.path("error").path("message").asText());
                return 2;
            }
            long frames = first.path("frames").asLong();
            if (haveFfmpeg) {
                timeProcess(decode);
            }
            String loadBefore = BenchIndexCommand.loadAverage();
            if (!json) {
                out.printf("load average before: %s%n", loadBefore);
            }
            for (int r = 0; r < runs; r++) {
                TimedProcess run = TimedProcess.run(detect);
                ours.add(run.millis());
                peakKb = Math.max(peakKb, run.peakRssKb());
                if (haveFfmpeg) {
                    plain.add(timeProcess(decode));
                    sceneTimes.add(timeProcess(scene));
                }
                if (!json) {
                    out.printf(
                            "run %d: framewise detect %.0f ms%s%n",
                            r + 1,
                            ours.get(r),
                            haveFfmpeg
                                    ? String.format(
                                            ", ffmpeg decode %.0f ms, ffmpeg scene %.0f ms",
                                            plain.get(r), sceneTimes.get(r))
                                    : "");
                    out.flush();
                }
            }
            String loadAfter = BenchIndexCommand.loadAverage();
            double o = median(ours);
            Result result =
                    haveFfmpeg
                            ? new Result(
                                    video.toString(),
                                    frames,
                                    runs,
                                    o,
                                    peakKb,
                                    loadBefore,
                                    loadAfter,
                                    median(plain),
                                    median(sceneTimes),
                                    o / median(plain),
                                    o / median(sceneTimes),
                                    pairedRatio(ours, plain),
                                    pairedRatio(ours, sceneTimes),
                                    null)
                            : new Result(
                                    video.toString(),
                                    frames,
                                    runs,
                                    o,
                                    peakKb,
                                    loadBefore,
                                    loadAfter,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    "ffmpeg not found ("
                                            + ffmpeg
                                            + "): install Debian's ffmpeg to compare");
            if (json) {
                out.println(Json.line(result));
            } else {
                out.printf(
                        "%nmedian of %d runs, %d frames, load average after: %s%n",
                        runs, frames, loadAfter);
                out.printf(
                        "  framewise detect process %6.0f ms  %6.0f fps  peak RSS %d MB%n",
                        o, frames * 1000 / o, peakKb / 1024);
                if (haveFfmpeg) {
                    out.printf(
                            "  ffmpeg decode (-f null) %6.0f ms  ratio %.2fx  (runs' own: median %.2fx)%n",
                            result.ffmpegDecodeMs(),
                            result.ratioToDecode(),
                            result.pairedRatioToDecode());
                    out.printf(
                            "  ffmpeg scene detection %7.0f ms  ratio %.2fx  (runs' own: median %.2fx)%n",
                            result.ffmpegSceneMs(),
                            result.ratioToScene(),
                            result.pairedRatioToScene());
                } else {
                    out.println("  " + result.note());
                }
            }
            out.flush();
            return 0;
        }

        /** The plain-decode baseline: every frame decoded with two threads, nothing written. */
        static List<String> decodeCommand(String ffmpeg, Path video) {
            return List.of(
                    ffmpeg,
                    "-hide_banner",
                    "-loglevel",
                    "error",
                    "-threads",
                    "2",
                    "-i",
                    video.toString(),
                    "-f",
                    "null",
                    "-");
        }

        static boolean works(List<String> command) {
            try {
                Process p =
                        new ProcessBuilder(command)
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start();
                return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Wall milliseconds of {@code command} as a whole process; a failure is an error. */
        static double timeProcess(List<String> command) throws IOException, InterruptedException {
            return TimedProcess.run(command).millis();
        }

        /**
         * The median of each run's own ratio, ours over the baseline timed right after it: the
         * machine's speed drifts between runs (here by a fifth within an hour), and a pair run back
         * to back shares the drift that a ratio of two medians does not.
         */
        static double pairedRatio(List<Double> ours, List<Double> baseline) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < ours.size(); i++) {
                ratios.add(ours.get(i) / baseline.get(i));
            }
            return median(ratios);
        }

        static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(Double::compare);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }
}
