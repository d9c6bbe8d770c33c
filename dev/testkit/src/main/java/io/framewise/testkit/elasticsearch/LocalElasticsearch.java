package io.framewise.testkit.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A single-node Elasticsearch on loopback, run from the server zip that Maven downloaded, for tests
 * and for {@code framewise demo}.
 *
 * <p>The zip ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch}, a dependency of
 * this module) is unpacked once under {@code $TMPDIR/framewise-elasticsearch/} and shared; every
 * node gets its own directory there for configuration, data and logs, and free ports. Elasticsearch
 * refuses to run as root, so when this JVM is root the node runs as the user {@value #USER},
 * created with {@code useradd} when missing. The node runs with this JVM's Java and a small heap,
 * security off, and is ready when {@code /_cluster/health} answers (that distribution has no {@code
 * GET /}, no painless and no language analyzers).
 *
 * <p>{@link #shared()} gives one node per JVM, reused by every test class and stopped when the JVM
 * exits; {@link #start(String)} a node of one's own, stopped by {@link #close()}.
 */
public final class LocalElasticsearch implements AutoCloseable {

    /** The user that runs the node when this JVM is root. */
    public static final String USER = "framewise-es";

    /** The heap of a node: enough for tests and the demo. */
    public static final String DEFAULT_HEAP = "512m";

    private static final Duration STARTUP = Duration.ofSeconds(180);

    private static LocalElasticsearch shared;

    private Process process;
    private final Path nodeDir;
    private final String url;
    private final List<String> command;

    private LocalElasticsearch(Process process, Path nodeDir, String url, List<String> command) {
        this.process = process;
        this.nodeDir = nodeDir;
        this.url = url;
        this.command = command;
    }

    /**
     * The node shared by everything in this JVM, started on first use and stopped at exit. Tests
     * keep apart by index prefix.
     */
    public static synchronized LocalElasticsearch shared() {
        if (shared == null || !shared.process.isAlive()) {
            LocalElasticsearch node = start(DEFAULT_HEAP);
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "stop-elasticsearch"));
            shared = node;
        }
        return shared;
    }

    /**
     * Starts a node and waits until it is ready.
     *
     * @param heap the JVM heap, e.g. {@code 512m} or {@code 1g}
     * @throws IllegalStateException when the zip is missing or the node does not come up (with the
     *     end of its log)
     */
    public static LocalElasticsearch start(String heap) {
        try {
            return launch(heap);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a local Elasticsearch: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Elasticsearch", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return url;
    }

    /** Where the node keeps its data and logs ({@code logs/console.log}). */
    public Path directory() {
        return nodeDir;
    }

    /**
     * Stops the node and keeps its data, for tests of an outage: {@link #restart()} brings the same
     * node back on the same address.
     */
    public synchronized void stop() {
        stopProcess();
    }

    /** Starts a {@link #stop() stopped} node again, with its data, and waits until it is ready. */
    public synchronized void restart() {
        if (process.isAlive()) {
            return;
        }
        try {
            process = launchProcess(command, nodeDir);
            waitUntilReady(process, url, nodeDir.resolve("logs/console.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart Elasticsearch: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting Elasticsearch", e);
        }
    }

    /** Stops the node (gracefully, then forcibly) and deletes its directory. */
    @Override
    public synchronized void close() {
        stopProcess();
        deleteQuietly(nodeDir);
    }

    private void stopProcess() {
        if (process.isAlive()) {
            // The launcher (runuser, the start script) runs Elasticsearch as a child: stop it too.
            List<ProcessHandle> children = process.descendants().toList();
            children.forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    children.forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                for (ProcessHandle child : children) {
                    child.onExit().get(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                children.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static LocalElasticsearch launch(String heap) throws IOException, InterruptedException {
        Distribution dist = Distribution.find();
        boolean root = isRoot();
        if (root) {
            ensureUser();
        }
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "framewise-elasticsearch");
        Files.createDirectories(base);
        Path home = unpack(dist, base);
        Path node = Files.createTempDirectory(base, "node-");
        Path config = node.resolve("config");
        copyTree(home.resolve("config"), config);
        for (String dir : List.of("data", "logs", "tmp")) {
            Files.createDirectories(node.resolve(dir));
        }
        int httpPort = freePort();
        int transportPort = freePort();
        Files.writeString(
                config.resolve("elasticsearch.yml"),
                String.join(
                        "\n",
                        "cluster.name: framewise-local",
                        "node.name: local",
                        "network.host: 127.0.0.1",
                        "http.port: " + httpPort,
                        "transport.port: " + transportPort,
                        "discovery.type: single-node",
                        "xpack.security.enabled: false",
                        // A full disk on a developer machine must not turn the indices read-only.
                        "cluster.routing.allocation.disk.threshold_enabled: false",
                        "path.data: " + node.resolve("data"),
                        "path.logs: " + node.resolve("logs"),
                        ""));
        if (root) {
            // The node's own files belong to its user; the shared unpacked home stays readable.
            run(List.of("chown", "-R", USER + ":", node.toString()), "chown");
            run(List.of("chown", "-R", USER + ":", home.toString()), "chown");
        }

        Path javaHome = Path.of(System.getProperty("java.home"));
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.addAll(
                List.of(
                        "env",
                        "ES_JAVA_HOME=" + javaHome,
                        "ES_PATH_CONF=" + config,
                        "ES_TMPDIR=" + node.resolve("tmp"),
                        "ES_JAVA_OPTS=-Xms" + heap + " -Xmx" + heap,
                        home.resolve("bin/elasticsearch").toString(),
                        "-p",
                        node.resolve("es.pid").toString()));
        Process process = launchProcess(command, node);
        String url = "http://127.0.0.1:" + httpPort;
        LocalElasticsearch es = new LocalElasticsearch(process, node, url, List.copyOf(command));
        try {
            waitUntilReady(process, url, node.resolve("logs/console.log"));
        } catch (RuntimeException | IOException | InterruptedException e) {
            es.close();
            throw e;
        }
        return es;
    }

    /** Starts the node's process, its output appended to {@code logs/console.log}. */
    private static Process launchProcess(List<String> command, Path node) throws IOException {
        return new ProcessBuilder(command)
                .directory(node.toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(node.resolve("logs/console.log").toFile()))
                .start();
    }

    private static void waitUntilReady(Process process, String url, Path console)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health =
                HttpRequest.newBuilder(
                                URI.create(
                                        url + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                        .timeout(Duration.ofSeconds(5))
                        .build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Elasticsearch exited with status "
                                + process.exitValue()
                                + " while starting; end of "
                                + console
                                + ":\n"
                                + tail(console));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "Elasticsearch did not become ready within "
                        + STARTUP.toSeconds()
                        + " s; end of "
                        + console
                        + ":\n"
                        + tail(console));
    }

    /** Where the zip is: named by the build (resource filtering), else the default repository. */
    record Distribution(String version, Path zip) {

        static Distribution find() throws IOException {
            Properties p = new Properties();
            try (InputStream in =
                    LocalElasticsearch.class.getResourceAsStream(
                            "local-elasticsearch.properties")) {
                if (in == null) {
                    throw new IllegalStateException(
                            "local-elasticsearch.properties is missing: build the testkit"
                                    + " module with Maven");
                }
                p.load(in);
            }
            String version = p.getProperty("version");
            Path zip =
                    Path.of(
                            System.getProperty(
                                    "framewise.elasticsearch.zip", p.getProperty("zip")));
            if (!Files.isRegularFile(zip)) {
                Path fallback =
                        Path.of(
                                System.getProperty("user.home"),
                                ".m2/repository/org/elasticsearch/distribution/integ-test-zip",
                                "elasticsearch",
                                version,
                                "elasticsearch-" + version + ".zip");
                if (!Files.isRegularFile(fallback)) {
                    throw new IllegalStateException(
                            "the Elasticsearch server zip is not at "
                                    + zip
                                    + "; fetch it with: mvn dependency:get -Dartifact="
                                    + "org.elasticsearch.distribution.integ-test-zip:elasticsearch:"
                                    + version
                                    + ":zip");
                }
                zip = fallback;
            }
            return new Distribution(version, zip);
        }
    }

    /** Unpacks the zip once (into a scratch directory, then moved into place atomically). */
    private static Path unpack(Distribution dist, Path base) throws IOException {
        Path home = base.resolve("elasticsearch-" + dist.version());
        if (Files.isRegularFile(home.resolve("bin/elasticsearch"))) {
            return home;
        }
        Path scratch = Files.createTempDirectory(base, "unpack-");
        String top = "elasticsearch-" + dist.version() + "/";
        try (ZipFile zip = new ZipFile(dist.zip().toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name =
                        e.getName().startsWith(top)
                                ? e.getName().substring(top.length())
                                : e.getName();
                Path target = scratch.resolve(name).normalize();
                if (!target.startsWith(scratch)) {
                    throw new IOException("bad entry in " + dist.zip() + ": " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(e);
                        OutputStream out = Files.newOutputStream(target)) {
                    in.transferTo(out);
                }
            }
        }
        // Java's zip reader drops Unix modes; the launch scripts must be executable.
        try (Stream<Path> bin = Files.list(scratch.resolve("bin"))) {
            for (Path script : bin.toList()) {
                script.toFile().setExecutable(true, false);
            }
        }
        try {
            Files.move(scratch, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // Another process unpacked it meanwhile.
            deleteQuietly(scratch);
        } catch (IOException e) {
            deleteQuietly(scratch);
            if (!Files.isRegularFile(home.resolve("bin/elasticsearch"))) {
                throw e;
            }
        }
        return home;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void ensureUser() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u", USER).redirectErrorStream(true).start();
        id.getInputStream().readAllBytes();
        if (id.waitFor() == 0) {
            return;
        }
        run(
                List.of(
                        "useradd",
                        "--system",
                        "--no-create-home",
                        "--shell",
                        "/usr/sbin/nologin",
                        USER),
                "useradd (Elasticsearch refuses to run as root, so it runs as " + USER + ")");
    }

    private static void run(List<String> command, String what)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(what + " failed: " + output.strip());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: it is a scratch directory under the temporary directory.
        }
    }
}
