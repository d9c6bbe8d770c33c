package io.framewise.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;

/**
 * Where a running job's time goes, per operator chain, from the local cluster's REST API: the busy
 * time Flink measures ({@code busyTimeMsPerSecond} while running, averaged over subtasks, and
 * {@code accumulateBusyTimeMs}, summed). For the benchmarks; sampled every half second while the
 * job runs, since the API is gone once a local job has finished.
 */
final class OperatorBusyTime {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String rest;
    private final List<String> vertices = new ArrayList<>();
    private final Map<String, List<Double>> busySamples = new LinkedHashMap<>();
    private final Map<String, Double> busyMs = new LinkedHashMap<>();
    private long jobStart = -1;

    /** Samples the cluster whose REST API listens on {@code port} of the loopback address. */
    OperatorBusyTime(int port) {
        this.rest = "http://127.0.0.1:" + port;
    }

    /** The local cluster settings that open the REST API on {@code port} with fresh metrics. */
    static Map<String, String> restSettings(int port) {
        Map<String, String> local = new LinkedHashMap<>();
        local.put("rest.port", Integer.toString(port));
        local.put("rest.bind-port", Integer.toString(port));
        // The REST API fetches metrics from the TaskManager at most this often.
        local.put("metrics.fetcher.update-interval", "1000");
        return local;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Samples until {@code client}'s job has finished, then waits for its result. */
    JobExecutionResult follow(JobClient client) throws Exception {
        String job = client.getJobID().toString();
        while (!client.getJobExecutionResult().isDone()) {
            sample(job);
            Thread.sleep(500);
        }
        return client.getJobExecutionResult().get();
    }

    /** When Flink started the job (epoch ms), or -1 if no sample saw it. */
    long jobStart() {
        return jobStart;
    }

    List<String> vertices() {
        return vertices;
    }

    /** Average busy ms per second of each vertex while it ran. */
    Map<String, Double> busyPerSecond() {
        Map<String, Double> busy = new LinkedHashMap<>();
        busySamples.forEach(
                (v, xs) -> busy.put(v, xs.stream().mapToDouble(d -> d).average().orElse(0)));
        return busy;
    }

    /** Busy ms of each vertex, summed over its subtasks, at the last sample. */
    Map<String, Double> busyMs() {
        return busyMs;
    }

    /** Prints one line per operator chain: busy ms/s, busy s and its share of all. */
    void print(PrintWriter out) {
        double all = busyMs.values().stream().mapToDouble(d -> d).sum();
        Map<String, Double> perSecond = busyPerSecond();
        out.printf("  %-90s %10s %8s %7s%n", "operator (chain)", "busy ms/s", "busy s", "share");
        for (String v : vertices) {
            double ms = busyMs.getOrDefault(v, 0.0);
            out.printf(
                    "  %-90s %10.0f %8.1f %6.1f%%%n",
                    v.length() > 90 ? v.substring(0, 87) + "..." : v,
                    perSecond.getOrDefault(v, 0.0),
                    ms / 1000,
                    all > 0 ? 100 * ms / all : 0);
        }
        out.flush();
    }

    /**
     * Reads each running vertex's busy time (average over subtasks) and accumulated busy ms (NaN,
     * which Flink reports before a task has measured anything, is left out).
     */
    private void sample(String job) {
        try {
            JsonNode detail = get(rest + "/jobs/" + job);
            for (JsonNode v : detail.path("vertices")) {
                String name = v.get("name").asText();
                if (!vertices.contains(name)) {
                    vertices.add(name);
                }
                String url =
                        rest
                                + "/jobs/"
                                + job
                                + "/vertices/"
                                + v.get("id").asText()
                                + "/subtasks/metrics?get="
                                + URLEncoder.encode(
                                        "busyTimeMsPerSecond,accumulateBusyTimeMs",
                                        StandardCharsets.UTF_8)
                                + "&agg=avg,sum";
                for (JsonNode m : get(url)) {
                    String id = m.get("id").asText();
                    double avg = m.path("avg").asDouble(Double.NaN);
                    double sum = m.path("sum").asDouble(Double.NaN);
                    if (id.equals("busyTimeMsPerSecond")
                            && v.path("status").asText().equals("RUNNING")
                            && !Double.isNaN(avg)) {
                        busySamples.computeIfAbsent(name, k -> new ArrayList<>()).add(avg);
                    } else if (id.equals("accumulateBusyTimeMs") && !Double.isNaN(sum)) {
                        busyMs.merge(name, sum, Math::max);
                    }
                }
            }
            long started = detail.path("start-time").asLong(-1);
            if (jobStart < 0 && started > 0) {
                jobStart = started;
            }
        } catch (Exception e) {
            // The cluster may be starting or stopping; the next sample will do.
        }
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
