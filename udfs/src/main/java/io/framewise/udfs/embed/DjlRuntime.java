package io.framewise.udfs.embed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.repository.zoo.Criteria;
import ai.djl.util.cuda.CudaUtils;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.framewise.pipeline.scores.ScoringConfig;
import java.util.EnumSet;

/**
 * Where DJL runs a model: the engine and device of {@code scoring.*}, checked up front, and DJL
 * kept offline.
 *
 * <ul>
 *   <li>{@code onnxruntime}: DJL's OnnxRuntime engine; on a GPU device, ONNX Runtime's CUDA
 *       execution provider.
 *   <li>{@code tensorrt}: DJL's OnnxRuntime engine with ONNX Runtime's TensorRT execution provider
 *       ({@code ortDevice=TensorRT}); GPU only. DJL's own TensorRT engine stops at DJL 0.33 and
 *       TensorRT 8, so it is not used.
 *   <li>{@code pytorch}: DJL's PyTorch engine, for TorchScript models; its jars come with {@code
 *       -Ppytorch}.
 * </ul>
 *
 * <p>The GPU paths need ONNX Runtime's GPU build ({@code -Pgpu}) and CUDA 12, cuDNN 9 and TensorRT
 * 10.8 on the host (README, section GPU). DJL runs with {@code ai.djl.offline=true} and its
 * telemetry off ({@code OPT_OUT_TRACKING=true}), set before DJL's first use: models come from
 * files, nothing is fetched at run time.
 */
public final class DjlRuntime {

    static {
        offline();
    }

    private DjlRuntime() {}

    /** Keeps DJL from downloading anything or calling home; idempotent. */
    public static void offline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    /** DJL's name of the engine {@code config} asks for. */
    static String engineName(ScoringConfig config) {
        return ScoringConfig.PYTORCH.equals(config.engine()) ? "PyTorch" : "OnnxRuntime";
    }

    /** The DJL device: the CPU, or the GPU from {@code config} and Flink's assignment. */
    static Device device(ScoringConfig config, int assignedGpu) {
        int gpu = config.gpuIndex(assignedGpu);
        return gpu < 0 ? Device.cpu() : Device.gpu(gpu);
    }

    /**
     * Fails with a message naming the setting when {@code config} cannot run here: the engine is
     * not on the classpath, no GPU, too few GPUs, or ONNX Runtime's CPU build asked for a GPU.
     *
     * @throws IllegalArgumentException what is missing and how to get it
     */
    public static void check(ScoringConfig config) {
        String engine = engineName(config);
        if (!Engine.hasEngine(engine)) {
            throw new IllegalArgumentException(
                    "scoring.engine="
                            + config.engine()
                            + " needs DJL's "
                            + engine
                            + " engine on the classpath"
                            + (ScoringConfig.PYTORCH.equals(config.engine())
                                    ? " (build with mvn -Ppytorch)"
                                    : "")
                            + "; available: "
                            + Engine.getAllEngines());
        }
        if (!config.onGpu()) {
            return;
        }
        int gpus = CudaUtils.getGpuCount();
        if (gpus <= 0) {
            throw new IllegalArgumentException(
                    "scoring.device="
                            + config.device()
                            + " but no CUDA GPU was found (NVIDIA driver and CUDA 12 runtime"
                            + " needed; see README, section GPU)");
        }
        int index = config.gpuIndex(-1);
        if (index >= gpus) {
            throw new IllegalArgumentException(
                    "scoring.device=" + config.device() + " but this host has " + gpus + " GPU(s)");
        }
        if (!ScoringConfig.PYTORCH.equals(config.engine())) {
            EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
            OrtProvider needed =
                    ScoringConfig.TENSORRT.equals(config.engine())
                            ? OrtProvider.TENSOR_RT
                            : OrtProvider.CUDA;
            if (!providers.contains(needed)) {
                throw new IllegalArgumentException(
                        "scoring.engine="
                                + config.engine()
                                + " on "
                                + config.device()
                                + " needs ONNX Runtime's "
                                + needed.getName()
                                + ", which this build lacks (it has "
                                + providers
                                + "): build with mvn -Pgpu, the onnxruntime_gpu jar");
            }
        }
    }

    /** Sets the engine, device and session options of {@code config} on a model's criteria. */
    static <I, O> Criteria.Builder<I, O> place(
            Criteria.Builder<I, O> builder, ScoringConfig config, int assignedGpu) {
        builder.optEngine(engineName(config)).optDevice(device(config, assignedGpu));
        if (!ScoringConfig.PYTORCH.equals(config.engine())) {
            String threads = String.valueOf(config.threads());
            builder.optOption("interOpNumThreads", "1").optOption("intraOpNumThreads", threads);
            if (ScoringConfig.TENSORRT.equals(config.engine())) {
                builder.optOption("ortDevice", "TensorRT");
            }
        }
        return builder;
    }
}
