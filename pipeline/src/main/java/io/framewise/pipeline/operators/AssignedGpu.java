package io.framewise.pipeline.operators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The GPU an operator instance should run its models on, from Flink's external resource {@code gpu}
 * (declared in {@code flink-conf/config.yaml}; the GPU driver's discovery script lists the task
 * manager's GPUs by index).
 *
 * <p>Subtasks of one task manager spread over its GPUs by subtask index. Without the resource (a
 * local MiniCluster, a CPU-only cluster) it is -1, and engines configured for {@code
 * scoring.device=gpu} take GPU 0.
 */
public final class AssignedGpu {

    /** The external resource's name in the Flink configuration. */
    static final String RESOURCE = "gpu";

    private AssignedGpu() {}

    static int of(RuntimeContext context) {
        Set<ExternalResourceInfo> infos;
        try {
            infos = context.getExternalResourceInfos(RESOURCE);
        } catch (RuntimeException e) {
            return -1; // no such resource declared
        }
        List<Integer> indexes = new ArrayList<>();
        for (ExternalResourceInfo info : infos) {
            Optional<String> index = info.getProperty("index");
            index.ifPresent(i -> indexes.add(Integer.parseInt(i.trim())));
        }
        if (indexes.isEmpty()) {
            return -1;
        }
        indexes.sort(Comparator.naturalOrder());
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        return indexes.get(subtask % indexes.size());
    }
}
