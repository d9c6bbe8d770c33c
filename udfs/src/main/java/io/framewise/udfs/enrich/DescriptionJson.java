package io.framewise.udfs.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.framewise.pipeline.enrich.Description;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a model's answer into validated {@link Description}s: the strict JSON the prompt asks for,
 * repaired where the damage is cosmetic, rejected where it is not. Garbage is never indexed.
 *
 * <p>Repaired: a Markdown code fence or prose around the JSON; single quotes, unquoted names,
 * trailing commas and comments; field names in another case or style ({@code sceneType}); tags as
 * one comma-separated string; a count as a string or a float. Rejected: no JSON object at all, JSON
 * that does not parse even leniently (for example cut short), a missing or empty {@code
 * description}, a description without words or longer than {@link #MAX_DESCRIPTION} characters, and
 * for a batch, an answer without one object per frame.
 */
public final class DescriptionJson {

    /** Longer than any one or two sentences: a runaway answer, not a description. */
    public static final int MAX_DESCRIPTION = 1000;

    static final int MAX_TAGS = 12;
    static final int MAX_TAG_LENGTH = 40;
    static final int MAX_LABEL_LENGTH = 60;
    static final int MAX_SUMMARY_LENGTH = 500;

    private static final ObjectMapper STRICT = new ObjectMapper();
    private static final ObjectMapper LENIENT =
            JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                    .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                    .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                    .build();

    private DescriptionJson() {}

    /** An answer that cannot be used; the message says why, in one line. */
    public static final class BadJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        BadJsonException(String message) {
            super(message);
        }
    }

    /** The description in the answer to a one-frame request. */
    public static Description one(String content) throws BadJsonException {
        JsonNode root = parse(content);
        if (root.isObject() && root.has("frames") && root.get("frames").isArray()) {
            root = root.get("frames");
        }
        if (root.isArray()) {
            if (root.size() != 1) {
                throw new BadJsonException("expected one object, got an array of " + root.size());
            }
            root = root.get(0);
        }
        return description(root);
    }

    /**
     * The descriptions in the answer to a batch of {@code frames} frames ({@code {"frames": [...]}}
     * or a bare array), in order; an entry is null where that frame's object is not usable, so only
     * those frames need asking again.
     *
     * @throws BadJsonException when the answer as a whole is unusable (not JSON, wrong count)
     */
    public static List<Description> batch(String content, int frames) throws BadJsonException {
        JsonNode root = parse(content);
        if (root.isObject() && root.has("frames")) {
            root = root.get("frames");
        }
        if (frames == 1 && root.isObject()) {
            return List.of(description(root));
        }
        if (!root.isArray()) {
            throw new BadJsonException("expected a \"frames\" array of " + frames + " objects");
        }
        if (root.size() != frames) {
            throw new BadJsonException("expected " + frames + " frame objects, got " + root.size());
        }
        List<Description> out = new ArrayList<>();
        for (JsonNode n : root) {
            try {
                out.add(description(n));
            } catch (BadJsonException e) {
                out.add(null);
            }
        }
        return out;
    }

    private static JsonNode parse(String content) throws BadJsonException {
        if (content == null || content.isBlank()) {
            throw new BadJsonException("empty answer");
        }
        String text = unfence(content.strip());
        int start = firstOf(text, '{', '[');
        if (start < 0) {
            throw new BadJsonException("no JSON object in the answer: " + excerpt(content));
        }
        char close = text.charAt(start) == '{' ? '}' : ']';
        int end = text.lastIndexOf(close);
        if (end < start) {
            throw new BadJsonException("JSON cut short: " + excerpt(content));
        }
        String json = text.substring(start, end + 1);
        try {
            return STRICT.readTree(json);
        } catch (JsonProcessingException strict) {
            try {
                return LENIENT.readTree(json);
            } catch (JsonProcessingException e) {
                throw new BadJsonException(
                        "not JSON even leniently ("
                                + e.getOriginalMessage().replace('\n', ' ')
                                + "): "
                                + excerpt(content));
            }
        }
    }

    /** The text inside a Markdown code fence, or the text itself. */
    private static String unfence(String text) {
        int fence = text.indexOf("```");
        if (fence < 0) {
            return text;
        }
        int bodyStart = text.indexOf('\n', fence);
        int closing = bodyStart < 0 ? -1 : text.indexOf("```", bodyStart);
        if (bodyStart < 0 || closing < 0) {
            return text.substring(fence + 3);
        }
        return text.substring(bodyStart + 1, closing);
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }

    static Description description(JsonNode node) throws BadJsonException {
        if (node == null || !node.isObject()) {
            throw new BadJsonException("expected a JSON object");
        }
        JsonNode description = field(node, "description");
        if (description == null || !description.isTextual()) {
            throw new BadJsonException("no \"description\" string");
        }
        String text = description.asText().strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            throw new BadJsonException("empty \"description\"");
        }
        if (text.length() > MAX_DESCRIPTION) {
            throw new BadJsonException(
                    "\"description\" of " + text.length() + " characters: a runaway answer");
        }
        if (text.codePoints().filter(Character::isLetter).count() < 3) {
            throw new BadJsonException("\"description\" has no words: " + excerpt(text));
        }
        return new Description(
                text,
                tags(field(node, "tags")),
                label(field(node, "scene_type"), MAX_LABEL_LENGTH),
                label(field(node, "visible_text_summary"), MAX_SUMMARY_LENGTH),
                count(field(node, "people_count")));
    }

    /** The field named {@code name} in any case or style: sceneType, Scene-Type, scene_type. */
    private static JsonNode field(JsonNode node, String name) {
        String want = squash(name);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (squash(e.getKey()).equals(want)) {
                return e.getValue().isNull() ? null : e.getValue();
            }
        }
        return null;
    }

    private static String squash(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static List<String> tags(JsonNode node) {
        List<String> raw = new ArrayList<>();
        if (node == null) {
            return List.of();
        }
        if (node.isArray()) {
            node.forEach(t -> raw.add(t.isValueNode() ? t.asText() : ""));
        } else if (node.isTextual()) {
            raw.addAll(List.of(node.asText().split("[,;]")));
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String t : raw) {
            String tag = t.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (tag.startsWith("#")) {
                tag = tag.substring(1);
            }
            if (!tag.isEmpty() && tag.length() <= MAX_TAG_LENGTH && tags.size() < MAX_TAGS) {
                tags.add(tag);
            }
        }
        return List.copyOf(tags);
    }

    private static String label(JsonNode node, int max) {
        if (node == null || !node.isValueNode()) {
            return null;
        }
        String s = node.asText().strip().replaceAll("\\s+", " ");
        if (s.isEmpty() || s.equalsIgnoreCase("null") || s.equalsIgnoreCase("none")) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static Integer count(JsonNode node) {
        if (node == null) {
            return null;
        }
        double n;
        if (node.isNumber()) {
            n = node.asDouble();
        } else if (node.isTextual()) {
            try {
                n = Double.parseDouble(node.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        if (n < 0 || n > 10_000 || Double.isNaN(n)) {
            return null;
        }
        return (int) Math.round(n);
    }

    static String excerpt(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= 80 ? one : one.substring(0, 80) + "...";
    }
}
