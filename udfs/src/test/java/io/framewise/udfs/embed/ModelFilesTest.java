package io.framewise.udfs.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    /** A resource inside a jar on the test class path (the text model's artifact). */
    private static final String IN_JAR = "all-minilm-l6-v2-q-tokenizer.json";

    /** A resource inside the udfs jar's classes (a plain file while the tests run). */
    private static final String IN_CLASSES = "tessdata/eng.traineddata";

    @TempDir Path cache;

    @BeforeEach
    void useTheTemporaryCache() {
        System.setProperty(ModelFiles.CACHE_PROPERTY, cache.toString());
    }

    @AfterEach
    void forgetIt() {
        System.clearProperty(ModelFiles.CACHE_PROPERTY);
    }

    private static byte[] resourceBytes(String resource) throws IOException {
        try (InputStream in = ModelFilesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    private List<Path> cachedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(cache)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aResourceInAJarIsExtractedOnceAndFoundAgainByItsContent() throws IOException {
        assertThat(ModelFilesTest.class.getClassLoader().getResource(IN_JAR).getProtocol())
                .isEqualTo("jar");

        Path first = ModelFiles.resolve(ModelFiles.CLASSPATH + IN_JAR, "test.model");
        FileTime written = Files.getLastModifiedTime(first);
        Path again = ModelFiles.resolve(ModelFiles.CLASSPATH + IN_JAR, "test.model");

        assertThat(first).startsWith(cache).hasFileName(IN_JAR);
        assertThat(again).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(again)).isEqualTo(written);
        assertThat(Files.readAllBytes(first)).isEqualTo(resourceBytes(IN_JAR));
        // Named by the jar entry's CRC-32 and size, so another version gets a directory of its own.
        assertThat(first.getParent().getFileName().toString())
                .matches("[0-9a-f]{8}-" + resourceBytes(IN_JAR).length);
        assertThat(cachedFiles()).containsExactly(first);
    }

    @Test
    void aCutShortCopyIsExtractedAgain() throws IOException {
        Path file = ModelFiles.resolve(ModelFiles.CLASSPATH + IN_JAR, "test.model");
        Files.write(file, new byte[100]);

        Path again = ModelFiles.resolve(ModelFiles.CLASSPATH + IN_JAR, "test.model");

        assertThat(Files.readAllBytes(again)).isEqualTo(resourceBytes(IN_JAR));
        assertThat(cachedFiles()).containsExactly(again);
    }

    @Test
    void whatAKilledExtractionLeftIsRemovedWhenTheModelIsExtractedAgain() throws IOException {
        Path file = ModelFiles.resolve(ModelFiles.CLASSPATH + IN_JAR, "test.model");
        Path abandoned = Files.write(file.resolveSibling(IN_JAR + "123.part"), new byte[10]);
        Files.setLastModifiedTime(
                abandoned,
                FileTime.fromMillis(
                        System.currentTimeMillis() - ModelFiles.ABANDONED.toMillis() - 1000));
        Path writing = Files.write(file.resolveSibling(IN_JAR + "456.part"), new byte[10]);
        Files.delete(file);

        ModelFiles.resolve(ModelFiles.CLASSPATH + IN_JAR, "test.model");

        assertThat(abandoned).doesNotExist();
        assertThat(writing).exists();
        assertThat(file).exists();
    }

    @Test
    void aResourceThatIsAFileIsReadWhereItIs() throws IOException {
        URL url = ModelFilesTest.class.getClassLoader().getResource(IN_CLASSES);
        assertThat(url.getProtocol()).isEqualTo("file");

        Path file = ModelFiles.resolve(ModelFiles.CLASSPATH + IN_CLASSES, "ocr.model");

        assertThat(file).isEqualTo(Path.of(url.getPath()));
        assertThat(cachedFiles()).isEmpty();
    }

    @Test
    void aDirectoryHoldsEveryResourceUnderItsOwnName() throws IOException {
        ClassLoader loader = ModelFilesTest.class.getClassLoader();
        List<URL> urls = List.of(loader.getResource(IN_JAR), loader.getResource(IN_CLASSES));

        Path directory = ModelFiles.directory(urls);

        assertThat(directory).startsWith(cache);
        assertThat(Files.readAllBytes(directory.resolve(IN_JAR))).isEqualTo(resourceBytes(IN_JAR));
        assertThat(Files.readAllBytes(directory.resolve("eng.traineddata")))
                .isEqualTo(resourceBytes(IN_CLASSES));
        assertThat(ModelFiles.directory(urls)).isEqualTo(directory);
    }

    @Test
    void aMissingResourceNamesTheSetting() {
        assertThatThrownBy(
                        () -> ModelFiles.resolve(ModelFiles.CLASSPATH + "no-such.onnx", "x.file"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.file")
                .hasMessageContaining("no-such.onnx");
    }

    @Test
    void aPathIsUsedAsItIs() throws IOException {
        Path model = Files.write(cache.resolve("model.onnx"), new byte[] {1, 2, 3});

        assertThat(ModelFiles.resolve(model.toString(), "x.file")).isEqualTo(model);
        assertThatThrownBy(() -> ModelFiles.resolve(cache.resolve("gone").toString(), "x.file"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.file");
    }
}
