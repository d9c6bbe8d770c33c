package io.framewise.search;

import java.util.Locale;

/** Cuts a frame's text down to a snippet around the first query word it contains. */
final class Snippets {

    static final int MAX = 220;

    private Snippets() {}

    static String of(String text, String query) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String flat = text.strip().replaceAll("\\s*\\n\\s*", " / ").replaceAll("\\s+", " ");
        if (flat.length() <= MAX) {
            return flat;
        }
        String lower = flat.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String word : query.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (word.length() > 1) {
                int i = lower.indexOf(word);
                if (i >= 0 && (at < 0 || i < at)) {
                    at = i;
                }
            }
        }
        int start = Math.max(0, Math.min(at < 0 ? 0 : at - 40, flat.length() - MAX));
        String cut = flat.substring(start, Math.min(flat.length(), start + MAX));
        return (start > 0 ? "…" : "") + cut + (start + MAX < flat.length() ? "…" : "");
    }
}
