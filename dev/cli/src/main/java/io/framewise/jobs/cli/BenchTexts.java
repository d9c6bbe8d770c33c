package io.framewise.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Slide-like texts for the embedding benchmark: a title of 2-6 words and 0-3 lines of 3-10 words
 * from a fixed vocabulary, the same for the same seed.
 */
final class BenchTexts {

    private static final String[] WORDS = {
        "quarterly",
        "revenue",
        "growth",
        "customer",
        "retention",
        "pipeline",
        "streaming",
        "video",
        "index",
        "search",
        "latency",
        "throughput",
        "cluster",
        "checkpoint",
        "agenda",
        "summary",
        "questions",
        "roadmap",
        "release",
        "budget",
        "forecast",
        "margin",
        "team",
        "hiring",
        "security",
        "incident",
        "review",
        "design",
        "architecture",
        "storage",
        "model",
        "training",
        "evaluation",
        "benchmark",
        "results",
        "next",
        "steps",
        "thank",
        "you",
        "welcome",
        "introduction",
        "market",
        "share",
        "product",
        "launch",
        "pricing",
        "invoice",
        "total",
        "payment",
        "contract",
        "legal",
        "compliance",
        "europe",
        "asia",
        "sales",
        "support",
        "tickets",
        "resolved",
        "open",
        "issues",
        "week",
        "month",
        "year"
    };

    private BenchTexts() {}

    static List<String> generate(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder(words(r, 2 + r.nextInt(5)));
            int lines = r.nextInt(4);
            for (int l = 0; l < lines; l++) {
                b.append('\n').append(words(r, 3 + r.nextInt(8)));
            }
            out.add(b.toString());
        }
        return out;
    }

    private static String words(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(' ');
            }
            String w = WORDS[r.nextInt(WORDS.length)];
            b.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
        }
        return b.toString();
    }
}
