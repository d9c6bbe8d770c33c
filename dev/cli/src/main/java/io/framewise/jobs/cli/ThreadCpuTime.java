package io.framewise.jobs.cli;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where this JVM's CPU goes while a local job runs, per operator chain: each task thread's CPU
 * time, grouped by the chain it runs (Flink names a task's thread after its chain and subtask).
 *
 * <p>Flink's busy time counts a source that waits for work as busy, and gives idle operators
 * hundreds of busy milliseconds a second; CPU time is what the operators cost. Threads are sampled
 * every {@link #INTERVAL_MS} ms (a thread's time is lost once it ends, so a finished task keeps its
 * last sample); what no Java thread accounts for (the JIT compilers, the garbage collector) is the
 * process's CPU time less theirs.
 */
final class ThreadCpuTime implements AutoCloseable {

    static final long INTERVAL_MS = 200;

    /** A task thread's name: its chain, then {@code (subtask/parallelism)#attempt}. */
    private static final Pattern SUBTASK = Pattern.compile(" \\(\\d+/\\d+\\)(#\\d+)?$");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> cpuNanos = new HashMap<>();

    /** The CPU time of the threads running at the start, at the start. */
    private final Map<Long, Long> baseline = new HashMap<>();

    private final long processStart;
    private final Thread sampler;
    private volatile boolean running = true;
    private long processNanos;

    /** Starts sampling; the time threads that already run have spent so far is not counted. */
    ThreadCpuTime() {
        processStart = os.getProcessCpuTime();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu > 0) {
                baseline.put(id, cpu);
            }
        }
        sampler = new Thread(this::run, "framewise-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void run() {
        while (running) {
            sample();
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                names.put(t.getThreadId(), t.getThreadName());
                long since = cpu - baseline.getOrDefault(t.getThreadId(), 0L);
                cpuNanos.merge(t.getThreadId(), since, Math::max);
            }
        }
        processNanos = os.getProcessCpuTime() - processStart;
    }

    /** Stops sampling, after one last sample. */
    @Override
    public void close() throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        sampler.interrupt();
        sampler.join();
        sample();
    }

    /**
     * CPU seconds per operator chain of {@code chains} (the job's vertex names), from the threads
     * named after them: {@code NAME (subtask/parallelism)#attempt}.
     */
    synchronized Map<String, Double> byChain(List<String> chains) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        chains.forEach(c -> seconds.put(c, 0.0));
        cpuNanos.forEach(
                (id, nanos) -> {
                    String name = names.get(id);
                    Matcher m = SUBTASK.matcher(name);
                    if (m.find()) {
                        String chain = name.substring(0, m.start());
                        if (seconds.containsKey(chain)) {
                            seconds.merge(chain, nanos / 1e9, Double::sum);
                        }
                    }
                });
        return seconds;
    }

    /**
     * Prints the CPU seconds of each of {@code chains}, of the JVM's other threads and of the VM's
     * own.
     */
    synchronized void print(PrintWriter out, List<String> chains) {
        double process = processNanos / 1e9;
        double javaThreads = cpuNanos.values().stream().mapToLong(Long::longValue).sum() / 1e9;
        Map<String, Double> byChain = byChain(chains);
        double tasks = byChain.values().stream().mapToDouble(Double::doubleValue).sum();
        out.printf("  %-90s %8s %7s%n", "operator (chain)", "CPU s", "share");
        byChain.forEach((chain, seconds) -> line(out, chain, seconds, process));
        line(
                out,
                "other JVM threads (command line, local cluster, timers, I/O)",
                javaThreads - tasks,
                process);
        line(
                out,
                "the VM's own (JIT compilers, garbage collector)",
                process - javaThreads,
                process);
        line(out, "whole process", process, process);
        out.flush();
    }

    private static void line(PrintWriter out, String name, double seconds, double process) {
        out.printf(
                "  %-90s %8.1f %6.1f%%%n",
                name.length() > 90 ? name.substring(0, 87) + "..." : name,
                seconds,
                process > 0 ? 100 * seconds / process : 0);
    }
}
