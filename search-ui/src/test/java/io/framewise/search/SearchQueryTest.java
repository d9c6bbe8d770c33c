package io.framewise.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

    @Test
    void defaults() {
        SearchQuery q = SearchQuery.parse(Map.of("q", "  invoice total "));
        assertThat(q.q()).isEqualTo("invoice total");
        assertThat(q.from()).isZero();
        assertThat(q.size()).isEqualTo(10);
        assertThat(q.mode()).isEqualTo(SearchMode.HYBRID);
        assertThat(q.video()).isNull();
        assertThat(q.cluster()).isNull();
        assertThat(SearchQuery.parse(Map.of("q", "x", "cluster", "  ")).cluster()).isNull();
    }

    @Test
    void readsEveryParameter() {
        SearchQuery q =
                SearchQuery.parse(
                        Map.of(
                                "q",
                                "x",
                                "video",
                                "v1",
                                "from",
                                "20",
                                "size",
                                "5",
                                "mode",
                                "vector",
                                "date_from",
                                "2025-11-01",
                                "date_to",
                                "2025-11-30",
                                "cluster",
                                " acme:c7 "));
        assertThat(q)
                .isEqualTo(
                        new SearchQuery(
                                "x",
                                "v1",
                                LocalDate.of(2025, 11, 1),
                                LocalDate.of(2025, 11, 30),
                                20,
                                5,
                                SearchMode.VECTOR,
                                "acme:c7"));
        // Paging and mode keep the cluster.
        assertThat(q.withSize(3).withMode(SearchMode.TEXT).cluster()).isEqualTo("acme:c7");
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> SearchQuery.parse(Map.of()))
                .hasMessage("q is needed: the words to search for");
        assertThatThrownBy(() -> SearchQuery.parse(Map.of("q", "x", "size", "0")))
                .hasMessage("size must be between 1 and 100, got 0");
        assertThatThrownBy(() -> SearchQuery.parse(Map.of("q", "x", "from", "ten")))
                .hasMessage("from must be a whole number, got 'ten'");
        assertThatThrownBy(() -> SearchQuery.parse(Map.of("q", "x", "mode", "fuzzy")))
                .hasMessage("mode must be hybrid, text or vector, got 'fuzzy'");
        assertThatThrownBy(() -> SearchQuery.parse(Map.of("q", "x", "date_from", "21.11.2025")))
                .hasMessage("date_from must be a date as YYYY-MM-DD, got '21.11.2025'");
        assertThatThrownBy(
                        () ->
                                SearchQuery.parse(
                                        Map.of(
                                                "q",
                                                "x",
                                                "date_from",
                                                "2025-11-02",
                                                "date_to",
                                                "2025-11-01")))
                .hasMessageContaining("before");
        assertThatThrownBy(() -> SearchQuery.parse(Map.of("q", "x".repeat(501))))
                .hasMessageContaining("at most 500 characters");
        assertThatThrownBy(() -> SearchQuery.parse(Map.of("q", "x", "cluster", "c".repeat(201))))
                .hasMessage("cluster must be at most 200 characters, got 201");
    }
}
