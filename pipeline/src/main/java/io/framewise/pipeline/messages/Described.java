package io.framewise.pipeline.messages;

import io.framewise.pipeline.enrich.Enrichment;
import java.io.Serializable;

/**
 * A keyframe of the describing stage with its outcome.
 *
 * @param enrichment null only for a follower on its way to the leader's description
 */
public record Described(DescribeTask task, Enrichment enrichment) implements Serializable {}
