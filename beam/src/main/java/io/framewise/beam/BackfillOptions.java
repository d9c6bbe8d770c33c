package io.framewise.beam;

import java.util.List;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * The Beam backfill's options, typed: where the videos are, where the tables go, and the few
 * settings a backfill tunes most; any other Framewise key ({@code shots.*}, {@code ocr.*}, ...) in
 * {@link #getSettings()} or a {@link #getConfigFile()}, as for the Flink jobs. The runner and its
 * own options ({@code --runner=DataflowRunner --project=...}) come from the command line as usual.
 */
public interface BackfillOptions extends PipelineOptions {

    @Description("Where the videos are: a local directory or a prefix such as s3://bucket/videos/")
    @Validation.Required
    String getInput();

    void setInput(String input);

    @Description("The output root: {out}/{table}/dt=YYYY-MM-DD/part-*.parquet and keyframes/")
    @Validation.Required
    String getOutput();

    void setOutput(String output);

    @Description(
            "Decode each video in this many parallel segments (shots.segments; unset: one per"
                    + " shots.segment-seconds)")
    Integer getSegmentsPerVideo();

    void setSegmentsPerVideo(Integer segments);

    @Description("Frames rows whose text is embedded in one model call (embedding.batch.size)")
    Integer getEmbeddingBatchSize();

    void setEmbeddingBatchSize(Integer size);

    @Description(
            "With frame description on (llm.url): how many describing DoFn instances call the LLM"
                    + " at once; each takes an equal share of llm.rate.* (unset: 1, each"
                    + " takes all of it)")
    Integer getLlmInstances();

    void setLlmInstances(Integer instances);

    @Description("A Framewise properties file, as the Flink jobs' --config")
    String getConfigFile();

    void setConfigFile(String file);

    @Description("Framewise settings as key=value, applied after the config file")
    List<String> getSettings();

    void setSettings(List<String> settings);
}
