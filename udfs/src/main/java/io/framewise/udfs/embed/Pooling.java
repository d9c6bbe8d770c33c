package io.framewise.udfs.embed;

/**
 * Turns a text encoder's output into one vector per text: mean pooling over the attention mask, the
 * first ({@code CLS}) token, or the output as it is; then optional L2 normalisation.
 */
final class Pooling {

    private Pooling() {}

    /**
     * @param output the model output, row-major
     * @param shape its shape: {@code [texts, tokens, dims]} for {@code mean} and {@code cls},
     *     {@code [texts, dims]} for {@code none}
     * @param mask the attention mask, {@code [texts, tokens]} row-major (1: a real token)
     * @param pooling {@code mean}, {@code cls} or {@code none}
     */
    static float[][] pool(
            float[] output, long[] shape, long[] mask, String pooling, boolean normalize) {
        int n = (int) shape[0];
        float[][] vectors = new float[n][];
        if ("none".equals(pooling)) {
            if (shape.length != 2) {
                throw new IllegalArgumentException(
                        "embedding.pooling=none needs an output of one vector per text, got shape "
                                + java.util.Arrays.toString(shape));
            }
            int dims = (int) shape[1];
            for (int i = 0; i < n; i++) {
                vectors[i] = java.util.Arrays.copyOfRange(output, i * dims, (i + 1) * dims);
            }
        } else {
            if (shape.length != 3) {
                throw new IllegalArgumentException(
                        "embedding.pooling="
                                + pooling
                                + " needs an output of one vector per token, got shape "
                                + java.util.Arrays.toString(shape)
                                + " (use embedding.pooling=none)");
            }
            int tokens = (int) shape[1];
            int dims = (int) shape[2];
            for (int i = 0; i < n; i++) {
                float[] v = new float[dims];
                if ("cls".equals(pooling)) {
                    System.arraycopy(output, i * tokens * dims, v, 0, dims);
                } else {
                    int count = 0;
                    for (int t = 0; t < tokens; t++) {
                        if (mask[i * tokens + t] == 0) {
                            continue;
                        }
                        count++;
                        int base = (i * tokens + t) * dims;
                        for (int d = 0; d < dims; d++) {
                            v[d] += output[base + d];
                        }
                    }
                    for (int d = 0; d < dims; d++) {
                        v[d] /= Math.max(1, count);
                    }
                }
                vectors[i] = v;
            }
        }
        if (normalize) {
            for (float[] v : vectors) {
                normalize(v);
            }
        }
        return vectors;
    }

    /** Scales {@code v} to unit length in place (a zero vector stays zero). */
    static void normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum > 0) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
    }
}
