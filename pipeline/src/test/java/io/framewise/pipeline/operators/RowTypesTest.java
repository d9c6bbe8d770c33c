package io.framewise.pipeline.operators;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.VideoSignature;
import io.framewise.pipeline.messages.ChunkTranscript;
import io.framewise.pipeline.messages.Messages;
import io.framewise.pipeline.messages.SpeechPlan;
import io.framewise.pipeline.messages.TranscribeTask;
import io.framewise.pipeline.messages.Transcribed;
import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.ClusterRow;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.rows.VideoSummary;
import io.framewise.pipeline.stages.ClusterRegistry;
import io.framewise.pipeline.video.VideoRef;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** The table rows travel between operators and into the sinks as POJOs, never through Kryo. */
class RowTypesTest {

    @Test
    void rowsAreFlinkPojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(VideoRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ShotRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(FrameRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(FailureRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(io.framewise.pipeline.rows.TextRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(VideoRef.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(LlmCallRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(VideoSummary.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SceneRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ClusterRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ClusterMemberRow.class);
    }

    @Test
    void speechRecordsAndStateAreFlinkPojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(
                io.framewise.pipeline.rows.TranscriptRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(
                io.framewise.pipeline.rows.SpeechCallRow.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(
                io.framewise.pipeline.speech.AudioChunk.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TranscribeTask.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Transcribed.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SpeechPlan.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ChunkTranscript.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(VideoSpeech.class);
    }

    @Test
    void aggregationRecordsAndStateAreFlinkPojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ShotFeatures.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(VideoSignature.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Messages.SummarizedVideo.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ClusterRegistry.class);
    }
}
