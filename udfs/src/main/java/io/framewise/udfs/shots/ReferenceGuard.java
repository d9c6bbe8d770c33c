package io.framewise.udfs.shots;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Follows an H.264 stream's reference pictures in decoding order, as the decoder keeps them (ITU-T
 * H.264, 8.2.4 and 8.2.5), to tell whether a picture about to be decoded may predict from a
 * stand-in: a referenced B-picture sent with its slice header only ({@link SegmentDecoder}), whose
 * pixels are not the picture's.
 *
 * <p>Only the plain case is followed, that of x264's fast presets: one active reference in each
 * list, lists modified only by frame numbers, and reference marking by sliding window or by
 * unmarking short-term pictures. Then a P-picture predicts from one picture (the first of its
 * modified list, or the last reference decoded) and a B-picture from the references nearest to it
 * in display order on either side. Anything else ends the following: {@link #following()} turns
 * false, and a caller that holds a stand-in must decode again without them.
 */
final class ReferenceGuard {

    /** A reference picture: its frame number, when it is shown (or none), whether a stand-in. */
    private record Ref(int frameNum, long pts, boolean standIn) {}

    private static final long UNKNOWN = Long.MIN_VALUE;

    private final List<Ref> refs = new ArrayList<>();
    private final int maxFrameNum;
    private final int maxRefs;
    private int prevRefFrameNum = -1;
    private boolean following = true;

    ReferenceGuard(H264Headers.Sequence sequence) {
        this.maxFrameNum = 1 << sequence.log2MaxFrameNum();
        this.maxRefs = Math.max(1, sequence.maxRefFrames());
    }

    /** False once the stream did something this guard does not follow. */
    boolean following() {
        return following;
    }

    /** Stops following (a header that could not be read). */
    void stop() {
        following = false;
    }

    /**
     * True when {@code slice} is of the form followed: one active reference in each list it has, a
     * P-slice's list modified (if at all) by a short-term frame number first, a B-slice's lists not
     * modified, and reference marking that only unmarks short-term pictures.
     */
    static boolean followed(H264Headers.Slice slice) {
        if (slice.marking() != null && slice.marking().stream().anyMatch(op -> op[0] != 1)) {
            return false;
        }
        return switch (slice.type()) {
            case 0 ->
                    slice.refsL0() == 1
                            && (slice.modificationL0().isEmpty()
                                    || slice.modificationL0().get(0)[0] <= 1);
            case 1 ->
                    slice.refsL0() == 1
                            && slice.refsL1() == 1
                            && slice.modificationL0().isEmpty()
                            && !slice.modifiedL1();
            default -> true;
        };
    }

    /** True when a stand-in is among the pictures later ones may predict from. */
    boolean holdsStandIn() {
        return refs.stream().anyMatch(Ref::standIn);
    }

    /**
     * True when the picture with {@code slice} ({@linkplain #followed of the form followed}) shown
     * at {@code pts} predicts from no stand-in, as far as this guard can tell; false when it may
     * (or when the guard is not following).
     */
    boolean predictsFromNoStandIn(H264Headers.Slice slice, long pts) {
        if (!following) {
            return false;
        }
        if (slice.idr() || slice.type() == 2 || !holdsStandIn()) {
            return true;
        }
        List<Ref> now = afterGap(slice);
        if (slice.type() == 0) {
            Ref first = firstOfP(now, slice);
            return first != null && !first.standIn();
        }
        if (now.stream().anyMatch(r -> r.pts() == UNKNOWN)) {
            return false;
        }
        List<Ref> below =
                now.stream()
                        .filter(r -> r.pts() < pts)
                        .sorted(Comparator.comparingLong(Ref::pts).reversed())
                        .toList();
        List<Ref> above =
                now.stream()
                        .filter(r -> r.pts() > pts)
                        .sorted(Comparator.comparingLong(Ref::pts))
                        .toList();
        List<Ref> l0 = new ArrayList<>(below);
        l0.addAll(above);
        List<Ref> l1 = new ArrayList<>(above);
        l1.addAll(below);
        if (l1.size() > 1 && l1.equals(l0)) {
            l1.set(0, l0.get(1));
            l1.set(1, l0.get(0));
        }
        return !l0.isEmpty() && !l1.isEmpty() && !l0.get(0).standIn() && !l1.get(0).standIn();
    }

    /** The picture a P-slice's single reference is: by its list modification, or the newest. */
    private Ref firstOfP(List<Ref> now, H264Headers.Slice slice) {
        if (!slice.modificationL0().isEmpty()) {
            int[] command = slice.modificationL0().get(0);
            int step = command[0] == 0 ? -(command[1] + 1) : command[1] + 1;
            int target = Math.floorMod(slice.frameNum() + step, maxFrameNum);
            return now.stream().filter(r -> r.frameNum() == target).findFirst().orElse(null);
        }
        return now.stream()
                .max(Comparator.comparingInt(r -> wrapped(r.frameNum(), slice.frameNum())))
                .orElse(null);
    }

    /** FrameNumWrap: frame numbers above the current one belong to the previous cycle. */
    private int wrapped(int frameNum, int current) {
        return frameNum > current ? frameNum - maxFrameNum : frameNum;
    }

    /**
     * Takes the picture with {@code slice} ({@linkplain #followed of the form followed}) shown at
     * {@code pts} as decoded: a reference picture joins the references, others leave them as they
     * were.
     */
    void decoded(H264Headers.Slice slice, long pts, boolean standIn) {
        if (!following) {
            return;
        }
        if (slice.idr()) {
            refs.clear();
        } else if (prevRefFrameNum >= 0 && slice.frameNum() != prevRefFrameNum) {
            List<Ref> now = afterGap(slice);
            refs.clear();
            refs.addAll(now);
            prevRefFrameNum = Math.floorMod(slice.frameNum() - 1, maxFrameNum);
        }
        if (slice.nalRefIdc() == 0) {
            return;
        }
        if (slice.marking() == null) {
            slide(refs, slice.frameNum());
        } else {
            for (int[] op : slice.marking()) {
                // Unmarking a short-term picture, the only operation followed.
                int target = Math.floorMod(slice.frameNum() - (op[1] + 1), maxFrameNum);
                refs.removeIf(r -> r.frameNum() == target);
            }
        }
        refs.add(new Ref(slice.frameNum(), pts, standIn));
        prevRefFrameNum = slice.frameNum();
    }

    /**
     * The references after the decoder fills a gap in frame numbers before {@code slice} (pictures
     * left out, as {@link SegmentDecoder} does with still referenced B-pictures): each missing
     * number becomes a reference of its own, by sliding window, shown at no known time.
     */
    private List<Ref> afterGap(H264Headers.Slice slice) {
        List<Ref> now = new ArrayList<>(refs);
        if (prevRefFrameNum < 0 || slice.idr() || slice.frameNum() == prevRefFrameNum) {
            return now;
        }
        for (int missing = Math.floorMod(prevRefFrameNum + 1, maxFrameNum);
                missing != slice.frameNum();
                missing = Math.floorMod(missing + 1, maxFrameNum)) {
            slide(now, missing);
            now.add(new Ref(missing, UNKNOWN, false));
        }
        return now;
    }

    /** The sliding window: the oldest short-term picture of {@code list} leaves when it is full. */
    private void slide(List<Ref> list, int current) {
        while (list.size() >= maxRefs) {
            Ref oldest =
                    list.stream()
                            .min(Comparator.comparingInt(r -> wrapped(r.frameNum(), current)))
                            .orElseThrow();
            list.remove(oldest);
        }
    }
}
