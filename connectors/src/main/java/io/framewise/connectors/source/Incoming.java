package io.framewise.connectors.source;

import io.framewise.pipeline.video.VideoRef;
import java.io.Serializable;

/**
 * What a source hands the job: a video to index, or a malformed upload event that goes to the
 * dead-letter topic and the {@code failures} table instead. One type for every source, so that a
 * HybridSource can switch from a storage listing to the Kafka stream.
 *
 * @param video the video, or null for a malformed event
 * @param deadLetter the malformed event, or null
 * @param fromListing true when a storage listing found the video (a backfill: videos indexed
 *     already are skipped), false when an upload event announced it (indexed again)
 * @param at event time in ms: the video's arrival time, or the dead letter's record time
 */
public record Incoming(VideoRef video, DeadLetter deadLetter, boolean fromListing, long at)
        implements Serializable {

    /** A video an upload event announced. */
    public static Incoming event(VideoRef video) {
        return new Incoming(video, null, false, video.receivedAt());
    }

    /**
     * A video a storage listing found, at the time its object was last modified. The reference
     * itself carries no arrival time: an archive is listed in path order, not time order, so its
     * modification times as the aggregation's event time would make nearly every shot late for the
     * cluster windows; a backfilled video's shots take the time they were indexed instead.
     */
    public static Incoming listed(VideoRef video, long modifiedAt) {
        return new Incoming(video, null, true, modifiedAt);
    }

    /** A malformed upload event. */
    public static Incoming malformed(DeadLetter deadLetter) {
        return new Incoming(null, deadLetter, false, deadLetter.timestamp());
    }
}
