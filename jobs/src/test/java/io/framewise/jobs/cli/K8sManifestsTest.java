package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The Kubernetes manifests in {@code deploy/k8s/} are what the Flink Kubernetes Operator accepts
 * and what the build produces: each validates against the {@code openAPIV3Schema} of the operator's
 * {@code FlinkDeployment} CRD (vendored from release 1.15.0 into test resources), with unknown
 * fields refused as {@code kubectl apply --validate=strict} refuses them; the jar path, entry
 * class, program arguments, Flink version and plugin jar match the job jar, the command line and
 * the Dockerfile; the Flink keys are ones {@code flink-conf/config.yaml} uses or a short list of
 * Kubernetes-only keys.
 */
class K8sManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Where the Dockerfile puts the job jar, under a name without the version. */
    private static final String JAR_URI = "local:///opt/flink/usrlib/framewise-jobs-flink.jar";

    /** Flink keys the manifests may set that the standalone {@code config.yaml} has no use for. */
    private static final Set<String> KUBERNETES_KEYS =
            Set.of(
                    "high-availability.type",
                    "high-availability.storageDir",
                    "external-resource.gpu.kubernetes.config-key");

    private static Schema flinkDeployment;
    private static JsonNode crd;

    @BeforeAll
    static void loadCrd() throws IOException {
        try (InputStream in =
                K8sManifestsTest.class.getResourceAsStream(
                        "/k8s/flinkdeployments.flink.apache.org-v1.yml")) {
            crd = YAML.readTree(in);
        }
        JsonNode version = crd.at("/spec/versions/0");
        assertThat(version.get("name").asText()).isEqualTo("v1beta1");
        ObjectNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
        // Every object accepts apiVersion, kind and metadata; the CRD's schema leaves them out.
        ObjectNode root = (ObjectNode) schema.get("properties");
        root.putObject("apiVersion").put("type", "string");
        root.putObject("kind").put("type", "string");
        root.putObject("metadata").put("type", "object");
        strict(schema);
        flinkDeployment =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
    }

    /**
     * The API server prunes unknown fields silently (a misspelled key is simply lost) unless the
     * client asks for strict field validation; this makes every object that lists its properties
     * refuse others, as strict validation does, except where the CRD keeps unknown fields ({@code
     * x-kubernetes-preserve-unknown-fields}, e.g. {@code flinkConfiguration}).
     */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties")
                    && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            object.elements().forEachRemaining(K8sManifestsTest::strict);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(K8sManifestsTest::strict);
        }
    }

    private static List<Path> manifests() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(all).isNotEmpty();
            return all;
        }
    }

    private static List<String> errors(JsonNode manifest) {
        assertThat(manifest.path("apiVersion").asText())
                .isEqualTo(crd.at("/spec/group").asText() + "/v1beta1");
        assertThat(manifest.path("kind").asText()).isEqualTo(crd.at("/spec/names/kind").asText());
        return flinkDeployment.validate(manifest).stream().map(Error::toString).toList();
    }

    @Test
    void everyManifestValidatesAgainstTheOperatorsCrd() throws IOException {
        assertThat(manifests())
                .extracting(p -> p.getFileName().toString())
                .contains("framewise-stream.yaml", "framewise-backfill.yaml");
        for (Path file : manifests()) {
            assertThat(errors(YAML.readTree(file.toFile()))).as(file.toString()).isEmpty();
        }
    }

    @Test
    void aMisspelledFieldOrAWrongTypeIsRefused() throws IOException {
        ObjectNode manifest = (ObjectNode) YAML.readTree(manifest("framewise-stream.yaml"));
        ObjectNode job = (ObjectNode) manifest.at("/spec/job");
        job.set("upgradeMod", job.remove("upgradeMode"));
        assertThat(errors(manifest)).singleElement().asString().contains("upgradeMod");

        manifest = (ObjectNode) YAML.readTree(manifest("framewise-stream.yaml"));
        ((ObjectNode) manifest.at("/spec/job")).put("parallelism", "four");
        assertThat(errors(manifest)).singleElement().asString().contains("parallelism");

        manifest = (ObjectNode) YAML.readTree(manifest("framewise-stream.yaml"));
        ((ObjectNode) manifest.at("/spec/job")).put("upgradeMode", "last_state");
        assertThat(errors(manifest)).singleElement().asString().contains("upgradeMode");

        // Deep in the pod template too (the CRD embeds the Pod schema).
        manifest = (ObjectNode) YAML.readTree(manifest("framewise-stream.yaml"));
        ((ObjectNode) manifest.at("/spec/taskManager/podTemplate/spec/containers/0"))
                .putObject("resource");
        assertThat(errors(manifest)).singleElement().asString().contains("resource");
    }

    @Test
    void theJobIsTheOneTheJarAndTheCommandLineOffer() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom)
                .contains("<shadedClassifierName>flink</shadedClassifierName>")
                .contains("<mainClass>" + FlinkMain.class.getName() + "</mainClass>");
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        // The build's jar (framewise-jobs-VERSION-flink.jar) copied to the path the manifests run.
        assertThat(dockerfile)
                .contains(
                        "COPY jobs/target/framewise-jobs-*-flink.jar "
                                + JAR_URI.substring("local://".length()));
        String flinkVersion = flinkVersion();
        assertThat(dockerfile).contains("FROM flink:" + flinkVersion + "-");

        for (Path file : manifests()) {
            JsonNode spec = YAML.readTree(file.toFile()).get("spec");
            JsonNode job = spec.get("job");
            assertThat(job.get("jarURI").asText()).as(file.toString()).isEqualTo(JAR_URI);
            assertThat(job.get("entryClass").asText()).isEqualTo(FlinkMain.class.getName());
            assertThat(spec.get("flinkVersion").asText())
                    .isEqualTo("v" + flinkVersion.replaceAll("^(\\d+)\\.(\\d+).*", "$1_$2"));
            assertThat(spec.at("/podTemplate/spec/containers/0/env/0/value").asText())
                    .isEqualTo("flink-s3-fs-hadoop-" + flinkVersion + ".jar");

            List<String> args = new ArrayList<>();
            job.get("args").forEach(a -> args.add(a.asText()));
            assertThat(FlinkMain.COMMANDS).contains(args.get(0));
            // Parsed as flink run's main would, and the configuration built from them (so a
            // misspelled --set key or a bad value fails here, not on the cluster).
            ParseResult parsed = Framewise.commandLine().parseArgs(args.toArray(String[]::new));
            Object command = parsed.subcommand().commandSpec().userObject();
            JobOptions options =
                    command instanceof StreamCommand s ? s.job : ((BackfillCommand) command).job;
            assertThat(options.config()).isNotNull();
            assertThat(options.outRoot()).startsWith("s3://");
        }
    }

    @Test
    void anUnknownOptionInTheArgumentsIsRefused() {
        assertThat(catchUnmatched("stream", "--bootstrap-server", "k:9092", "--topic", "uploads"))
                .contains("--bootstrap-server");
    }

    private static String catchUnmatched(String... args) {
        try {
            Framewise.commandLine().parseArgs(args);
            return "";
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }

    @Test
    void theFlinkKeysAreKnownAndTheGpuIsAskedForOnce() throws IOException {
        Set<String> known =
                GlobalConfiguration.loadConfiguration(Path.of("..", "flink-conf").toString())
                        .keySet();
        for (Path file : manifests()) {
            JsonNode spec = YAML.readTree(file.toFile()).get("spec");
            Iterator<Map.Entry<String, JsonNode>> keys = spec.get("flinkConfiguration").fields();
            while (keys.hasNext()) {
                String key = keys.next().getKey();
                assertThat(known.contains(key) || KUBERNETES_KEYS.contains(key))
                        .as(file + ": " + key)
                        .isTrue();
            }
        }
        JsonNode stream = YAML.readTree(manifest("framewise-stream.yaml")).get("spec");
        JsonNode conf = stream.get("flinkConfiguration");
        assertThat(conf.get("external-resource.gpu.kubernetes.config-key").asText())
                .isEqualTo("nvidia.com/gpu");
        assertThat(
                        stream.at("/taskManager/podTemplate/spec/containers/0/resources/limits")
                                .get("nvidia.com/gpu")
                                .asText())
                .isEqualTo(conf.get("external-resource.gpu.amount").asText());
    }

    /** The pods log as flink-conf/ does: no SDK notice, no committers' gauge collisions. */
    @Test
    void thePodsKeepTheLogsQuietAsFlinkConfDoes() throws IOException {
        List<String> rules =
                Files.readAllLines(Path.of("..", "flink-conf", "log4j.properties")).stream()
                        .filter(
                                l ->
                                        l.startsWith("logger.aws_v1_notice.")
                                                || l.startsWith("logger.metric_names."))
                        .toList();
        assertThat(rules).hasSize(8);
        for (Path file : manifests()) {
            JsonNode spec = YAML.readTree(file.toFile()).get("spec");
            List<String> console =
                    spec.at("/logConfiguration/log4j-console.properties").asText().lines().toList();
            assertThat(console).as(file.toString()).containsAll(rules);
            assertThat(spec.at("/podTemplate/spec/containers/0/env").findValuesAsText("name"))
                    .contains("AWS_JAVA_V1_DISABLE_DEPRECATION_ANNOUNCEMENT");
        }
    }

    private static java.io.File manifest(String name) {
        return DEPLOY.resolve("k8s").resolve(name).toFile();
    }

    private static String flinkVersion() throws IOException {
        Matcher m =
                Pattern.compile("<flink.version>([^<]+)</flink.version>")
                        .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
