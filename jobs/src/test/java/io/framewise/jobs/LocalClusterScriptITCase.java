package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.connectors.testing.FreePorts;
import io.framewise.connectors.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/local-cluster.sh}, as a person trying the cluster path on a laptop runs it: start
 * (a JobManager and one TaskManager from the Maven-built distribution), status, Flink's command
 * line against it, stop; the REST API shows the cluster the repository's config.yaml describes.
 */
class LocalClusterScriptITCase {

    private static final Path SCRIPT = Path.of("..", "scripts", "local-cluster.sh");

    @TempDir Path dir;

    private final int restPort = FreePorts.next();

    /** Runs the script with {@code args}; returns its exit code and output. */
    private Result script(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment()
                .putAll(
                        Map.of(
                                "FRAMEWISE_CLUSTER_DIR", dir.resolve("cluster").toString(),
                                "FLINK_DIST",
                                        TestServers.dir(
                                                        "framewise.flink.dist",
                                                        "testing/flink-dist/target/dist")
                                                .toString(),
                                "TASKMANAGERS", "1",
                                "REST_PORT", Integer.toString(restPort),
                                "RPC_PORT", Integer.toString(FreePorts.next()),
                                "JAVA_HOME", System.getProperty("java.home")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("local-cluster.sh " + String.join(" ", args) + " hung");
        }
        return new Result(p.exitValue(), out);
    }

    record Result(int code, String out) {}

    private JsonNode rest(String path) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + restPort + path))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void startsReportsAndStopsACluster() throws Exception {
        try {
            Result start = script("start");
            assertThat(start.code()).as(start.out()).isZero();
            assertThat(start.out()).contains("Flink cluster up: http://localhost:" + restPort);

            Result status = script("status");
            assertThat(status.code()).as(status.out()).isZero();
            assertThat(status.out())
                    .contains("jobmanager: running")
                    .contains("taskmanager-0: running")
                    .contains("\"taskmanagers\":1");
            // The repository's config.yaml: two slots per TaskManager.
            assertThat(rest("/overview").path("slots-total").asInt()).isEqualTo(2);

            Result list = script("flink", "list");
            assertThat(list.code()).as(list.out()).isZero();
            assertThat(list.out()).contains("No running jobs");
        } finally {
            Result stop = script("stop");
            assertThat(stop.code()).as(stop.out()).isZero();
        }
        Result stopped = script("status");
        assertThat(stopped.code()).as(stopped.out()).isEqualTo(3);
        assertThat(stopped.out()).contains("stopped");
        try (var pids = Files.list(dir.resolve("cluster/pids"))) {
            assertThat(pids.toList()).as("pid files left").isEmpty();
        }
    }
}
