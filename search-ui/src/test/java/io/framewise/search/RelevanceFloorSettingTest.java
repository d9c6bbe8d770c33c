package io.framewise.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class RelevanceFloorSettingTest {

    @Test
    void theDefaultAValueOrNoFloor() {
        Properties p = new Properties();
        assertThat(SearchService.minSimilarity(p)).isEqualTo(SearchService.DEFAULT_MIN_SIMILARITY);
        p.setProperty("search.min-similarity", " 0.45 ");
        assertThat(SearchService.minSimilarity(p)).isEqualTo(0.45);
        p.setProperty("search.min-similarity", "-1");
        assertThat(SearchService.minSimilarity(p)).isEqualTo(-1);
    }

    @Test
    void aValueThatIsNoCosineIsNamed() {
        for (String bad : new String[] {"1.5", "-2", "high", "NaN"}) {
            Properties p = new Properties();
            p.setProperty("search.min-similarity", bad);
            assertThatThrownBy(() -> SearchService.minSimilarity(p))
                    .as(bad)
                    .hasMessageContaining("search.min-similarity must be a cosine")
                    .hasMessageContaining(bad);
        }
    }
}
