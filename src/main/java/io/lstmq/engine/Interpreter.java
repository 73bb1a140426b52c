package io.lstmq.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.lstmq.LstmqException;
import io.lstmq.engine.kernels.Kernels;
import io.lstmq.io.NdArray;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.OperatorCode;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/**
 * Runs one subgraph of a verified model in Java. Building the interpreter reads every constant once, prepares every
 * operator in execution order (computing output shapes, multipliers and tables the way the runtime's Prepare does)
 * and allocates every tensor once; {@link #invoke()} then runs the kernels without allocating, so one interpreter
 * serves any number of samples. State tensors (LSTM hidden and cell state) keep their values across invokes until
 * {@link #resetVariables()}.
 *
 * <p>An operator or type combination without a kernel fails at construction with an {@link LstmqException} naming
 * the operator; nothing is skipped. Not thread-safe: use one interpreter per thread.
 */
public final class Interpreter {
    private final String name;
    private final EngineTensor[] tensors;
    private final Kernel[] kernels;
    private final int[] inputs;
    private final int[] outputs;
    private final EngineTensor[] variables;
    private final Object[] initialValues;
    private final RangeRecorder recorder;
    private final EngineTensor[][] recordedBefore;
    private final EngineTensor[][] recordedAfter;

    private Interpreter(Model model, EngineOptions options) {
        if (options.subgraph() >= model.subgraphs().size()) {
            throw new LstmqException("the model has " + model.subgraphs().size() + " subgraph(s), there is no subgraph "
                    + options.subgraph() + " to run");
        }
        SubGraph sg = model.subgraph(options.subgraph());
        this.name = sg.describe();
        this.tensors = new EngineTensor[sg.tensorCount()];
        this.inputs = sg.inputs();
        this.outputs = sg.outputs();
        this.recorder = options.recorder();
        loadConstantsAndStates(model, sg);
        for (int i : inputs) {
            if (tensors[i] == null) {
                tensors[i] = EngineTensor.allocate(sg.tensor(i), sg.tensor(i).shape());
            }
        }
        List<Operator> ops = sg.operators();
        List<OperatorCode> codes = model.operatorCodes();
        this.kernels = new Kernel[ops.size()];
        this.recordedBefore = new EngineTensor[ops.size()][];
        this.recordedAfter = new EngineTensor[ops.size()][];
        for (Operator op : ops) {
            OperatorCode code = codes.get(op.opcodeIndex());
            String opName = code.name() + " v" + code.version();
            OpContext context = new OpContext(model, sg, op, opName, tensors, options);
            KernelFactory factory = code.isCustom() ? null : Kernels.byBuiltinCode().get(code.builtinCode());
            if (factory == null) {
                throw new LstmqException(context.describe() + ": the lstmq engine has no kernel for "
                        + (code.isCustom() ? "custom operator " : "") + code.name());
            }
            kernels[op.index()] = prepare(factory, context);
            for (int k = 0; k < context.outputCount(); k++) {
                if (tensors[op.outputs()[k]] == null) {
                    throw new AssertionError(context.describe() + " left output " + k + " unallocated");
                }
            }
            recordedBefore[op.index()] = recordable(op.inputs());
            recordedAfter[op.index()] = recordable(concat(op.outputs(), op.inputs()));
        }
        for (int o : outputs) {
            if (tensors[o] == null) {
                throw new LstmqException(name + ": output " + sg.tensor(o).describe() + " is never computed");
            }
        }
        this.variables = sg.tensors().stream().filter(Tensor::isVariable).map(t -> tensors[t.index()])
                .filter(java.util.Objects::nonNull).toArray(EngineTensor[]::new);
        this.initialValues = new Object[variables.length];
        for (int v = 0; v < variables.length; v++) {
            initialValues[v] = resetValue(variables[v]);
        }
        resetVariables();
    }

    /** Kernels report what they reject as LstmqException; anything else they trip over still names the operator. */
    private static Kernel prepare(KernelFactory factory, OpContext context) {
        try {
            return factory.prepare(context);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new LstmqException(context.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Prepares subgraph 0 with TFLite Micro numerics and no range recording. */
    public static Interpreter create(Model model) {
        return new Interpreter(model, EngineOptions.defaults());
    }

    public static Interpreter create(Model model, EngineOptions options) {
        return new Interpreter(model, options);
    }

    /**
     * Reads every constant and every state with an initial value (their sizes are those of data in the file). A
     * state without one is left to the operator that reads it, which checks its claimed shape against the shape it
     * derives before anything is allocated: a damaged file must not make the engine allocate what a shape claims.
     */
    private void loadConstantsAndStates(Model model, SubGraph sg) {
        for (Tensor t : sg.tensors()) {
            ByteBuffer data = model.data(t);
            if (t.isVariable() && data.hasRemaining()) {
                EngineTensor state = EngineTensor.allocate(t, t.shape());
                state.load(data, t.describe() + " (initial value)");
                tensors[t.index()] = state;
            } else if (data.hasRemaining()) {
                tensors[t.index()] = EngineTensor.constant(t, data);
            }
        }
    }

    /** The float, non-constant tensors among {@code indices}, for the range recorder. */
    private EngineTensor[] recordable(int[] indices) {
        if (recorder == null) {
            return new EngineTensor[0];
        }
        Set<EngineTensor> out = new LinkedHashSet<>();
        for (int i : indices) {
            EngineTensor t = i < 0 ? null : tensors[i];
            if (t != null && t.type() == DataType.FLOAT32 && !t.isConstant()) {
                out.add(t);
            }
        }
        return out.toArray(new EngineTensor[0]);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Object copyOf(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        Object copy = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, copy, 0, n);
        return copy;
    }

    /** Runs every operator once, in execution order. */
    public void invoke() {
        if (recorder == null) {
            for (Kernel k : kernels) {
                k.eval();
            }
            return;
        }
        for (int k = 0; k < kernels.length; k++) {
            record(recordedBefore[k]);
            kernels[k].eval();
            record(recordedAfter[k]);
        }
    }

    private void record(EngineTensor[] ts) {
        for (EngineTensor t : ts) {
            recorder.recordTensor(t.index(), t.floats(), 0, t.size());
        }
    }

    /**
     * What TFLite and TFLite Micro put into a state tensor at reset, whatever its buffer holds: the zero point for
     * int8 (they memset the bytes with it), zeros otherwise.
     */
    private static Object resetValue(EngineTensor t) {
        Object a = copyOf(t.array());
        if (t.type() == io.lstmq.model.DataType.INT8) {
            java.util.Arrays.fill((byte[]) a, (byte) t.zeroPoint());
        } else if (a instanceof float[] f) {
            java.util.Arrays.fill(f, 0f);
        } else if (a instanceof short[] sh) {
            java.util.Arrays.fill(sh, (short) 0);
        } else if (a instanceof int[] i) {
            java.util.Arrays.fill(i, 0);
        } else if (a instanceof long[] l) {
            java.util.Arrays.fill(l, 0L);
        } else if (a instanceof byte[] b) {
            java.util.Arrays.fill(b, (byte) 0);
        }
        return a;
    }

    /** Puts every state tensor back to what the runtimes reset it to (see resetValue): a new sequence starts. */
    public void resetVariables() {
        for (int v = 0; v < variables.length; v++) {
            Object init = initialValues[v];
            System.arraycopy(init, 0, variables[v].array(), 0, variables[v].size());
        }
    }

    public int inputCount() {
        return inputs.length;
    }

    public int outputCount() {
        return outputs.length;
    }

    /** Graph input {@code i}; fill its array directly to feed a sample without allocating. */
    public EngineTensor inputTensor(int i) {
        return tensors[inputs[checkIndex(i, inputs, "input")]];
    }

    /** Graph output {@code i}; its array holds the values of the last invoke. */
    public EngineTensor outputTensor(int i) {
        return tensors[outputs[checkIndex(i, outputs, "output")]];
    }

    /** The storage of subgraph tensor {@code index}, or null when the run never holds it (e.g. intermediates). */
    public EngineTensor tensor(int index) {
        return tensors[index];
    }

    /** Copies {@code value} into graph input {@code i}: same dtype and element count, any shape. */
    public void setInput(int i, NdArray value) {
        inputTensor(i).set(value);
    }

    /** Graph output {@code i} as an array (a copy). */
    public NdArray output(int i) {
        return outputTensor(i).toNdArray();
    }

    private int checkIndex(int i, int[] list, String role) {
        if (i < 0 || i >= list.length) {
            throw new LstmqException(name + " has " + list.length + " " + role + "(s), there is no " + role + " " + i);
        }
        return i;
    }
}
