package io.framewise.udfs.speech;

import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpeechRegion;
import java.util.List;

/** The speech regions of a whole piece of 16 kHz mono audio (the simulator's "recognition"). */
public final class VoiceRegions {

    private VoiceRegions() {}

    /** Regions in milliseconds from the first sample, as the job's voice activity finds them. */
    public static List<SpeechRegion> find(short[] samples, SpeechConfig config) {
        SpeechChunker chunker = new SpeechChunker(config, "", 0, chunk -> {});
        chunker.accept(samples, 0, samples.length);
        chunker.finish();
        return chunker.regions();
    }
}
