package io.framewise.jobs.cli;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.dev.eval.BoundaryMatcher;
import io.framewise.dev.eval.Labels;
import io.framewise.dev.eval.Manifest;
import io.framewise.dev.eval.Score;
import io.framewise.jobs.QueryEmbedders;
import io.framewise.jobs.SearchPage;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.llmsim.LlmSimulator;
import io.framewise.llmsim.Transcripts;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.search.SearchQuery;
import io.framewise.search.SearchService;
import io.framewise.search.SpokenLines;
import io.framewise.search.Views;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import io.framewise.testkit.samples.SpeakingVideo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.generic.GenericRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code framewise demo}: makes sample videos, indexes them and shows what was found. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Generate labelled sample videos (slides with text, motion, a flash, dissolves,"
                    + " fades, portrait VP9) plus one broken file, run the indexing job over them,"
                    + " and print each video's shots with their timecodes and the text read on"
                    + " screen, checked against the labels.",
            "Samples and their manifest.json stay under OUT/samples (for `framewise eval`);"
                    + " the tables and keyframes under OUT.",
            "Keyframes are described by the vision LLM given with --llm (or llm.url), else by"
                    + " the project's LLM simulator, started for the demo.",
            "With espeak-ng installed, a sample that speaks is indexed too, its speech"
                    + " transcribed by the server given with --transcribe (or speech.url), else by"
                    + " the simulator, which recognises no speech but answers with the sentences"
                    + " the sample was made to say; its transcript lines are printed with their"
                    + " timecodes.",
            "The samples are indexed into Elasticsearch too: the one given with --es, or a local"
                    + " one started for the demo; then the search page starts and its address is"
                    + " printed (Ctrl-C stops both). With --no-serve it searches a few phrases,"
                    + " prints the top results and stops."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--out",
            defaultValue = "framewise-data",
            paramLabel = "DIR",
            description = "Output directory (default: ./framewise-data).")
    Path out;

    @Mixin DetectorOptions options = new DetectorOptions();

    @Mixin LlmOptions llm = new LlmOptions();
    @Mixin ElasticsearchOptions es = new ElasticsearchOptions();

    @Option(
            names = "--port",
            defaultValue = "8080",
            paramLabel = "N",
            description = "Port of the search page (default 8080, another if it is taken).")
    int port;

    @Option(
            names = "--no-serve",
            description = "Search a few phrases and stop instead of serving the search page.")
    boolean noServe;

    /** Phrases shown in the samples, searched with --no-serve. */
    static final List<String> PHRASES =
            List.of("Content detector", "Sunset over the harbour", "follow for more");

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Path dir = out.resolve("samples");
        w.println("Generating sample videos in " + dir + " ...");
        w.flush();
        List<LabelledVideo> videos = new ArrayList<>();
        for (SampleSpec s : SampleVideos.demo()) {
            videos.add(SampleVideoWriter.write(s, dir));
        }
        // A broken upload among the good ones: it becomes a failure row, the rest go on.
        Files.writeString(dir.resolve("broken-upload.mp4"), "this is not a video\n".repeat(20));
        Manifest.write(dir.resolve("manifest.json"), videos, List.of("broken-upload.mp4"));

        List<VideoRef> refs = new ArrayList<>();
        for (LabelledVideo v : videos) {
            refs.add(VideoRef.of(dir.resolve(v.file())));
        }
        refs.add(VideoRef.of(dir.resolve("broken-upload.mp4")));
        // A sample that speaks, for the speech stage (espeak-ng says known sentences).
        Transcripts talk = speakingSample(dir, w);
        if (talk != null) {
            refs.add(VideoRef.of(dir.resolve(TALK)));
        }

        Properties settings = options.sources(llm.settings(), es.settings()).properties();
        LocalElasticsearch local = null;
        if (!ElasticsearchConfig.configured(settings)) {
            w.println("Starting a local Elasticsearch (no --es given) ...");
            w.flush();
            local = LocalElasticsearch.start(LocalElasticsearch.DEFAULT_HEAP);
            settings.setProperty("es.url", local.url());
            // One node: replicas could never be assigned.
            settings.setProperty("es.replicas", "0");
            w.println(
                    "Local Elasticsearch at "
                            + local.url()
                            + " (data in "
                            + local.directory()
                            + ")");
        }
        FramewiseConfig config = FramewiseConfig.parse(settings);
        ElasticsearchConfig search = config.es();
        try {
            try (LlmSimulator sim = simulatorUnlessConfigured(config, settings, w);
                    LlmSimulator speech = transcriberUnlessConfigured(config, settings, talk, w)) {
                // Parsed again with the simulators' URLs that the settings now hold.
                config = FramewiseConfig.parse(settings);
                IndexRunner.run(w, refs, out, Runtime.getRuntime().availableProcessors(), config);
            }
            report(w, videos, refs, dir);
            if (talk != null) {
                transcript(w, refs.get(refs.size() - 1));
            }
            if (noServe) {
                searchSamples(w, search, config);
            } else {
                serve(w, search, config, local);
                local = null;
            }
        } finally {
            if (local != null) {
                local.close();
            }
        }
        return 0;
    }

    /** The shots of each sample as indexed, against the labels, and the broken file's failure. */
    private void report(PrintWriter w, List<LabelledVideo> videos, List<VideoRef> refs, Path dir)
            throws Exception {
        List<GenericRecord> shots = ParquetTableReader.read(out, Tables.SHOTS);
        List<GenericRecord> frames = ParquetTableReader.read(out, Tables.FRAMES);
        BoundaryMatcher matcher = new BoundaryMatcher(EvalCommand.TOLERANCE);
        for (int i = 0; i < videos.size(); i++) {
            LabelledVideo v = videos.get(i);
            String id = refs.get(i).videoId();
            List<GenericRecord> mine = of(shots, id);
            mine.sort(Comparator.comparingInt(r -> (Integer) r.get("shot_index")));
            w.printf("%n%s (%s): %d shots%n", v.file(), id, mine.size());
            List<Long> starts = new ArrayList<>();
            for (GenericRecord s : mine) {
                int index = (Integer) s.get("shot_index");
                if (index > 0) {
                    starts.add((Long) s.get("first_frame"));
                }
                w.printf(
                        "  shot %2d  %-9s frames %4d-%-4d %s%n",
                        index,
                        s.get("transition_in"),
                        (Long) s.get("first_frame"),
                        (Long) s.get("last_frame"),
                        textOf(frames, id, index));
                String described = descriptionOf(frames, id, index);
                if (!described.isEmpty()) {
                    w.printf("           %s%n", described);
                }
            }
            Score score = matcher.score(new Labels(v.cuts(), v.gradual(), v.noCut()), starts);
            w.printf(
                    "  shot starts against the labels: precision %.2f, recall %.2f%n",
                    score.precision(), score.recall());
        }
        for (GenericRecord f : ParquetTableReader.read(out, Tables.FAILURES)) {
            w.printf(
                    "%nfailure: %s %s (%s): %s%n",
                    f.get("stage"), f.get("code"), f.get("uri"), f.get("message"));
        }
        w.printf(
                "%nMeasure shot detection again: ./framewise eval %s%n",
                dir.resolve("manifest.json"));
        w.flush();
    }

    /** Searches the sample phrases and prints each one's best moment. */
    private static void searchSamples(
            PrintWriter w, ElasticsearchConfig config, FramewiseConfig settings) {
        w.println();
        try (ElasticsearchConnection c = ElasticsearchConnection.open(config);
                SearchService search = new SearchService(c, QueryEmbedders.of(settings))) {
            for (String phrase : PHRASES) {
                Views.Results r = search.search(SearchQuery.of(phrase));
                if (r.results().isEmpty()) {
                    w.printf("search \"%s\": nothing found%n", phrase);
                    continue;
                }
                Views.Hit top = r.results().get(0);
                w.printf(
                        "search \"%s\": %s shot %d at %s (%d found, %d ms, %s)%n",
                        phrase,
                        top.title(),
                        top.shot(),
                        top.timecode(),
                        r.total(),
                        r.tookMs(),
                        r.mode());
            }
            if (settings.speech().enabled()) {
                List<SpokenLines.Line> said = search.spokenLines().search(SPOKEN_PHRASE, null, 3);
                if (said.isEmpty()) {
                    w.printf("search spoken \"%s\": nothing found%n", SPOKEN_PHRASE);
                } else {
                    SpokenLines.Line top = said.get(0);
                    w.printf(
                            "search spoken \"%s\": %s at %s (shot %d): \"%s\"%n",
                            SPOKEN_PHRASE,
                            top.videoId(),
                            top.timecode(),
                            top.shotIndex(),
                            top.text());
                }
            }
        }
        w.flush();
    }

    /** Serves the search page until Ctrl-C, then stops it and the local Elasticsearch. */
    private void serve(
            PrintWriter w,
            ElasticsearchConfig config,
            FramewiseConfig settings,
            LocalElasticsearch local)
            throws Exception {
        SearchPage page =
                SearchPage.start(config, QueryEmbedders.of(settings), out, "127.0.0.1", port, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    page.close();
                                    if (local != null) {
                                        local.close();
                                    }
                                    stopped.countDown();
                                },
                                "stop-demo"));
        w.println();
        ServeCommand.printAddress(w, page, config);
        stopped.await();
    }

    private static List<GenericRecord> of(List<GenericRecord> rows, String videoId) {
        List<GenericRecord> mine = new ArrayList<>();
        for (GenericRecord r : rows) {
            if (videoId.equals(r.get("video_id").toString())) {
                mine.add(r);
            }
        }
        return mine;
    }

    /**
     * The LLM simulator on a free port, with {@code llm.url} set to it in {@code settings}, when no
     * LLM is configured; null (nothing to close) when one is.
     */
    private static LlmSimulator simulatorUnlessConfigured(
            FramewiseConfig given, Properties settings, PrintWriter w) throws java.io.IOException {
        if (given.llm().enabled()) {
            w.printf("Describing keyframes with the LLM at %s%n", settings.getProperty("llm.url"));
            return null;
        }
        // Faster than llm-sim's defaults so the demo stays quick, and no unanswered requests
        // (each would wait out llm.timeout); rate limits and server errors stay, and are retried.
        LlmSimulator sim =
                LlmSimulator.start(
                        LlmSimulator.Options.wellBehaved(100)
                                .withFaults(0.05, 0.02, 0)
                                .withRetryAfterMs(500));
        settings.setProperty("llm.url", sim.baseUrl().toString());
        settings.setProperty("llm.model", LlmSimulator.MODEL);
        w.printf(
                "No LLM configured (--llm URL): describing keyframes with the built-in LLM"
                        + " simulator at %s.%n"
                        + "Its descriptions come from colours, brightness and whether there is"
                        + " text, not from understanding the picture.%n",
                sim.baseUrl());
        w.flush();
        return sim;
    }

    /** The speaking sample's file name. */
    static final String TALK = "talk.mp4";

    /** What the speaking sample says, by when it starts. */
    static final List<SpeakingVideo.Line> TALK_LINES =
            List.of(
                    new SpeakingVideo.Line(800, "Welcome to the Framewise demo."),
                    new SpeakingVideo.Line(4_600, "Every word said here becomes searchable."),
                    new SpeakingVideo.Line(9_500, "The library closes at nine tonight."));

    /** A phrase of the speaking sample, searched with --no-serve. */
    static final String SPOKEN_PHRASE = "library closes at nine";

    /**
     * Writes the speaking sample (three shots, three sentences, a tone) and returns what it says,
     * as the simulator's transcript file would; null, saying so, without espeak-ng.
     */
    private static Transcripts speakingSample(Path dir, PrintWriter w) throws Exception {
        if (!SpeakingVideo.available()) {
            w.println(
                    "espeak-ng is not installed: no speaking sample (apt-get install espeak-ng"
                            + " for the speech demo).");
            return null;
        }
        List<SpeakingVideo.Spoken> spoken =
                SpeakingVideo.write(
                        new SpeakingVideo.Spec(
                                13_000,
                                List.of(4_000L, 8_000L),
                                TALK_LINES,
                                List.of(new SpeakingVideo.Sweep(7_000, 8_500, 400, 2400)),
                                true),
                        dir.resolve(TALK));
        List<Transcripts.Line> lines = new ArrayList<>();
        for (SpeakingVideo.Spoken s : spoken) {
            lines.add(new Transcripts.Line(TALK, s.startMs(), s.endMs(), s.text()));
        }
        Transcripts.write(dir.resolve("talk-transcripts.tsv"), lines);
        return new Transcripts(lines);
    }

    /**
     * The simulator, transcribing from the speaking sample's transcript file, with {@code
     * speech.url} set to it, when no speech server is configured and there is a speaking sample;
     * null (nothing to close) otherwise.
     */
    private static LlmSimulator transcriberUnlessConfigured(
            FramewiseConfig given, Properties settings, Transcripts talk, PrintWriter w)
            throws java.io.IOException {
        if (given.speech().enabled()) {
            w.printf(
                    "Transcribing speech with the server at %s%n",
                    settings.getProperty("speech.url"));
            return null;
        }
        if (talk == null) {
            return null;
        }
        LlmSimulator sim =
                LlmSimulator.start(
                        LlmSimulator.Options.wellBehaved(100)
                                .withFaults(0.05, 0.02, 0)
                                .withRetryAfterMs(500));
        sim.transcripts(talk);
        settings.setProperty("speech.url", sim.baseUrl().toString());
        w.printf(
                "No speech server configured (--transcribe URL): transcribing with the built-in"
                        + " simulator at %s.%n"
                        + "It recognises no speech: it finds where speech is and answers with the"
                        + " sentences the sample was made to say (a real server: --transcribe"
                        + " https://api.openai.com/v1 --transcribe-model whisper-1).%n",
                sim.baseUrl());
        w.flush();
        return sim;
    }

    /** The speaking sample's transcript lines with their timecodes, from the table. */
    private void transcript(PrintWriter w, VideoRef talk) throws Exception {
        List<GenericRecord> lines =
                of(ParquetTableReader.read(out, Tables.TRANSCRIPTS), talk.videoId());
        lines.sort(Comparator.comparingInt(r -> (Integer) r.get("segment")));
        w.printf("%n%s (%s): %d transcript lines%n", TALK, talk.videoId(), lines.size());
        for (GenericRecord l : lines) {
            w.printf(
                    "  %s  shot %d  \"%s\"%n",
                    l.get("timecode"), (Integer) l.get("shot_index"), l.get("text"));
        }
        if (!lines.isEmpty()) {
            w.printf("  model: %s%n", lines.get(0).get("model"));
        }
        w.flush();
    }

    /** The description of the shot's first described keyframe, with its tags, on one line. */
    private static String descriptionOf(List<GenericRecord> frames, String videoId, int shot) {
        for (GenericRecord f : of(frames, videoId)) {
            Object d = f.get("description");
            if ((Integer) f.get("shot_index") == shot && d != null) {
                return "described: \"" + d + "\" " + f.get("tags");
            }
        }
        return "";
    }

    /** The text read on the shot's keyframes, first keyframe with text, on one line. */
    private static String textOf(List<GenericRecord> frames, String videoId, int shot) {
        for (GenericRecord f : of(frames, videoId)) {
            Object text = f.get("ocr_text");
            if ((Integer) f.get("shot_index") == shot && text != null) {
                return "\"" + text.toString().replace('\n', '/') + "\"";
            }
        }
        return "";
    }
}
