package io.framewise.udfs.text;

import io.framewise.udfs.embed.ModelFiles;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tesseract's models, shipped in the udfs jar as {@code tessdata/LANG.traineddata}, in a directory
 * that Tesseract can read them from.
 *
 * <p>Tesseract reads models from files only: the languages asked for are extracted together into
 * {@link ModelFiles}' cache, which runs share (it was a temporary copy per JVM, left behind by
 * every JVM that was killed). Nothing is ever downloaded.
 */
final class Tessdata {

    private static final String RESOURCE_DIR = "tessdata/";

    private Tessdata() {}

    /**
     * The directory to pass to {@code TessBaseAPI.Init}, holding the models of every language in
     * {@code languages} ({@code eng}, {@code eng+deu}).
     *
     * @throws IllegalArgumentException when a language's model is not on the classpath
     */
    static synchronized Path directory(String languages) {
        List<URL> models = new ArrayList<>();
        for (String language : languages.split("\\+")) {
            String resource = RESOURCE_DIR + language + ".traineddata";
            URL url = Tessdata.class.getClassLoader().getResource(resource);
            if (url == null) {
                throw new IllegalArgumentException(
                        "ocr.language: no model for '"
                                + language
                                + "' on the classpath ("
                                + resource
                                + "); this build has eng");
            }
            models.add(url);
        }
        return ModelFiles.directory(models);
    }
}
