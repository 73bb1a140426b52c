package io.lstmq.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.quant.FixedPoint;

/**
 * Samples from {@code .npy} files bound to a subgraph's inputs. An array holds one sample shaped like the input,
 * or N samples on a leading axis ({@code [N, *shape]}, or {@code [N, *shape[1:]]} when the batch dimension is 1, the
 * way datasets are stored). Each sample comes out in the input tensor's own type: float data for an integer input
 * is quantized with its scale and zero point (round half away from zero, then clamped); integer data is taken as is.
 */
public final class ModelInputs {
    private final List<Tensor> inputs;
    private final List<NdArray> arrays;
    private final List<Boolean> stacked;
    private final int samples;

    private ModelInputs(List<Tensor> inputs, List<NdArray> arrays, List<Boolean> stacked, int samples) {
        this.inputs = inputs;
        this.arrays = arrays;
        this.stacked = stacked;
        this.samples = samples;
    }

    /**
     * Binds arrays to inputs: by tensor name, or, under the key {@code ""}, to the only input.
     * @param source names the data in messages (e.g. the file name)
     */
    public static ModelInputs bind(SubGraph subgraph, Map<String, NdArray> byName, String source) {
        List<Tensor> inputs = new ArrayList<>();
        for (int i : subgraph.inputs()) {
            inputs.add(subgraph.tensor(i));
        }
        Map<String, NdArray> remaining = new LinkedHashMap<>(byName);
        List<NdArray> arrays = new ArrayList<>();
        for (Tensor t : inputs) {
            NdArray a = remaining.remove(t.name());
            if (a == null && inputs.size() == 1) {
                a = remaining.remove("");
            }
            if (a == null) {
                throw new LstmqException(source + ": no data for model input '" + t.name() + "' (give --input "
                        + t.name() + "=FILE)");
            }
            arrays.add(a);
        }
        if (!remaining.isEmpty()) {
            throw new LstmqException(source + ": the model has no input named " + remaining.keySet() + " (inputs: "
                    + inputs.stream().map(Tensor::name).toList() + ")");
        }
        List<Boolean> stacked = new ArrayList<>();
        int samples = -1;
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            NdArray a = arrays.get(i);
            int[] shape = t.shape();
            // Compared as longs: an empty array may have dimensions beyond int range.
            long[] want = Arrays.stream(shape).asLongStream().toArray();
            long[] have = a.shape();
            long n;
            if (Arrays.equals(have, want)) {
                n = 1;
                stacked.add(false);
            } else if (a.rank() == shape.length + 1 && Arrays.equals(tail(have, 1), want)) {
                n = a.dim(0);
                stacked.add(true);
            } else if (shape.length > 0 && shape[0] == 1 && a.rank() == shape.length
                    && Arrays.equals(tail(have, 1), tail(want, 1))) {
                n = a.dim(0);
                stacked.add(true);
            } else {
                throw new LstmqException(source + ": input '" + t.name() + "' has shape " + Arrays.toString(shape)
                        + " but the data has shape " + Arrays.toString(a.shape()) + " (expected " + Arrays.toString(shape)
                        + ", " + withSamples(shape, 0) + (shape.length > 0 && shape[0] == 1
                        ? " or " + withSamples(shape, 1) : "") + ")");
            }
            if (samples >= 0 && n != samples) {
                throw new LstmqException(source + ": inputs disagree on the number of samples (" + samples + " vs " + n
                        + " for '" + t.name() + "')");
            }
            if (n == 0) {
                throw new LstmqException(source + ": no samples for input '" + t.name() + "'");
            }
            if (n > Integer.MAX_VALUE) {
                throw new LstmqException(source + ": " + n + " samples for input '" + t.name() + "' are too many");
            }
            samples = (int) n;
            dtypeOf(t);
        }
        return new ModelInputs(inputs, arrays, stacked, samples);
    }

    public int sampleCount() {
        return samples;
    }

    public List<Tensor> inputs() {
        return inputs;
    }

    /** Sample i of every input, each shaped like its tensor and in its tensor's type. */
    public List<NdArray> sample(int i) {
        List<NdArray> out = new ArrayList<>(inputs.size());
        for (int k = 0; k < inputs.size(); k++) {
            NdArray a = stacked.get(k) ? arrays.get(k).sample(i) : arrays.get(k);
            out.add(convert(a, inputs.get(k)));
        }
        return out;
    }

    /** The array type that holds a tensor of this model type. */
    public static DType dtypeOf(Tensor t) {
        return switch (t.type()) {
            case FLOAT32 -> DType.FLOAT32;
            case FLOAT64 -> DType.FLOAT64;
            case INT8 -> DType.INT8;
            case UINT8 -> DType.UINT8;
            case INT16 -> DType.INT16;
            case UINT16 -> DType.UINT16;
            case INT32 -> DType.INT32;
            case INT64 -> DType.INT64;
            case BOOL -> DType.BOOL;
            default -> throw new LstmqException(t.describe() + ": " + t.type().lowerName()
                    + " inputs and outputs are not supported");
        };
    }

    private static NdArray convert(NdArray a, Tensor t) {
        DType target = dtypeOf(t);
        long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
        if (a.dtype() == target) {
            return a.reshape(shape);
        }
        int n = (int) a.size();
        ByteBuffer out = ByteBuffer.allocate(n * target.size()).order(ByteOrder.LITTLE_ENDIAN);
        boolean quantize = a.dtype().isFloatingPoint() && !target.isFloatingPoint();
        float scale = t.scale();
        long zp = t.zeroPoint();
        if (quantize && !(scale > 0)) {
            throw new LstmqException(t.describe() + ": float data for an integer input needs its scale, but it has none");
        }
        long[] range = range(target);
        for (int i = 0; i < n; i++) {
            double v = a.getDouble(i);
            if (target.isFloatingPoint()) {
                if (target == DType.FLOAT32) {
                    out.putFloat((float) v);
                } else {
                    out.putDouble(v);
                }
                continue;
            }
            long q;
            if (quantize) {
                // Spec convention: divide in float, round half away from zero, add the zero point, clamp.
                q = FixedPoint.roundHalfAwayFromZero((float) v / scale) + zp;
                q = Math.max(range[0], Math.min(range[1], q));
            } else {
                q = a.getLong(i);
                if (q < range[0] || q > range[1]) {
                    throw new LstmqException(t.describe() + ": value " + q + " at element " + i + " does not fit "
                            + target);
                }
            }
            switch (target.size()) {
                case 1 -> out.put((byte) q);
                case 2 -> out.putShort((short) q);
                case 4 -> out.putInt((int) q);
                default -> out.putLong(q);
            }
        }
        out.flip();
        return NdArray.of(target, shape, out);
    }

    private static long[] range(DType t) {
        return switch (t) {
            case INT8 -> new long[] {-128, 127};
            case UINT8 -> new long[] {0, 255};
            case INT16 -> new long[] {-32768, 32767};
            case UINT16 -> new long[] {0, 65535};
            case INT32 -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case BOOL -> new long[] {0, 1};
            default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        };
    }

    private static long[] tail(long[] a, int from) {
        return Arrays.copyOfRange(a, from, a.length);
    }

    /** {@code shape[from:]} behind a sample axis, e.g. "[N, 28, 28]", or "[N]" when nothing is left. */
    private static String withSamples(int[] shape, int from) {
        StringBuilder s = new StringBuilder("[N");
        for (int i = from; i < shape.length; i++) {
            s.append(", ").append(shape[i]);
        }
        return s.append(']').toString();
    }

    /** Dequantizes an integer output with its tensor's scale and zero point; float outputs pass through. */
    public static NdArray dequantize(NdArray a, Tensor t) {
        if (a.dtype().isFloatingPoint()) {
            return a;
        }
        float scale = t.scale();
        long zp = t.zeroPoint();
        float[] v = new float[(int) a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (a.getLong(i) - zp) * scale;
        }
        return NdArray.ofFloats(a.shape(), v);
    }
}
