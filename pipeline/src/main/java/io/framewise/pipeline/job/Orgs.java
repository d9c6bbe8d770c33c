package io.framewise.pipeline.job;

/** The organisation a video belongs to: clusters and near-duplicates are found per organisation. */
final class Orgs {

    /** Until upload events name an organisation, every video belongs to this one. */
    static final String DEFAULT = "default";

    private Orgs() {}

    static String of(VideoRef video) {
        // MERGE(issue 7): video.org() when it is not null or blank, else DEFAULT.
        return DEFAULT;
    }
}
