package io.framewise.pipeline.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Merges the text read on the keyframes of one shot into one {@link TextInstance} per distinct
 * line.
 *
 * <p>Lines are compared after normalising case, whitespace, punctuation and accents, and two lines
 * read on different keyframes are the same text when their normalised Levenshtein similarity is at
 * least {@link #DEFAULT_SIMILARITY} (or the given threshold), so that small OCR differences from
 * one keyframe to the next do not split a text. Lines read on the same keyframe are never merged
 * with each other: "Step 1" and "Step 2" on one slide stay two texts. Each instance keeps the text
 * and confidence of its best-confidence sighting, the times of its first and last sightings and the
 * number of keyframes it was read on. Lines with nothing left after normalisation (only
 * punctuation) are dropped.
 *
 * <p>Output order: by first sighting, then top to bottom as read. Pure Java, deterministic.
 */
public final class TextMerger {

    /** Normalised Levenshtein similarity at or above which two lines are the same text. */
    public static final double DEFAULT_SIMILARITY = 0.8;

    private TextMerger() {}

    /** {@link #merge(int, List, double)} with {@link #DEFAULT_SIMILARITY}. */
    public static List<TextInstance> merge(int shot, List<KeyframeText> keyframes) {
        return merge(shot, keyframes, DEFAULT_SIMILARITY);
    }

    /**
     * Merges the lines of {@code keyframes} (one shot's, in any order) into text instances.
     *
     * @param shot the shot index written into every instance
     * @param minSimilarity 0-1: lines at least this similar after normalisation are one text
     */
    public static List<TextInstance> merge(
            int shot, List<KeyframeText> keyframes, double minSimilarity) {
        if (!(minSimilarity >= 0 && minSimilarity <= 1)) {
            throw new IllegalArgumentException(
                    "minSimilarity must be between 0 and 1, got " + minSimilarity);
        }
        List<KeyframeText> ordered = new ArrayList<>(keyframes);
        ordered.sort(Comparator.comparingLong(KeyframeText::ms));

        List<Group> groups = new ArrayList<>();
        for (KeyframeText keyframe : ordered) {
            List<Candidate> lines = new ArrayList<>();
            for (TextLine line : keyframe.text().lines()) {
                String key = normalize(line.text());
                if (!key.isEmpty()) {
                    lines.add(new Candidate(line, key));
                }
            }
            assign(groups, lines, keyframe.ms(), minSimilarity);
        }

        List<TextInstance> out = new ArrayList<>(groups.size());
        for (Group g : groups) {
            out.add(
                    new TextInstance(
                            shot,
                            g.best.text(),
                            g.best.confidence(),
                            g.firstMs,
                            g.lastMs,
                            g.sightings));
        }
        return out;
    }

    /**
     * Matches one keyframe's lines to the groups so far, most similar pairs first, each group and
     * each line at most once; unmatched lines open new groups.
     */
    private static void assign(
            List<Group> groups, List<Candidate> lines, long ms, double minSimilarity) {
        record Pair(int line, int group, double similarity) {}
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (int j = 0; j < groups.size(); j++) {
                double s = groups.get(j).similarity(lines.get(i).key);
                if (s >= minSimilarity) {
                    pairs.add(new Pair(i, j, s));
                }
            }
        }
        pairs.sort(
                Comparator.comparingDouble(Pair::similarity)
                        .reversed()
                        .thenComparingInt(Pair::line)
                        .thenComparingInt(Pair::group));
        boolean[] lineTaken = new boolean[lines.size()];
        boolean[] groupTaken = new boolean[groups.size()];
        for (Pair p : pairs) {
            if (!lineTaken[p.line] && !groupTaken[p.group]) {
                lineTaken[p.line] = true;
                groupTaken[p.group] = true;
                groups.get(p.group).add(lines.get(p.line), ms);
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!lineTaken[i]) {
                groups.add(new Group(lines.get(i), ms));
            }
        }
    }

    /**
     * Lower case, accents stripped, every run of characters other than letters and digits turned
     * into one space, trimmed.
     */
    static String normalize(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        boolean gap = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                if (gap && sb.length() > 0) {
                    sb.append(' ');
                }
                gap = false;
                sb.appendCodePoint(Character.toLowerCase(cp));
            } else {
                gap = true;
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** 1 - Levenshtein distance / length of the longer string; 1 for two empty strings. */
    static double similarity(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        return longer == 0 ? 1.0 : 1.0 - (double) levenshtein(a, b) / longer;
    }

    /** Edit distance (insertions, deletions, substitutions of chars). */
    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                int subst = prev[j - 1] + (ca == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(subst, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private record Candidate(TextLine line, String key) {}

    /** One text being merged: its sightings' keys, its best sighting and its times. */
    private static final class Group {
        private final List<String> keys = new ArrayList<>();
        private TextLine best;
        private final long firstMs;
        private long lastMs;
        private int sightings;

        Group(Candidate first, long ms) {
            keys.add(first.key);
            best = first.line;
            firstMs = ms;
            lastMs = ms;
            sightings = 1;
        }

        /** The best similarity of {@code key} to any sighting so far. */
        double similarity(String key) {
            double best = 0;
            for (String k : keys) {
                best = Math.max(best, TextMerger.similarity(k, key));
            }
            return best;
        }

        void add(Candidate c, long ms) {
            if (!keys.contains(c.key)) {
                keys.add(c.key);
            }
            if (c.line.confidence() > best.confidence()) {
                best = c.line;
            }
            lastMs = Math.max(lastMs, ms);
            sightings++;
        }
    }
}
