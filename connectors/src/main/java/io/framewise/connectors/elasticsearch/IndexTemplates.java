package io.framewise.connectors.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.ResponseException;

/**
 * The index templates of the search indices, and their installation at job start.
 *
 * <p>Each template ({@code src/main/resources/elasticsearch/*.json}: keyword ids, text fields with
 * the configured analyzer, {@code dense_vector} fields, times, timecodes, scores, thumbnail paths)
 * is completed from the configuration: shards, replicas, the default analyzer of the index, the
 * vectors' dims and index type. {@link #install} puts a template when it is missing, creates the
 * versioned index behind its alias when missing, and checks an existing index against the template:
 * fields missing there are added (a compatible change), a field of another type, vectors of other
 * dims or similarity, or another analyzer are a clear error naming each difference.
 */
public final class IndexTemplates {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Template priority: above Elasticsearch's built-in templates (100). */
    private static final int PRIORITY = 200;

    private IndexTemplates() {}

    /** The body of {@code PUT _index_template/{name}} for {@code index}. */
    public static ObjectNode template(SearchIndex index, ElasticsearchConfig config) {
        ObjectNode source = resource(index);
        ObjectNode mappings = (ObjectNode) source.get("mappings");
        ObjectNode meta = mappings.putObject("_meta");
        meta.put("framewise_mapping_version", SearchIndex.VERSION);
        Iterator<Map.Entry<String, JsonNode>> fields = mappings.get("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            ObjectNode field = (ObjectNode) f.getValue();
            if ("dense_vector".equals(field.path("type").asText())) {
                int dims =
                        f.getKey().startsWith("image")
                                ? config.imageVectorDims()
                                : config.textVectorDims();
                if (dims > 0) {
                    field.put("dims", dims);
                }
                field.putObject("index_options").put("type", config.vectorIndexType());
            }
        }

        ObjectNode body = JSON.createObjectNode();
        body.putArray("index_patterns").add(index.index(config));
        body.put("priority", PRIORITY);
        body.putObject("_meta")
                .put("framewise_mapping_version", SearchIndex.VERSION)
                .put("description", source.path("_meta").path("description").asText());
        ObjectNode template = body.putObject("template");
        ObjectNode settings = template.putObject("settings").putObject("index");
        settings.put("number_of_shards", config.shards());
        settings.put("number_of_replicas", config.replicas());
        settings.putObject("analysis")
                .putObject("analyzer")
                .putObject("default")
                .put("type", config.analyzer());
        template.set("mappings", mappings);
        template.putObject("aliases").putObject(index.alias(config));
        return body;
    }

    /**
     * Makes the three indices ready to write: templates, versioned indices and aliases.
     *
     * @throws IllegalStateException when Elasticsearch refuses a template (an analyzer it does not
     *     have) or an existing index does not fit, with every difference named
     */
    public static void install(ElasticsearchConnection es) {
        for (SearchIndex index : SearchIndex.values()) {
            try {
                install(es, index);
            } catch (ResponseException e) {
                throw new IllegalStateException(
                        "Elasticsearch refused to set up "
                                + index.alias(es.config())
                                + ": "
                                + reason(e)
                                + hint(es.config(), e),
                        e);
            } catch (IOException e) {
                throw new IllegalStateException(
                        "Elasticsearch is not reachable at "
                                + es.config().url()
                                + ": "
                                + ElasticsearchConnection.describe(e),
                        e);
            }
        }
    }

    private static void install(ElasticsearchConnection es, SearchIndex index) throws IOException {
        ElasticsearchConfig config = es.config();
        ObjectNode template = template(index, config);
        String alias = index.alias(config);
        boolean aliased = es.exists("/_alias/" + alias);
        if (!aliased && es.exists("/" + alias)) {
            throw new IllegalStateException(
                    alias
                            + " is an index, not an alias (was it written without the templates?):"
                            + " delete it, or choose another es.index-prefix");
        }
        String name = index.template(config);
        if (!es.exists("/_index_template/" + name)) {
            es.json("PUT", "/_index_template/" + name, template.toString());
        }
        if (aliased) {
            check(es, index, alias, template);
            return;
        }
        String concrete = index.index(config);
        if (!es.exists("/" + concrete)) {
            try {
                // The template gives the new index its settings, mappings and alias.
                es.json("PUT", "/" + concrete, null);
                return;
            } catch (ResponseException e) {
                if (!reason(e).contains("resource_already_exists_exception")) {
                    throw e;
                }
                // Another writer created it meanwhile: check it like any existing index.
            }
        }
        check(es, index, concrete, template);
        es.json(
                "POST",
                "/_aliases",
                "{\"actions\":[{\"add\":{\"index\":\""
                        + concrete
                        + "\",\"alias\":\""
                        + alias
                        + "\"}}]}");
    }

    /** Compares an existing index with the template; adds missing fields, refuses conflicts. */
    private static void check(
            ElasticsearchConnection es, SearchIndex index, String target, ObjectNode template)
            throws IOException {
        ElasticsearchConfig config = es.config();
        JsonNode mappings = es.json("GET", "/" + target + "/_mapping", null);
        JsonNode settings = es.json("GET", "/" + target + "/_settings", null);
        Iterator<String> names = mappings.fieldNames();
        while (names.hasNext()) {
            String concrete = names.next();
            JsonNode expected = template.path("template").path("mappings").path("properties");
            JsonNode actual = mappings.path(concrete).path("mappings").path("properties");
            List<String> problems = new ArrayList<>();
            String analyzer =
                    settings.path(concrete)
                            .path("settings")
                            .path("index")
                            .path("analysis")
                            .path("analyzer")
                            .path("default")
                            .path("type")
                            .asText("standard");
            if (!analyzer.equals(config.analyzer())) {
                problems.add(
                        "its text is analyzed with "
                                + analyzer
                                + ", es.analyzer says "
                                + config.analyzer());
            }
            ObjectNode missing = JSON.createObjectNode();
            compare(expected, actual, problems, missing);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(
                        "Elasticsearch index "
                                + concrete
                                + " ("
                                + index.alias(config)
                                + ") does not fit this configuration: "
                                + String.join("; ", problems)
                                + ". Index into another es.index-prefix, or delete the index.");
            }
            if (!missing.isEmpty()) {
                ObjectNode body = JSON.createObjectNode();
                body.set("properties", missing);
                es.json("PUT", "/" + concrete + "/_mapping", body.toString());
            }
        }
    }

    /**
     * Lists the differences between the template's fields and an index's: types, vector dims and
     * similarity. Fields the index lacks go into {@code missing}.
     */
    static void compare(
            JsonNode expected, JsonNode actual, List<String> problems, ObjectNode missing) {
        Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            JsonNode want = f.getValue();
            JsonNode have = actual.path(name);
            if (have.isMissingNode()) {
                missing.set(name, want);
                continue;
            }
            String wantType = want.path("type").asText("object");
            String haveType = have.path("type").asText("object");
            if (!wantType.equals(haveType)) {
                problems.add(name + " is " + haveType + ", expected " + wantType);
                continue;
            }
            if ("dense_vector".equals(wantType)) {
                int wantDims = want.path("dims").asInt(0);
                int haveDims = have.path("dims").asInt(0);
                if (wantDims > 0 && haveDims > 0 && wantDims != haveDims) {
                    problems.add(
                            name
                                    + " has "
                                    + haveDims
                                    + " dims, expected "
                                    + wantDims
                                    + (name.startsWith("image")
                                            ? " (es.image-vector.dims)"
                                            : " (es.text-vector.dims)"));
                }
                String wantSim = want.path("similarity").asText("cosine");
                String haveSim = have.path("similarity").asText("cosine");
                if (!wantSim.equals(haveSim)) {
                    problems.add(
                            name + " compares by " + haveSim + " similarity, expected " + wantSim);
                }
            }
        }
    }

    /**
     * The error Elasticsearch gave, in one line: type and reason, and those of its innermost cause
     * (where the useful part usually is, e.g. the analyzer it could not find).
     */
    static String reason(ResponseException e) {
        try {
            JsonNode body = JSON.readTree(e.getResponse().getEntity().getContent());
            JsonNode error = body.path("error");
            String top = error.path("type").asText() + ": " + error.path("reason").asText();
            JsonNode inner = error;
            while (inner.has("caused_by")) {
                inner = inner.path("caused_by");
            }
            return inner == error
                    ? top
                    : top
                            + " ("
                            + inner.path("type").asText()
                            + ": "
                            + inner.path("reason").asText()
                            + ")";
        } catch (IOException | RuntimeException parse) {
            return "HTTP " + e.getResponse().getStatusLine().getStatusCode();
        }
    }

    private static String hint(ElasticsearchConfig config, ResponseException e) {
        String reason = reason(e);
        if (reason.contains("analyzer")) {
            return " (es.analyzer is "
                    + config.analyzer()
                    + "; this cluster may lack it: language analyzers need the analysis-common"
                    + " module, which the test distribution does not have; standard always works)";
        }
        return "";
    }

    private static ObjectNode resource(SearchIndex index) {
        String path = "/elasticsearch/" + index.shortName() + ".json";
        try (InputStream in = IndexTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing template resource " + path);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
