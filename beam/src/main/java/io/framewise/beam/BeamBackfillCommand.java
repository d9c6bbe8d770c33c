package io.framewise.beam;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code framewise beam-backfill PREFIX --out DIR}: the backfill as a Beam pipeline, on the direct
 * runner unless {@code --beam} options name another (README.md). Prints the Framewise counters and
 * the throughput when the pipeline ends.
 */
@Command(
        name = "beam-backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Backfill the videos under PREFIX with the Apache Beam pipeline (same tables as the"
                    + " Flink backfill; DirectRunner by default)."
        })
public final class BeamBackfillCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "PREFIX",
            description = "a directory of videos, or s3://bucket/prefix (README.md)")
    String prefix;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description =
                    "output root (a directory or s3://bucket/run): {out}/{table}/dt=YYYY-MM-DD/ and keyframes/")
    String out;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "a Framewise setting (repeatable), as for the Flink commands")
    List<String> settings = new ArrayList<>();

    @Option(
            names = "--es",
            paramLabel = "URL",
            description =
                    "also write the search indices to this Elasticsearch (same as --set"
                            + " es.url=URL; the other es.* keys as for the Flink commands)")
    String es;

    @Option(
            names = "--llm",
            paramLabel = "URL",
            description =
                    "describe keyframes with the vision LLM at this OpenAI-compatible base URL"
                            + " (same as --set llm.url=URL; the other llm.* keys as for the Flink"
                            + " commands)")
    String llm;

    @Option(names = "--config", paramLabel = "FILE", description = "a Framewise properties file")
    String config;

    @Option(
            names = "--beam",
            paramLabel = "OPTION",
            description =
                    "a Beam pipeline option passed on as it is (repeatable), e.g."
                            + " --beam=--targetParallelism=4 or --beam=--runner=...")
    List<String> beam = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(beam);
        args.add("--input=" + prefix);
        args.add("--output=" + out);
        if (config != null) {
            args.add("--configFile=" + config);
        }
        List<String> all = new ArrayList<>(settings);
        if (es != null && !es.isBlank()) {
            all.add("es.url=" + es);
        }
        if (llm != null && !llm.isBlank()) {
            all.add("llm.url=" + llm);
        }
        if (!all.isEmpty()) {
            args.add("--settings=" + String.join(",", all));
        }
        BackfillOptions options = BeamBackfillPipeline.options(args.toArray(String[]::new));
        long start = System.nanoTime();
        Pipeline pipeline = BeamBackfillPipeline.create(options);
        PipelineResult result = pipeline.run();
        PipelineResult.State state = result.waitUntilFinish();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("beam-backfill: " + state + " in " + String.format("%.1f s", seconds));
        MetricQueryResults metrics =
                result.metrics()
                        .queryMetrics(
                                MetricsFilter.builder()
                                        .addNameFilter(MetricNameFilter.inNamespace("framewise"))
                                        .build());
        for (MetricResult<Long> c : metrics.getCounters()) {
            System.out.println("  framewise." + c.getName().getName() + " = " + c.getAttempted());
        }
        return state == PipelineResult.State.DONE ? 0 : 1;
    }
}
