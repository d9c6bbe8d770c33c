package io.framewise.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory, from {@code /proc/self/status} (Linux): model runtimes allocate
 * natively, outside the Java heap, so heap figures would miss most of a model session.
 */
final class Memory {

    private Memory() {}

    /** Resident set size in bytes; 0 where {@code /proc} is not available. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
