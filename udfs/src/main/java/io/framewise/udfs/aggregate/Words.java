package io.framewise.udfs.aggregate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words of shot texts, for keywords, cluster terms and text overlap: lower-cased runs of
 * letters and digits (hyphenated compounds such as "well-lit" kept whole), at least {@value
 * #MIN_LENGTH} characters, with a letter, neither a stop word nor a word every picture description
 * uses ("image", "shows", "frame", "screen", "text", ...).
 */
final class Words {

    static final int MIN_LENGTH = 3;

    /** Common English words that say nothing about what a video shows. */
    private static final Set<String> STOP_WORDS =
            Set.of(
                    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had",
                    "her", "was", "one", "our", "out", "has", "have", "his", "how", "its", "may",
                    "new", "now", "old", "see", "two", "who", "did", "get", "him", "let", "say",
                    "she", "too", "use", "this", "that", "with", "from", "your", "they", "will",
                    "what", "when", "where", "which", "there", "their", "them", "then", "than",
                    "been", "were", "into", "more", "most", "some", "such", "only", "over", "very",
                    "just", "also", "about", "after", "before", "here", "each", "other", "these",
                    "those", "would", "could", "should", "does", "done", "being", "because",
                    "while", "under", "again", "once", "both", "few", "off", "own", "same", "why",
                    "yes", "via", "per");

    /**
     * What describing a picture says of every picture: a description's boilerplate, not its subject
     * (the text on screen has words of its own).
     */
    private static final Set<String> DESCRIPTION_WORDS =
            Set.of(
                    "image",
                    "images",
                    "picture",
                    "photo",
                    "frame",
                    "frames",
                    "show",
                    "shows",
                    "showing",
                    "shown",
                    "depicts",
                    "depicting",
                    "appears",
                    "appear",
                    "looks",
                    "look",
                    "like",
                    "visible",
                    "screen",
                    "text",
                    "texts",
                    "line",
                    "lines",
                    "mostly",
                    "little",
                    "made",
                    "scene",
                    "background",
                    "foreground",
                    "various",
                    "displayed",
                    "display");

    private Words() {}

    /** The distinct words of {@code text} in order of first appearance; empty for null. */
    static Set<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        if (text == null) {
            return words;
        }
        StringBuilder w = new StringBuilder();
        int[] cs = (text.toLowerCase(Locale.ROOT) + " ").codePoints().toArray();
        for (int i = 0; i < cs.length; i++) {
            int c = cs[i];
            if (Character.isLetterOrDigit(c) || joinsCompound(cs, i)) {
                w.appendCodePoint(c);
            } else {
                add(words, w.toString());
                w.setLength(0);
            }
        }
        return words;
    }

    /**
     * True for a hyphen between two letters or digits: "well-lit" and "e-mail" are one word, whose
     * halves alone ("well", "lit") would stand for something else. A hyphen with a space on either
     * side is a dash, and separates.
     */
    private static boolean joinsCompound(int[] cs, int i) {
        int c = cs[i];
        boolean hyphen = c == '-' || c == '\u2010' || c == '\u2011';
        return hyphen
                && i > 0
                && i + 1 < cs.length
                && Character.isLetterOrDigit(cs[i - 1])
                && Character.isLetterOrDigit(cs[i + 1]);
    }

    private static void add(Set<String> words, String w) {
        if (w.codePointCount(0, w.length()) >= MIN_LENGTH
                && w.chars().anyMatch(Character::isLetter)
                && !STOP_WORDS.contains(w)
                && !DESCRIPTION_WORDS.contains(w)) {
            words.add(w);
        }
    }

    /** Shared words over all words (Jaccard), or -1 when either text has none. */
    static double overlap(String a, String b) {
        Set<String> wa = of(a);
        Set<String> wb = of(b);
        if (wa.isEmpty() || wb.isEmpty()) {
            return -1;
        }
        int shared = 0;
        for (String w : wa) {
            if (wb.contains(w)) {
                shared++;
            }
        }
        return (double) shared / (wa.size() + wb.size() - shared);
    }

    /**
     * The {@code n} words found in the most texts (each text counts a word once), ties broken
     * alphabetically.
     */
    static List<String> top(List<String> texts, int n) {
        Map<String, Integer> df = documentFrequencies(texts);
        List<String> words = new ArrayList<>(df.keySet());
        words.sort(
                Comparator.<String>comparingInt(df::get)
                        .reversed()
                        .thenComparing(Comparator.naturalOrder()));
        return List.copyOf(words.subList(0, Math.min(n, words.size())));
    }

    /**
     * The {@code n} words that most set {@code group} apart from {@code all} (tf-idf: texts of the
     * group with the word, times {@code ln(1 + |all| / texts of all with it)}), ties broken
     * alphabetically.
     *
     * @param group texts of a subset of {@code all}
     */
    static List<String> distinctive(List<String> group, List<String> all, int n) {
        Map<String, Integer> inGroup = documentFrequencies(group);
        Map<String, Integer> inAll = documentFrequencies(all);
        Map<String, Double> score = new HashMap<>();
        for (Map.Entry<String, Integer> e : inGroup.entrySet()) {
            int df = Math.max(e.getValue(), inAll.getOrDefault(e.getKey(), 0));
            score.put(e.getKey(), e.getValue() * Math.log(1.0 + (double) all.size() / df));
        }
        List<String> words = new ArrayList<>(score.keySet());
        words.sort(
                Comparator.<String>comparingDouble(score::get)
                        .reversed()
                        .thenComparing(Comparator.naturalOrder()));
        return List.copyOf(words.subList(0, Math.min(n, words.size())));
    }

    private static Map<String, Integer> documentFrequencies(List<String> texts) {
        Map<String, Integer> df = new HashMap<>();
        for (String t : texts) {
            for (String w : of(t)) {
                df.merge(w, 1, Integer::sum);
            }
        }
        return df;
    }
}
