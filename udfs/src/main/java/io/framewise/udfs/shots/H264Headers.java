package io.framewise.udfs.shots;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.javacpp.BytePointer;

/**
 * The parts of H.264's parameter sets and slice headers that say which pictures a picture may
 * predict from (ITU-T H.264, 7.3.2.1, 7.3.2.2 and 7.3.3): frame numbers, the number of active
 * references, list modifications and reference marking. {@link ReferenceGuard} builds on them.
 *
 * <p>Only progressive streams with one slice group are read; anything else reads as null, and the
 * caller then leaves every picture to the decoder.
 */
final class H264Headers {

    /** What a sequence parameter set says about frame numbers and references. */
    record Sequence(
            int log2MaxFrameNum,
            int pocType,
            int log2MaxPocLsb,
            boolean deltaPicOrderAlwaysZero,
            int maxRefFrames,
            int chromaArrayType) {}

    /** What a picture parameter set says about slice headers. */
    record Picture(
            int sps,
            int refsL0,
            int refsL1,
            boolean bottomFieldPicOrder,
            boolean redundantPicCnt,
            boolean weightedPred,
            int weightedBipred) {}

    /**
     * One slice header, as far as references go.
     *
     * @param type 0 P, 1 B, 2 I (slice_type % 5; SP and SI read as unsupported)
     * @param refsL0 active references in list 0 (0 for I)
     * @param modificationL0 list 0 modification commands as {idc, value} pairs, empty when none
     * @param modifiedL1 whether list 1 is modified
     * @param marking memory management operations as {op, value} pairs; null for the sliding window
     * @param headerBytes bytes of the NAL unit (its header byte included) up to the end of the
     *     reference marking; the few fields after it (CABAC init, QP, deblocking) take a few bytes
     *     more
     */
    record Slice(
            int nalRefIdc,
            boolean idr,
            int type,
            int frameNum,
            int refsL0,
            int refsL1,
            List<int[]> modificationL0,
            boolean modifiedL1,
            List<int[]> marking,
            int headerBytes) {}

    private final Map<Integer, Sequence> sequences = new HashMap<>();
    private final Map<Integer, Picture> pictures = new HashMap<>();

    private H264Headers() {}

    /** The parameter sets of an {@code avcC} configuration, or null when there is none to read. */
    static H264Headers of(AVCodecParameters par) {
        int size = par.extradata_size();
        BytePointer extra = par.extradata();
        if (size < 7 || extra == null || extra.get(0) != 1) {
            return null;
        }
        byte[] avcc = new byte[size];
        extra.position(0).get(avcc);
        H264Headers headers = new H264Headers();
        try {
            int at = 5;
            int count = avcc[at++] & 0x1f;
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < count; i++) {
                    int length = ((avcc[at] & 0xff) << 8) | (avcc[at + 1] & 0xff);
                    at += 2;
                    if (s == 0) {
                        headers.readSequence(new Rbsp(avcc, at + 1, at + length));
                    } else {
                        headers.readPicture(new Rbsp(avcc, at + 1, at + length));
                    }
                    at += length;
                }
                if (s == 0) {
                    count = avcc[at++] & 0xff;
                }
            }
        } catch (RuntimeException e) {
            return null; // a configuration this reader does not follow
        }
        return headers.sequences.isEmpty() || headers.pictures.isEmpty() ? null : headers;
    }

    /** True when every picture parameter set makes one reference in each list the default. */
    boolean oneReferenceByDefault() {
        return pictures.values().stream().allMatch(p -> p.refsL0() == 1 && p.refsL1() == 1);
    }

    /** The stream's sequence parameter set, or null when it has more than one. */
    Sequence onlySequence() {
        return sequences.size() == 1 ? sequences.values().iterator().next() : null;
    }

    private void readSequence(Rbsp r) {
        int profile = r.bits(8);
        r.bits(16); // constraint flags, level
        int id = r.ue();
        int chromaFormat = 1;
        boolean separatePlanes = false;
        if (List.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135)
                .contains(profile)) {
            chromaFormat = r.ue();
            if (chromaFormat == 3) {
                separatePlanes = r.bit();
            }
            r.ue(); // bit depths
            r.ue();
            r.bit();
            if (r.bit()) {
                for (int i = 0; i < (chromaFormat != 3 ? 8 : 12); i++) {
                    if (r.bit()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        int log2MaxFrameNum = r.ue() + 4;
        int pocType = r.ue();
        int log2MaxPocLsb = 0;
        boolean alwaysZero = false;
        if (pocType == 0) {
            log2MaxPocLsb = r.ue() + 4;
        } else if (pocType == 1) {
            alwaysZero = r.bit();
            r.se();
            r.se();
            int cycle = r.ue();
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        }
        int maxRefFrames = r.ue();
        r.bit(); // gaps in frame_num allowed
        r.ue(); // width and height in macroblocks
        r.ue();
        if (!r.bit()) {
            return; // fields or MBAFF: not read
        }
        int chromaArrayType = separatePlanes ? 0 : chromaFormat;
        sequences.put(
                id,
                new Sequence(
                        log2MaxFrameNum,
                        pocType,
                        log2MaxPocLsb,
                        alwaysZero,
                        maxRefFrames,
                        chromaArrayType));
    }

    private static void skipScalingList(Rbsp r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + r.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    private void readPicture(Rbsp r) {
        int id = r.ue();
        int sps = r.ue();
        r.bit(); // entropy coding mode
        boolean bottomField = r.bit();
        if (r.ue() != 0) {
            return; // slice groups: not read
        }
        int refsL0 = r.ue() + 1;
        int refsL1 = r.ue() + 1;
        boolean weighted = r.bit();
        int bipred = r.bits(2);
        r.se(); // initial QP, QS, chroma offset
        r.se();
        r.se();
        r.bit(); // deblocking filter control, constrained intra
        r.bit();
        boolean redundant = r.bit();
        pictures.put(
                id, new Picture(sps, refsL0, refsL1, bottomField, redundant, weighted, bipred));
    }

    /**
     * The slice header of the NAL unit {@code nal[from..to)} (its header byte first), or null when
     * it names parameter sets this reader did not take or is of a kind it does not follow.
     */
    Slice slice(byte[] nal, int from, int to) {
        try {
            return readSlice(nal, from, to);
        } catch (RuntimeException e) {
            return null; // cut short or of a kind not followed
        }
    }

    private Slice readSlice(byte[] nal, int from, int to) {
        int nalRefIdc = (nal[from] >> 5) & 3;
        boolean idr = (nal[from] & 0x1f) == 5;
        Rbsp r = new Rbsp(nal, from + 1, to);
        r.ue(); // first_mb_in_slice
        int type = r.ue() % 5;
        if (type > 2) {
            return null; // SP, SI
        }
        Picture pps = pictures.get(r.ue());
        Sequence sps = pps == null ? null : sequences.get(pps.sps());
        if (sps == null) {
            return null;
        }
        int frameNum = r.bits(sps.log2MaxFrameNum());
        if (idr) {
            r.ue();
        }
        if (sps.pocType() == 0) {
            r.bits(sps.log2MaxPocLsb());
            if (pps.bottomFieldPicOrder()) {
                r.se();
            }
        } else if (sps.pocType() == 1 && !sps.deltaPicOrderAlwaysZero()) {
            r.se();
            if (pps.bottomFieldPicOrder()) {
                r.se();
            }
        }
        if (pps.redundantPicCnt()) {
            r.ue();
        }
        if (type == 1) {
            r.bit(); // direct_spatial_mv_pred_flag
        }
        int refsL0 = type == 2 ? 0 : pps.refsL0();
        int refsL1 = type == 1 ? pps.refsL1() : 0;
        if (type != 2 && r.bit()) {
            refsL0 = r.ue() + 1;
            if (type == 1) {
                refsL1 = r.ue() + 1;
            }
        }
        List<int[]> modificationL0 = List.of();
        boolean modifiedL1 = false;
        if (type != 2) {
            modificationL0 = modification(r);
            if (type == 1) {
                modifiedL1 = !modification(r).isEmpty();
            }
        }
        if ((pps.weightedPred() && type == 0) || (pps.weightedBipred() == 1 && type == 1)) {
            skipWeights(r, sps, type, refsL0, refsL1);
        }
        List<int[]> marking = null;
        if (nalRefIdc != 0) {
            if (idr) {
                r.bit();
                r.bit();
            } else if (r.bit()) {
                marking = new ArrayList<>();
                int op;
                do {
                    op = r.ue();
                    int value = 0;
                    if (op == 1 || op == 3) {
                        value = r.ue();
                    }
                    if (op == 2) {
                        value = r.ue();
                    }
                    if (op == 3 || op == 6) {
                        r.ue();
                    }
                    if (op == 4) {
                        r.ue();
                    }
                    if (op != 0) {
                        marking.add(new int[] {op, value});
                    }
                } while (op != 0);
            }
        }
        return new Slice(
                nalRefIdc,
                idr,
                type,
                frameNum,
                refsL0,
                refsL1,
                modificationL0,
                modifiedL1,
                marking,
                r.bytesRead() + 1);
    }

    private static List<int[]> modification(Rbsp r) {
        if (!r.bit()) {
            return List.of();
        }
        List<int[]> commands = new ArrayList<>();
        int idc;
        while ((idc = r.ue()) != 3) {
            commands.add(new int[] {idc, r.ue()});
        }
        return commands;
    }

    private static void skipWeights(Rbsp r, Sequence sps, int type, int refsL0, int refsL1) {
        r.ue(); // luma_log2_weight_denom
        if (sps.chromaArrayType() != 0) {
            r.ue();
        }
        for (int list = 0; list < (type == 1 ? 2 : 1); list++) {
            for (int i = 0; i < (list == 0 ? refsL0 : refsL1); i++) {
                if (r.bit()) {
                    r.se();
                    r.se();
                }
                if (sps.chromaArrayType() != 0 && r.bit()) {
                    for (int c = 0; c < 4; c++) {
                        r.se();
                    }
                }
            }
        }
    }
}
