package io.framewise.jobs.cli;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.dev.bench.SearchBench;
import io.framewise.jobs.config.ConfigSources;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code framewise bench search}: indexing throughput, search latency and kNN recall. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = {
            "Generate frame documents with text vectors and measure, on Elasticsearch: bulk"
                    + " indexing throughput of the Flink sink against the Java client's"
                    + " BulkIngester (same documents, same concurrency, in the same run); search"
                    + " latency p50/p95 in text, vector and hybrid mode (hybrid against text: the"
                    + " ratio); kNN recall@10 against exact cosine search over the same frames in"
                    + " Parquet with DuckDB.",
            "Without --es a local Elasticsearch is started (and stopped). Indices are made under"
                    + " the prefix bench- and deleted at the end unless --keep."
        })
final class BenchSearchCommand implements Callable<Integer> {

    @Mixin ElasticsearchOptions es = new ElasticsearchOptions();

    @Option(
            names = "--docs",
            defaultValue = "100000",
            description = "Frame documents (default 100000).")
    int docs;

    @Option(names = "--dims", defaultValue = "384", description = "Vector dims (default 384).")
    int dims;

    @Option(
            names = "--queries",
            defaultValue = "200",
            description = "Timed queries per mode (default 200).")
    int queries;

    @Option(
            names = "--recall-queries",
            defaultValue = "100",
            description = "Queries for recall (default 100).")
    int recallQueries;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Sink subtasks and baseline concurrent requests (default: one per core).")
    Integer parallelism;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default 42).")
    long seed;

    @Option(
            names = "--heap",
            defaultValue = "1g",
            description = "Heap of the local Elasticsearch (default 1g).")
    String heap;

    @Option(names = "--keep", description = "Keep the benchmark's indices.")
    boolean keep;

    @Option(names = "--json", description = "Print one JSON object on the last line.")
    boolean json;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "An es.* setting, e.g. --set es.vector.index-type=hnsw")
    Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Properties settings =
                new ConfigSources(null, System.getenv(), overrides, es.settings()).properties();
        LocalElasticsearch local = null;
        if (!ElasticsearchConfig.configured(settings)) {
            out.printf("Starting a local Elasticsearch (heap %s) ...%n", heap);
            out.flush();
            local = LocalElasticsearch.start(heap);
            settings.setProperty("es.url", local.url());
            settings.setProperty("es.replicas", "0");
        }
        settings.putIfAbsent("es.index-prefix", "bench-");
        settings.setProperty("es.text-vector.dims", String.valueOf(dims));
        ElasticsearchConfig config = ElasticsearchConfig.from(settings);
        int n = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        Path scratch = Files.createTempDirectory("framewise-bench-search");
        try {
            out.printf(
                    "%d generated frames, %d-dim text vectors (%s), parallelism %d, at %s%n",
                    docs, dims, config.vectorIndexType(), n, config.url());
            SearchBench.Result r =
                    new SearchBench(config, seed, dims, docs, n, out)
                            .run(queries, recallQueries, scratch);
            if (json) {
                out.println(Json.line(r));
            } else {
                out.printf("%nbulk indexing, documents with vectors per second:%n");
                out.printf("  framewise ElasticsearchSink  %8.0f docs/s%n", r.sinkDocsPerSecond());
                out.printf(
                        "  BulkIngester (baseline)      %8.0f docs/s%n", r.ingesterDocsPerSecond());
                out.printf("  ratio sink / baseline        %8.2f%n", r.throughputRatio());
                out.printf(
                        "search latency at %d frame documents (%d queries each):%n", docs, queries);
                for (Map.Entry<String, double[]> e : r.latencyMs().entrySet()) {
                    out.printf(
                            "  %-15s p50 %6.1f ms  p95 %6.1f ms%n",
                            e.getKey(), e.getValue()[0], e.getValue()[1]);
                }
                out.printf("  ratio hybrid / text (p50)   %6.2f%n", r.hybridToTextRatio());
                out.printf(
                        "kNN recall@10 against exact cosine (DuckDB), %d queries:%n",
                        recallQueries);
                r.recallAt10().forEach((c, v) -> out.printf("  num_candidates %4d  %.3f%n", c, v));
            }
            out.flush();
        } finally {
            if (!keep) {
                SearchBenchCleanup.drop(config);
            }
            if (local != null) {
                local.close();
            }
            SearchBenchCleanup.delete(scratch);
        }
        return 0;
    }
}
