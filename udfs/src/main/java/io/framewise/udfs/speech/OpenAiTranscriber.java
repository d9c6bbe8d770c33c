package io.framewise.udfs.speech;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.remote.Backoff;
import io.framewise.pipeline.remote.Outage;
import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpokenSegment;
import io.framewise.pipeline.speech.Transcriber;
import io.framewise.pipeline.speech.Transcription;
import io.framewise.udfs.enrich.ApiKey;
import io.framewise.udfs.enrich.CircuitBreaker;
import io.framewise.udfs.enrich.ProviderCalls;
import io.framewise.udfs.enrich.RateLimiter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The {@link Transcriber} on the OpenAI-compatible {@code POST /v1/audio/transcriptions}: OpenAI
 * ({@code whisper-1}, {@code gpt-4o-transcribe}), Groq, whisper.cpp's server, faster-whisper
 * servers (speaches), vLLM, LocalAI, or the project's simulator, chosen by {@code speech.url} and
 * {@code speech.model}.
 *
 * <p>Each chunk is one multipart request: the WAV file, the model, {@code response_format} ({@code
 * verbose_json} with {@code timestamp_granularities[]} segment and word, or {@code json}), and the
 * language and prompt when configured. Segments come back with their times in the chunk; a server
 * that answers without segments ({@code json}, or a model such as {@code gpt-4o-transcribe} that
 * has no {@code verbose_json}) gives one segment over the chunk's speech. A server that rejects
 * {@code verbose_json} with a 400 naming it is asked again at once with {@code json}, and so is
 * every later chunk.
 *
 * <p>The resilience is the describing client's, from the same pieces: the circuit breaker's
 * permission ({@link CircuitBreaker}), the rate limiter's reservation ({@link RateLimiter},
 * requests per minute), the request ({@code speech.timeout}); on 429, 5xx, 408, a timeout or a
 * refused connection, another attempt after {@link Backoff}'s delay (the server's Retry-After when
 * given), up to {@code speech.retry.max-attempts}, within {@code speech.deadline}. Calls never
 * block: every wait is a task on one timer thread. The outcome always completes the future
 * normally. The API key ({@link ApiKey}) is read where the transcriber runs and sent only in the
 * Authorization header.
 */
public final class OpenAiTranscriber implements Transcriber {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whisper's language names in {@code verbose_json}, for the commonest languages. */
    private static final Map<String, String> LANGUAGES =
            Map.ofEntries(
                    Map.entry("english", "en"),
                    Map.entry("german", "de"),
                    Map.entry("french", "fr"),
                    Map.entry("spanish", "es"),
                    Map.entry("italian", "it"),
                    Map.entry("portuguese", "pt"),
                    Map.entry("dutch", "nl"),
                    Map.entry("polish", "pl"),
                    Map.entry("russian", "ru"),
                    Map.entry("ukrainian", "uk"),
                    Map.entry("turkish", "tr"),
                    Map.entry("arabic", "ar"),
                    Map.entry("hindi", "hi"),
                    Map.entry("japanese", "ja"),
                    Map.entry("korean", "ko"),
                    Map.entry("chinese", "zh"),
                    Map.entry("swedish", "sv"),
                    Map.entry("danish", "da"),
                    Map.entry("norwegian", "no"),
                    Map.entry("finnish", "fi"),
                    Map.entry("czech", "cs"),
                    Map.entry("greek", "el"),
                    Map.entry("hebrew", "he"),
                    Map.entry("indonesian", "id"),
                    Map.entry("vietnamese", "vi"));

    /** A serializable factory for the job: configuration only, the key is read where it runs. */
    public static Transcriber.Factory factory(SpeechConfig config) {
        return new TranscriberFactory(config);
    }

    /**
     * Where the API key will come from, in words that never include it; fails early, naming the
     * setting, when the key file cannot be read.
     */
    public static String apiKeySource(SpeechConfig config) {
        return ApiKey.source(config.provider(), "speech", System::getenv);
    }

    private record TranscriberFactory(SpeechConfig config) implements Transcriber.Factory {
        @Override
        public String model() {
            return config.model();
        }

        @Override
        public Transcriber create(int instances) {
            return new OpenAiTranscriber(config, instances, System::getenv);
        }
    }

    private final SpeechConfig config;
    private final URI endpoint;
    private final ApiKey key;
    private final HttpClient http;
    private final ExecutorService callbacks;
    private final ScheduledThreadPoolExecutor timer;
    private final RateLimiter limiter;
    private final CircuitBreaker breaker;
    private final Backoff backoff;
    private final LongSupplier nanoTime = System::nanoTime;
    private final Set<Pending> open = ConcurrentHashMap.newKeySet();
    private volatile boolean verbose;
    private volatile boolean closed;

    /**
     * @param instances transcribers sharing the configured rate limit (each takes its share)
     * @param env environment lookup for the API key variable
     */
    OpenAiTranscriber(SpeechConfig config, int instances, Function<String, String> env) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("speech.url is not set: no server to transcribe");
        }
        this.config = config;
        this.endpoint = URI.create(config.url().replaceAll("/+$", "") + "/audio/transcriptions");
        this.key = ApiKey.resolve(config.provider(), "speech", env);
        this.verbose = "verbose_json".equals(config.responseFormat());
        this.limiter =
                new RateLimiter(
                        config.resilience().requestsPerMinute() / (double) Math.max(1, instances),
                        0,
                        nanoTime);
        this.breaker =
                new CircuitBreaker(
                                config.resilience().circuitFailures(),
                                config.resilience().circuitOpenFor(),
                                config.resilience().requestTimeout().plusSeconds(1),
                                nanoTime)
                        .tellingOutages(
                                Outage.of(
                                        FramewiseMetrics.SPEECH,
                                        "the transcription server at " + endpoint.getHost(),
                                        OpenAiTranscriber.class));
        this.backoff = config.resilience().backoff();
        this.callbacks = Executors.newFixedThreadPool(2, daemon("framewise-speech-http"));
        this.timer = new ScheduledThreadPoolExecutor(1, daemon("framewise-speech-timer"));
        timer.setRemoveOnCancelPolicy(true);
        this.http = ProviderCalls.client(endpoint, config.resilience().requestTimeout(), callbacks);
    }

    @Override
    public CompletableFuture<Transcription> transcribe(AudioChunk chunk) {
        Pending p = new Pending(chunk);
        if (closed) {
            p.fail(Transcription.ERROR, "the transcriber is closed");
            return p.result;
        }
        open.add(p);
        p.result.whenComplete((t, error) -> open.remove(p));
        attempt(p);
        return p.result;
    }

    /** The circuit breaker, then the rate limiter, then the request. */
    private void attempt(Pending p) {
        if (p.result.isDone()) {
            return;
        }
        long remaining = p.remaining();
        if (remaining <= 0) {
            p.fail(
                    Transcription.TIMEOUT,
                    "speech.deadline (" + config.resilience().deadline() + ") passed");
            return;
        }
        long pause = breaker.waitNanos();
        if (pause > 0) {
            if (pause >= remaining) {
                p.fail(
                        Transcription.CIRCUIT_OPEN,
                        "the circuit breaker is open (the server keeps failing) and would stay"
                                + " open past speech.deadline");
            } else {
                later(() -> attempt(p), pause);
            }
            return;
        }
        long wait = limiter.reserve(0, remaining);
        if (wait < 0) {
            breaker.released();
            p.fail(
                    Transcription.RATE_LIMITED,
                    "the client-side rate limit (speech.rate.requests-per-minute) would wait past"
                            + " speech.deadline");
        } else if (wait == 0) {
            send(p);
        } else {
            later(() -> send(p), wait);
        }
    }

    private void send(Pending p) {
        if (p.result.isDone()) {
            breaker.released();
            return;
        }
        long remaining = p.remaining();
        if (remaining <= 0) {
            breaker.released();
            p.fail(
                    Transcription.TIMEOUT,
                    "speech.deadline (" + config.resilience().deadline() + ") passed");
            return;
        }
        p.attempts++;
        boolean askedVerbose = verbose;
        try {
            String boundary = "framewise-" + UUID.randomUUID();
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(endpoint)
                            .timeout(
                                    config.resilience().requestTimeout().toNanos() < remaining
                                            ? config.resilience().requestTimeout()
                                            : Duration.ofNanos(remaining))
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(
                                    HttpRequest.BodyPublishers.ofByteArray(
                                            multipart(p.chunk, boundary, askedVerbose)));
            if (key != null) {
                request.header("Authorization", key.bearer());
            }
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete(
                            (response, error) -> {
                                try {
                                    answered(p, askedVerbose, response, error);
                                } catch (RuntimeException e) {
                                    p.fail(Transcription.ERROR, describe(e));
                                }
                            });
        } catch (RuntimeException e) {
            breaker.released();
            p.fail(Transcription.ERROR, describe(e));
        }
    }

    /** The request body: the file and the form fields. */
    byte[] multipart(AudioChunk chunk, String boundary, boolean verboseJson) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(chunk.audio().length + 1024);
        part(
                body,
                boundary,
                "Content-Disposition: form-data; name=\"file\"; filename=\""
                        + chunk.fileName()
                        + "\"\r\nContent-Type: audio/"
                        + chunk.format(),
                chunk.audio());
        field(body, boundary, "model", config.model());
        field(body, boundary, "response_format", verboseJson ? "verbose_json" : "json");
        if (verboseJson) {
            field(body, boundary, "timestamp_granularities[]", "segment");
            field(body, boundary, "timestamp_granularities[]", "word");
        }
        field(body, boundary, "temperature", "0");
        if (!config.language().isEmpty()) {
            field(body, boundary, "language", config.language());
        }
        if (!config.prompt().isEmpty()) {
            field(body, boundary, "prompt", config.prompt());
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String v) {
        part(
                body,
                boundary,
                "Content-Disposition: form-data; name=\"" + name + "\"",
                v.getBytes(StandardCharsets.UTF_8));
    }

    private static void part(
            ByteArrayOutputStream body, String boundary, String headers, byte[] content) {
        body.writeBytes(
                ("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private void answered(
            Pending p, boolean askedVerbose, HttpResponse<String> response, Throwable error) {
        if (error != null) {
            Throwable cause = unwrap(error);
            if (!(cause instanceof IOException)) {
                breaker.released();
                p.fail(Transcription.ERROR, describe(cause));
                return;
            }
            breaker.failure();
            if (cause instanceof HttpTimeoutException) {
                retry(p, Transcription.TIMEOUT, "no answer within speech.timeout", -1);
            } else {
                retry(
                        p,
                        Transcription.CONNECTION,
                        "cannot reach " + endpoint.getHost() + ": " + describe(cause),
                        -1);
            }
            return;
        }
        int status = response.statusCode();
        if (status == 200) {
            breaker.success();
            try {
                p.ok(parse(response.body(), p.chunk));
            } catch (IOException | RuntimeException e) {
                retry(p, Transcription.BAD_ANSWER, "the answer is not a transcription", -1);
            }
            return;
        }
        long retryAfter = ProviderCalls.retryAfterNanos(response);
        String text = errorText(response);
        if (status == 429) {
            breaker.released();
            retry(p, Transcription.RATE_LIMITED, "HTTP 429 " + text, retryAfter);
        } else if (status >= 500) {
            breaker.failure();
            retry(p, Transcription.HTTP_5XX, "HTTP " + status + " " + text, retryAfter);
        } else if (status == 408) {
            breaker.failure();
            retry(p, Transcription.TIMEOUT, "HTTP 408 " + text, retryAfter);
        } else if (status == 400 && askedVerbose && mentionsVerbose(response.body())) {
            // A model without verbose_json (gpt-4o-transcribe): plain json from now on.
            breaker.success();
            verbose = false;
            p.attempts--;
            attempt(p);
        } else {
            breaker.success();
            p.fail(Transcription.HTTP_4XX, "HTTP " + status + " " + text);
        }
    }

    private static boolean mentionsVerbose(String body) {
        String b = body == null ? "" : body.toLowerCase(Locale.ROOT);
        return b.contains("verbose_json") || b.contains("response_format");
    }

    /** Segments from verbose_json, or one segment over the chunk's speech from plain json. */
    Parsed parse(String body, AudioChunk chunk) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (!root.isObject() || !root.path("text").isTextual()) {
            throw new IOException("no text in the answer");
        }
        long length = chunk.durationMs();
        List<SpokenSegment> segments = new ArrayList<>();
        JsonNode list = root.path("segments");
        if (list.isArray() && !list.isEmpty()) {
            for (JsonNode s : list) {
                String text = s.path("text").asText("").strip();
                if (text.isEmpty()) {
                    continue;
                }
                long start = clamp(Math.round(s.path("start").asDouble(0) * 1000), length);
                long end = clamp(Math.round(s.path("end").asDouble(0) * 1000), length);
                Double confidence =
                        s.path("avg_logprob").isNumber()
                                ? Math.min(1, Math.exp(s.path("avg_logprob").asDouble()))
                                : null;
                segments.add(new SpokenSegment(start, Math.max(start, end), text, confidence));
            }
        } else {
            String text = root.path("text").asText().strip();
            if (!text.isEmpty()) {
                long start = chunk.regions().isEmpty() ? 0 : chunk.regions().get(0).startMs();
                long end =
                        chunk.regions().isEmpty()
                                ? chunk.endMs()
                                : chunk.regions().get(chunk.regions().size() - 1).endMs();
                segments.add(
                        new SpokenSegment(
                                start - chunk.startMs(), end - chunk.startMs(), text, null));
            }
        }
        String language = language(root.path("language").asText(""));
        if (language == null && !config.language().isEmpty()) {
            language = config.language();
        }
        String model = root.path("model").isTextual() ? root.path("model").asText() : null;
        return new Parsed(segments, language, model == null ? config.model() : model);
    }

    /** What a 200 answer held. */
    record Parsed(List<SpokenSegment> segments, String language, String model) {}

    private static long clamp(long ms, long length) {
        return Math.max(0, Math.min(length, ms));
    }

    /** An ISO-639-1 code for Whisper's language name (or the code it already is); null if none. */
    static String language(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            return null;
        }
        if (n.matches("[a-z]{2,3}")) {
            return n;
        }
        return LANGUAGES.getOrDefault(n, n);
    }

    private void retry(Pending p, String code, String message, long retryAfterNanos) {
        if (p.result.isDone()) {
            return;
        }
        if (p.attempts >= config.resilience().maxAttempts()) {
            p.fail(code, message + " (" + p.attempts + " attempts)");
            return;
        }
        long delay = backoff.delayNanos(p.attempts, retryAfterNanos);
        if (delay >= p.remaining()) {
            p.fail(
                    code,
                    message
                            + " ("
                            + p.attempts
                            + " attempts; the next, in "
                            + TimeUnit.NANOSECONDS.toMillis(delay)
                            + " ms, would pass speech.deadline)");
            return;
        }
        later(() -> attempt(p), delay);
    }

    private void later(Runnable task, long nanos) {
        ProviderCalls.later(timer, task, nanos);
    }

    /** The server's error message, short; nothing of it for authentication failures. */
    private String errorText(HttpResponse<String> response) {
        return ProviderCalls.errorText(response, key, "speech");
    }

    private String redact(String text) {
        return ProviderCalls.redact(key, text);
    }

    private String describe(Throwable e) {
        return ProviderCalls.describe(e, key);
    }

    private static Throwable unwrap(Throwable e) {
        return ProviderCalls.unwrap(e);
    }

    private static ThreadFactory daemon(String name) {
        return ProviderCalls.daemon(name);
    }

    /** State of the circuit breaker, for tests. */
    CircuitBreaker.State circuit() {
        return breaker.state();
    }

    /** Whether verbose_json is still asked for. */
    boolean verbose() {
        return verbose;
    }

    @Override
    public void close() {
        closed = true;
        for (Pending p : List.copyOf(open)) {
            p.fail(Transcription.ERROR, "the transcriber was closed with the call in flight");
        }
        timer.shutdownNow();
        callbacks.shutdownNow();
    }

    @Override
    public String toString() {
        return "OpenAiTranscriber[" + endpoint + ", model " + config.model() + "]";
    }

    /** One chunk's call, across its attempts. */
    private final class Pending {
        final AudioChunk chunk;
        final long start = nanoTime.getAsLong();
        final long deadline = start + config.resilience().deadline().toNanos();
        final CompletableFuture<Transcription> result = new CompletableFuture<>();
        // Attempts of one call never overlap.
        volatile int attempts;

        Pending(AudioChunk chunk) {
            this.chunk = chunk;
        }

        long remaining() {
            return deadline - nanoTime.getAsLong();
        }

        long latencyMs() {
            return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - start);
        }

        void ok(Parsed parsed) {
            result.complete(
                    new Transcription(
                            Transcription.OK,
                            parsed.segments(),
                            parsed.language(),
                            parsed.model(),
                            attempts,
                            latencyMs(),
                            false,
                            null));
        }

        void fail(String code, String message) {
            result.complete(
                    new Transcription(
                            code,
                            List.of(),
                            null,
                            config.model(),
                            attempts,
                            latencyMs(),
                            false,
                            redact(message)));
        }
    }
}
