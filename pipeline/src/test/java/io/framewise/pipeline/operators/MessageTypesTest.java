package io.framewise.pipeline.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.VideoSignature;
import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.frames.FrameCandidate;
import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.frames.KeyframeWork;
import io.framewise.pipeline.messages.ChunkTranscript;
import io.framewise.pipeline.messages.DescribeTask;
import io.framewise.pipeline.messages.DescribeTask.Role;
import io.framewise.pipeline.messages.Described;
import io.framewise.pipeline.messages.Messages.Enriched;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.KeyframeRead;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.KeyframesChosen;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.messages.Messages.VideoNews;
import io.framewise.pipeline.messages.Messages.VideoStitched;
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
import io.framewise.pipeline.rows.SpeechCallRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.TranscriptRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.rows.VideoSummary;
import io.framewise.pipeline.scores.FrameScores;
import io.framewise.pipeline.shots.Rational;
import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechAudio;
import io.framewise.pipeline.speech.SpeechRegion;
import io.framewise.pipeline.speech.SpokenSegment;
import io.framewise.pipeline.speech.Transcription;
import io.framewise.pipeline.stages.ClusterRegistry;
import io.framewise.pipeline.video.VideoRef;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record that travels between the indexing job's operators or sits in their keyed state is
 * serialised by Flink's own serializers, never by Kryo: its type information is a POJO (Java
 * records are POJOs to Flink), every field down to the leaves has a serializer of its own, and a
 * sample value comes back from the serializer equal to what went in. A type that fell back to Kryo
 * would be slower, and its state would not survive a change of the class.
 */
class MessageTypesTest {

    static final VideoRef VIDEO = new VideoRef("talk-0001", "s3://videos/talk.mp4", "acme", 5L);
    static final ShotDetection SHOTS = FakeEngines.shots(100);

    static Stream<Arguments> messages() {
        KeyframeTask task = new KeyframeTask(VIDEO, SHOTS.withoutFrames(), keyframe(), 3);
        KeyframeDone done =
                new KeyframeDone(
                        task,
                        new KeyframeRead(
                                FakeEngines.text("Agenda"),
                                "keyframes/talk-0001/1-60.jpg",
                                new FrameScores(0.9, 0.25, 0.1, 1, 0.3),
                                "colour-structure-v1",
                                new float[] {0.6f, 0.8f},
                                new float[64]),
                        new byte[] {(byte) 0xFF, (byte) 0xD8},
                        new Enriched(FakeDescribers.description(60, "Agenda"), 0.0012));
        Enrichment enrichment =
                new Enrichment(
                        Enrichment.OK,
                        FakeDescribers.description(60, "Agenda"),
                        "gpt-4o-mini",
                        "frame-v1",
                        1,
                        812,
                        290,
                        61,
                        false,
                        null);
        DescribeTask describe = new DescribeTask(done, "model|v1|60|agenda", Role.LEADER);
        AudioChunk chunk = SpeechOperatorsTest.chunk("talk-0001", 1, "abc").withUri(VIDEO.uri());
        TranscribeTask transcribe = new TranscribeTask(chunk, "m|abc", Role.FOLLOWER);
        Transcription transcription = SpeechOperatorsTest.ok("hello");
        ShotFeatures shot = FakeAggregation.shot("acme", "talk-0001", 0, 1, 5L, "Intro");
        SceneRow scene = new SceneRow("talk-0001", 0, 0, 1, 0, 4000, "k/0.jpg", 9L);
        VideoRow video =
                FakeAggregation.video("talk-0001", 1, 9L)
                        .withSummary(
                                new VideoSummary(
                                        1,
                                        4000,
                                        0.5,
                                        List.of("agenda"),
                                        List.of("#ffffff"),
                                        0.1,
                                        0.5,
                                        0.9,
                                        0.0012,
                                        List.of("talk-0002"),
                                        List.of(scene)));
        return Stream.of(
                // What the operators send each other.
                Arguments.of(SegmentTask.class, new SegmentTask(VIDEO, FakeEngines.plan(2), 1)),
                Arguments.of(
                        SegmentDone.class,
                        new SegmentDone(
                                VIDEO, FakeEngines.plan(2), 0, features(), "corrupt", "packets")),
                Arguments.of(
                        KeyframeWorkTask.class,
                        new KeyframeWorkTask(VIDEO, SHOTS, new KeyframeWork(0, 1, 0, 0, 1))),
                Arguments.of(
                        KeyframesChosen.class,
                        new KeyframesChosen(
                                VIDEO,
                                SHOTS,
                                new KeyframeWork(0, 1, 0, 0, 1),
                                List.of(keyframe()),
                                null,
                                null)),
                Arguments.of(KeyframeTask.class, task),
                Arguments.of(KeyframeTask.class, KeyframeTask.chosen(VIDEO, keyframe())),
                Arguments.of(
                        VideoNews.class,
                        VideoNews.of(
                                new VideoStitched(
                                        VIDEO, SHOTS.withoutFrames(), List.of(keyframe()), 2))),
                Arguments.of(VideoNews.class, VideoNews.of(VideoStitched.failed(VIDEO, 1))),
                Arguments.of(KeyframeDone.class, done),
                Arguments.of(DescribeTask.class, describe),
                Arguments.of(Described.class, new Described(describe, enrichment)),
                Arguments.of(AudioChunk.class, chunk),
                Arguments.of(TranscribeTask.class, transcribe),
                Arguments.of(Transcribed.class, new Transcribed(transcribe, transcription)),
                Arguments.of(
                        ChunkTranscript.class,
                        new ChunkTranscript(
                                "talk-0001",
                                1,
                                List.of(new SpokenSegment(10_200, 12_000, "hi", 0.8)),
                                "en",
                                "m")),
                Arguments.of(
                        SpeechPlan.class,
                        new SpeechPlan(
                                "talk-0001",
                                VIDEO.uri(),
                                new SpeechAudio(
                                        true, 30_000, List.of(new SpeechRegion(200, 2_800)), 1),
                                1,
                                false)),
                Arguments.of(
                        VideoSpeech.class,
                        new VideoSpeech(
                                "talk-0001",
                                true,
                                2_600,
                                List.of(new SpokenSegment(200, 2_800, "hello", 0.9)),
                                "en",
                                "m")),
                Arguments.of(
                        VideoNews.class,
                        VideoNews.of(
                                new VideoSpeech("talk-0001", false, 0, List.of(), null, null))),
                Arguments.of(ShotFeatures.class, shot),
                Arguments.of(
                        SummarizedVideo.class,
                        new SummarizedVideo(
                                "acme", video, VideoSignature.of("talk-0001", List.of(shot)))),
                Arguments.of(VideoRef.class, VIDEO),
                // What the keyed operators keep in state besides those.
                Arguments.of(Enrichment.class, enrichment),
                Arguments.of(Transcription.class, transcription),
                Arguments.of(VideoSignature.class, VideoSignature.of("talk-0001", List.of(shot))),
                Arguments.of(ClusterRegistry.class, ClusterRegistry.empty()),
                // The rows, from the operators to the sinks.
                Arguments.of(VideoRow.class, video),
                Arguments.of(
                        ShotRow.class,
                        new ShotRow("talk-0001", 1, 50, 99, 2000, 4000, "cut", 2, 9L, "hi")),
                Arguments.of(
                        FrameRow.class,
                        io.framewise.pipeline.stages.VideoAssembly.frameRow(
                                        done, "Agenda", "hello", 9L)
                                .withTextVector("minilm", new float[] {0.1f})),
                Arguments.of(
                        TextRow.class,
                        new TextRow("talk-0001", 1, "Agenda", 0.9f, 2000, 4000, 2, 9L)),
                Arguments.of(
                        FailureRow.class,
                        FailureRow.ofVideo(VIDEO.videoId(), VIDEO.uri(), "enrich", "x", "y")
                                .withInput(FailureRow.keyframe("talk-0001", 1, 60))
                                .withPayload("{}")
                                .withAttempt(3)),
                Arguments.of(
                        LlmCallRow.class,
                        new LlmCallRow(
                                "talk-0001",
                                60,
                                "m",
                                "v1",
                                "ok",
                                1,
                                812,
                                290,
                                61,
                                null,
                                false,
                                9L)),
                Arguments.of(SceneRow.class, scene),
                Arguments.of(
                        ClusterRow.class,
                        new ClusterRow(
                                "acme",
                                0,
                                3_600_000,
                                "acme:c1",
                                0,
                                2,
                                1,
                                List.of("agenda"),
                                "k/0.jpg",
                                List.of("k/0.jpg"),
                                new float[] {0.6f, 0.8f})),
                Arguments.of(
                        ClusterMemberRow.class,
                        new ClusterMemberRow(
                                "acme", 0, "acme:c1", 0, "talk-0001", 0, 0.1, new long[] {60})),
                Arguments.of(
                        TranscriptRow.class,
                        new TranscriptRow(
                                "talk-0001",
                                0,
                                200,
                                2800,
                                "00:00:00:05",
                                "hello",
                                "en",
                                0.9,
                                0,
                                "m",
                                9L)),
                Arguments.of(
                        SpeechCallRow.class,
                        new SpeechCallRow(
                                "talk-0001",
                                1,
                                10_000,
                                13_000,
                                "m",
                                "ok",
                                1,
                                300,
                                3.0,
                                null,
                                false,
                                1,
                                9L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    <T> void isAPojoWithoutKryoAndRoundTrips(Class<T> type, T sample) throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).isNotInstanceOf(GenericTypeInfo.class).isInstanceOf(PojoTypeInfo.class);
        // Down to the leaves: creating the serializer with generic types disabled fails on any
        // field that would need Kryo.
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);

        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        TypeSerializer<T> serializer = info.createSerializer(noKryo);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(sample, out);
        T back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back).isNotSameAs(sample).usingRecursiveComparison().isEqualTo(sample);
        assertThat(serializer.copy(sample)).usingRecursiveComparison().isEqualTo(sample);
    }

    private static io.framewise.pipeline.frames.Keyframe keyframe() {
        return FakeEngines.keyframe(1, 60);
    }

    private static SegmentFeatures features() {
        return new SegmentFeatures(
                0,
                new long[] {0, 1},
                new float[] {0.5f, 0.25f},
                1,
                new byte[][] {{1, 2}},
                new byte[][] {{3}},
                List.of(
                        new FrameCandidate(
                                25,
                                new Rational(1, 25),
                                new KeyframeQuality(100, 120, 40, 0.8),
                                25,
                                new byte[] {9})));
    }
}
