package io.lstmq.engine.kernels;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.OpContext;
import io.lstmq.engine.Kernel;
import io.lstmq.model.DataType;
import io.lstmq.model.fb.FbTable;

/**
 * STRIDED_SLICE with constant begin, end and strides (TFLite's {@code StartForAxis}/{@code StopForAxis}: masks
 * replace an index by the extreme one, negative indices count from the end, indices are clamped, a shrunk axis
 * takes one element and disappears from the output; {@code offset} makes end relative to begin). Ellipsis and
 * new-axis masks are not supported. The source index of every output element is computed at prepare.
 */
final class StridedSlice {
    private StridedSlice() {}

    static Kernel prepare(OpContext op) {
        EngineTensor input = op.requireInput(0, "input");
        int[] begin = constantVector(op, 1, "begin");
        int[] end = constantVector(op, 2, "end");
        int[] strides = constantVector(op, 3, "strides");
        int rank = input.rank();
        if (begin.length != rank || end.length != rank || strides.length != rank) {
            throw op.invalid("has begin/end/strides of lengths " + begin.length + "/" + end.length + "/"
                    + strides.length + " for an input of rank " + rank);
        }
        FbTable o = op.options();
        int beginMask = o == null ? 0 : o.getInt("begin_mask");
        int endMask = o == null ? 0 : o.getInt("end_mask");
        int shrinkMask = o == null ? 0 : o.getInt("shrink_axis_mask");
        boolean offset = o != null && o.getBool("offset");
        if (o != null && (o.getInt("ellipsis_mask") != 0 || o.getInt("new_axis_mask") != 0)) {
            throw op.unsupported("ellipsis_mask or new_axis_mask");
        }
        int[] start = new int[rank];
        int[] count = new int[rank];
        List<Integer> outShape = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            if (strides[a] == 0) {
                throw op.invalid("has stride 0 on axis " + a);
            }
            int stop = offset ? end[a] + begin[a] : end[a];
            start[a] = startForAxis(begin[a], beginMask, strides[a], input.dim(a), a);
            int finish = (shrinkMask & (1 << a)) != 0 ? start[a] + 1
                    : stopForAxis(stop, endMask, strides[a], input.dim(a), a);
            int span = finish - start[a];
            int n = span / strides[a] + (span % strides[a] != 0 ? 1 : 0);
            count[a] = Math.max(n, 0);
            if ((shrinkMask & (1 << a)) == 0) {
                outShape.add(count[a]);
            }
        }
        EngineTensor output = op.allocateOutput(0, outShape.stream().mapToInt(Integer::intValue).toArray());
        if (output.type() != input.type()) {
            throw op.invalid("changes the type from " + input.type().lowerName() + " to " + output.type().lowerName());
        }
        int[] map = sourceIndices(input.shape(), start, count, strides, output.size());
        ElementCopy copy = ElementCopy.between(input.array(), output.array());
        return () -> copy.copy(map);
    }

    private static int[] constantVector(OpContext op, int i, String role) {
        EngineTensor t = op.requireInput(i, role);
        if (!t.isConstant() || t.type() != DataType.INT32) {
            throw op.unsupported("a " + role + " input that is not a constant int32 vector (" + t + ")");
        }
        return t.ints().clone();
    }

    private static int startForAxis(int begin, int mask, int stride, int size, int axis) {
        if (size == 0) {
            return 0;
        }
        long start = (mask & (1 << axis)) != 0 ? (stride > 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE) : begin;
        if (start < 0) {
            start += size;
        }
        return (int) (stride > 0 ? clamp(start, 0, size) : clamp(start, -1, size - 1));
    }

    private static int stopForAxis(int end, int mask, int stride, int size, int axis) {
        if (size == 0) {
            return 0;
        }
        long stop = (mask & (1 << axis)) != 0 ? (stride > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE) : end;
        if (stop < 0) {
            stop += size;
        }
        return (int) (stride > 0 ? clamp(stop, 0, size) : clamp(stop, -1, size - 1));
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Row-major walk over the selected positions, giving each output element's flat index in the input. */
    private static int[] sourceIndices(int[] shape, int[] start, int[] count, int[] strides, int n) {
        int rank = shape.length;
        int[] stride = new int[rank];
        int s = 1;
        for (int a = rank - 1; a >= 0; a--) {
            stride[a] = s;
            s *= shape[a];
        }
        int[] map = new int[n];
        int[] pos = new int[rank];
        for (int i = 0; i < n; i++) {
            int src = 0;
            for (int a = 0; a < rank; a++) {
                src += (start[a] + pos[a] * strides[a]) * stride[a];
            }
            map[i] = src;
            for (int a = rank - 1; a >= 0; a--) {
                if (++pos[a] < count[a]) {
                    break;
                }
                pos[a] = 0;
            }
        }
        return map;
    }
}
