package io.framewise.jobs.cli;

import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.embed.EmbeddingText;
import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.scores.ScoringConfig;
import io.framewise.udfs.embed.DjlImageEmbedder;
import io.framewise.udfs.embed.DjlRuntime;
import io.framewise.udfs.embed.DjlTextEmbedder;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.apache.avro.generic.GenericRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code framewise bench embed}: embedding throughput batched (as the job's operators run it) and
 * one at a time (the baseline), in the same run, and the memory one operator instance's models
 * take.
 */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Time the embeddings batched (embedding.batch.size at once, as the job does) against"
                    + " one at a time, in turn, several runs each: texts/s on generated slide"
                    + " texts; keyframes/s through the text embedding stage (frames rows: the"
                    + " shot's text, rows without text cost nothing); image vectors/s. Prints"
                    + " medians and the speed-up, and the resident memory one operator"
                    + " instance's models add.",
            "Keyframes are generated slides, or with --frames DIR the frames table and keyframe"
                    + " JPEGs of a `framewise index` output."
        })
final class BenchEmbedCommand implements Callable<Integer> {

    @Option(names = "--texts", defaultValue = "512", description = "Texts (default 512).")
    int textCount;

    @Option(
            names = "--keyframes",
            defaultValue = "192",
            description = "Generated keyframes (default 192).")
    int keyframeCount;

    @Option(
            names = "--frames",
            paramLabel = "DIR",
            description = "Take the keyframes from this index output instead.")
    Path frames;

    @Option(names = "--runs", defaultValue = "3", description = "Runs of each (default 3).")
    int runs;

    @Mixin DetectorOptions options = new DetectorOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** A keyframe as the embedding stages see it: its picture and its frames row's text. */
    record Keyframe(Picture picture, String text) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        FramewiseConfig settings = options.config();
        EmbeddingConfig config = settings.embedding();
        ScoringConfig scoring = settings.scoring();
        DjlRuntime.check(scoring);
        int batch = config.batchSize();

        long rss0 = Memory.residentBytes();
        Embedder text = DjlTextEmbedder.factory(config, scoring).create();
        ImageEmbedder image = DjlImageEmbedder.factory(config.image(), scoring).create();
        long rss1 = Memory.residentBytes();
        try (Embedder secondText = DjlTextEmbedder.factory(config, scoring).create();
                ImageEmbedder secondImage =
                        DjlImageEmbedder.factory(config.image(), scoring).create()) {
            secondText.embed(List.of("warm up the second session"));
            long rss2 = Memory.residentBytes();
            out.printf(
                    "models: %s (%d dims), %s (%d dims); %s on %s, %d thread(s) per session%n",
                    text.model(),
                    text.dims(),
                    image.model(),
                    image.dims(),
                    scoring.engine(),
                    scoring.device(),
                    scoring.threads());
            out.printf(
                    "memory (resident): first operator instance +%.0f MB (with the runtime's"
                            + " libraries), each further instance +%.0f MB%n",
                    (rss1 - rss0) / 1e6, (rss2 - rss1) / 1e6);
        }
        try (text;
                image) {
            List<String> texts = BenchTexts.generate(textCount, 42);
            List<Keyframe> keyframes =
                    frames != null ? fromIndex(frames) : generated(keyframeCount, 7);
            List<String> rowTexts = new ArrayList<>();
            List<Picture> pictures = new ArrayList<>();
            for (Keyframe k : keyframes) {
                rowTexts.add(k.text());
                pictures.add(k.picture());
            }
            long withText = rowTexts.stream().filter(t -> !t.isEmpty()).count();
            out.printf(
                    "%d texts; %d keyframes (%d with text), batch size %d, %d runs%n%n",
                    texts.size(), keyframes.size(), withText, batch, runs);
            out.flush();

            // Warm-up: one untimed pass of each mode (the sessions' first inferences allocate
            // their buffers; the JIT compiles the Java side).
            embedTexts(text, texts, batch);
            embedTexts(text, texts, 1);
            embedPictures(image, pictures, batch);
            embedPictures(image, pictures, 1);

            List<Double> textsBatched = new ArrayList<>();
            List<Double> textsSingle = new ArrayList<>();
            List<Double> rowsBatched = new ArrayList<>();
            List<Double> rowsSingle = new ArrayList<>();
            List<Double> imagesBatched = new ArrayList<>();
            List<Double> imagesSingle = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                textsBatched.add(time(() -> embedTexts(text, texts, batch)));
                textsSingle.add(time(() -> embedTexts(text, texts, 1)));
                rowsBatched.add(time(() -> embedTexts(text, rowTexts, batch)));
                rowsSingle.add(time(() -> embedTexts(text, rowTexts, 1)));
                imagesBatched.add(time(() -> embedPictures(image, pictures, batch)));
                imagesSingle.add(time(() -> embedPictures(image, pictures, 1)));
                out.printf(
                        "run %d: texts %.0f / %.0f ms, keyframe rows %.0f / %.0f ms, images %.0f"
                                + " / %.0f ms (batched / one at a time)%n",
                        r + 1,
                        textsBatched.get(r),
                        textsSingle.get(r),
                        rowsBatched.get(r),
                        rowsSingle.get(r),
                        imagesBatched.get(r),
                        imagesSingle.get(r));
                out.flush();
            }
            out.printf("%nmedian of %d runs           batched    one at a time   speed-up%n", runs);
            line(out, "texts/s", texts.size(), textsBatched, textsSingle);
            line(out, "keyframes/s (text stage)", keyframes.size(), rowsBatched, rowsSingle);
            line(out, "image vectors/s", pictures.size(), imagesBatched, imagesSingle);
        }
        out.flush();
        return 0;
    }

    private static void line(
            PrintWriter out, String what, int n, List<Double> batched, List<Double> single) {
        double b = n * 1000 / BenchCommand.Detect.median(batched);
        double s = n * 1000 / BenchCommand.Detect.median(single);
        out.printf("  %-26s %8.1f %16.1f %9.2fx%n", what, b, s, b / s);
    }

    /** Embeds the non-empty texts in chunks of {@code batch}, as the embedding operator does. */
    static void embedTexts(Embedder e, List<String> texts, int batch) {
        List<String> chunk = new ArrayList<>(batch);
        for (String t : texts) {
            String prepared = EmbeddingText.of(t, null, List.of());
            if (prepared.isEmpty()) {
                continue;
            }
            chunk.add(prepared);
            if (chunk.size() == batch) {
                e.embed(chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            e.embed(chunk);
        }
    }

    static void embedPictures(ImageEmbedder e, List<Picture> pictures, int batch) {
        for (int i = 0; i < pictures.size(); i += batch) {
            e.embed(pictures.subList(i, Math.min(pictures.size(), i + batch)));
        }
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Generated slides: shots of 1-4 keyframes sharing their text, one shot in four without text
     * (as a lecture or a talk has), each picture 640x360 with the text drawn on it.
     */
    static List<Keyframe> generated(int n, long seed) {
        Random r = new Random(seed);
        List<String> texts = BenchTexts.generate(n, seed);
        List<Keyframe> out = new ArrayList<>();
        int shot = 0;
        while (out.size() < n) {
            String text = r.nextInt(4) == 0 ? "" : texts.get(shot % texts.size());
            int keyframes = 1 + r.nextInt(4);
            Color background = new Color(r.nextInt(0xFFFFFF));
            for (int k = 0; k < keyframes && out.size() < n; k++) {
                out.add(new Keyframe(slide(text, background), text));
            }
            shot++;
        }
        return out;
    }

    private static Picture slide(String text, Color background) {
        BufferedImage img = new BufferedImage(640, 360, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(background);
        g.fillRect(0, 0, 640, 360);
        g.setColor(background.getRed() + background.getGreen() > 255 ? Color.BLACK : Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
        int y = 80;
        for (String line : text.split("\n")) {
            g.drawString(line, 40, y);
            y += 44;
        }
        g.dispose();
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        return new Picture(640, 360, 3, px.clone());
    }

    /** The keyframes of an index output: each frames row's shot text and its JPEG. */
    static List<Keyframe> fromIndex(Path dir) throws IOException {
        List<GenericRecord> rows = ParquetTableReader.read(dir, Tables.FRAMES);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("--frames: no frames table under " + dir);
        }
        List<Keyframe> out = new ArrayList<>();
        for (GenericRecord row : rows) {
            Object shotText = row.get("shot_text");
            Path jpeg = dir.resolve(row.get("keyframe_uri").toString());
            if (!Files.isRegularFile(jpeg)) {
                continue;
            }
            BufferedImage read = ImageIO.read(jpeg.toFile());
            BufferedImage bgr =
                    new BufferedImage(
                            read.getWidth(), read.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            bgr.getGraphics().drawImage(read, 0, 0, null);
            byte[] px = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
            out.add(
                    new Keyframe(
                            new Picture(bgr.getWidth(), bgr.getHeight(), 3, px),
                            shotText == null ? "" : shotText.toString()));
        }
        return out;
    }
}
