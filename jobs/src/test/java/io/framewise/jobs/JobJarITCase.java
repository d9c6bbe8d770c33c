package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.connectors.testing.TestServers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The job jar for {@code flink run} holds the production jobs only: none of the development tooling
 * of dev/ (simulator, sample videos, local Elasticsearch, benchmarks, evaluation, demo) and none of
 * the libraries only that tooling needs.
 */
class JobJarITCase {

    /** Entries that only the development tooling brings. */
    private static final Pattern DEV_TOOLING =
            Pattern.compile(
                    "io/framewise/(llmsim|testkit|dev)/.*"
                            + "|io/framewise/jobs/cli/(Bench|Demo|Eval|LlmSim|DevFramewise"
                            + "|SearchBenchCleanup|OperatorBusyTime|Memory)[^/]*\\.class"
                            + "|.*LocalElasticsearch.*|relevance/.*|org/duckdb/.*|libduckdb.*");

    @Test
    void holdsTheProductionJobsAndNoDevelopmentTooling() throws IOException {
        Path jar = TestServers.dir("framewise.job.jar", "jobs/target/*-flink.jar (mvn package)");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names)
                    .contains(
                            "io/framewise/jobs/cli/FlinkMain.class",
                            "io/framewise/jobs/cli/BackfillCommand.class",
                            "io/framewise/jobs/cli/StreamCommand.class");
            assertThat(names).noneMatch(name -> DEV_TOOLING.matcher(name).matches());
        }
    }
}
