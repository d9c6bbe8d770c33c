package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class ClassArchiveMarkTest {

    private static ParseResult parse(String... args) {
        CommandLine cli = DevFramewise.commandLine();
        cli.parseArgs(args);
        return cli.getParseResult();
    }

    @Test
    void aJobThatRanKeepsTheArchiveEvenWithBrokenVideos() {
        assertThat(ClassArchiveMark.worked(parse("index", "a.mp4"), 0)).isTrue();
        assertThat(ClassArchiveMark.worked(parse("index", "a.mp4"), 2)).isTrue();
    }

    @Test
    void helpVersionAndUsageMistakesDoNot() {
        assertThat(ClassArchiveMark.worked(parse("index", "--help"), 0)).isFalse();
        assertThat(ClassArchiveMark.worked(parse("--version"), 0)).isFalse();
        assertThat(ClassArchiveMark.worked(parse("index", "a.mp4"), 1)).isFalse();
        assertThat(ClassArchiveMark.worked(parse(), 0)).isFalse();
    }
}
