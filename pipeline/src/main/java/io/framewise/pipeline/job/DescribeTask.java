package io.framewise.pipeline.job;

import io.framewise.pipeline.job.Messages.KeyframeDone;
import java.io.Serializable;

/**
 * A keyframe in the describing stage, with its description cache key and its part there.
 *
 * @param cacheKey model, prompt version and perceptual hash: keyframes with the same key get the
 *     same description
 */
public record DescribeTask(KeyframeDone keyframe, String cacheKey, Role role)
        implements Serializable {

    /** How a keyframe gets its description. */
    public enum Role {
        /** The first with its key: asks the LLM, and its answer is shared. */
        LEADER,
        /** A later one with the same key: takes the leader's description, asks nothing. */
        FOLLOWER,
        /** A follower whose leader failed: asks the LLM itself. */
        ORPHAN
    }

    DescribeTask as(Role other) {
        return new DescribeTask(keyframe, cacheKey, other);
    }
}
