package io.framewise.llmsim;

import io.framewise.pipeline.speech.AudioChunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What test videos say, for the simulator's transcriptions ({@code llm-sim --transcripts FILE}):
 * one line per sentence, tab-separated: the video's name, start and end in seconds, the text. Lines
 * starting with {@code #} and empty lines are skipped. Written by the test or demo that made the
 * audio; the simulator gives a region of a video the text of the lines it overlaps.
 */
public final class Transcripts {

    /** One sentence of a video. */
    public record Line(String video, long startMs, long endMs, String text) {}

    private final List<Line> lines;

    public Transcripts(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    public static Transcripts none() {
        return new Transcripts(List.of());
    }

    public List<Line> lines() {
        return lines;
    }

    /** Reads a transcript file; a bad line is an error naming its number. */
    public static Transcripts read(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            String[] f = raw.split("\t", 4);
            try {
                if (f.length < 4) {
                    throw new IllegalArgumentException("four tab-separated fields needed");
                }
                lines.add(
                        new Line(
                                f[0].strip(),
                                Math.round(Double.parseDouble(f[1].strip()) * 1000),
                                Math.round(Double.parseDouble(f[2].strip()) * 1000),
                                f[3].strip()));
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        file
                                + " line "
                                + n
                                + ": expected VIDEO<TAB>START_S<TAB>END_S<TAB>TEXT ("
                                + e.getMessage()
                                + ")");
            }
        }
        return new Transcripts(lines);
    }

    private static boolean sameVideo(String named, String chunkVideo) {
        String name = AudioChunk.safeName(named);
        if (name.equals(chunkVideo)) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        String stem =
                (dot > 0 ? name.substring(0, dot) : name)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("(^-+|-+$)", "");
        return chunkVideo.startsWith(stem + "-")
                && chunkVideo.substring(stem.length() + 1).matches("[0-9a-z]{4,16}");
    }

    /** Writes lines in the format {@link #read} reads. */
    public static void write(Path file, List<Line> lines) throws IOException {
        StringBuilder b = new StringBuilder("# video\tstart_s\tend_s\ttext\n");
        for (Line l : lines) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%s\t%.3f\t%.3f\t%s%n",
                            l.video(),
                            l.startMs() / 1000.0,
                            l.endMs() / 1000.0,
                            l.text().replace('\t', ' ').replace('\n', ' ')));
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    /**
     * The text of {@code video}'s lines that overlap {@code fromMs}-{@code toMs}, joined by spaces;
     * null when none does. Videos are compared by {@link AudioChunk#safeName}.
     */
    public String text(String video, long fromMs, long toMs) {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            if (sameVideo(l.video(), video) && l.startMs() < toMs && l.endMs() > fromMs) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(l.text());
            }
        }
        return b.length() == 0 ? null : b.toString();
    }
}
