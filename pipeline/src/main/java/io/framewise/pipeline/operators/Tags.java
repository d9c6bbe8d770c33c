package io.framewise.pipeline.operators;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.VideoNews;
import io.framewise.pipeline.messages.SpeechPlan;
import io.framewise.pipeline.messages.TranscribeTask;
import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.SpeechCallRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.TranscriptRow;
import io.framewise.pipeline.rows.VideoRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs of the indexing job's operators. */
public final class Tags {

    private Tags() {}

    public static final OutputTag<FailureRow> FAILURES =
            new OutputTag<>("failures", TypeInformation.of(FailureRow.class));

    /** The {@code failed} video rows of videos that failed before their shots were known. */
    public static final OutputTag<VideoRow> FAILED_VIDEOS =
            new OutputTag<>("failed-videos", TypeInformation.of(VideoRow.class));

    public static final OutputTag<ShotRow> SHOTS =
            new OutputTag<>("shots", TypeInformation.of(ShotRow.class));

    public static final OutputTag<TextRow> TEXTS =
            new OutputTag<>("texts", TypeInformation.of(TextRow.class));

    public static final OutputTag<FrameRow> FRAMES =
            new OutputTag<>("frames", TypeInformation.of(FrameRow.class));

    public static final OutputTag<LlmCallRow> LLM_CALLS =
            new OutputTag<>("llm-calls", TypeInformation.of(LlmCallRow.class));

    /** Keyframes whose description another keyframe with the same cache key asks for. */
    public static final OutputTag<DescribeTask> FOLLOWERS =
            new OutputTag<>("followers", TypeInformation.of(DescribeTask.class));

    /** Followers whose leader's description failed: they ask for their own. */
    public static final OutputTag<DescribeTask> ORPHANS =
            new OutputTag<>("orphans", TypeInformation.of(DescribeTask.class));

    /** Keyframes chosen at stitching from the candidates measured while decoding: no 2nd pass. */
    public static final OutputTag<KeyframeTask> CHOSEN_KEYFRAMES =
            new OutputTag<>("chosen-keyframes", TypeInformation.of(KeyframeTask.class));

    /** What stitching tells the assembly of each video whose keyframes it sent on directly. */
    public static final OutputTag<VideoNews> STITCHED =
            new OutputTag<>("stitched", TypeInformation.of(VideoNews.class));

    /** Chunks whose transcript another chunk with the same audio asks for. */
    public static final OutputTag<TranscribeTask> SPEECH_FOLLOWERS =
            new OutputTag<>("speech-followers", TypeInformation.of(TranscribeTask.class));

    /** Followers whose leader's transcription failed: they ask for their own. */
    public static final OutputTag<TranscribeTask> SPEECH_ORPHANS =
            new OutputTag<>("speech-orphans", TypeInformation.of(TranscribeTask.class));

    /** One per video from the speech extraction: how many chunks to wait for. */
    public static final OutputTag<SpeechPlan> SPEECH_PLANS =
            new OutputTag<>("speech-plans", TypeInformation.of(SpeechPlan.class));

    public static final OutputTag<SpeechCallRow> SPEECH_CALLS =
            new OutputTag<>("speech-calls", TypeInformation.of(SpeechCallRow.class));

    public static final OutputTag<TranscriptRow> TRANSCRIPTS =
            new OutputTag<>("transcripts", TypeInformation.of(TranscriptRow.class));

    /** Each shot's features, for scenes, summaries and clusters. */
    public static final OutputTag<ShotFeatures> SHOT_FEATURES =
            new OutputTag<>("shot-features", TypeInformation.of(ShotFeatures.class));

    public static final OutputTag<SceneRow> SCENES =
            new OutputTag<>("scenes", TypeInformation.of(SceneRow.class));

    public static final OutputTag<ClusterMemberRow> CLUSTER_MEMBERS =
            new OutputTag<>("cluster-members", TypeInformation.of(ClusterMemberRow.class));

    /** Shots that arrived after their window closed (allowed lateness included). */
    public static final OutputTag<ShotFeatures> LATE_SHOTS =
            new OutputTag<>("late-shots", TypeInformation.of(ShotFeatures.class));
}
