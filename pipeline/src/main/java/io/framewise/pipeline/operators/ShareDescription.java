package io.framewise.pipeline.operators;

import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.Described;
import io.framewise.pipeline.stages.FrameDescribing;
import java.time.Duration;

/**
 * Keyed by description cache key: the description cache ({@link ShareOutcome}). Followers get a
 * copy of the leader's description, marked cached; a follower of a leader that failed, or one kept
 * waiting past {@code leaderOverdue}, leaves through {@link Tags#ORPHANS} to ask the LLM itself.
 */
public final class ShareDescription extends ShareOutcome<Described, DescribeTask, Enrichment> {

    public ShareDescription(Duration ttl, Duration leaderOverdue) {
        super(ttl, leaderOverdue, DescribeTask.class, Enrichment.class, Tags.ORPHANS);
    }

    @Override
    DescribeTask task(Described message) {
        return message.task();
    }

    @Override
    Enrichment outcome(Described message) {
        return message.enrichment();
    }

    @Override
    Role role(DescribeTask task) {
        return task.role();
    }

    @Override
    DescribeTask orphan(DescribeTask task) {
        return task.as(Role.ORPHAN);
    }

    @Override
    Described shared(DescribeTask follower, Enrichment leader) {
        Enrichment shared = FrameDescribing.forFollower(leader);
        return shared == null ? null : new Described(follower, shared);
    }
}
