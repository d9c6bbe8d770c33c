package io.framewise.pipeline.enrich;

import java.io.Serializable;
import java.util.List;

/**
 * What a vision LLM says a keyframe shows, validated: the fields of the prompt's strict JSON.
 *
 * @param description one or two sentences, never empty
 * @param tags short lower-case keywords, without duplicates (may be empty)
 * @param sceneType a short label such as {@code slide} or {@code outdoor}; null when not given
 * @param visibleTextSummary what the text on screen says, in brief; null when there is none
 * @param peopleCount how many people are visible; null when not given
 */
public record Description(
        String description,
        List<String> tags,
        String sceneType,
        String visibleTextSummary,
        Integer peopleCount)
        implements Serializable {

    public Description {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("a description cannot be empty");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
