package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import java.time.Duration;

/**
 * Keyed by description cache key (model, prompt version, perceptual hash, OCR text): the first
 * keyframe with a key becomes the leader, which asks the LLM; every later one within the cache's
 * time to live is a follower (side output {@link Tags#FOLLOWERS}), which bypasses the LLM and takes
 * the leader's description in {@link ShareDescription}. The repeated shots of one video come in one
 * burst: they cost one call ({@link ClaimFirst}).
 */
public final class ClaimDescription extends ClaimFirst<KeyframeDone, DescribeTask> {

    public ClaimDescription(Duration ttl) {
        super(ttl, Tags.FOLLOWERS);
    }

    @Override
    DescribeTask task(KeyframeDone k, String key, Role role) {
        return new DescribeTask(k, key, role);
    }
}
