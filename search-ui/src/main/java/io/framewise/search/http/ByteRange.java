package io.framewise.search.http;

import java.util.Optional;

/**
 * One byte range of a file, from a request's {@code Range} header (RFC 9110 section 14): {@code
 * bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffix}.
 *
 * <p>A header that is absent, malformed, in other units or asks for several ranges is ignored (the
 * whole file is sent, as the RFC allows); a range that starts past the end is unsatisfiable (416).
 *
 * @param first the first byte, inclusive
 * @param last the last byte, inclusive
 */
record ByteRange(long first, long last) {

    /** A range that starts at or past the end of the file. */
    static final class Unsatisfiable extends Exception {
        private static final long serialVersionUID = 1L;

        Unsatisfiable(String message) {
            super(message);
        }
    }

    long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/size}, for {@code Content-Range}. */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * The range a {@code Range} header asks for within a file of {@code size} bytes, clamped to the
     * file; empty where the whole file is to be sent.
     */
    static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return Optional.empty();
        }
        String spec = h.substring(6).strip();
        if (spec.contains(",")) {
            return Optional.empty();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        long first;
        long last;
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return Optional.empty();
                }
                long suffix = digits(b);
                if (suffix == 0) {
                    throw new Unsatisfiable("an empty suffix range");
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = digits(a);
                last = b.isEmpty() ? Long.MAX_VALUE : digits(b);
                if (last < first) {
                    return Optional.empty();
                }
                last = Math.min(last, size - 1);
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (first >= size || size == 0) {
            throw new Unsatisfiable("the file has " + size + " bytes");
        }
        return Optional.of(new ByteRange(first, last));
    }

    /** Only ASCII digits (no sign, no spaces), as the RFC's grammar has it. */
    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(s);
        }
        return Long.parseLong(s);
    }
}
