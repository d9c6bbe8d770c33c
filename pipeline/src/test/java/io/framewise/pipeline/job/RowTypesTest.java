package io.framewise.pipeline.job;

import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.VideoRow;
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
    }
}
