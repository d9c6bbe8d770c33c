package io.framewise.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches over a small indexed corpus in a real Elasticsearch. */
class SearchServiceITCase {

    @TempDir static Path data;

    static Corpus corpus;
    static ElasticsearchConnection es;
    static SearchService search;
    static SearchService textOnly;

    @BeforeAll
    static void index() throws Exception {
        corpus = Corpus.index(data);
        es = ElasticsearchConnection.open(corpus.config);
        search = new SearchService(es, HashingTestEmbedder.factory());
        textOnly = new SearchService(es, null);
    }

    @AfterAll
    static void close() {
        search.close();
        es.close();
    }

    private static SearchQuery query(String q, SearchMode mode) {
        return SearchQuery.of(q).withMode(mode);
    }

    @Test
    void aPhraseFromEachSlideFindsThatSlidesShotFirstInEveryMode() {
        for (SearchMode mode : SearchMode.values()) {
            for (int s = 0; s < Corpus.SLIDES.size(); s++) {
                String phrase = Corpus.SLIDES.get(s)[Corpus.SLIDES.get(s).length - 1];
                Views.Results r = search.search(query(phrase, mode));
                assertThat(r.results()).as(mode + ": " + phrase).isNotEmpty();
                Views.Hit top = r.results().get(0);
                assertThat(top.videoId()).as(mode + ": " + phrase).isEqualTo(Corpus.LECTURE);
                assertThat(top.shot()).as(mode + ": " + phrase).isEqualTo(s);
                assertThat(r.mode()).isEqualTo(mode.toString());
            }
        }
    }

    /** Words in no frame; the test engine hashes some onto a dimension a frame's words use. */
    static final List<String> NONSENSE =
            List.of("zxqvblorf", "qwertyuiop asdf", "purple elephant", "lorem ipsum dolor");

    @Test
    void nonsenseFindsNothingInEveryModeAndTheFloorIsWhatSaysNo() {
        for (String nonsense : NONSENSE) {
            for (SearchMode mode : SearchMode.values()) {
                Views.Results r = search.search(query(nonsense, mode));
                assertThat(r.results()).as(mode + ": " + nonsense).isEmpty();
                assertThat(r.total()).as(mode + ": " + nonsense).isZero();
                assertThat(r.totalRelation()).as(mode + ": " + nonsense).isEqualTo("eq");
            }
        }
        // Without the floor the meaning side answers its nearest frames, however far.
        try (SearchService noFloor = new SearchService(es, HashingTestEmbedder.factory(), -1)) {
            assertThat(noFloor.minSimilarity()).isNull();
            for (String nonsense : NONSENSE) {
                assertThat(noFloor.search(query(nonsense, SearchMode.HYBRID)).results())
                        .as(nonsense)
                        .isNotEmpty();
            }
        }
        assertThat(search.minSimilarity()).isEqualTo((float) SearchService.DEFAULT_MIN_SIMILARITY);
    }

    @Test
    void wordsTheModelDoesNotKnowAreNotSearchedByMeaningEvenWithoutAFloor() {
        // The test engine with a vocabulary: the corpus's words and a few common ones. Without a
        // floor the meaning side would answer gibberish with its nearest frames (test above).
        java.util.Set<String> vocabulary = new java.util.HashSet<>(List.of("the", "a", "of"));
        for (String[] slide : Corpus.SLIDES) {
            for (String line : slide) {
                for (String w : line.toLowerCase(java.util.Locale.ROOT).split("\\P{L}+")) {
                    vocabulary.add(w);
                }
            }
        }
        io.framewise.pipeline.embed.Embedder.Factory knowing =
                () -> new HashingTestEmbedder(vocabulary);
        try (SearchService noFloor = new SearchService(es, knowing, -1)) {
            for (String nonsense :
                    List.of("zxqvblorf", "qwpfj vnmzx krrtl", "blorptastic snarfle")) {
                for (SearchMode mode : SearchMode.values()) {
                    Views.Results r = noFloor.search(query(nonsense, mode));
                    assertThat(r.results()).as(mode + ": " + nonsense).isEmpty();
                    assertThat(r.total()).as(mode + ": " + nonsense).isZero();
                }
            }
            // A query of known words is still searched by meaning: the vector mode answers it.
            String phrase = Corpus.SLIDES.get(1)[Corpus.SLIDES.get(1).length - 1];
            Views.Results r = noFloor.search(query(phrase, SearchMode.VECTOR));
            assertThat(r.results()).as(phrase).isNotEmpty();
            assertThat(r.results().get(0).shot()).as(phrase).isEqualTo(1);
        }
    }

    @Test
    void pagesFollowOneAnotherAndTotalsAreHonest() {
        // "shot" is on the lecture's second slide, "frames" on its third: two keyframes each (by
        // meaning, the test engine's, only the second slide is above the floor).
        for (SearchMode mode : SearchMode.values()) {
            SearchQuery q = query("shot frames", mode);
            Views.Results all = search.search(q.withSize(100));
            assertThat(all.totalRelation()).as(mode.toString()).isEqualTo("eq");
            assertThat(all.total()).as(mode.toString()).isEqualTo(all.results().size());
            assertThat(all.results().size())
                    .as(mode.toString())
                    .isGreaterThanOrEqualTo(mode == SearchMode.VECTOR ? 2 : 4);
            List<String> ids = all.results().stream().map(Views.Hit::id).toList();
            List<String> paged = new ArrayList<>();
            int size = mode == SearchMode.VECTOR ? 1 : 3;
            for (int from = 0; from < ids.size(); from += size) {
                Views.Results page = search.search(q.withFrom(from).withSize(size));
                assertThat(page.results().size())
                        .as(mode + " from " + from)
                        .isEqualTo(Math.min(size, ids.size() - from));
                page.results().forEach(h -> paged.add(h.id()));
                if ("eq".equals(page.totalRelation())) {
                    assertThat(page.total()).as(mode + " from " + from).isEqualTo(ids.size());
                } else {
                    assertThat(page.total())
                            .as(mode + " from " + from)
                            .isBetween((long) from + page.results().size(), (long) ids.size());
                }
            }
            assertThat(paged).as(mode.toString()).isEqualTo(ids);
            assertThat(search.search(q.withFrom(ids.size())).results()).isEmpty();
        }
    }

    @Test
    void hitsCarryTheirMomentVideoAndThumbnail() {
        Views.Results r = search.search(query("threshold 27 by default", SearchMode.HYBRID));
        Views.Hit top = r.results().get(0);
        assertThat(top.id()).isEqualTo(Corpus.LECTURE + "/2/" + top.frame());
        assertThat(top.frame()).isIn(250L, 310L);
        assertThat(top.ms()).isEqualTo(top.frame() * 1000 / 30);
        assertThat(top.timecode()).isEqualTo(top.frame() == 250 ? "00:00:08:10" : "00:00:10:10");
        assertThat(top.title()).isEqualTo("lecture-slides.webm");
        assertThat(top.uri()).startsWith("file:///").endsWith("/videos/lecture-slides.webm");
        assertThat(top.snippet())
                .isEqualTo(
                        "Content detector / HSV difference between frames / threshold 27 by default");
        assertThat(top.thumbnail())
                .isEqualTo(
                        "/thumbnails/keyframes/" + Corpus.LECTURE + "/2-" + top.frame() + ".jpg");
        assertThat(top.score()).isPositive();
        assertThat(r.total()).isGreaterThanOrEqualTo(2);
        assertThat(r.tookMs()).isNotNegative();
    }

    @Test
    void hybridFusesBothListsAndRanksWhatBothAgreeOnFirst() {
        Views.Results hybrid = search.search(query("crispy fries", SearchMode.HYBRID));
        Views.Results text = search.search(query("crispy fries", SearchMode.TEXT));
        Views.Results vector = search.search(query("crispy fries", SearchMode.VECTOR));
        assertThat(hybrid.results().get(0).id()).isEqualTo(Corpus.COOKING + "/0/10");
        // Every kNN candidate is in the fused list, the text hits too, each once.
        List<String> fused = hybrid.results().stream().map(Views.Hit::id).toList();
        assertThat(fused).doesNotHaveDuplicates();
        assertThat(fused).containsAll(text.results().stream().map(Views.Hit::id).toList());
        // RRF score of the top: first in both lists.
        assertThat(hybrid.results().get(0).score()).isEqualTo(2.0 / (RankFusion.DEFAULT_K + 1));
        // Elasticsearch scores cosine kNN as (1 + cos) / 2: two words shared of two and five.
        assertThat(vector.results().get(0).score())
                .isCloseTo(
                        (1 + 2 / Math.sqrt(10)) / 2, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void filtersByVideoAndByDay() {
        Views.Results onlyCooking =
                search.search(
                        new SearchQuery(
                                "shot frames fries",
                                Corpus.COOKING,
                                null,
                                null,
                                0,
                                10,
                                SearchMode.HYBRID));
        assertThat(onlyCooking.results())
                .isNotEmpty()
                .allMatch(h -> h.videoId().equals(Corpus.COOKING));
        LocalDate first = LocalDate.of(2025, 11, 21);
        Views.Results firstDay =
                search.search(
                        new SearchQuery("fries shot", null, first, first, 0, 10, SearchMode.TEXT));
        assertThat(firstDay.results())
                .isNotEmpty()
                .allMatch(h -> h.videoId().equals(Corpus.LECTURE));
        Views.Results secondDay =
                search.search(
                        new SearchQuery(
                                "fries shot",
                                null,
                                first.plusDays(1),
                                null,
                                0,
                                10,
                                SearchMode.TEXT));
        assertThat(secondDay.results())
                .isNotEmpty()
                .allMatch(h -> h.videoId().equals(Corpus.COOKING));
    }

    @Test
    void filtersByClusterAndHitsCarryTheirCluster() {
        String q = "Questions Appendix Timecodes thank you crispy fries";
        for (SearchMode mode : SearchMode.values()) {
            Views.Results body = search.search(query(q, mode).withCluster(Corpus.BODY));
            assertThat(body.results()).as(mode.toString()).isNotEmpty();
            assertThat(body.results())
                    .as(mode.toString())
                    .allSatisfy(
                            h -> {
                                assertThat(h.clusterId()).isEqualTo(Corpus.BODY);
                                assertThat(h.videoId()).isEqualTo(Corpus.LECTURE);
                                assertThat(h.shot()).isBetween(4, 6);
                            });
        }
        Views.Results kitchen =
                search.search(query(q, SearchMode.TEXT).withCluster(Corpus.KITCHEN));
        assertThat(kitchen.results())
                .isNotEmpty()
                .allMatch(h -> h.id().startsWith(Corpus.COOKING + "/0/"));
        // Without the filter: every cluster, and a frame whose shot is not clustered yet.
        Views.Results all = search.search(query("fry twice serve fries", SearchMode.TEXT));
        assertThat(all.results())
                .extracting(Views.Hit::clusterId)
                .contains(Corpus.KITCHEN)
                .containsNull();
        assertThat(search.search(query(q, SearchMode.TEXT).withCluster("nope:c9")).results())
                .isEmpty();
    }

    @Test
    void theClustersAreListedMostFramesFirst() {
        assertThat(search.clusters())
                .extracting(c -> c.clusterId() + " " + c.frames() + " " + c.videos())
                .containsExactly(
                        Corpus.TITLES + " 8 1", Corpus.BODY + " 6 1", Corpus.KITCHEN + " 2 1");
    }

    @Test
    void theVideoPageShowsTheScenesWithTheirShotsAndKeyframes() {
        Views.VideoPage page = search.video(Corpus.LECTURE);
        assertThat(page.scenes()).extracting(Views.Scene::scene).containsExactly(0, 1, 2);
        Views.Scene middle = page.scenes().get(1);
        assertThat(middle.startMs()).isEqualTo(8_000);
        assertThat(middle.endMs()).isEqualTo(20_000);
        assertThat(middle.shots()).containsExactly(2, 3, 4);
        assertThat(middle.thumbnail())
                .isEqualTo("/thumbnails/keyframes/" + Corpus.LECTURE + "/2-250.jpg");
        // The scene's keyframe is one of its shots' keyframes.
        assertThat(page.shots().get(2).frames())
                .extracting(Views.Frame::thumbnail)
                .contains(middle.thumbnail());
        // Every shot is in one scene.
        assertThat(page.scenes().stream().flatMap(sc -> sc.shots().stream()))
                .containsExactlyElementsOf(page.shots().stream().map(Views.Shot::shot).toList());
        Views.Summary summary = page.video().summary();
        assertThat(summary.scenes()).isEqualTo(3);
        assertThat(summary.topKeywords()).containsExactly("shot", "frames", "week");
        assertThat(summary.dominantColours()).containsExactly("#202040", "#e0e0e0");
        assertThat(summary.enrichmentCost()).isEqualTo(0.004);
        assertThat(page.shots().get(1).clusterId()).isEqualTo(Corpus.TITLES);
        assertThat(page.shots().get(5).clusterId()).isEqualTo(Corpus.BODY);
        assertThat(page.shots().get(5).frames()).allMatch(f -> f.clusterId().equals(Corpus.BODY));

        // A video not summarised yet: no scenes, no summary, a shot without a cluster.
        Views.VideoPage cooking = search.video(Corpus.COOKING);
        assertThat(cooking.scenes()).isEmpty();
        assertThat(cooking.video().summary()).isNull();
        assertThat(cooking.shots().get(1).clusterId()).isNull();
    }

    @Test
    void pagesDoNotOverlap() {
        Views.Results page1 =
                search.search(
                        new SearchQuery("shot frames", null, null, null, 0, 2, SearchMode.HYBRID));
        Views.Results page2 =
                search.search(
                        new SearchQuery("shot frames", null, null, null, 2, 2, SearchMode.HYBRID));
        assertThat(page1.results()).hasSize(2);
        assertThat(page2.results()).isNotEmpty();
        assertThat(page2.results())
                .extracting(Views.Hit::id)
                .doesNotContainAnyElementsOf(page1.results().stream().map(Views.Hit::id).toList());
    }

    @Test
    void withoutAQueryEmbedderHybridRunsAsTextAndVectorIsRefused() {
        Views.Results r = textOnly.search(query("Why shots matter", SearchMode.HYBRID));
        assertThat(r.mode()).isEqualTo("text");
        assertThat(r.results().get(0).shot()).isEqualTo(1);
        assertThatThrownBy(() -> textOnly.search(query("shots", SearchMode.VECTOR)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mode=vector needs a query embedder");
    }

    @Test
    void theVideoPageListsShotsInOrderWithTheirText() {
        Views.VideoPage page = search.video(Corpus.LECTURE);
        assertThat(page.video().title()).isEqualTo("lecture-slides.webm");
        assertThat(page.video().shots()).isEqualTo(7);
        assertThat(page.shots()).extracting(Views.Shot::shot).containsExactly(0, 1, 2, 3, 4, 5, 6);
        Views.Shot appendix = page.shots().get(5);
        // Two keyframes with the same text: the text once.
        assertThat(appendix.text()).isEqualTo("Appendix A\nTimecodes: 00:01:23;15 (SMPTE)");
        assertThat(appendix.frames()).hasSize(2);
        assertThat(appendix.startMs()).isEqualTo(20_000);
        assertThat(appendix.transitionIn()).isEqualTo("cut");
        assertThat(appendix.thumbnail()).isEqualTo(appendix.frames().get(0).thumbnail());
        assertThatThrownBy(() -> search.video("no-such-video"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no-such-video");
    }

    @Test
    void moreLikeThisUsesTheImageVectorThenTheTextVector() {
        Views.Similar byImage = search.similar(Corpus.COOKING + "/0/10", 5);
        assertThat(byImage.by()).isEqualTo("image_vector");
        assertThat(byImage.results())
                .extracting(Views.Hit::id)
                .doesNotContain(Corpus.COOKING + "/0/10");
        assertThat(byImage.results().get(0).id()).isEqualTo(Corpus.COOKING + "/0/100");

        String slide = corpus.frameId(Corpus.LECTURE, 3, 0);
        Views.Similar byText = search.similar(slide, 5);
        assertThat(byText.by()).isEqualTo("text_vector");
        assertThat(byText.results().get(0).id()).isEqualTo(corpus.frameId(Corpus.LECTURE, 3, 1));
        assertThatThrownBy(() -> search.similar("nope/0/0", 5))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void queryEmbedderOfOtherDimsIsRefusedAtStart() {
        io.framewise.pipeline.embed.Embedder.Factory wrong =
                () ->
                        new io.framewise.pipeline.embed.Embedder() {
                            public String model() {
                                return "other";
                            }

                            public int dims() {
                                return 384;
                            }

                            public List<float[]> embed(List<String> texts) {
                                return List.of();
                            }

                            public void close() {}
                        };
        try (SearchService s = new SearchService(es, wrong)) {
            assertThatThrownBy(s::checkDims)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("384-dim")
                    .hasMessageContaining(HashingTestEmbedder.DIMS + "-dim");
        }
        search.checkDims();
    }

    @Test
    void elasticsearchDownIsUnavailableNotACrash() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (ElasticsearchConnection down =
                        ElasticsearchConnection.open(
                                Corpus.freshConfig("http://127.0.0.1:" + closed));
                SearchService s = new SearchService(down, HashingTestEmbedder.factory())) {
            assertThatThrownBy(() -> s.search(SearchQuery.of("anything")))
                    .isInstanceOf(SearchUnavailableException.class)
                    .hasMessageContaining("not reachable");
            assertThatThrownBy(s::videos).isInstanceOf(SearchUnavailableException.class);
        }
    }
}
