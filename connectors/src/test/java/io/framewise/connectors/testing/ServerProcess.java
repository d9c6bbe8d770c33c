package io.framewise.connectors.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server the tests start as a separate process (Kafka, s3proxy, a Flink JobManager or
 * TaskManager), with its output in a log file.
 *
 * <p>Processes are always stopped: by {@link #close()}, by a JVM shutdown hook when a test run is
 * interrupted, and, should the test JVM itself have been killed, by {@link #reapStale} at the next
 * start, which kills what the pid files of an earlier run still name (the process's start time is
 * recorded too, so a reused pid is left alone).
 */
public final class ServerProcess implements AutoCloseable {

    private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> LIVE.forEach(ServerProcess::kill), "reaper"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final Path pidFile;

    private ServerProcess(String name, Process process, Path log, Path pidFile) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code command} in {@code workDir}, output to {@code workDir/NAME.out}.
     *
     * @param pidDir where the pid file goes, shared by all servers of a module's test run
     */
    public static ServerProcess start(
            String name, Path workDir, List<String> command, Map<String, String> env, Path pidDir)
            throws IOException {
        Files.createDirectories(workDir);
        Files.createDirectories(pidDir);
        Path log = workDir.resolve(name + ".out");
        ProcessBuilder pb =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        Instant started = p.info().startInstant().orElse(Instant.EPOCH);
        Path pidFile = pidDir.resolve(name + "-" + p.pid() + ".pid");
        Files.writeString(pidFile, p.pid() + " " + started.toEpochMilli() + "\n");
        ServerProcess server = new ServerProcess(name, p, log, pidFile);
        LIVE.add(server);
        return server;
    }

    /** The java binary of this JVM, for starting Java servers with the same runtime. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Kills the processes that pid files under {@code pidDir} name, left by an earlier run. */
    public static void reapStale(Path pidDir) throws IOException {
        if (!Files.isDirectory(pidDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(pidDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                String[] parts = Files.readString(f).trim().split(" ");
                long pid = Long.parseLong(parts[0]);
                long started = Long.parseLong(parts[1]);
                Optional<ProcessHandle> h = ProcessHandle.of(pid);
                if (h.isPresent()
                        && h.get().info().startInstant().map(Instant::toEpochMilli).orElse(-1L)
                                == started) {
                    destroy(h.get(), true);
                }
                Files.deleteIfExists(f);
            }
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the output, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would; its children too. */
    public void kill() {
        destroy(process.toHandle(), true);
        finished();
    }

    /** Stops the process (SIGTERM, then SIGKILL after 20 s); its children too. */
    @Override
    public void close() {
        destroy(process.toHandle(), false);
        finished();
    }

    private void finished() {
        LIVE.remove(this);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // The next run's reapStale finds a dead pid and removes the file.
        }
    }

    private static void destroy(ProcessHandle handle, boolean now) {
        List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
        all.add(handle);
        for (ProcessHandle h : all) {
            if (now) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        }
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(now ? 10 : 20, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // Reported by isAlive(); nothing else can be done.
                }
            }
        }
    }

    /** Waits until {@code done} holds, or fails with {@code what} and the diagnostics. */
    public static void await(
            Duration timeout,
            String what,
            Check done,
            java.util.function.Supplier<String> diagnostics)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (done.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "timed out after "
                        + timeout.toSeconds()
                        + " s waiting for "
                        + what
                        + (last == null ? "" : " (last error: " + last + ")")
                        + "\n"
                        + diagnostics.get());
    }

    /** A condition that may throw while it does not hold yet. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }
}
