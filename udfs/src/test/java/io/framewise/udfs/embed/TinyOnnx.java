package io.framewise.udfs.embed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a tiny CLIP-shaped visual encoder as an ONNX file, byte by byte (a minimal protobuf
 * encoder for the few ONNX messages it needs), so the image-embedding tests need no model from the
 * internet.
 *
 * <p>The graph: input {@code pixel_values} {@code [batch, 3, size, size]} float → {@code Flatten} →
 * {@code MatMul} with the given weights {@code [3 * size * size, dims]} → output {@code
 * image_embeds} {@code [batch, dims]}. ONNX IR version 7, opset 13.
 */
final class TinyOnnx {

    private TinyOnnx() {}

    static Path write(Path file, int size, float[][] weights) throws IOException {
        int inputs = 3 * size * size;
        int dims = weights[0].length;
        if (weights.length != inputs) {
            throw new IllegalArgumentException("weights need " + inputs + " rows");
        }
        ByteBuffer raw = ByteBuffer.allocate(inputs * dims * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : weights) {
            for (float w : row) {
                raw.putFloat(w);
            }
        }
        byte[] flatten =
                message(
                        string(1, "pixel_values"),
                        string(2, "flat"),
                        string(3, "flatten"),
                        string(4, "Flatten"));
        byte[] matmul =
                message(
                        string(1, "flat"),
                        string(1, "W"),
                        string(2, "image_embeds"),
                        string(3, "project"),
                        string(4, "MatMul"));
        byte[] initializer =
                message(
                        varint(1, inputs),
                        varint(1, dims),
                        varint(2, 1), // FLOAT
                        string(8, "W"),
                        bytes(9, raw.array()));
        byte[] graph =
                message(
                        bytes(1, flatten),
                        bytes(1, matmul),
                        string(2, "tiny-clip"),
                        bytes(5, initializer),
                        bytes(11, valueInfo("pixel_values", "batch", 3, size, size)),
                        bytes(12, valueInfo("image_embeds", "batch", dims)));
        byte[] model =
                message(
                        varint(1, 7), // ir_version
                        string(2, "framewise-test"),
                        bytes(7, graph),
                        bytes(8, message(string(1, ""), varint(2, 13))));
        Files.write(file, model);
        return file;
    }

    /** A float tensor's ValueInfoProto: a named batch dimension, then fixed ones. */
    private static byte[] valueInfo(String name, String batch, int... dims) throws IOException {
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        shape.write(bytes(1, message(string(2, batch))));
        for (int d : dims) {
            shape.write(bytes(1, message(varint(1, d))));
        }
        byte[] tensor = message(varint(1, 1), bytes(2, shape.toByteArray()));
        byte[] type = message(bytes(1, tensor));
        return message(string(1, name), bytes(2, type));
    }

    private static byte[] message(byte[]... fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : fields) {
            out.write(f);
        }
        return out.toByteArray();
    }

    private static byte[] varint(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
        return out.toByteArray();
    }

    private static byte[] string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(int field, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, ((long) field << 3) | 2);
        writeVarint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
