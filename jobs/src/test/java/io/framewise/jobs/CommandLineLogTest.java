package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's log file ({@code log4j2.properties}) rolls over at {@code
 * framewise.log.max-size} into one older file: every run appends to it, and a log that grew with
 * every run filled the temporary directory.
 */
class CommandLineLogTest {

    @TempDir Path dir;

    @Test
    void theLogRollsOverIntoOneOlderFileAtItsMaximumSize() throws Exception {
        Path log = dir.resolve("framewise.log");
        Map<String, String> settings =
                Map.of("framewise.log.file", log.toString(), "framewise.log.max-size", "4 KB");
        settings.forEach(System::setProperty);
        LoggerContext context =
                new LoggerContext(
                        "command-line",
                        null,
                        CommandLineLogTest.class.getResource("/log4j2.properties").toURI());
        try {
            context.start();
            var logger = context.getLogger("io.framewise.jobs.Example");
            String line = "x".repeat(100);
            // About 30 KB in all: several rollovers.
            for (int i = 0; i < 300; i++) {
                logger.info("line {} {}", i, line);
            }
        } finally {
            context.stop();
            settings.keySet().forEach(System::clearProperty);
        }
        assertThat(log).exists();
        assertThat(Files.size(log)).isLessThanOrEqualTo(4096 + 200);
        assertThat(dir.resolve("framewise.log.1")).exists();
        assertThat(dir.resolve("framewise.log.2")).doesNotExist();
        // The newest lines are in the current file.
        assertThat(Files.readString(log)).contains("line 299 ");
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(2);
        }
    }
}
