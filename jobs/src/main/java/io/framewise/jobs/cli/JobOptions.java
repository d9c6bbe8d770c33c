package io.framewise.jobs.cli;

import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.IncomingVideos;
import io.framewise.jobs.graph.VideoSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the production jobs ({@code backfill}, {@code stream}). */
final class JobOptions {

    @Option(
            names = "--out",
            defaultValue = "framewise-data",
            paramLabel = "DIR|URI",
            description =
                    "Output root: a directory, or a URI every TaskManager reaches, such as"
                            + " s3://bucket/framewise (default: ./framewise-data).")
    String out;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description =
                    "Default parallelism (default: one per core here; on a cluster,"
                            + " parallelism.default). Segments per video do not follow it: one"
                            + " per shots.segment-seconds of video.")
    Integer parallelism;

    @Option(
            names = "--max-out-of-orderness",
            defaultValue = "PT30S",
            paramLabel = "DURATION",
            description = "How late an upload may arrive in event time (default PT30S).")
    Duration maxOutOfOrderness;

    @Option(
            names = "--idleness",
            defaultValue = "PT1M",
            paramLabel = "DURATION",
            description =
                    "After how long without events a source split stops holding back event time"
                            + " (default PT1M).")
    Duration idleness;

    @Option(
            names = "--max-rate",
            paramLabel = "VIDEOS_PER_SECOND",
            description = "Pace incoming videos to at most this rate (default: no limit).")
    Double maxRate;

    @Mixin DetectorOptions settings = new DetectorOptions();

    @Mixin LlmOptions llm = new LlmOptions();

    @Mixin ElasticsearchOptions es = new ElasticsearchOptions();

    /** The output root as the job writes it: local paths made absolute. */
    String outRoot() {
        URI uri = URI.create(out.replace('\\', '/').replace(" ", "%20"));
        if (uri.getScheme() != null && uri.getScheme().length() > 1) {
            return out;
        }
        return Path.of(out).toAbsolutePath().normalize().toString();
    }

    int parallelism(int fallback) {
        return parallelism != null ? parallelism : fallback;
    }

    /** The one configuration of the job: --config, the environment, --set and the options. */
    FramewiseConfig config() throws IOException {
        return settings.config(llm.settings(), es.settings());
    }

    /** How the job admits incoming videos; {@code resume} skips those indexed already. */
    IncomingVideos.Admission admission(boolean resume) {
        if (maxRate != null && !(maxRate > 0)) {
            throw new IllegalArgumentException(
                    "--max-rate must be more than 0 videos per second, got " + maxRate);
        }
        return new IncomingVideos.Admission(
                outRoot(), maxOutOfOrderness, idleness, maxRate, resume);
    }

    /** Runs the job on {@code source}, the one thing in which backfill and stream differ. */
    void run(
            PrintWriter w,
            String name,
            VideoSource source,
            FramewiseConfig config,
            int parallelism,
            RuntimeExecutionMode mode)
            throws Exception {
        JobRunner.run(w, new JobRunner.Run(name, source, -1, config, outRoot(), parallelism, mode));
    }

    /** A prefix as given (s3://..., file://...), or a local directory made a file: URI. */
    static URI prefix(String arg) {
        if (arg.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return URI.create(arg);
        }
        return Path.of(arg).toAbsolutePath().normalize().toUri();
    }
}
