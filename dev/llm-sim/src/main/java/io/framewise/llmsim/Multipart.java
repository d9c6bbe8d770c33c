package io.framewise.llmsim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code multipart/form-data} request body, as the simulator's transcription endpoint reads. */
final class Multipart {

    /** One part: its file name (null for a plain field) and content. */
    record Part(String fileName, byte[] content) {}

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("(?:^|[;\\s])name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

    private final Map<String, Part> parts;

    private Multipart(Map<String, Part> parts) {
        this.parts = parts;
    }

    Part part(String name) {
        return parts.get(name);
    }

    /** A field's value as text; null when absent. */
    String text(String name) {
        Part p = parts.get(name);
        return p == null ? null : new String(p.content(), StandardCharsets.UTF_8).strip();
    }

    /** The parts of {@code body}; the first of repeated names is kept. */
    static Multipart parse(byte[] body, String contentType) throws IOException {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (contentType == null || !contentType.startsWith("multipart/form-data") || !m.find()) {
            throw new IOException("multipart/form-data with a boundary is needed");
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            start += 2; // CRLF
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(body, delimiter, start);
            if (headersEnd < 0 || next < 0) {
                throw new IOException("a multipart body cut short");
            }
            String headers =
                    new String(body, start, headersEnd - start, StandardCharsets.ISO_8859_1);
            int contentStart = headersEnd + 4;
            int contentEnd = next - 2; // CRLF before the delimiter
            Matcher name = NAME.matcher(headers);
            if (name.find() && contentEnd >= contentStart) {
                Matcher file = FILE_NAME.matcher(headers);
                byte[] content = new byte[contentEnd - contentStart];
                System.arraycopy(body, contentStart, content, 0, content.length);
                parts.putIfAbsent(
                        name.group(1), new Part(file.find() ? file.group(1) : null, content));
            }
            at = next;
        }
        return new Multipart(parts);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
