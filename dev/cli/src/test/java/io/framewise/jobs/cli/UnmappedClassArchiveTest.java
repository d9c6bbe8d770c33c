package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnmappedClassArchiveTest {

    @TempDir Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path stamp() throws IOException {
        return Files.writeString(dir.resolve("framewise.aot.jvm"), "/usr/lib/jvm/jdk 25");
    }

    private boolean forget(String vmInfo, Path stamp) {
        return UnmappedClassArchive.forgetIfUnmapped(
                vmInfo,
                stamp == null ? null : stamp.toString(),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aRunWithoutArchivedClassesRemovesTheStampAndSaysSo() throws IOException {
        Path stamp = stamp();

        assertThat(forget("mixed mode", stamp)).isTrue();

        assertThat(stamp).doesNotExist();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("could not use the class archive")
                .contains("the next job run saves it again");
    }

    @Test
    void detectsOwnArchiveIsSavedAgainByTheNextDetectRun() throws IOException {
        Path stamp =
                Files.writeString(dir.resolve("framewise-detect.aot.jvm"), "/usr/lib/jvm/jdk 25");

        assertThat(forget("mixed mode", stamp)).isTrue();

        assertThat(stamp).doesNotExist();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the next detect run saves it again")
                .doesNotContain("job run");
    }

    @Test
    void aRunThatMappedTheArchiveKeepsIt() throws IOException {
        Path stamp = stamp();

        assertThat(forget("mixed mode, sharing", stamp)).isFalse();

        assertThat(stamp).exists();
        assertThat(err.size()).isZero();
    }

    @Test
    void aRunTheLauncherStartedWithoutTheArchiveHasNothingToForget() throws IOException {
        assertThat(forget("mixed mode", null)).isFalse();
        assertThat(forget("mixed mode", dir.resolve("gone.jvm"))).isFalse();
        assertThat(err.size()).isZero();
    }

    @Test
    void thisJvmReportsSharingAsTheCheckExpects() {
        // The check reads java.vm.info: a JVM with class data sharing on says "sharing" there.
        assertThat(System.getProperty("java.vm.info")).contains("sharing");
    }
}
