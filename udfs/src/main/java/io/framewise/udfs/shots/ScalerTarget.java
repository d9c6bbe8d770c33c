package io.framewise.udfs.shots;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Native destination planes for {@code sws_scale}, laid out the way the scaler needs them.
 *
 * <p>swscale writes whole SIMD blocks and may run past a row's last byte, so each row gets a stride
 * rounded up to {@link #ALIGN} bytes and each plane an extra row, plus padding at the end. Tightly
 * packed planes (stride = width) corrupted the native heap on narrow pictures (a 36-cell grid for
 * portrait video). {@link #copyTo} then packs the rows into a Java array.
 */
final class ScalerTarget implements AutoCloseable {

    static final int ALIGN = 64;

    private final int rowBytes;
    private final int rows;
    private final int planeCount;
    private final int stride;
    private final long planeSize;
    private final BytePointer buffer;
    private final PointerPointer<BytePointer> planes;
    private final IntPointer strides;
    private final byte[] staging;

    /** {@code planeCount} planes of {@code rows} rows of {@code rowBytes} bytes each. */
    ScalerTarget(int planeCount, int rowBytes, int rows) {
        this.planeCount = planeCount;
        this.rowBytes = rowBytes;
        this.rows = rows;
        this.stride = (rowBytes + ALIGN - 1) / ALIGN * ALIGN;
        this.planeSize = (long) stride * (rows + 1);
        this.buffer = new BytePointer(planeSize * planeCount + 2L * ALIGN);
        this.buffer.fill(0);
        BytePointer[] starts = new BytePointer[4];
        int[] lines = new int[4];
        for (int p = 0; p < planeCount; p++) {
            starts[p] = buffer.getPointer(p * planeSize);
            lines[p] = stride;
        }
        this.planes = new PointerPointer<>(starts);
        this.strides = new IntPointer(lines[0], lines[1], lines[2], lines[3]);
        this.staging = new byte[(int) (planeSize * planeCount)];
    }

    PointerPointer<BytePointer> planes() {
        return planes;
    }

    IntPointer strides() {
        return strides;
    }

    /** Packs the planes' rows, without stride padding, into {@code out} (planes in order). */
    void copyTo(byte[] out) {
        buffer.position(0).get(staging, 0, staging.length);
        int at = 0;
        for (int p = 0; p < planeCount; p++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(staging, (int) (p * planeSize) + r * stride, out, at, rowBytes);
                at += rowBytes;
            }
        }
    }

    @Override
    public void close() {
        planes.close();
        strides.close();
        buffer.close();
    }
}
