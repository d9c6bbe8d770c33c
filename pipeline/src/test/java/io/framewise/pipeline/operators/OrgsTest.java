package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.video.VideoRef;
import org.junit.jupiter.api.Test;

class OrgsTest {

    @Test
    void anUploadEventsOrganisationAndTimeAreTheAggregationsKeyAndEventTime() {
        VideoRef uploaded = new VideoRef("a", "s3://v/a.mp4", " acme ", 5_000L);
        assertThat(Orgs.of(uploaded)).isEqualTo("acme");
        assertThat(Orgs.eventTime(uploaded, 9_000L)).isEqualTo(5_000L);
    }

    @Test
    void withoutThemTheDefaultOrganisationAndTheIndexingTime() {
        VideoRef local = new VideoRef("b", "file:///v/b.mp4");
        assertThat(Orgs.of(local)).isEqualTo(Orgs.DEFAULT);
        assertThat(Orgs.eventTime(local, 9_000L)).isEqualTo(9_000L);
        assertThat(Orgs.of(new VideoRef("c", "s3://v/c.mp4", "  ", 1L))).isEqualTo(Orgs.DEFAULT);
    }
}
