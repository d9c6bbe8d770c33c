package io.framewise.jobs.cli;

import io.framewise.pipeline.metrics.JobCounts;
import java.io.PrintWriter;

/**
 * The progress of a local job: a bar redrawn in place on a terminal, plain lines every few seconds
 * otherwise (logs, CI).
 */
final class Progress {

    private static final int BAR = 24;
    private static final long LINE_EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final int videos;
    private final boolean interactive;
    private long lastLine;

    /**
     * @param videos the videos to index, or -1 when the job finds them itself (a listing, a stream)
     */
    Progress(PrintWriter out, int videos, boolean interactive) {
        this.out = out;
        this.videos = videos;
        this.interactive = interactive;
    }

    boolean interactive() {
        return interactive;
    }

    void show(JobCounts.Snapshot s, long start) {
        long now = System.nanoTime();
        if (interactive) {
            out.print("\r" + line(s, start, now));
            out.flush();
        } else if (now - lastLine >= LINE_EVERY_NANOS) {
            out.println(line(s, start, now));
            out.flush();
            lastLine = now;
        }
    }

    void finish(JobCounts.Snapshot s, long start) {
        String line = line(s, start, System.nanoTime());
        out.println(interactive ? "\r" + line : line);
        out.flush();
    }

    private String line(JobCounts.Snapshot s, long start, long now) {
        long done = s.videosDone() + s.videosFailed();
        double seconds = Math.max((now - start) / 1e9, 1e-3);
        if (videos < 0) {
            return String.format(
                    "%d videos  %.0f frames/s  %d shots  %d keyframes  %d failures  (%.0f s)",
                    done, s.frames() / seconds, s.shots(), s.keyframes(), s.failures(), seconds);
        }
        int filled = videos == 0 ? BAR : (int) (BAR * Math.min(done, videos) / videos);
        return String.format(
                "[%s%s] %d/%d videos  %.0f frames/s  %d shots  %d keyframes  %d failures",
                "#".repeat(filled),
                ".".repeat(BAR - filled),
                done,
                videos,
                s.frames() / seconds,
                s.shots(),
                s.keyframes(),
                s.failures());
    }
}
