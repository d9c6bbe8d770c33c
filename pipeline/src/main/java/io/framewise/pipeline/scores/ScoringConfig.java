package io.framewise.pipeline.scores;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where models run and which per-keyframe scores are computed ({@code scoring.*}), parsed and
 * validated once.
 *
 * <p>The engine and device apply to every model the job runs (text and image embeddings). This
 * record checks the syntax and the combinations; whether the engine and the GPU are really there is
 * checked when the job starts, by the engines in {@code udfs} ({@code DjlRuntime.check}).
 *
 * @param engine {@code onnxruntime} (default, CPU or CUDA), {@code tensorrt} (ONNX Runtime's
 *     TensorRT execution provider, GPU only) or {@code pytorch} (DJL's PyTorch engine, TorchScript
 *     models)
 * @param device {@code cpu}, {@code gpu} (the GPU Flink assigned to the task manager through the
 *     external resource {@code gpu}, else GPU 0) or {@code gpu:N}
 * @param threads intra-op threads of each model session (parallelism comes from subtasks)
 * @param faces whether faces are counted on keyframes
 * @param faceCascade {@code haar} or {@code lbp}: which OpenCV frontal-face cascade
 * @param faceMinSize smallest face looked for, as a fraction of the picture's height
 */
public record ScoringConfig(
        String engine,
        String device,
        int threads,
        boolean faces,
        String faceCascade,
        double faceMinSize)
        implements Serializable {

    public static final String ONNXRUNTIME = "onnxruntime";
    public static final String TENSORRT = "tensorrt";
    public static final String PYTORCH = "pytorch";

    /** Keys with their defaults, in documentation order. */
    public static final Map<String, String> KEYS = defaultKeys();

    private static final Pattern DEVICE = Pattern.compile("cpu|gpu|gpu:(\\d{1,3})");

    private static Map<String, String> defaultKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("scoring.engine", ONNXRUNTIME);
        keys.put("scoring.device", "cpu");
        keys.put("scoring.threads", "1");
        keys.put("scoring.faces", "true");
        keys.put("scoring.faces.cascade", "haar");
        keys.put("scoring.faces.min-size", "0.06");
        return Collections.unmodifiableMap(keys);
    }

    public ScoringConfig {
        require(
                ONNXRUNTIME.equals(engine) || TENSORRT.equals(engine) || PYTORCH.equals(engine),
                "scoring.engine must be onnxruntime, tensorrt or pytorch, got '" + engine + "'");
        require(
                device != null && DEVICE.matcher(device).matches(),
                "scoring.device must be cpu, gpu or gpu:N (N the GPU's index), got '"
                        + device
                        + "'");
        require(
                !TENSORRT.equals(engine) || !"cpu".equals(device),
                "scoring.engine=tensorrt runs on a GPU only: set scoring.device=gpu or gpu:N");
        require(
                threads >= 1 && threads <= 256,
                "scoring.threads must be between 1 and 256, got " + threads);
        require(
                "haar".equals(faceCascade) || "lbp".equals(faceCascade),
                "scoring.faces.cascade must be haar or lbp, got '" + faceCascade + "'");
        require(
                faceMinSize > 0 && faceMinSize <= 1,
                "scoring.faces.min-size must be greater than 0 and at most 1, got " + faceMinSize);
    }

    /** The documented defaults: ONNX Runtime on the CPU. */
    public static ScoringConfig defaults() {
        return from(new Properties());
    }

    /** Reads the {@code scoring.*} keys; unknown {@code scoring.*} keys are rejected. */
    public static ScoringConfig from(Properties props) {
        Settings s = Settings.of(props, "scoring.", KEYS);
        return new ScoringConfig(
                s.text("scoring.engine").toLowerCase(Locale.ROOT),
                s.text("scoring.device").toLowerCase(Locale.ROOT),
                s.integer("scoring.threads"),
                s.bool("scoring.faces"),
                s.text("scoring.faces.cascade").toLowerCase(Locale.ROOT),
                s.number("scoring.faces.min-size"));
    }

    /** True for {@code gpu} and {@code gpu:N}. */
    public boolean onGpu() {
        return !"cpu".equals(device);
    }

    /**
     * The GPU to run on: N for {@code gpu:N}; for {@code gpu}, the one Flink assigned ({@code
     * assigned}, -1 when none) or else 0; -1 on the CPU.
     */
    public int gpuIndex(int assigned) {
        Matcher m = DEVICE.matcher(device);
        if (!m.matches() || "cpu".equals(device)) {
            return -1;
        }
        if (m.group(1) != null) {
            return Integer.parseInt(m.group(1));
        }
        return assigned >= 0 ? assigned : 0;
    }

    /** The same settings on another engine and device (for comparisons such as the GPU check). */
    public ScoringConfig on(String engine, String device) {
        return new ScoringConfig(engine, device, threads, faces, faceCascade, faceMinSize);
    }
}
