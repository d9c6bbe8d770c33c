package io.framewise.pipeline.embed;

import io.framewise.pipeline.rows.FrameRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The text a keyframe is embedded by: one function, so that documents are embedded the same way
 * wherever they are built, and so that new fields are added in one place.
 *
 * <p>It is the on-screen text of the keyframe's shot (each distinct text read on the shot's
 * keyframes, once, in order of first appearance, joined by newlines), then what is said during the
 * shot (with speech on), then the vision LLM's description and tags when the keyframe was
 * described: {@code shot text + "\n" + speech + "\n" + description + "\n" + tags joined by ", "},
 * empty parts left out. A keyframe with none of these has no text and gets no text vector.
 */
public final class EmbeddingText {

    private EmbeddingText() {}

    /** The text {@code row} is embedded by; empty when it has none. */
    public static String of(FrameRow row) {
        return of(row.shotText(), row.speech(), row.description(), row.tags());
    }

    /** The parts without speech. */
    public static String of(String shotText, String description, List<String> tags) {
        return of(shotText, null, description, tags);
    }

    /**
     * Joins the parts that describe a keyframe.
     *
     * @param shotText the shot's on-screen text; null or blank when none
     * @param speech what is said during the shot; null or blank when nothing
     * @param description a description of the picture; null or blank when none
     * @param tags labels of the picture; blank ones are left out
     */
    public static String of(String shotText, String speech, String description, List<String> tags) {
        List<String> parts = new ArrayList<>();
        if (shotText != null && !shotText.isBlank()) {
            parts.add(shotText.strip());
        }
        if (speech != null && !speech.isBlank()) {
            parts.add(speech.strip());
        }
        if (description != null && !description.isBlank()) {
            parts.add(description.strip());
        }
        List<String> labels =
                tags == null
                        ? List.of()
                        : tags.stream()
                                .filter(t -> t != null && !t.isBlank())
                                .map(String::strip)
                                .toList();
        if (!labels.isEmpty()) {
            parts.add(String.join(", ", labels));
        }
        return String.join("\n", parts);
    }
}
