package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.metrics.MetricNames;
import org.junit.jupiter.api.Test;

/**
 * {@code flink-conf/prometheus/framewise-alerts.yml} alerts on metrics that exist, named as Flink's
 * Prometheus reporter exports them, and every alert says how long, how bad and what.
 */
class PrometheusAlertsTest {

    private static final Path RULES =
            Path.of("..", "flink-conf", "prometheus", "framewise-alerts.yml");

    /** The operator scope as the Prometheus reporter writes it. */
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";

    /**
     * Flink's metrics the rules use, as the Prometheus reporter names them: the job's checkpoint
     * and restart metrics on the JobManager, the Kafka source's consumer metrics on the operator
     * (https://nightlies.apache.org/flink/flink-docs-release-2.2/docs/ops/metrics/#checkpointing,
     * #availability, and the Kafka connector's "Monitoring" section:
     * KafkaSourceReader.KafkaConsumer carries the Kafka consumer's own metrics, records-lag-max
     * among them).
     */
    private static final Set<String> FLINK =
            Set.of(
                    "flink_jobmanager_job_lastCheckpointDuration",
                    "flink_jobmanager_job_lastCheckpointCompletedTimestamp",
                    "flink_jobmanager_job_numberOfFailedCheckpoints",
                    "flink_jobmanager_job_numRestarts",
                    OPERATOR + "KafkaSourceReader_KafkaConsumer_records_lag_max");

    private static final Pattern NAME_REGEX = Pattern.compile("__name__=~\"([^\"]*)\"");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_]+");
    private static final Pattern ALTERNATIVES = Pattern.compile("^([^(]*)\\(([^)]*)\\)([^(]*)$");

    /** Framewise's metrics, as exported: the operator scope, the group, the name. */
    private static Set<String> framewise() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        String prefix = OPERATOR + FramewiseMetrics.GROUP + "_";
        Set<String> dependencies =
                Set.of(
                        FramewiseMetrics.ELASTICSEARCH,
                        FramewiseMetrics.STORAGE,
                        FramewiseMetrics.LLM,
                        FramewiseMetrics.SPEECH);
        for (Field field : FramewiseMetrics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String value = (String) field.get(null);
                if (!value.equals(FramewiseMetrics.GROUP) && !dependencies.contains(value)) {
                    names.add(prefix + value);
                }
            }
        }
        for (String dependency : dependencies) {
            names.add(prefix + dependency + "_" + FramewiseMetrics.UNAVAILABLE);
        }
        return names;
    }

    /** The metric names an expression reads, a {@code __name__=~"a_(x|y)_b"} matcher expanded. */
    static List<String> metrics(String expr) {
        List<String> names = new ArrayList<>();
        Matcher regex = NAME_REGEX.matcher(expr);
        while (regex.find()) {
            Matcher parts = ALTERNATIVES.matcher(regex.group(1));
            assertThat(parts.matches()).as("one (a|b) group in " + regex.group(1)).isTrue();
            for (String alternative : parts.group(2).split("\\|")) {
                names.add(parts.group(1) + alternative + parts.group(3));
            }
        }
        Matcher metric = METRIC.matcher(QUOTED.matcher(expr).replaceAll("\"\""));
        while (metric.find()) {
            names.add(metric.group());
        }
        return names;
    }

    @Test
    void everyAlertReadsOnlyMetricsThatExist() throws Exception {
        Set<String> known = new TreeSet<>(FLINK);
        known.addAll(framewise());
        JsonNode groups =
                new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile()).get("groups");
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.get("rules")) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                List<String> used = metrics(rule.get("expr").asText());
                assertThat(used).as(alert).isNotEmpty();
                assertThat(known).as(alert).containsAll(used);
                assertThat(rule.path("for").asText()).as(alert + " for").matches("\\d+[smh]");
                assertThat(rule.at("/labels/severity").asText())
                        .as(alert)
                        .isIn("warning", "critical");
                assertThat(rule.at("/annotations/summary").asText()).as(alert).isNotBlank();
            }
        }
        // The documented set: checkpoints, restarts, lag, dead letters, failures, outages.
        assertThat(alerts)
                .containsExactlyInAnyOrder(
                        "FramewiseCheckpointTooOld",
                        "FramewiseCheckpointSlow",
                        "FramewiseCheckpointsFailing",
                        "FramewiseJobRestarting",
                        "FramewiseConsumerLag",
                        "FramewiseDependencyUnavailable",
                        "FramewiseDeadLetters",
                        "FramewiseFailureRate");
    }

    @Test
    void aMisspelledOrUnscopedNameIsFound() throws Exception {
        Set<String> known = new TreeSet<>(FLINK);
        known.addAll(framewise());
        assertThat(metrics("flink_jobmanager_job_lastCheckpointDurations > 1"))
                .doesNotContainAnyElementsOf(known);
        // A framewise metric without the operator scope is not what the reporter exports.
        assertThat(metrics("rate(flink_framewise_malformedEvents[5m])"))
                .doesNotContainAnyElementsOf(known);
        assertThat(
                        metrics(
                                "{__name__=~\"flink_taskmanager_job_task_operator_framewise_(elasticsearch|disk)_unavailable\"}"))
                .containsExactly(
                        OPERATOR + "framewise_elasticsearch_unavailable",
                        OPERATOR + "framewise_disk_unavailable");
        assertThat(known).doesNotContain(OPERATOR + "framewise_disk_unavailable");
    }

    /** The list above against Flink's own constants, so a rename in Flink fails here. */
    @Test
    void flinksNamesAreFlinks() throws Exception {
        Class<?> tracker =
                Class.forName("org.apache.flink.runtime.checkpoint.DefaultCheckpointStatsTracker");
        Set<String> checkpointMetrics = new TreeSet<>();
        for (Field field : tracker.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                checkpointMetrics.add("flink_jobmanager_job_" + field.get(null));
            }
        }
        assertThat(checkpointMetrics)
                .contains(
                        "flink_jobmanager_job_lastCheckpointDuration",
                        "flink_jobmanager_job_lastCheckpointCompletedTimestamp",
                        "flink_jobmanager_job_numberOfFailedCheckpoints");
        assertThat(FLINK).contains("flink_jobmanager_job_" + MetricNames.NUM_RESTARTS);
    }
}
