package io.lstmq.engine.kernels;

import java.util.Arrays;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.OpContext;

/**
 * Numpy-style broadcasting of two operands: the output shape, and for each operand the flat index read for every
 * output element (null when the operand already has the output's shape and is read in order).
 */
record Broadcast(int[] shape, int size, int[] first, int[] second) {

    static Broadcast of(OpContext op, EngineTensor a, EngineTensor b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            int x = dimFromEnd(a, rank - 1 - d);
            int y = dimFromEnd(b, rank - 1 - d);
            if (x != y && x != 1 && y != 1) {
                throw op.invalid("cannot broadcast " + a + " with " + b);
            }
            shape[d] = x == 1 ? y : x;
        }
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        return new Broadcast(shape, size, indices(a, shape, size), indices(b, shape, size));
    }

    private static int dimFromEnd(EngineTensor t, int fromEnd) {
        int axis = t.rank() - 1 - fromEnd;
        return axis < 0 ? 1 : t.dim(axis);
    }

    private static int[] indices(EngineTensor t, int[] shape, int size) {
        if (Arrays.equals(t.shape(), shape)) {
            return null;
        }
        int rank = shape.length;
        int[] stride = new int[rank];
        int s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            int own = dimFromEnd(t, rank - 1 - d);
            stride[d] = own == 1 ? 0 : s;
            s *= own;
        }
        int[] map = new int[size];
        int[] pos = new int[rank];
        for (int i = 0; i < size; i++) {
            int src = 0;
            for (int d = 0; d < rank; d++) {
                src += pos[d] * stride[d];
            }
            map[i] = src;
            for (int d = rank - 1; d >= 0; d--) {
                if (++pos[d] < shape[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        return map;
    }

    /** The flat index of the first operand for output element i. */
    int first(int i) {
        return first == null ? i : first[i];
    }

    int second(int i) {
        return second == null ? i : second[i];
    }
}
