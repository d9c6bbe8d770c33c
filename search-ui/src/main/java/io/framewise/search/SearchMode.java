package io.framewise.search;

import java.util.Locale;

/** How a query is matched: by words, by meaning, or both fused. */
public enum SearchMode {
    /** BM25 and kNN result lists fused by reciprocal rank fusion. */
    HYBRID,
    /** BM25 over the text fields (OCR text, descriptions, tags). */
    TEXT,
    /** kNN over the text vectors, the query embedded with the documents' model. */
    VECTOR;

    /** {@code hybrid}, {@code text} or {@code vector}. */
    public static SearchMode parse(String s) {
        for (SearchMode m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode must be hybrid, text or vector, got '" + s + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
