package io.framewise.jobs.cli;

import java.util.Properties;
import picocli.CommandLine.Option;

/** Frame description options shared by {@code index} and {@code demo}. */
final class LlmOptions {

    @Option(
            names = "--llm",
            paramLabel = "URL",
            description =
                    "Describe keyframes with the vision LLM at this OpenAI-compatible base URL,"
                            + " e.g. https://api.openai.com/v1, http://localhost:11434/v1 (Ollama),"
                            + " or a `framewise llm-sim`; same as --set llm.url=URL.")
    String url;

    @Option(
            names = "--llm-model",
            paramLabel = "M",
            description = "The model to ask (default framewise-sim); same as --set llm.model=M.")
    String model;

    /** {@code props} with these options applied (they win over --config and --set). */
    Properties apply(Properties props) {
        if (url != null) {
            props.setProperty("llm.url", url);
        }
        if (model != null) {
            props.setProperty("llm.model", model);
        }
        return props;
    }
}
