package io.framewise.search;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A search as the API takes it: {@code q}, optional filters (one video, a range of days the frames
 * were indexed on, one cluster of similar shots), paging and mode. {@link #parse} checks every
 * parameter and words problems for people (the API answers them with 400).
 *
 * @param dateFrom first day (UTC), inclusive; null for no bound
 * @param dateTo last day (UTC), inclusive; null for no bound
 * @param cluster a cluster id ({@code ORG:cN}, the frames' {@code cluster_id}); null for any
 */
public record SearchQuery(
        String q,
        String video,
        LocalDate dateFrom,
        LocalDate dateTo,
        int from,
        int size,
        SearchMode mode,
        String cluster) {

    public static final int MAX_SIZE = 100;
    public static final int MAX_FROM = 1000;
    public static final int MAX_QUERY_CHARS = 500;
    public static final int MAX_CLUSTER_CHARS = 200;

    public SearchQuery {
        if (q == null || q.isBlank()) {
            throw new IllegalArgumentException("q is needed: the words to search for");
        }
        q = q.strip();
        if (q.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException(
                    "q must be at most " + MAX_QUERY_CHARS + " characters, got " + q.length());
        }
        video = video == null || video.isBlank() ? null : video.strip();
        cluster = cluster == null || cluster.isBlank() ? null : cluster.strip();
        if (cluster != null && cluster.length() > MAX_CLUSTER_CHARS) {
            throw new IllegalArgumentException(
                    "cluster must be at most "
                            + MAX_CLUSTER_CHARS
                            + " characters, got "
                            + cluster.length());
        }
        if (from < 0 || from > MAX_FROM) {
            throw new IllegalArgumentException(
                    "from must be between 0 and " + MAX_FROM + ", got " + from);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException(
                    "size must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        if (dateFrom != null && dateTo != null && dateTo.isBefore(dateFrom)) {
            throw new IllegalArgumentException(
                    "date_to (" + dateTo + ") is before date_from (" + dateFrom + ")");
        }
    }

    /** A search in any cluster. */
    public SearchQuery(
            String q,
            String video,
            LocalDate dateFrom,
            LocalDate dateTo,
            int from,
            int size,
            SearchMode mode) {
        this(q, video, dateFrom, dateTo, from, size, mode, null);
    }

    /** A hybrid search for {@code q}, first ten results. */
    public static SearchQuery of(String q) {
        return new SearchQuery(q, null, null, null, 0, 10, SearchMode.HYBRID);
    }

    public SearchQuery withMode(SearchMode m) {
        return new SearchQuery(q, video, dateFrom, dateTo, from, size, m, cluster);
    }

    public SearchQuery withSize(int n) {
        return new SearchQuery(q, video, dateFrom, dateTo, from, n, mode, cluster);
    }

    /** This search within one cluster ({@code null}: any). */
    public SearchQuery withFrom(int n) {
        return new SearchQuery(q, video, dateFrom, dateTo, n, size, mode, cluster);
    }

    public SearchQuery withCluster(String c) {
        return new SearchQuery(q, video, dateFrom, dateTo, from, size, mode, c);
    }

    /**
     * Reads the API's parameters: {@code q}, {@code video}, {@code date_from}, {@code date_to}
     * (YYYY-MM-DD), {@code from} (default 0), {@code size} (default 10), {@code mode} (default
     * hybrid), {@code cluster}.
     *
     * @throws IllegalArgumentException naming the parameter and what it accepts
     */
    public static SearchQuery parse(Map<String, String> params) {
        return new SearchQuery(
                params.get("q"),
                params.get("video"),
                date(params, "date_from"),
                date(params, "date_to"),
                integer(params, "from", 0),
                integer(params, "size", 10),
                params.containsKey("mode") && !params.get("mode").isBlank()
                        ? SearchMode.parse(params.get("mode").strip())
                        : SearchMode.HYBRID,
                params.get("cluster"));
    }

    static int integer(Map<String, String> params, String name, int fallback) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }

    private static LocalDate date(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be a date as YYYY-MM-DD, got '" + v + "'");
        }
    }
}
