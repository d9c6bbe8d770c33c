package io.framewise.udfs.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.pipeline.enrich.Description;
import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.FrameToDescribe;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.remote.Backoff;
import io.framewise.pipeline.remote.Outage;
import io.framewise.udfs.enrich.DescriptionJson.BadJsonException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The {@link FrameDescriber} on any OpenAI-compatible chat-completions API: OpenAI, Gemini's
 * OpenAI-compatible endpoint, vLLM, Ollama, or the project's simulator, chosen by {@code llm.url}
 * and {@code llm.model}.
 *
 * <p>Each keyframe is one request (or part of a batch of its shot) with the picture as a base64
 * JPEG and the versioned prompt of {@link DescribePrompt}; the answer goes through {@link
 * DescriptionJson}. Calls never block: the JDK's {@link HttpClient} sends them asynchronously
 * (HTTP/2 where the server offers it over TLS, HTTP/1.1 otherwise), and every wait (back-off, rate
 * limit, open circuit, batching) is a task on one timer thread, so a thousand calls in flight take
 * no thread each.
 *
 * <p>Per keyframe: the circuit breaker's permission ({@link CircuitBreaker}), the rate limiter's
 * reservation ({@link RateLimiter}), the request; on 429, 5xx, a timeout or a refused connection,
 * another attempt after {@link Backoff}'s delay (the provider's Retry-After when given), up to
 * {@code llm.retry.max-attempts} and within {@code llm.deadline}. An answer that is not the JSON
 * asked for is asked again too; in a batch, only the frames whose part was unusable, one by one.
 * The outcome, success or failure, always completes the future normally.
 *
 * <p>The API key is read in the constructor, where the describer runs ({@link ApiKey}), sent only
 * in the Authorization header, and redacted from every message; authentication failures carry no
 * part of the provider's answer, which may quote the key.
 */
public final class OpenAiFrameDescriber implements FrameDescriber {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A serializable factory for the job: configuration only, the key is read where it runs. */
    public static FrameDescriber.Factory factory(LlmConfig config) {
        return new DescriberFactory(config);
    }

    /**
     * Where the API key will come from, in words that never include it (for the command line,
     * before a job starts); fails early, with a message naming the setting, when the configured key
     * file cannot be read.
     */
    public static String apiKeySource(LlmConfig config) {
        return ApiKey.source(config.provider(), "llm", System::getenv);
    }

    private record DescriberFactory(LlmConfig config) implements FrameDescriber.Factory {
        @Override
        public String model() {
            return config.model();
        }

        @Override
        public String promptVersion() {
            return DescribePrompt.VERSION;
        }

        @Override
        public FrameDescriber create(int instances) {
            return new OpenAiFrameDescriber(config, instances, System::getenv);
        }
    }

    private final LlmConfig config;
    private final URI endpoint;
    private final ApiKey key;
    private final HttpClient http;
    private final ExecutorService callbacks;
    private final ScheduledExecutorService timer;
    private final RateLimiter limiter;
    private final CircuitBreaker breaker;
    private final Backoff backoff;
    private final ShotBatcher<Pending> batcher;
    private final LongSupplier nanoTime = System::nanoTime;
    private final Set<Pending> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param instances describers sharing the configured rate limits (each takes its share)
     * @param env environment lookup for the API key variable
     */
    OpenAiFrameDescriber(LlmConfig config, int instances, Function<String, String> env) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("llm.url is not set: no LLM to describe frames");
        }
        this.config = config;
        this.endpoint = URI.create(config.url().replaceAll("/+$", "") + "/chat/completions");
        this.key = ApiKey.resolve(config.provider(), "llm", env);
        int share = Math.max(1, instances);
        this.limiter =
                new RateLimiter(
                        config.resilience().requestsPerMinute() / (double) share,
                        config.resilience().tokensPerMinute() / (double) share,
                        nanoTime);
        this.breaker =
                new CircuitBreaker(
                                config.resilience().circuitFailures(),
                                config.resilience().circuitOpenFor(),
                                config.resilience().requestTimeout().plusSeconds(1),
                                nanoTime)
                        .tellingOutages(
                                Outage.of(
                                        FramewiseMetrics.LLM,
                                        "the LLM at " + endpoint.getHost(),
                                        OpenAiFrameDescriber.class));
        this.backoff = config.resilience().backoff();
        this.callbacks = Executors.newFixedThreadPool(2, daemon("framewise-llm-http"));
        ScheduledThreadPoolExecutor t =
                new ScheduledThreadPoolExecutor(1, daemon("framewise-llm-timer"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.http = ProviderCalls.client(endpoint, config.resilience().requestTimeout(), callbacks);
        this.batcher =
                config.batchMaxFrames() > 1
                        ? new ShotBatcher<>(
                                config.batchMaxFrames(),
                                config.batchLinger().toNanos(),
                                timer,
                                p -> p.frame.videoId() + "#" + p.frame.shot(),
                                this::attempt)
                        : null;
    }

    @Override
    public CompletableFuture<Enrichment> describe(FrameToDescribe frame) {
        Pending p = new Pending(frame);
        if (closed) {
            p.fail(Enrichment.ERROR, "the describer is closed");
            return p.result;
        }
        open.add(p);
        p.result.whenComplete((e, error) -> open.remove(p));
        if (batcher != null) {
            batcher.add(p);
        } else {
            attempt(List.of(p));
        }
        return p.result;
    }

    /** The circuit breaker, then the rate limiter, then the request. */
    private void attempt(List<Pending> group) {
        List<Pending> live = live(group);
        if (live.isEmpty()) {
            return;
        }
        long remaining = remaining(live);
        if (remaining <= 0) {
            failAll(
                    live,
                    Enrichment.TIMEOUT,
                    "llm.deadline (" + config.resilience().deadline() + ") passed");
            return;
        }
        long pause = breaker.waitNanos();
        if (pause > 0) {
            if (pause >= remaining) {
                failAll(
                        live,
                        Enrichment.CIRCUIT_OPEN,
                        "the circuit breaker is open (the provider keeps failing) and would stay"
                                + " open past llm.deadline");
            } else {
                later(() -> attempt(live), pause);
            }
            return;
        }
        int estimate = estimateTokens(live);
        long wait = limiter.reserve(estimate, remaining);
        if (wait < 0) {
            breaker.released();
            failAll(
                    live,
                    Enrichment.RATE_LIMITED,
                    "the client-side rate limit (llm.rate.*) would wait past llm.deadline");
        } else if (wait == 0) {
            send(live, estimate);
        } else {
            later(() -> send(live, estimate), wait);
        }
    }

    private void send(List<Pending> group, int estimate) {
        List<Pending> live = live(group);
        if (live.isEmpty()) {
            limiter.adjust(-estimate);
            breaker.released();
            return;
        }
        long remaining = remaining(live);
        if (remaining <= 0) {
            limiter.adjust(-estimate);
            breaker.released();
            failAll(
                    live,
                    Enrichment.TIMEOUT,
                    "llm.deadline (" + config.resilience().deadline() + ") passed");
            return;
        }
        live.forEach(p -> p.attempts++);
        try {
            List<FrameToDescribe> frames = new ArrayList<>();
            live.forEach(p -> frames.add(p.frame));
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(endpoint)
                            .timeout(
                                    min(
                                            config.resilience().requestTimeout(),
                                            Duration.ofNanos(remaining)))
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            DescribePrompt.request(config, frames)));
            if (key != null) {
                request.header("Authorization", key.bearer());
            }
            config.provider().headers().forEach(request::header);
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete(
                            (response, error) -> {
                                try {
                                    answered(live, estimate, response, error);
                                } catch (RuntimeException e) {
                                    failAll(live, Enrichment.ERROR, describe(e));
                                }
                            });
        } catch (RuntimeException e) {
            limiter.adjust(-estimate);
            breaker.released();
            failAll(live, Enrichment.ERROR, describe(e));
        }
    }

    private void answered(
            List<Pending> group, int estimate, HttpResponse<String> response, Throwable error) {
        if (error != null) {
            limiter.adjust(-estimate);
            Throwable cause = unwrap(error);
            if (!(cause instanceof IOException)) {
                // Not the provider's doing (a bug, a cancelled call): no verdict on it.
                breaker.released();
                failAll(group, Enrichment.ERROR, describe(cause));
                return;
            }
            breaker.failure();
            if (cause instanceof HttpTimeoutException) {
                retry(group, Enrichment.TIMEOUT, "no answer within llm.timeout", -1);
            } else {
                retry(
                        group,
                        Enrichment.CONNECTION,
                        "cannot reach " + endpoint.getHost() + ": " + describe(cause),
                        -1);
            }
            return;
        }
        int status = response.statusCode();
        if (status == 200) {
            breaker.success();
            described(group, estimate, response.body());
            return;
        }
        limiter.adjust(-estimate);
        long retryAfter = retryAfterNanos(response);
        if (status == 429) {
            breaker.released();
            retry(group, Enrichment.RATE_LIMITED, "HTTP 429 " + errorText(response), retryAfter);
        } else if (status >= 500) {
            breaker.failure();
            retry(
                    group,
                    Enrichment.HTTP_5XX,
                    "HTTP " + status + " " + errorText(response),
                    retryAfter);
        } else if (status == 408) {
            breaker.failure();
            retry(group, Enrichment.TIMEOUT, "HTTP 408 " + errorText(response), retryAfter);
        } else {
            breaker.success();
            failAll(group, Enrichment.HTTP_4XX, "HTTP " + status + " " + errorText(response));
        }
    }

    /** A 200 answer: tokens, then the JSON for each frame. */
    private void described(List<Pending> group, int estimate, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            limiter.adjust(-estimate);
            retry(group, Enrichment.BAD_JSON, "the answer is not a chat completion", -1);
            return;
        }
        JsonNode usage = root.path("usage");
        int in = usage.path("prompt_tokens").asInt(0);
        int out = usage.path("completion_tokens").asInt(0);
        limiter.adjust(in + out - estimate);
        for (int i = 0; i < group.size(); i++) {
            Pending p = group.get(i);
            // A batch's tokens are split evenly, the remainder to its first frames.
            p.inputTokens += in / group.size() + (i < in % group.size() ? 1 : 0);
            p.outputTokens += out / group.size() + (i < out % group.size() ? 1 : 0);
        }
        JsonNode choice = root.path("choices").path(0);
        String content = content(choice.path("message").path("content"));
        if ("length".equals(choice.path("finish_reason").asText())) {
            retryEach(group, "the answer was cut off at llm.max-tokens");
            return;
        }
        if (group.size() == 1) {
            try {
                group.get(0).ok(DescriptionJson.one(content));
            } catch (BadJsonException e) {
                retry(group, Enrichment.BAD_JSON, e.getMessage(), -1);
            }
            return;
        }
        List<Description> descriptions;
        try {
            descriptions = DescriptionJson.batch(content, group.size());
        } catch (BadJsonException e) {
            retryEach(group, e.getMessage());
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            if (descriptions.get(i) != null) {
                group.get(i).ok(descriptions.get(i));
            } else {
                retry(List.of(group.get(i)), Enrichment.BAD_JSON, "its part of the batch", -1);
            }
        }
    }

    /** Bad JSON for a batch: each frame is asked again on its own. */
    private void retryEach(List<Pending> group, String message) {
        for (Pending p : group) {
            retry(List.of(p), Enrichment.BAD_JSON, message, -1);
        }
    }

    private void retry(List<Pending> group, String code, String message, long retryAfterNanos) {
        List<Pending> live = live(group);
        if (live.isEmpty()) {
            return;
        }
        int made = live.stream().mapToInt(p -> p.attempts).max().orElse(0);
        if (made >= config.resilience().maxAttempts()) {
            failAll(live, code, message + " (" + made + " attempts)");
            return;
        }
        long delay = backoff.delayNanos(made, retryAfterNanos);
        if (delay >= remaining(live)) {
            failAll(
                    live,
                    code,
                    message
                            + " ("
                            + made
                            + " attempts; the next, in "
                            + TimeUnit.NANOSECONDS.toMillis(delay)
                            + " ms, would pass llm.deadline)");
            return;
        }
        later(() -> attempt(live), delay);
    }

    private void later(Runnable task, long nanos) {
        ProviderCalls.later(timer, task, nanos);
    }

    private List<Pending> live(List<Pending> group) {
        List<Pending> live = new ArrayList<>(group.size());
        for (Pending p : group) {
            if (!p.result.isDone()) {
                live.add(p);
            }
        }
        return live;
    }

    private long remaining(List<Pending> group) {
        long now = nanoTime.getAsLong();
        long least = Long.MAX_VALUE;
        for (Pending p : group) {
            least = Math.min(least, p.deadline - now);
        }
        return least;
    }

    private void failAll(List<Pending> group, String code, String message) {
        for (Pending p : group) {
            p.fail(code, message);
        }
    }

    /** Tokens to reserve: the prompt (about four characters a token), the pictures, the answer. */
    private int estimateTokens(List<Pending> group) {
        int text = DescribePrompt.SYSTEM.length() + 200;
        int perImage = "low".equals(config.imageDetail()) ? 85 : 765;
        for (Pending p : group) {
            text += p.frame.ocrText() == null ? 0 : Math.min(p.frame.ocrText().length(), 2000);
        }
        return text / 4 + group.size() * (perImage + config.maxTokens());
    }

    /** The message content as text: a string, or the text parts of a list of parts. */
    private static String content(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        StringBuilder text = new StringBuilder();
        if (node.isArray()) {
            for (JsonNode part : node) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    /**
     * The wait the provider asked for: OpenAI's {@code retry-after-ms}, else {@code Retry-After} in
     * seconds or as an HTTP date; negative when neither is there or readable.
     */
    static long retryAfterNanos(HttpResponse<?> response) {
        return ProviderCalls.retryAfterNanos(response);
    }

    /**
     * The provider's error message, short; nothing of it for authentication failures, whose
     * messages may quote the key.
     */
    private String errorText(HttpResponse<String> response) {
        return ProviderCalls.errorText(response, key, "llm");
    }

    private String redact(String text) {
        return key == null ? text : key.redact(text);
    }

    private String describe(Throwable e) {
        return ProviderCalls.describe(e, key);
    }

    private static Throwable unwrap(Throwable e) {
        return ProviderCalls.unwrap(e);
    }

    private static Duration min(Duration a, Duration b) {
        return ProviderCalls.min(a, b);
    }

    private static ThreadFactory daemon(String name) {
        return ProviderCalls.daemon(name);
    }

    /** State of the circuit breaker, for tests. */
    CircuitBreaker.State circuit() {
        return breaker.state();
    }

    @Override
    public void close() {
        closed = true;
        for (Pending p : List.copyOf(open)) {
            p.fail(Enrichment.ERROR, "the describer was closed with the call in flight");
        }
        timer.shutdownNow();
        callbacks.shutdownNow();
    }

    @Override
    public String toString() {
        return "OpenAiFrameDescriber[" + endpoint + ", model " + config.model() + "]";
    }

    /** One keyframe's call, across its attempts. */
    private final class Pending {
        final FrameToDescribe frame;
        final long start = nanoTime.getAsLong();
        final long deadline = start + config.resilience().deadline().toNanos();
        final CompletableFuture<Enrichment> result = new CompletableFuture<>();
        // Written by one attempt at a time (attempts of one call never overlap).
        volatile int attempts;
        volatile int inputTokens;
        volatile int outputTokens;

        Pending(FrameToDescribe frame) {
            this.frame = frame;
        }

        long latencyMs() {
            return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - start);
        }

        void ok(Description d) {
            result.complete(
                    new Enrichment(
                            Enrichment.OK,
                            d,
                            config.model(),
                            DescribePrompt.VERSION,
                            attempts,
                            latencyMs(),
                            inputTokens,
                            outputTokens,
                            false,
                            null));
        }

        void fail(String code, String message) {
            result.complete(
                    new Enrichment(
                            code,
                            null,
                            config.model(),
                            DescribePrompt.VERSION,
                            attempts,
                            latencyMs(),
                            inputTokens,
                            outputTokens,
                            false,
                            redact(message)));
        }
    }
}
