package io.framewise.udfs.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Tesseract's models, shipped in the udfs jar as {@code tessdata/LANG.traineddata} and copied once
 * per JVM to a temporary directory that Tesseract can read them from.
 *
 * <p>Tesseract reads models from files only; the copy is made the first time a language is asked
 * for, under a lock, and deleted when the JVM exits. Nothing is ever downloaded.
 */
final class Tessdata {

    private static final String RESOURCE_DIR = "tessdata/";

    private static Path directory;

    private Tessdata() {}

    /**
     * The directory to pass to {@code TessBaseAPI.Init}, holding the models of every language in
     * {@code languages} ({@code eng}, {@code eng+deu}).
     *
     * @throws IllegalArgumentException when a language's model is not on the classpath
     */
    static synchronized Path directory(String languages) {
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("framewise-tessdata");
                directory.toFile().deleteOnExit();
            }
            for (String language : languages.split("\\+")) {
                Path file = directory.resolve(language + ".traineddata");
                if (Files.exists(file)) {
                    continue;
                }
                String resource = RESOURCE_DIR + language + ".traineddata";
                try (InputStream in =
                        Tessdata.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalArgumentException(
                                "ocr.language: no model for '"
                                        + language
                                        + "' on the classpath ("
                                        + resource
                                        + "); this build has eng");
                    }
                    Path part = Files.createTempFile(directory, language, ".part");
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
                    file.toFile().deleteOnExit();
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot copy Tesseract's models to a temporary directory", e);
        }
    }
}
