package io.framewise.search;

/** Elasticsearch cannot answer (down, unreachable, or no index yet): the API's 503. */
public final class SearchUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
