package io.framewise.jobs.cli;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.dev.bench.SearchBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes what {@code bench search} made: its indices and templates, its scratch files. */
final class SearchBenchCleanup {

    private SearchBenchCleanup() {}

    static void drop(ElasticsearchConfig config) {
        try {
            for (ElasticsearchConfig c : SearchBench.indexConfigs(config)) {
                SearchBench.dropIndices(c);
            }
        } catch (IOException | RuntimeException e) {
            // Nothing to drop, or the cluster went away: the benchmark's result stands.
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
