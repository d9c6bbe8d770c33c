package io.framewise.udfs.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void wordsAreLowerCasedLettersAndDigitsWithoutStopWordsOrShortOnes() {
        // Numbers without letters say little on their own: "2026" is left out, "h264" kept.
        assertThat(Words.of("The Invoice TOTAL: 42 EUR, due 2026-11-20 (über) h264"))
                .containsExactly("invoice", "total", "eur", "due", "über", "h264");
        assertThat(Words.of("a of to 12 ... ")).isEmpty();
        // A description's boilerplate is not what the picture is about.
        assertThat(Words.of("The image shows a harbour at sunset, with text on screen."))
                .containsExactly("harbour", "sunset");
        assertThat(Words.of(null)).isEmpty();
    }

    @Test
    void hyphenatedCompoundsStayOneWordButDashesSeparate() {
        assertThat(Words.of("A well-lit kitchen - seen from the e\u2011mail client"))
                .containsExactly("well-lit", "kitchen", "seen", "e\u2011mail", "client");
        // A hyphen at either end joins nothing.
        assertThat(Words.of("-harbour- sunset-")).containsExactly("harbour", "sunset");
    }

    @Test
    void overlapIsJaccardOfTheWordsOrMinusOneWithoutWords() {
        assertThat(Words.overlap("invoice total", "invoice due")).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(Words.overlap("Invoice", "invoice!")).isEqualTo(1.0);
        assertThat(Words.overlap("invoice", null)).isEqualTo(-1);
    }

    @Test
    void topWordsAreThoseInTheMostTexts() {
        List<String> texts =
                Arrays.asList(
                        "Quarterly results", "Results by region", "Quarterly outlook", "Results");
        assertThat(Words.top(texts, 2)).containsExactly("results", "quarterly");
        assertThat(Words.top(texts, 10))
                .containsExactly("results", "quarterly", "outlook", "region");
    }

    @Test
    void distinctiveWordsSetAGroupApart() {
        List<String> slides = List.of("Quarterly results revenue", "Revenue by region results");
        List<String> all =
                List.of(
                        "Quarterly results revenue",
                        "Revenue by region results",
                        "Results of the match",
                        "Match results",
                        "Results");
        // "results" is everywhere; "revenue" only in the group.
        assertThat(Words.distinctive(slides, all, 2)).containsExactly("revenue", "quarterly");
    }
}
