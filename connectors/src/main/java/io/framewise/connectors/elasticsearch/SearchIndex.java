package io.framewise.connectors.elasticsearch;

/**
 * The search indices. Each is written and read through an alias ({@code framewise-frames}) that
 * points at a versioned index ({@code framewise-frames-v1}) made from a versioned template, so a
 * new mapping version can be built beside the old one and the alias moved.
 */
public enum SearchIndex {
    FRAMES("frames"),
    SHOTS("shots"),
    VIDEOS("videos"),
    /** Transcript segments: a phrase finds the moment it was said. */
    TRANSCRIPTS("transcripts");

    /** The mapping version of all three; bump it with an incompatible mapping change. */
    public static final int VERSION = 1;

    private final String name;

    SearchIndex(String name) {
        this.name = name;
    }

    /** {@code frames}, {@code shots} or {@code videos}. */
    public String shortName() {
        return name;
    }

    /** The alias readers and writers use, e.g. {@code framewise-frames}. */
    public String alias(ElasticsearchConfig config) {
        return config.indexPrefix() + name;
    }

    /** The versioned index behind the alias, e.g. {@code framewise-frames-v1}. */
    public String index(ElasticsearchConfig config) {
        return alias(config) + "-v" + VERSION;
    }

    /** The composable index template that makes {@link #index}, same name. */
    public String template(ElasticsearchConfig config) {
        return index(config);
    }
}
