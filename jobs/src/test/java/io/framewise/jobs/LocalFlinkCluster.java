package io.framewise.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.connectors.testing.FreePorts;
import io.framewise.connectors.testing.ServerProcess;
import io.framewise.connectors.testing.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * A Flink standalone session cluster made of Maven jars (a distribution's {@code lib/} and {@code
 * plugins/}, from {@code testing/flink-dist}): one JobManager process and TaskManager processes
 * that a test can kill and start again, configured by the repository's {@code
 * flink-conf/config.yaml} with the test's overrides (free ports, small memory, directories under
 * the test's folder). Jobs are submitted with {@code flink run} (Flink's {@code CliFrontend}),
 * watched through the REST API.
 *
 * <p>The processes start as Flink's shell scripts start them: memory parameters from {@code
 * BashJavaUtils}, the JVM options of the distribution's default {@code env.java.opts.all}.
 */
public final class LocalFlinkCluster implements AutoCloseable {

    /** What the distribution's config.yaml passes to every Flink JVM on Java 17. */
    private static final List<String> JVM_OPTS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path dist;
    private final Path conf;
    private final Path pidDir;
    private final int restPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private ServerProcess jobManager;
    private int jobManagerStarts;
    private String jobManagerLog = "jobmanager.log";
    private final List<ServerProcess> taskManagers = new ArrayList<>();
    private final List<Integer> taskManagerMetricPorts = new ArrayList<>();

    private LocalFlinkCluster(Path dir, Path dist, Path conf, Path pidDir, int restPort) {
        this.dir = dir;
        this.dist = dist;
        this.conf = conf;
        this.pidDir = pidDir;
        this.restPort = restPort;
    }

    /**
     * Starts the JobManager and one TaskManager and waits until the TaskManager has registered.
     *
     * @param overrides settings on top of flink-conf/config.yaml and the harness's own
     */
    public static LocalFlinkCluster start(Path dir, Map<String, String> overrides, Path pidDir)
            throws Exception {
        Path dist = TestServers.dir("framewise.flink.dist", "testing/flink-dist/target/dist");
        Path repoConf = TestServers.dir("framewise.flink.conf", "flink-conf/");
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("logs"));
        int restPort = FreePorts.next();
        // The shipped configuration, parsed by Flink itself, is the base: a broken key fails here.
        Map<String, String> settings =
                new LinkedHashMap<>(
                        GlobalConfiguration.loadConfiguration(repoConf.toString()).toMap());
        Map<String, String> test = new LinkedHashMap<>();
        test.put("jobmanager.rpc.address", "127.0.0.1");
        test.put("jobmanager.rpc.port", Integer.toString(FreePorts.next()));
        test.put("jobmanager.bind-host", "127.0.0.1");
        test.put("taskmanager.bind-host", "127.0.0.1");
        test.put("taskmanager.host", "127.0.0.1");
        test.put("rest.address", "127.0.0.1");
        test.put("rest.bind-address", "127.0.0.1");
        test.put("rest.port", Integer.toString(restPort));
        test.put("jobmanager.memory.process.size", "768m");
        test.put("taskmanager.memory.process.size", "1600m");
        test.put("taskmanager.memory.task.off-heap.size", "256m");
        test.put("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        test.put(
                "execution.checkpointing.savepoint-dir",
                dir.resolve("savepoints").toUri().toString());
        test.put("io.tmp.dirs", Files.createDirectories(dir.resolve("tmp")).toString());
        // A killed TaskManager is noticed within seconds (its connection is refused), while a
        // slow one on a busy test machine is not taken for dead.
        test.put("heartbeat.interval", "2000");
        test.put("heartbeat.timeout", "30000");
        test.put("restart-strategy.exponential-delay.max-backoff", "5s");
        settings.putAll(test);
        settings.putAll(overrides);
        StringBuilder yaml = new StringBuilder("# written by LocalFlinkCluster\n");
        settings.forEach(
                (k, v) -> yaml.append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
        Files.writeString(conf.resolve("config.yaml"), yaml.toString());
        Files.copy(repoConf.resolve("log4j.properties"), conf.resolve("log4j.properties"));

        LocalFlinkCluster cluster = new LocalFlinkCluster(dir, dist, conf, pidDir, restPort);
        try {
            cluster.startJobManager();
            cluster.startTaskManager();
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private List<String> java(String logName, List<String> memory) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ServerProcess.java());
        cmd.addAll(JVM_OPTS);
        cmd.addAll(memory);
        cmd.add("-Dlog.file=" + dir.resolve("logs/" + logName).toAbsolutePath());
        cmd.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toAbsolutePath());
        cmd.add("-cp");
        cmd.add(dist.resolve("lib").toAbsolutePath() + "/*");
        return cmd;
    }

    private Map<String, String> env() {
        return Map.of(
                "FLINK_CONF_DIR", conf.toAbsolutePath().toString(),
                "FLINK_PLUGINS_DIR", dist.resolve("plugins").toAbsolutePath().toString());
    }

    /** The JVM parameters and dynamic properties Flink's scripts compute for a process. */
    private List<List<String>> resourceParams(String command) throws Exception {
        List<String> cmd = java("bash-java-utils.log", List.of("-Xmx128m"));
        cmd.addAll(
                List.of(
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        command,
                        "--configDir",
                        conf.toAbsolutePath().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " failed:\n" + out);
        }
        List<List<String>> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                String value = line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim();
                lines.add(value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+")));
            }
        }
        if (lines.size() < 2) {
            throw new IllegalStateException(command + " printed no parameters:\n" + out);
        }
        return lines;
    }

    /**
     * Starts a JobManager and waits until its REST API answers. The first writes {@code
     * jobmanager.log}, a replacement after {@link #killJobManager()} {@code jobmanager-N.log}.
     */
    public void startJobManager() throws Exception {
        List<List<String>> params = resourceParams("GET_JM_RESOURCE_PARAMS");
        String log =
                jobManagerStarts == 0
                        ? "jobmanager.log"
                        : "jobmanager-" + jobManagerStarts + ".log";
        jobManagerStarts++;
        jobManagerLog = log;
        List<String> cmd = java(log, params.get(0));
        cmd.add("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
        cmd.addAll(List.of("--configDir", conf.toAbsolutePath().toString()));
        cmd.addAll(params.get(1));
        cmd.addAll(List.of("-D", "metrics.reporter.prom.port=" + FreePorts.next()));
        jobManager = ServerProcess.start("jobmanager", dir, cmd, env(), pidDir);
        ServerProcess.await(
                Duration.ofSeconds(120),
                "the JobManager's REST API",
                () -> {
                    if (!jobManager.isAlive()) {
                        throw new IllegalStateException("the JobManager exited");
                    }
                    return get("/overview").has("taskmanagers");
                },
                () -> jobManager.logTail(20) + "\n" + logTail(log, 30));
    }

    /**
     * Kills the JobManager at once (SIGKILL), as a crashed host would vanish. Without high
     * availability its jobs are gone with it; with it, the next JobManager takes them over.
     */
    public void killJobManager() {
        jobManager.kill();
    }

    /** Starts another TaskManager and waits until it has registered. */
    public void startTaskManager() throws Exception {
        java.util.Set<String> before = taskManagerIds();
        List<List<String>> params = resourceParams("GET_TM_RESOURCE_PARAMS");
        int n = taskManagers.size();
        int metricsPort = FreePorts.next();
        List<String> cmd = java("taskmanager-" + n + ".log", params.get(0));
        cmd.add("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
        cmd.addAll(List.of("--configDir", conf.toAbsolutePath().toString()));
        cmd.addAll(params.get(1));
        cmd.addAll(List.of("-D", "metrics.reporter.prom.port=" + metricsPort));
        ServerProcess tm = ServerProcess.start("taskmanager-" + n, dir, cmd, env(), pidDir);
        taskManagers.add(tm);
        taskManagerMetricPorts.add(metricsPort);
        ServerProcess.await(
                Duration.ofSeconds(120),
                "TaskManager " + n + " to register",
                () -> {
                    if (!tm.isAlive()) {
                        throw new IllegalStateException("the TaskManager exited");
                    }
                    // A new id: a lost TaskManager may still be listed, or be dropped meanwhile.
                    java.util.Set<String> now = taskManagerIds();
                    now.removeAll(before);
                    return !now.isEmpty();
                },
                () -> tm.logTail(20) + "\n" + logTail("taskmanager-" + n + ".log", 30));
    }

    private java.util.Set<String> taskManagerIds() throws IOException, InterruptedException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        get("/taskmanagers").get("taskmanagers").forEach(tm -> ids.add(tm.get("id").asText()));
        return ids;
    }

    /** Kills the newest live TaskManager at once (SIGKILL), as a crashed host would vanish. */
    public void killTaskManager() {
        for (int i = taskManagers.size() - 1; i >= 0; i--) {
            if (taskManagers.get(i).isAlive()) {
                taskManagers.get(i).kill();
                return;
            }
        }
        throw new IllegalStateException("no live TaskManager to kill");
    }

    /** The log file name of the newest TaskManager, under logs/. */
    public String taskManagerLog() {
        return "taskmanager-" + (taskManagers.size() - 1) + ".log";
    }

    /** The Prometheus port of the newest TaskManager. */
    public int taskManagerMetricsPort() {
        return taskManagerMetricPorts.get(taskManagerMetricPorts.size() - 1);
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** GET on the REST API, as JSON. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(restUrl() + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** A job's state, e.g. RUNNING, RESTARTING, FINISHED. */
    public String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).get("state").asText();
    }

    /** Cancels a job and waits until it is CANCELED. */
    public void cancel(String jobId) throws Exception {
        http.send(
                HttpRequest.newBuilder(URI.create(restUrl() + "/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        ServerProcess.await(
                Duration.ofSeconds(60),
                "job " + jobId + " to be cancelled",
                () -> jobState(jobId).equals("CANCELED"),
                () -> "");
    }

    /**
     * Submits a job jar detached ({@code flink run -d JAR ARGS}) and returns the job id.
     *
     * @return the id {@code flink run} printed
     */
    public String submit(Path jar, List<String> args) throws Exception {
        return submit(jar, List.of(), args);
    }

    /**
     * Submits a job jar detached with options for {@code flink run} itself ({@code flink run -d
     * OPTIONS JAR ARGS}), e.g. {@code -Dexecution.checkpointing.interval=1h} for this job only.
     *
     * @return the id {@code flink run} printed
     */
    public String submit(Path jar, List<String> runOptions, List<String> args) throws Exception {
        List<String> cli = new ArrayList<>(List.of("run", "-d"));
        cli.addAll(runOptions);
        cli.add(jar.toAbsolutePath().toString());
        cli.addAll(args);
        String out = flink(cli);
        Matcher m = Pattern.compile("JobID ([0-9a-f]{32})").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("flink run printed no job id:\n" + out);
        }
        return m.group(1);
    }

    /**
     * Stops a job with a savepoint ({@code flink stop --savepointPath DIR JOB}), as an upgrade or a
     * rescale begins, and returns the savepoint's path for {@code flink run -s}.
     */
    public String stopWithSavepoint(String jobId, Path dir) throws Exception {
        String out = flink(List.of("stop", "--savepointPath", dir.toUri().toString(), jobId));
        Matcher m = Pattern.compile("Savepoint completed\\. Path: (\\S+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("flink stop printed no savepoint:\n" + out);
        }
        return m.group(1);
    }

    /** Runs Flink's command line ({@code flink ARGS}) against this cluster; returns its output. */
    private String flink(List<String> args) throws Exception {
        List<String> cmd = java("cli.log", List.of("-Xmx384m"));
        cmd.add("org.apache.flink.client.cli.CliFrontend");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "flink " + args.get(0) + " failed:\n" + out + "\n" + logTail("cli.log", 40));
        }
        return out;
    }

    /**
     * Triggers a checkpoint of a running job through the REST API ({@code POST
     * /jobs/ID/checkpoints}) and waits until it has completed, retrying while the job's tasks are
     * still being deployed or restored.
     *
     * @return the checkpoint's id
     */
    public long checkpoint(String jobId) throws Exception {
        long[] id = {-1};
        ServerProcess.await(
                Duration.ofSeconds(120),
                "a checkpoint of job " + jobId,
                () -> {
                    HttpResponse<String> r =
                            http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            restUrl()
                                                                    + "/jobs/"
                                                                    + jobId
                                                                    + "/checkpoints"))
                                            .header("Content-Type", "application/json")
                                            .POST(
                                                    HttpRequest.BodyPublishers.ofString(
                                                            "{\"checkpointType\":\"CONFIGURED\"}"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 && r.statusCode() != 202) {
                        throw new IOException("HTTP " + r.statusCode() + " " + r.body());
                    }
                    String trigger = JSON.readTree(r.body()).path("request-id").asText();
                    for (int i = 0; i < 120; i++) {
                        JsonNode status = get("/jobs/" + jobId + "/checkpoints/" + trigger);
                        if (status.path("status").path("id").asText().equals("COMPLETED")) {
                            // A checkpointId, or else a failureCause: tasks not running yet, or a
                            // restore under way; trigger again.
                            JsonNode checkpoint = status.path("operation").path("checkpointId");
                            if (!checkpoint.isNumber()) {
                                return false;
                            }
                            id[0] = checkpoint.asLong();
                            return true;
                        }
                        Thread.sleep(250);
                    }
                    return false;
                },
                () -> logTail(jobManagerLog, 20));
        return id[0];
    }

    /** The last lines of a log under logs/, for failure messages. */
    public String logTail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("logs").resolve(name));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }

    @Override
    public void close() {
        for (ServerProcess tm : taskManagers) {
            tm.close();
        }
        if (jobManager != null) {
            jobManager.close();
        }
    }
}
