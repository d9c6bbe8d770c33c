package io.framewise.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Frame description and speech options shared by {@code index}, {@code backfill}, {@code stream}
 * and {@code demo}.
 */
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

    @Option(
            names = "--transcribe",
            paramLabel = "URL",
            description =
                    "Transcribe what is said with the Whisper-compatible server at this base URL"
                            + " (POST {URL}/audio/transcriptions), e.g. https://api.openai.com/v1,"
                            + " https://api.groq.com/openai/v1, a whisper.cpp or faster-whisper"
                            + " server, or a `framewise llm-sim` (which finds speech but recognises"
                            + " no words); same as --set speech.url=URL.")
    String transcribe;

    @Option(
            names = "--transcribe-model",
            paramLabel = "M",
            description =
                    "The transcription model (default framewise-sim-speech; whisper-1,"
                            + " gpt-4o-transcribe, whisper-large-v3, ...); same as --set"
                            + " speech.model=M.")
    String transcribeModel;

    /** The settings these options give (they win over --config and --set). */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (url != null) {
            settings.put("llm.url", url);
        }
        if (model != null) {
            settings.put("llm.model", model);
        }
        if (transcribe != null) {
            settings.put("speech.url", transcribe);
        }
        if (transcribeModel != null) {
            settings.put("speech.model", transcribeModel);
        }
        return settings;
    }
}
