package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher hands every JVM it starts {@code start-up-code.json} (compiler directives). A file
 * the JVM cannot parse stops it before the command runs, with only "Could not create the Java
 * Virtual Machine" to say why, since the launcher turns the VM's own output off.
 */
class StartUpCodeDirectivesTest {

    private static final Path FILE = Path.of("start-up-code.json");

    @Test
    void theJvmParsesTheFileAndAddsOneDirective() throws Exception {
        Result r = java("-XX:CompilerDirectivesFile=" + FILE.toAbsolutePath(), "-version");

        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("1 compiler directives added");
    }

    @Test
    void theVmsOwnOutputOffKeepsTheAnnouncementOffTheCommandsOutput() throws Exception {
        Result r =
                java(
                        "-XX:-DisplayVMOutput",
                        "-XX:CompilerDirectivesFile=" + FILE.toAbsolutePath(),
                        "-version");

        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContain("directives").contains("version");
    }

    @Test
    void aBrokenFileStopsTheJvm() throws Exception {
        Path broken = Files.createTempFile("directives", ".json");
        try {
            Files.writeString(broken, "[ { match: \"java/io/*.*\", c2: { Exclude: tru } } ]");
            Result r = java("-XX:CompilerDirectivesFile=" + broken, "-version");

            assertThat(r.status()).isNotZero();
        } finally {
            Files.delete(broken);
        }
    }

    private record Result(int status, String output) {}

    /** Runs this JVM's {@code java} with diagnostic options unlocked, as the launcher does. */
    private static Result java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UnlockDiagnosticVMOptions");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("java did not exit: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
