package io.framewise.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryEmbedderTest {

    private final QueryEmbedder embedder =
            new QueryEmbedder(
                    () -> new HashingTestEmbedder(Set.of("scene", "detection", "the", "of")));

    @Test
    void aQueryIsSearchedByMeaningWhenAtLeastHalfItsWordsAreKnown() {
        assertThat(embedder.meaningful("scene detection")).isTrue();
        assertThat(embedder.meaningful("Scene DETECTION")).as("case").isTrue();
        assertThat(embedder.meaningful("the zxqvblorf")).as("one of two").isTrue();
        assertThat(embedder.meaningful("scene qwpfj vnmzx")).as("one of three").isFalse();
        assertThat(embedder.meaningful("zxqvblorf")).isFalse();
    }

    @Test
    void digitsAndPunctuationAreNoWords() {
        assertThat(embedder.meaningful("detection: 27%, 2024")).isTrue();
        assertThat(embedder.meaningful("00:01:23;15")).as("no words at all").isFalse();
        assertThat(embedder.meaningful("")).isFalse();
    }
}
