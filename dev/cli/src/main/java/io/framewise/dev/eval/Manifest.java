package io.framewise.dev.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.testkit.samples.LabelledVideo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled corpus: videos beside the manifest with their boundaries, and broken files that must
 * each give an error. The format is that of the reference corpus's {@code manifest.json}.
 */
public record Manifest(Path dir, List<Entry> videos, List<String> broken) {

    /** One labelled video. */
    public record Entry(String file, Labels labels) {}

    public static Manifest read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Entry> videos = new ArrayList<>();
        for (JsonNode v : root.path("videos")) {
            List<int[]> gradual = new ArrayList<>();
            for (JsonNode g : v.path("gradual")) {
                gradual.add(new int[] {g.get(0).asInt(), g.get(1).asInt()});
            }
            videos.add(
                    new Entry(
                            v.path("file").asText(),
                            new Labels(ints(v.path("cuts")), gradual, ints(v.path("no_cut")))));
        }
        List<String> broken = new ArrayList<>();
        root.path("broken").fieldNames().forEachRemaining(broken::add);
        Path dir = file.toAbsolutePath().getParent();
        return new Manifest(dir, videos, broken);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** Writes labelled sample videos as a manifest that {@link #read} (and eval) accept. */
    public static void write(Path file, List<LabelledVideo> videos, List<String> broken)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("videos");
        for (LabelledVideo v : videos) {
            ObjectNode n = list.addObject();
            n.put("file", v.file());
            n.put("width", v.width());
            n.put("height", v.height());
            n.put("fps", v.fps());
            n.put("frames", v.frames());
            v.cuts().forEach(n.putArray("cuts")::add);
            ArrayNode gradual = n.putArray("gradual");
            v.gradual().forEach(g -> gradual.addArray().add(g[0]).add(g[1]));
            v.noCut().forEach(n.putArray("no_cut")::add);
            ArrayNode shots = n.putArray("shots");
            for (LabelledVideo.ShotText s : v.shots()) {
                ObjectNode shot = shots.addObject();
                shot.put("first_frame", s.firstFrame());
                s.text().forEach(shot.putArray("text")::add);
            }
        }
        ObjectNode b = root.putObject("broken");
        broken.forEach(name -> b.put(name, "must be reported as a failure with a reason"));
        mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
}
