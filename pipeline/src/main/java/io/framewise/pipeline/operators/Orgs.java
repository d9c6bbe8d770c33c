package io.framewise.pipeline.operators;

import io.framewise.pipeline.video.VideoRef;

/** The organisation a video belongs to: clusters and near-duplicates are found per organisation. */
public final class Orgs {

    /** Videos whose source names no organisation (local files, listings) belong to this one. */
    public static final String DEFAULT = "default";

    private Orgs() {}

    /** The upload event's {@code org}, else {@link #DEFAULT}. */
    public static String of(VideoRef video) {
        String org = video.org();
        return org == null || org.isBlank() ? DEFAULT : org.strip();
    }

    /**
     * The event time of a video's shots in the cluster windows: when its upload event says it was
     * received, else when it was indexed ({@code indexedAt}).
     */
    public static long eventTime(VideoRef video, long indexedAt) {
        return video.receivedAt() > 0 ? video.receivedAt() : indexedAt;
    }
}
