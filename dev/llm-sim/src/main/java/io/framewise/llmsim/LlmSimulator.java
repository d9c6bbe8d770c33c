package io.framewise.llmsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpeechRegion;
import io.framewise.udfs.speech.VoiceRegions;
import io.framewise.udfs.speech.Wav;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The project's own OpenAI-compatible vision LLM, for tests, benchmarks and the demo: {@code POST
 * /v1/chat/completions} with pictures as base64 data URLs, {@code POST /v1/audio/transcriptions}
 * with 16 kHz WAV files, {@code GET /v1/models}.
 *
 * <p>It understands neither pictures nor speech. Transcriptions are the speech regions the job's
 * own voice activity finds in the uploaded audio, with their real times, and as text either a
 * marker naming the region ({@code speech 12.40–15.10 s}, on the video's timeline where the file's
 * name gives the chunk's place) or the sentences a {@link Transcripts} file gives for that time of
 * that video; the model name in its answers ({@link #SPEECH_MODEL}) says so.
 *
 * <p>Answers are deterministic descriptions derived from each picture ({@link FrameAnalysis}:
 * brightness, main colours, whether there is text), in the JSON the project's prompt asks for (one
 * object, or {@code {"frames": [...]}} for several pictures), with the OCR data of the prompt as
 * the visible-text summary. Token counts are computed from the request and the answer: prompt text
 * at four characters a token plus OpenAI's image tokens (85 for {@code detail: low}, 85 + 170 per
 * 512-pixel tile otherwise), and the answer at four characters a token.
 *
 * <p>It misbehaves on purpose, at the configured rates, each request drawn independently: 429 with
 * {@code Retry-After} and {@code retry-after-ms}, 500, no answer at all (the client's timeout must
 * fire), answers in a Markdown fence with a trailing comma (repairable) or cut short (not). Latency
 * is log-normal around the configured median. Waits never hold a thread: answers are sent from a
 * timer when due.
 */
public final class LlmSimulator implements AutoCloseable {

    /** The model name it reports in {@code /v1/models}; it answers for any model asked. */
    public static final String MODEL = "framewise-sim";

    /** The model its transcriptions name: it finds where speech is, it does not recognise words. */
    public static final String SPEECH_MODEL = "framewise-sim-speech (no speech recognition)";

    /**
     * @param port 0: a free port
     * @param latencyMs median latency of an answer
     * @param p429 share of requests answered 429
     * @param p500 share answered 500
     * @param pTimeout share never answered
     * @param pBadJson share answered with JSON cut short (unusable)
     * @param pFencedJson share answered with JSON in a Markdown fence with a trailing comma
     * @param retryAfterMs the wait a 429 asks for
     * @param seed seeds the draws
     * @param apiKey the key requests must carry as a bearer token; null: none needed
     * @param maxPerSecond a server-side limit: requests beyond this many in one second get 429 (0:
     *     none)
     */
    public record Options(
            int port,
            long latencyMs,
            double p429,
            double p500,
            double pTimeout,
            double pBadJson,
            double pFencedJson,
            long retryAfterMs,
            long seed,
            String apiKey,
            int maxPerSecond) {

        public Options {
            for (double p : new double[] {p429, p500, pTimeout, pBadJson, pFencedJson}) {
                if (p < 0 || p > 1) {
                    throw new IllegalArgumentException("probabilities must be 0-1, got " + p);
                }
            }
            if (p429 + p500 + pTimeout > 1) {
                throw new IllegalArgumentException("p429 + p500 + ptimeout must be at most 1");
            }
            if (latencyMs < 0 || retryAfterMs < 0 || maxPerSecond < 0) {
                throw new IllegalArgumentException("latency, retry-after and limits must be >= 0");
            }
        }

        /** The {@code llm-sim} command's defaults: 250 ms, 5% 429, 2% 500, 1% no answer. */
        public static Options defaults() {
            return new Options(0, 250, 0.05, 0.02, 0.01, 0, 0, 1000, 42, null, 0);
        }

        /** Always answers, correctly, after {@code latencyMs}. */
        public static Options wellBehaved(long latencyMs) {
            return new Options(0, latencyMs, 0, 0, 0, 0, 0, 1000, 42, null, 0);
        }

        public Options withPort(int p) {
            return new Options(
                    p,
                    latencyMs,
                    p429,
                    p500,
                    pTimeout,
                    pBadJson,
                    pFencedJson,
                    retryAfterMs,
                    seed,
                    apiKey,
                    maxPerSecond);
        }

        public Options withFaults(double p429, double p500, double pTimeout) {
            return new Options(
                    port,
                    latencyMs,
                    p429,
                    p500,
                    pTimeout,
                    pBadJson,
                    pFencedJson,
                    retryAfterMs,
                    seed,
                    apiKey,
                    maxPerSecond);
        }

        public Options withJsonFaults(double pBadJson, double pFencedJson) {
            return new Options(
                    port,
                    latencyMs,
                    p429,
                    p500,
                    pTimeout,
                    pBadJson,
                    pFencedJson,
                    retryAfterMs,
                    seed,
                    apiKey,
                    maxPerSecond);
        }

        public Options withRetryAfterMs(long ms) {
            return new Options(
                    port,
                    latencyMs,
                    p429,
                    p500,
                    pTimeout,
                    pBadJson,
                    pFencedJson,
                    ms,
                    seed,
                    apiKey,
                    maxPerSecond);
        }

        public Options withApiKey(String key) {
            return new Options(
                    port,
                    latencyMs,
                    p429,
                    p500,
                    pTimeout,
                    pBadJson,
                    pFencedJson,
                    retryAfterMs,
                    seed,
                    key,
                    maxPerSecond);
        }

        public Options withMaxPerSecond(int max) {
            return new Options(
                    port,
                    latencyMs,
                    p429,
                    p500,
                    pTimeout,
                    pBadJson,
                    pFencedJson,
                    retryAfterMs,
                    seed,
                    apiKey,
                    max);
        }

        @Override
        public String toString() {
            return "Options[port="
                    + port
                    + ", latencyMs="
                    + latencyMs
                    + ", p429="
                    + p429
                    + ", p500="
                    + p500
                    + ", pTimeout="
                    + pTimeout
                    + ", pBadJson="
                    + pBadJson
                    + ", pFencedJson="
                    + pFencedJson
                    + ", apiKey="
                    + (apiKey == null ? "none" : "***")
                    + "]";
        }
    }

    /** What the simulator has answered so far. */
    public record Stats(
            long requests,
            long ok,
            long rateLimited,
            long serverErrors,
            long unanswered,
            long badJson,
            long fencedJson,
            long unauthorized,
            long badRequests,
            long pictures,
            long transcriptions,
            long audioMs) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long an unanswered request is held before its connection is dropped. */
    private static final long HANG_MS = 600_000;

    private volatile Options options;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService timer;
    private final Random random;
    private final Set<HttpExchange> held = ConcurrentHashMap.newKeySet();
    private final Deque<Long> recent = new ArrayDeque<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong badJson = new AtomicLong();
    private final AtomicLong fencedJson = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    private final AtomicLong badRequests = new AtomicLong();
    private final AtomicLong pictures = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong transcriptions = new AtomicLong();
    private final AtomicLong audioMs = new AtomicLong();
    private volatile Transcripts transcripts = Transcripts.none();

    private LlmSimulator(Options options) throws IOException {
        this.options = options;
        this.random = new Random(options.seed());
        this.server =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()),
                        1024);
        this.handlers = Executors.newFixedThreadPool(4, daemon("llm-sim-handler"));
        this.timer = Executors.newScheduledThreadPool(2, daemon("llm-sim-timer"));
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a simulator on the loopback interface. */
    public static LlmSimulator start(Options options) throws IOException {
        return new LlmSimulator(options);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL to configure as {@code llm.url}, e.g. {@code http://127.0.0.1:8089/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port() + "/v1");
    }

    public Options options() {
        return options;
    }

    /** The sentences of test videos that transcriptions give instead of region markers. */
    public void transcripts(Transcripts t) {
        this.transcripts = t;
    }

    /** Changes the fault rates from now on: a provider going down, or coming back. */
    public void faults(double p429, double p500, double pTimeout) {
        options = options.withFaults(p429, p500, pTimeout);
    }

    public Stats stats() {
        return new Stats(
                requests.get(),
                ok.get(),
                rateLimited.get(),
                serverErrors.get(),
                unanswered.get(),
                badJson.get(),
                fencedJson.get(),
                unauthorized.get(),
                badRequests.get(),
                pictures.get(),
                transcriptions.get(),
                audioMs.get());
    }

    private enum Fate {
        OK,
        RATE_LIMITED,
        SERVER_ERROR,
        UNANSWERED,
        BAD_JSON,
        FENCED_JSON
    }

    private void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if ("GET".equals(method) && path.endsWith("/models")) {
                ObjectNode list = JSON.createObjectNode().put("object", "list");
                list.putArray("data").addObject().put("id", MODEL).put("object", "model");
                respond(ex, 200, list.toString(), null);
                return;
            }
            boolean audio = path.endsWith("/audio/transcriptions");
            if (!"POST".equals(method) || !(audio || path.endsWith("/chat/completions"))) {
                respond(ex, 404, error("no such endpoint: " + method + " " + path), null);
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            if (options.apiKey() != null
                    && !("Bearer " + options.apiKey())
                            .equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                respond(ex, 401, error("invalid or missing API key"), null);
                return;
            }
            Fate fate = fate();
            switch (fate) {
                case RATE_LIMITED -> {
                    rateLimited.incrementAndGet();
                    later(
                            () ->
                                    respond(
                                            ex,
                                            429,
                                            error("rate limit reached (simulated)"),
                                            options.retryAfterMs()),
                            latency() / 5);
                }
                case SERVER_ERROR -> {
                    serverErrors.incrementAndGet();
                    later(
                            () -> respond(ex, 500, error("internal error (simulated)"), null),
                            latency() / 2);
                }
                case UNANSWERED -> {
                    unanswered.incrementAndGet();
                    held.add(ex);
                    later(() -> drop(ex), HANG_MS);
                }
                default -> {
                    if (audio) {
                        transcribe(ex, body, fate);
                    } else {
                        answer(ex, body, fate);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            badRequests.incrementAndGet();
            respond(ex, 400, error("bad request: " + e.getMessage()), null);
        }
    }

    private void answer(HttpExchange ex, byte[] body, Fate fate) throws IOException {
        long started = System.nanoTime();
        JsonNode request = JSON.readTree(body);
        String model = request.path("model").asText("");
        if (model.isEmpty() || !request.path("messages").isArray()) {
            throw new IOException("a model and messages are needed");
        }
        int textChars = 0;
        int imageTokens = 0;
        List<FrameAnalysis> frames = new ArrayList<>();
        List<String> ocr = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                textChars += content.asText().length();
                continue;
            }
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText())) {
                    String text = part.path("text").asText();
                    textChars += text.length();
                    ocr.addAll(ocrTexts(text));
                } else if ("image_url".equals(part.path("type").asText())) {
                    String url = part.path("image_url").path("url").asText();
                    int comma = url.indexOf(',');
                    if (!url.startsWith("data:image/") || comma < 0) {
                        throw new IOException("pictures must be base64 data URLs");
                    }
                    byte[] picture = Base64.getDecoder().decode(url.substring(comma + 1));
                    FrameAnalysis a = FrameAnalysis.of(picture);
                    frames.add(a);
                    imageTokens +=
                            imageTokens(
                                    picture, part.path("image_url").path("detail").asText("auto"));
                }
            }
        }
        if (frames.isEmpty()) {
            throw new IOException("no picture in the request");
        }
        pictures.addAndGet(frames.size());
        String content = content(frames, ocr);
        if (fate == Fate.BAD_JSON) {
            badJson.incrementAndGet();
            content = content.substring(0, content.length() / 2);
        } else if (fate == Fate.FENCED_JSON) {
            fencedJson.incrementAndGet();
            content =
                    "Here is the JSON you asked for:\n```json\n"
                            + content.substring(0, content.length() - 1)
                            + ",}\n```";
        } else {
            ok.incrementAndGet();
        }
        int promptTokens = (textChars + 3) / 4 + imageTokens;
        int completionTokens = (content.length() + 3) / 4;
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", "chatcmpl-sim-" + ids.incrementAndGet());
        answer.put("object", "chat.completion");
        answer.put("created", System.currentTimeMillis() / 1000);
        answer.put("model", model);
        ObjectNode choice = answer.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        answer.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        long spentMs = (System.nanoTime() - started) / 1_000_000;
        String json = answer.toString();
        later(() -> respond(ex, 200, json, null), Math.max(0, latency() - spentMs));
    }

    /**
     * A transcription: the speech regions of the uploaded WAV file as segments, with their real
     * times; as text, the transcript file's sentences where the file's name ({@code video@startMs})
     * places the region in a video they describe, else a marker naming the region's time.
     */
    private void transcribe(HttpExchange ex, byte[] body, Fate fate) throws IOException {
        long started = System.nanoTime();
        Multipart form = Multipart.parse(body, ex.getRequestHeaders().getFirst("Content-Type"));
        Multipart.Part file = form.part("file");
        String model = form.text("model");
        if (file == null || model == null || model.isBlank()) {
            throw new IOException("a file and a model are needed");
        }
        byte[] wav = file.content();
        short[] samples;
        try {
            samples = Wav.decode(wav);
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    "the simulator reads 16-bit mono WAV files only: " + e.getMessage());
        }
        if (Wav.sampleRate(wav) != 16_000) {
            throw new IOException("the simulator reads 16 kHz WAV files only");
        }
        String format =
                form.text("response_format") == null ? "json" : form.text("response_format");
        if (!format.equals("json") && !format.equals("verbose_json") && !format.equals("text")) {
            throw new IOException("response_format must be json, verbose_json or text");
        }
        transcriptions.incrementAndGet();
        audioMs.addAndGet(samples.length / 16);
        // The file name says where the chunk lies: "video@startMs.wav".
        String name = file.fileName() == null ? "" : file.fileName();
        String video = null;
        long offset = 0;
        int at = name.lastIndexOf('@');
        int dot = name.lastIndexOf('.');
        if (at > 0 && dot > at) {
            try {
                offset = Long.parseLong(name.substring(at + 1, dot));
                video = name.substring(0, at);
            } catch (NumberFormatException e) {
                video = null;
            }
        }
        ArrayNode segments = JSON.createArrayNode();
        StringBuilder all = new StringBuilder();
        int id = 0;
        for (SpeechRegion r : VoiceRegions.find(samples, SpeechConfig.defaults())) {
            String text =
                    video == null
                            ? null
                            : transcripts.text(video, offset + r.startMs(), offset + r.endMs());
            if (text == null) {
                text =
                        String.format(
                                java.util.Locale.ROOT,
                                "speech %.2f–%.2f s",
                                (offset + r.startMs()) / 1000.0,
                                (offset + r.endMs()) / 1000.0);
            }
            ObjectNode seg = segments.addObject();
            seg.put("id", id++);
            seg.put("seek", 0);
            seg.put("start", r.startMs() / 1000.0);
            seg.put("end", r.endMs() / 1000.0);
            seg.put("text", " " + text);
            seg.put("avg_logprob", -0.25);
            seg.put("no_speech_prob", 0.01);
            if (all.length() > 0) {
                all.append(' ');
            }
            all.append(text);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("task", "transcribe");
        answer.put("language", form.text("language") == null ? "english" : form.text("language"));
        answer.put("duration", samples.length / 16_000.0);
        answer.put("text", all.toString());
        answer.put("model", SPEECH_MODEL);
        if (format.equals("verbose_json")) {
            answer.set("segments", segments);
        }
        String json = format.equals("text") ? all.toString() : answer.toString();
        if (fate == Fate.BAD_JSON) {
            badJson.incrementAndGet();
            json = json.substring(0, json.length() / 2);
        } else {
            ok.incrementAndGet();
        }
        long spentMs = (System.nanoTime() - started) / 1_000_000;
        String out = json;
        later(() -> respond(ex, 200, out, null), Math.max(0, latency() - spentMs));
    }

    /** The JSON the prompt asks for: one object, or {"frames": [...]} for several pictures. */
    private static String content(List<FrameAnalysis> frames, List<String> ocr) {
        ArrayNode all = JSON.createArrayNode();
        for (int i = 0; i < frames.size(); i++) {
            FrameAnalysis a = frames.get(i);
            ObjectNode o = all.addObject();
            o.put("description", a.description());
            ArrayNode tags = o.putArray("tags");
            a.tags().forEach(tags::add);
            o.put("scene_type", a.sceneType());
            String text = i < ocr.size() ? ocr.get(i) : null;
            if (text == null) {
                o.putNull("visible_text_summary");
            } else {
                o.put("visible_text_summary", text.length() <= 100 ? text : text.substring(0, 100));
            }
            o.put("people_count", 0);
        }
        if (frames.size() == 1) {
            return all.get(0).toString();
        }
        ObjectNode batch = JSON.createObjectNode();
        batch.set("frames", all);
        return batch.toString();
    }

    /** The OCR texts in the prompt's data block (one per frame, null where none), if present. */
    private static List<String> ocrTexts(String text) {
        int at = text.indexOf("OCR data");
        if (at < 0) {
            return List.of();
        }
        int newline = text.indexOf('\n', at);
        if (newline < 0) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        try {
            JsonNode data = JSON.readTree(text.substring(newline + 1));
            if (data.isObject()) {
                data = JSON.createArrayNode().add(data);
            }
            for (JsonNode d : data) {
                JsonNode t = d.path("ocr_text");
                texts.add(t.isTextual() && !t.asText().isBlank() ? t.asText() : null);
            }
        } catch (IOException e) {
            return List.of();
        }
        return texts;
    }

    /**
     * OpenAI's image tokens: 85 at low detail; else 85 + 170 per 512-pixel tile of the scaled
     * picture.
     */
    private static int imageTokens(byte[] picture, String detail) throws IOException {
        if ("low".equals(detail)) {
            return 85;
        }
        java.awt.image.BufferedImage image =
                javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(picture));
        double w = image.getWidth();
        double h = image.getHeight();
        double fit = Math.min(1, 2048 / Math.max(w, h));
        w *= fit;
        h *= fit;
        double shortSide = Math.min(1, 768 / Math.min(w, h));
        w *= shortSide;
        h *= shortSide;
        return 85 + 170 * (int) (Math.ceil(w / 512) * Math.ceil(h / 512));
    }

    private Fate fate() {
        Options options = this.options;
        double r;
        double j;
        synchronized (random) {
            r = random.nextDouble();
            j = random.nextDouble();
        }
        if (overServerLimit()) {
            return Fate.RATE_LIMITED;
        }
        if (r < options.p429()) {
            return Fate.RATE_LIMITED;
        } else if (r < options.p429() + options.p500()) {
            return Fate.SERVER_ERROR;
        } else if (r < options.p429() + options.p500() + options.pTimeout()) {
            return Fate.UNANSWERED;
        } else if (j < options.pBadJson()) {
            return Fate.BAD_JSON;
        } else if (j < options.pBadJson() + options.pFencedJson()) {
            return Fate.FENCED_JSON;
        }
        return Fate.OK;
    }

    private boolean overServerLimit() {
        if (options.maxPerSecond() <= 0) {
            return false;
        }
        long now = System.nanoTime();
        synchronized (recent) {
            while (!recent.isEmpty() && now - recent.peekFirst() >= 1_000_000_000L) {
                recent.pollFirst();
            }
            if (recent.size() >= options.maxPerSecond()) {
                return true;
            }
            recent.addLast(now);
            return false;
        }
    }

    /** Log-normal around the median (sigma 0.3), within a fifth and five times of it. */
    private long latency() {
        double g;
        synchronized (random) {
            g = random.nextGaussian();
        }
        double ms = options.latencyMs() * Math.exp(0.3 * g);
        return Math.round(
                Math.max(options.latencyMs() / 5.0, Math.min(options.latencyMs() * 5.0, ms)));
    }

    private void later(Runnable task, long ms) {
        try {
            timer.schedule(task, ms, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // Shutting down.
        }
    }

    private static String error(String message) {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("error").put("message", message).put("type", "simulated_error");
        return e.toString();
    }

    private static void respond(HttpExchange ex, int status, String body, Long retryAfterMs) {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            if (retryAfterMs != null) {
                ex.getResponseHeaders()
                        .set("Retry-After", Long.toString((retryAfterMs + 999) / 1000));
                ex.getResponseHeaders().set("retry-after-ms", Long.toString(retryAfterMs));
            }
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException | RuntimeException e) {
            // The client went away (it timed out): nothing to answer.
        }
    }

    private void drop(HttpExchange ex) {
        if (held.remove(ex)) {
            ex.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        for (HttpExchange ex : List.copyOf(held)) {
            drop(ex);
        }
        timer.shutdownNow();
        handlers.shutdownNow();
    }
}
