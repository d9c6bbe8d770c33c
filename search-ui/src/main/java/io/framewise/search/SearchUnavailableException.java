package io.framewise.search;

/**
 * Elasticsearch cannot answer (down, unreachable, or no index yet): the API's 503.
 *
 * <p>{@link #getMessage()} names the Elasticsearch address, for logs and the command line; {@link
 * #publicMessage()} does not, for answers to the page's users.
 */
public final class SearchUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String publicMessage;

    public SearchUnavailableException(String message, String publicMessage, Throwable cause) {
        super(message, cause);
        this.publicMessage = publicMessage;
    }

    /** What an API answer may say: no internal addresses. */
    public String publicMessage() {
        return publicMessage;
    }
}
