package io.framewise.udfs.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the clients of model providers (the frame describer, the transcriber) share besides {@link
 * Backoff}, {@link RateLimiter}, {@link CircuitBreaker} and {@link ApiKey}: the HTTP client, the
 * provider's wait, its error message (nothing of it for authentication failures, whose messages may
 * quote the key), redacted descriptions of errors, and waits on a timer.
 */
public final class ProviderCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderCalls() {}

    /**
     * The JDK's client for {@code endpoint}: HTTP/2 over TLS, HTTP/1.1 otherwise; responses handed
     * to {@code callbacks}.
     */
    public static HttpClient client(URI endpoint, Duration requestTimeout, Executor callbacks) {
        return HttpClient.newBuilder()
                .version(
                        "https".equals(endpoint.getScheme())
                                ? HttpClient.Version.HTTP_2
                                : HttpClient.Version.HTTP_1_1)
                .connectTimeout(min(requestTimeout, Duration.ofSeconds(10)))
                .executor(callbacks)
                .build();
    }

    /**
     * The wait the provider asked for: OpenAI's {@code retry-after-ms}, else {@code Retry-After} in
     * seconds or as an HTTP date; negative when neither is there or readable.
     */
    public static long retryAfterNanos(HttpResponse<?> response) {
        Optional<String> ms = response.headers().firstValue("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return (long) (Math.max(0, Double.parseDouble(ms.get().trim())) * 1e6);
            } catch (NumberFormatException e) {
                // Fall through to Retry-After.
            }
        }
        Optional<String> after = response.headers().firstValue("retry-after");
        if (after.isEmpty()) {
            return -1;
        }
        String value = after.get().trim();
        try {
            return (long) (Math.max(0, Double.parseDouble(value)) * 1e9);
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toNanos());
            } catch (RuntimeException notADate) {
                return -1;
            }
        }
    }

    /**
     * The provider's error message, short and in parentheses; for 401 and 403 only a hint at the
     * {@code group}'s key settings.
     */
    public static String errorText(HttpResponse<String> response, ApiKey key, String group) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return "(authentication failed: check "
                    + group
                    + ".api-key-env or "
                    + group
                    + ".api-key-file)";
        }
        String body = response.body() == null ? "" : response.body();
        String message = body;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) {
                message = error.asText();
            } else if (error.path("message").isTextual()) {
                message = error.path("message").asText();
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: the raw body, shortened.
        }
        message = DescriptionJson.excerpt(message.strip());
        return message.isEmpty() ? "" : "(" + redact(key, message) + ")";
    }

    /** An error in one line, its class and message, the key taken out. */
    public static String describe(Throwable e, ApiKey key) {
        String m = e.getMessage();
        return redact(
                key,
                e.getClass().getSimpleName()
                        + (m == null || m.isBlank() ? "" : ": " + m.replace('\n', ' ')));
    }

    public static String redact(ApiKey key, String text) {
        return key == null ? text : key.redact(text);
    }

    /** The cause inside {@link CompletionException}s. */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Runs {@code task} on {@code timer} after {@code nanos}; nothing once the timer is shut. */
    public static void later(ScheduledExecutorService timer, Runnable task, long nanos) {
        try {
            timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            // Closed meanwhile: the client's close() fails whatever is still open.
        }
    }

    public static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Daemon threads named {@code name-1}, {@code name-2}, ... */
    public static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
