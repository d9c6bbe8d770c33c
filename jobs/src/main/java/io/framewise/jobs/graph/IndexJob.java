package io.framewise.jobs.graph;

import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.pipeline.graph.IndexVideosJob;
import io.framewise.pipeline.graph.Outputs;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The indexing job, built from the parts passed in: a source of videos, the engines, and the sinks.
 * {@code index}, {@code backfill} and {@code stream} differ only in the source they pass; local
 * runs, {@code flink run} and tests build the graph through this one class, so the graph under test
 * is the graph that ships.
 *
 * <p>Tests pass a bounded source, fake engines and a collecting sink; {@link #of} builds the
 * production parts from the typed configuration.
 */
public final class IndexJob {

    private final VideoSource source;
    private final IndexVideosJob engines;
    private final List<OutputSink> sinks;

    /**
     * @param source where the videos come from
     * @param engines the indexing graph with its engines' factories
     * @param sinks where the rows go, attached in this order
     */
    public IndexJob(VideoSource source, IndexVideosJob engines, List<OutputSink> sinks) {
        this.source = source;
        this.engines = engines;
        this.sinks = List.copyOf(sinks);
    }

    /**
     * The production job on {@code source}: the real engines of {@code config}, the Parquet tables
     * under {@code out} and, when {@code es.url} is set, the search indices.
     */
    public static IndexJob of(VideoSource source, FramewiseConfig config, String out) {
        return new IndexJob(source, Engines.of(config, out), sinks(config, out));
    }

    /**
     * {@link #of} without loading the models first ({@link Engines#withoutModelCheck}): the caller
     * checks them alongside the job's start.
     */
    public static IndexJob withoutModelCheck(
            VideoSource source, FramewiseConfig config, String out) {
        return new IndexJob(source, Engines.withoutModelCheck(config, out), sinks(config, out));
    }

    private static List<OutputSink> sinks(FramewiseConfig config, String out) {
        List<OutputSink> sinks = new ArrayList<>();
        sinks.add(new ParquetTables(out));
        if (config.search()) {
            sinks.add(new SearchIndices(config.es(), out));
        }
        return sinks;
    }

    /** Adds the job to {@code env}; returns the outputs its sinks were attached to. */
    public Outputs build(StreamExecutionEnvironment env) {
        // 1. The videos, and failure rows for input that never became one.
        VideoSource.Videos in = source.attach(env);
        // 2. The indexing graph.
        Outputs outputs = engines.build(in.videos());
        // 3. One failures stream for the sinks: the graph's and the source's.
        if (in.failures() != null) {
            outputs = withFailures(outputs, in);
        }
        // 4. The sinks.
        for (OutputSink sink : sinks) {
            sink.attach(outputs);
        }
        return outputs;
    }

    private static Outputs withFailures(Outputs o, VideoSource.Videos in) {
        return new Outputs(
                o.videos(),
                o.shots(),
                o.frames(),
                o.texts(),
                o.failures().union(in.failures()),
                o.llmCalls(),
                o.scenes(),
                o.clusters(),
                o.clusterMembers(),
                o.transcripts(),
                o.speechCalls());
    }
}
