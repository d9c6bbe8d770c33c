package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flink-conf/} keeps a healthy cluster's logs quiet and honest: the AWS SDK's deprecation
 * notice is switched off in every JVM Flink's scripts start and dropped by the logging, and only
 * the one metric-name collision Flink's sink committers cause on every checkpoint is dropped, not
 * others.
 */
class FlinkLoggingTest {

    private static final Path CONF = Path.of("..", "flink-conf");
    private static final String SDK_SWITCH = "-Daws.java.v1.disableDeprecationAnnouncement=true";

    @TempDir Path dir;

    @Test
    void theSdkNoticeIsSwitchedOffForClientJobManagerAndTaskManager() {
        Configuration conf = GlobalConfiguration.loadConfiguration(CONF.toString());
        assertThat(conf.get(CoreOptions.FLINK_CLI_JVM_OPTIONS)).contains(SDK_SWITCH);
        assertThat(conf.get(CoreOptions.FLINK_JM_JVM_OPTIONS)).contains(SDK_SWITCH);
        assertThat(conf.get(CoreOptions.FLINK_TM_JVM_OPTIONS)).contains(SDK_SWITCH);
        // env.java.opts.all is left to the distribution (Java 17's module options).
        assertThat(conf.toMap()).doesNotContainKey("env.java.opts.all");
    }

    @Test
    void theCommittersCollisionAndTheSdkNoticeAreDroppedAndNothingElse() throws Exception {
        Path log = dir.resolve("flink.log");
        String before = System.getProperty("log.file");
        System.setProperty("log.file", log.toString());
        LoggerContext context =
                new LoggerContext("flink-conf", null, CONF.resolve("log4j.properties").toUri());
        try {
            context.start();
            var metricGroup = context.getLogger("org.apache.flink.metrics.MetricGroup");
            // The messages as Flink 2.2's AbstractMetricGroup writes them.
            metricGroup.warn(
                    "Name collision: Group already contains a Metric with the name"
                            + " 'pendingCommittables'. Metric will not be reported.[localhost,"
                            + " taskmanager, tm-1, framewise stream, Sink Committer: videos table,"
                            + " 0]");
            metricGroup.warn(
                    "Name collision: Group already contains a Metric with the name"
                            + " 'framesDecoded'. Metric will not be reported.[localhost,"
                            + " taskmanager, tm-1, framewise stream, decode segment, 0]");
            context.getLogger("com.amazonaws.util.VersionInfoUtils")
                    .warn(
                            "The AWS SDK for Java 1.x entered maintenance mode starting July 31,"
                                    + " 2024");
            context.getLogger("io.framewise.pipeline.remote.Outage")
                    .warn("elasticsearch unavailable: connection refused");
        } finally {
            context.stop();
            if (before == null) {
                System.clearProperty("log.file");
            } else {
                System.setProperty("log.file", before);
            }
        }
        String written = Files.readString(log);
        assertThat(written)
                .contains("'framesDecoded'", "elasticsearch unavailable")
                .doesNotContain("pendingCommittables", "maintenance mode");
    }
}
