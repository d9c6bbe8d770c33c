package io.framewise.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A command run as a process of its own, timed from its start to its exit as a user runs it: for a
 * {@code framewise} command ({@link #framewise}), JVM start, class loading and the JIT's warm-up
 * included. The benchmarks time the product and its baselines alike this way, never inside their
 * own warm JVM.
 *
 * @param millis wall time from start to exit
 * @param peakRssKb the largest resident memory seen ({@code VmHWM}), polled every 100 ms
 */
record TimedProcess(double millis, long peakRssKb) {

    /**
     * The launcher's {@code detect} archive, named to the bench's JVM where it is fresh: {@code
     * detect} maps an archive of its own, as a user's run of it does.
     */
    static final String DETECT_ARCHIVE = "framewise.class-archive.detect";

    /**
     * This JVM's command line (its java binary, options, class archive and class path) for {@code
     * framewise ARGS}, each of {@code settings} passed on as {@code --set key=value}.
     */
    static List<String> framewise(List<String> args, Properties settings) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String detectArchive = System.getProperty(DETECT_ARCHIVE);
        boolean detect = !args.isEmpty() && args.get(0).equals("detect");
        command.addAll(detect ? withArchive(options, detectArchive) : options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Framewise.class.getName());
        command.addAll(args);
        for (String key : settings.stringPropertyNames()) {
            command.add("--set");
            command.add(key + "=" + settings.getProperty(key));
        }
        return command;
    }

    /**
     * {@code options} with the class archive they map replaced by {@code archive}; as they are when
     * {@code archive} is null or they map none.
     */
    static List<String> withArchive(List<String> options, String archive) {
        if (archive == null) {
            return options;
        }
        List<String> swapped = new ArrayList<>();
        for (String option : options) {
            if (option.startsWith("-XX:AOTCache=")) {
                swapped.add("-XX:AOTCache=" + archive);
            } else if (option.startsWith("-XX:SharedArchiveFile=")) {
                swapped.add("-XX:SharedArchiveFile=" + archive);
            } else {
                swapped.add(option);
            }
        }
        return swapped;
    }

    /** Runs {@code command} to its end, polling its peak RSS meanwhile; a failure is an error. */
    static TimedProcess run(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        Path status = Path.of("/proc/" + p.pid() + "/status");
        long peak = 0;
        while (p.isAlive()) {
            peak = Math.max(peak, peakRss(status));
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        double millis = (System.nanoTime() - t0) / 1e6;
        if (p.exitValue() != 0) {
            throw failed(command, p.exitValue());
        }
        return new TimedProcess(millis, peak);
    }

    /**
     * Runs {@code command} (a {@code --json} one) to its end and parses its last line, which a
     * command that fails on its input also writes (as {@code {"error": ...}}).
     */
    static JsonNode lastJsonLine(List<String> command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int status = p.waitFor();
        String last = out.substring(out.lastIndexOf('\n') + 1);
        if (!last.startsWith("{")) {
            throw failed(command, status);
        }
        return Json.MAPPER.readTree(last);
    }

    /** What failed, as the user would have typed it: a framewise JVM's own options left out. */
    private static IOException failed(List<String> command, int status) {
        int main = command.indexOf(Framewise.class.getName());
        List<String> typed =
                main < 0
                        ? command
                        : Stream.concat(
                                        Stream.of("framewise"),
                                        command.subList(main + 1, command.size()).stream())
                                .toList();
        return new IOException(String.join(" ", typed) + " failed with exit status " + status);
    }

    private static long peakRss(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process has just ended.
        }
        return 0;
    }
}
