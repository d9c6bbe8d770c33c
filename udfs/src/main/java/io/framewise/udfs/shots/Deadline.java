package io.framewise.udfs.shots;

import io.framewise.pipeline.shots.VideoException;
import java.time.Duration;

/** The moment a video's processing must stop by; shared by its segments. */
record Deadline(long nanos, Duration limit) {

    static Deadline after(Duration limit) {
        return new Deadline(System.nanoTime() + limit.toNanos(), limit);
    }

    boolean passed() {
        return System.nanoTime() - nanos > 0;
    }

    void check(String video) throws VideoException {
        if (passed()) {
            throw timeout(video);
        }
    }

    VideoException timeout(String video) {
        return new VideoException(
                VideoException.Code.TIMEOUT,
                "gave up after " + limit.toSeconds() + " s (shots.timeout): " + video);
    }
}
