package io.framewise.beam;

import org.apache.beam.sdk.PipelineResult;

/**
 * The entry point for submitting the backfill to a Beam runner: every argument is a pipeline option
 * ({@code --runner=... --input=... --output=...}, README.md), so {@code spark-submit}, {@code flink
 * run} or a plain {@code java -cp} for Dataflow all call it the same way.
 */
public final class BeamBackfillMain {

    private BeamBackfillMain() {}

    public static void main(String[] args) {
        BackfillOptions options = BeamBackfillPipeline.options(args);
        PipelineResult.State state = BeamBackfillPipeline.create(options).run().waitUntilFinish();
        if (state != PipelineResult.State.DONE) {
            System.err.println("beam-backfill: the pipeline ended " + state);
            System.exit(1);
        }
    }
}
