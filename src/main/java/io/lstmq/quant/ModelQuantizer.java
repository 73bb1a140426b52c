package io.lstmq.quant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.OperatorCode;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.model.fb.FbTable;
import io.lstmq.model.fb.Schema;
import io.lstmq.quant.OpRule.Slot;

/**
 * Quantizes a calibrated float model (every real-valued activation carries its recorded min/max) in place, the
 * way TFLite's legacy quantizer does (spec §2.6): record the constants' ranges, quantize LSTM intermediates and
 * shared ranges, then walk the operators in execution order quantizing inputs and outputs by their
 * {@link OpRule}, requantize the inputs of joins, quantize biases last (their scales derive from the others),
 * and raise operator versions. Operators allowed to stay float get DEQUANTIZE before them and QUANTIZE after.
 * Model inputs and outputs stay integer; {@link IoBoundary} adds float ones when asked.
 */
public final class ModelQuantizer {
    private final Model model;
    private final String file;
    private final QuantScheme scheme;
    private final Set<String> allowFloat;
    private final TensorData data;

    private ModelQuantizer(Model model, String file, QuantScheme scheme, Set<String> allowFloat) {
        this.model = model;
        this.file = file;
        this.scheme = scheme;
        this.allowFloat = allowFloat;
        this.data = new TensorData(model, file);
    }

    /**
     * Quantizes every subgraph of a calibrated model.
     *
     * @param allowFloat builtin names of operators without integer rules that may stay float
     * @return the names of operators left in float, in the order first met
     * @throws LstmqException naming the operator or tensor when the model cannot be quantized
     */
    public static Set<String> quantize(Model model, String file, QuantScheme scheme, Set<String> allowFloat) {
        ModelQuantizer q = new ModelQuantizer(model, file, scheme, allowFloat);
        Set<String> leftFloat = new LinkedHashSet<>();
        for (SubGraph sg : model.subgraphs()) {
            leftFloat.addAll(q.new Pass(sg).run());
        }
        return leftFloat;
    }

    /** One subgraph: the operators as they were before any insertion, with their rules. */
    private final class Pass {
        private final SubGraph sg;
        private final List<FbTable> original;
        private final Map<FbTable, OpRule> rules = new IdentityHashMap<>();
        private final Set<String> leftFloat = new LinkedHashSet<>();

        Pass(SubGraph sg) {
            this.sg = sg;
            List<FbTable> ops = sg.table().getTables("operators");
            this.original = ops == null ? List.of() : List.copyOf(ops);
        }

        Set<String> run() {
            chooseRules();
            recordConstantRanges();
            forEachQuantized(this::quantizeIntermediates);
            forEachQuantized(this::quantizeSharedRange);
            Map<Integer, FbTable> producers = producers();
            forEachQuantized((op, rule) -> quantizeOperator(op, rule, producers));
            // Last, once every tensor has its final type: a float operator may read a model input that a later
            // integer operator quantized in place.
            for (FbTable t : original) {
                if (!rules.containsKey(t)) {
                    dequantizeInputsOf(op(t));
                }
            }
            forEachQuantized(this::requantizeInputs);
            forEachQuantized(this::quantizeBiases);
            forEachQuantized(this::setInt16Options);
            setVersions();
            return leftFloat;
        }

        private void chooseRules() {
            List<OperatorCode> codes = model.operatorCodes();
            for (FbTable t : original) {
                Operator op = op(t);
                OperatorCode code = codes.get(op.opcodeIndex());
                OpRule rule = code.isCustom() ? null : OpRules.lookup(code.builtinCode(), op.inputs());
                if (rule != null && rule.supports(scheme)) {
                    rules.put(t, rule);
                } else if (allowFloat.contains(code.name())) {
                    leftFloat.add(code.name());
                } else if (rule == null) {
                    throw new LstmqException(file + ": " + opName(op) + " has no integer rules in lstmq; keep it "
                            + "float with --allow-float " + code.name() + " (operators with rules: "
                            + String.join(", ", OpRules.supportedOperators()) + ")");
                } else {
                    throw new LstmqException(file + ": " + opName(op) + " has no kernel with " + scheme.label()
                            + " activations; use --activations int8 or keep it float with --allow-float "
                            + code.name());
                }
            }
        }

        /** FillQuantizationParams: constants get their data range; activations must already carry one. */
        private void recordConstantRanges() {
            Map<Integer, Integer> bufferUsers = new HashMap<>();
            forEachQuantized((op, rule) -> {
                for (int i = 0; i < op.inputs().length; i++) {
                    TensorRule r = rule.inputRule(i);
                    int index = op.inputs()[i];
                    if (r == null || index < 0) {
                        continue;
                    }
                    Tensor t = sg.tensor(index);
                    if (TensorData.isQuantized(t)) {
                        throw new LstmqException(data.where(sg, t) + " (input " + i + " of " + opName(op)
                                + ") already has a scale and zero point; lstmq quantizes float models, whose "
                                + "tensors carry at most a recorded min/max");
                    }
                    if (data.isConstant(t)) {
                        data.unshareBuffer(t, bufferUsers);
                        if (TensorData.range(t) == null || !(r instanceof TensorRule.Weights w && w.bits() == 8)) {
                            // Only int8 weights honour a range recorded before (e.g. by quantization-aware training).
                            float[] mm = QuantMath.minMax(data.floats(sg, t));
                            TensorData.setRange(t, mm[0], mm[1]);
                        }
                    } else if (TensorData.range(t) == null && !(rule.sharedRange() != null
                            && rule.sharedRange().input() == i)) {
                        throw missingRange(t, "input " + i + " of " + opName(op));
                    }
                }
            });
        }

        private void quantizeIntermediates(Operator op, OpRule rule) {
            int[] intermediates = op.intermediates();
            List<TensorRule> wanted = rule.intermediates();
            if (!wanted.isEmpty() && intermediates.length < wanted.size()) {
                throw new LstmqException(file + ": " + opName(op) + " has " + intermediates.length
                        + " intermediate tensors but the integer kernel needs " + wanted.size()
                        + " (lstmq convert adds them to float models before calibration)");
            }
            for (int k = 0; k < wanted.size(); k++) {
                if (intermediates[k] < 0) {
                    continue;
                }
                Tensor t = sg.tensor(intermediates[k]);
                float[] range = TensorData.range(t);
                TensorRule wantedRule = wanted.get(k);
                if (wantedRule instanceof TensorRule.SymmetricInt16) {
                    if (t.quantization() == null) {
                        continue; // the legacy quantizer leaves a parameterless intermediate alone
                    }
                    if (range == null) {
                        throw missingRange(t, "intermediate " + k + " of " + opName(op));
                    }
                    if (Math.max(Math.abs(range[0]), Math.abs(range[1])) < QuantMath.MIN_INTERMEDIATE_RANGE) {
                        throw new LstmqException(data.where(sg, t) + " (intermediate " + k + " of " + opName(op)
                                + "): recorded range [" + range[0] + ", " + range[1] + "] is too small to quantize");
                    }
                    TensorData.setParams(t, DataType.INT16, QuantMath.symmetricInt16Scale(range[0], range[1]), 0,
                            null);
                } else if (wantedRule instanceof TensorRule.Activation a) {
                    if (range != null) {
                        quantizeActivationInPlace(t, range);
                    } else if (a.required()) {
                        throw missingRange(t, "intermediate " + k + " of " + opName(op));
                    }
                } else {
                    throw new IllegalStateException("no intermediate rule " + wantedRule);
                }
            }
        }

        /** Q7: the state input and the output share the merged range. */
        private void quantizeSharedRange(Operator op, OpRule rule) {
            if (rule.sharedRange() == null) {
                return;
            }
            Tensor state = sg.tensor(op.inputs()[rule.sharedRange().input()]);
            Tensor output = sg.tensor(op.outputs()[rule.sharedRange().output()]);
            float[] a = TensorData.range(state);
            float[] b = TensorData.range(output);
            if (a == null) {
                throw missingRange(state, "input " + rule.sharedRange().input() + " of " + opName(op));
            }
            if (b == null) {
                throw missingRange(output, "output " + rule.sharedRange().output() + " of " + opName(op));
            }
            float min = Math.min(a[0], b[0]);
            float max = Math.max(a[1], b[1]);
            if (min == 0 && max == 0) {
                throw new LstmqException(data.where(sg, output) + ": the recorded ranges of the output and of "
                        + state.describe() + " are both [0, 0]; calibrate with data that drives the LSTM");
            }
            QuantMath.AffineParams p = scheme.activationParams(min, max);
            for (Tensor t : List.of(state, output)) {
                TensorData.setParams(t, scheme.activationType(), p.scale(), p.zeroPoint(), null);
            }
        }

        private void quantizeOperator(Operator op, OpRule rule, Map<Integer, FbTable> producers) {
            int[] inputs = op.inputs();
            for (Slot slot : expand(rule.inputs(), inputs.length)) {
                int index = inputs[slot.index()];
                if (index < 0 || slot.rule() instanceof TensorRule.Bias) {
                    continue;
                }
                Tensor t = sg.tensor(index);
                if (TensorData.isQuantized(t)) {
                    continue;
                }
                String role = "input " + slot.index() + " of " + opName(op);
                TensorRule inputRule = slot.rule();
                if (inputRule instanceof TensorRule.Weights w) {
                    quantizeWeights(t, w, role);
                } else if (inputRule instanceof TensorRule.Activation) {
                    FbTable producer = producers.get(index);
                    if (data.isConstant(t)) {
                        quantizeConstantActivation(t);
                    } else if (producer != null && !rules.containsKey(producer)) {
                        quantizeAfterFloatProducer(op, slot.index(), t);
                    } else {
                        quantizeActivationInPlace(t, requireRange(t, role));
                    }
                } else if (inputRule instanceof TensorRule.PowerOfTwoState) {
                    float[] r = requireRange(t, role);
                    TensorData.setParams(t, DataType.INT16, QuantMath.cellStateScale(r[0], r[1]), 0, null);
                } else {
                    throw new IllegalStateException("no input rule " + inputRule);
                }
            }
            int[] outputs = op.outputs();
            for (Slot slot : expand(rule.outputs(), outputs.length)) {
                Tensor t = sg.tensor(outputs[slot.index()]);
                if (TensorData.isQuantized(t)) {
                    continue;
                }
                TensorRule outputRule = slot.rule();
                if (outputRule instanceof TensorRule.Activation) {
                    quantizeActivationInPlace(t, requireRange(t, "output " + slot.index() + " of " + opName(op)));
                } else if (outputRule instanceof TensorRule.Fixed f) {
                    TensorData.setParams(t, scheme.activationType(), f.scale(scheme), f.zeroPoint(scheme), null);
                } else if (outputRule instanceof TensorRule.SameAsInput s) {
                    Tensor in = sg.tensor(op.inputs()[s.input()]);
                    TensorData.setParams(t, scheme.activationType(), in.scale(), in.zeroPoint(),
                            TensorData.range(in));
                } else {
                    throw new IllegalStateException("no output rule " + outputRule);
                }
            }
        }

        private void quantizeWeights(Tensor t, TensorRule.Weights w, String role) {
            if (!data.isConstant(t)) {
                throw new LstmqException(data.where(sg, t) + " (" + role + ") holds weights but is not a "
                        + "constant; lstmq quantizes constant weights only");
            }
            float[] values = data.floats(sg, t);
            float[] range = TensorData.range(t);
            if (w.bits() == 8) {
                QuantMath.Int8Data q = QuantMath.int8Weights(values, range[0], range[1]);
                data.write(t, DataType.INT8, TensorData.bytes(q.values()));
                TensorData.setParams(t, DataType.INT8, q.scale(), 0, range);
            } else {
                QuantMath.Int16Data q = QuantMath.int16Weights(values);
                data.write(t, DataType.INT16, TensorData.shorts(q.values()));
                TensorData.setParams(t, DataType.INT16, q.scale(), 0, range);
            }
        }

        /** A constant operand of an arithmetic op: quantized like an activation, from its data range. */
        private void quantizeConstantActivation(Tensor t) {
            float[] range = TensorData.range(t);
            QuantMath.AffineParams p = scheme.activationParams(range[0], range[1]);
            int[] q = QuantMath.affineValues(data.floats(sg, t), p.scale(), p.zeroPoint(), scheme.qmin(),
                    scheme.qmax());
            if (scheme == QuantScheme.INT8) {
                byte[] b = new byte[q.length];
                for (int i = 0; i < q.length; i++) {
                    b[i] = (byte) q[i];
                }
                data.write(t, DataType.INT8, TensorData.bytes(b));
            } else {
                short[] s = new short[q.length];
                for (int i = 0; i < q.length; i++) {
                    s[i] = (short) q[i];
                }
                data.write(t, DataType.INT16, TensorData.shorts(s));
            }
            TensorData.setParams(t, scheme.activationType(), p.scale(), p.zeroPoint(), new float[] {p.min(), p.max()});
        }

        private void quantizeActivationInPlace(Tensor t, float[] range) {
            QuantMath.AffineParams p = scheme.activationParams(range[0], range[1]);
            TensorData.setParams(t, scheme.activationType(), p.scale(), p.zeroPoint(), new float[] {p.min(), p.max()});
        }

        /** The producer stays float: QUANTIZE its output into a new integer tensor {@code <name>_int8}. */
        private void quantizeAfterFloatProducer(Operator op, int input, Tensor t) {
            float[] range = requireRange(t, "input " + input + " of " + opName(op));
            Tensor q = GraphEdits.newTensorLike(sg, t, t.name() + "_" + scheme.label(), scheme.activationType());
            quantizeActivationInPlace(q, range);
            GraphEdits.insertQuantize(model, sg, position(op.table()), t.index(), q.index(),
                    GraphEdits.QUANTIZE_VERSION);
            rewire(op, input, q.index());
        }

        /** An operator left in float reads float: DEQUANTIZE any integer input into {@code <name>_float}. */
        private void dequantizeInputsOf(Operator op) {
            int[] inputs = op.inputs();
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i] < 0) {
                    continue;
                }
                Tensor t = sg.tensor(inputs[i]);
                if (TensorData.isQuantized(t) && t.type() != DataType.FLOAT32) {
                    Tensor f = GraphEdits.newTensorLike(sg, t, t.name() + "_float", DataType.FLOAT32);
                    GraphEdits.insertDequantize(model, sg, position(op.table()), t.index(), f.index(), t.type());
                    rewire(op, i, f.index());
                }
            }
        }

        /** Joins need every input at the output's parameters: requantize the ones that differ. */
        private void requantizeInputs(Operator op, OpRule rule) {
            if (!rule.requantizeInputs()) {
                return;
            }
            Tensor out = sg.tensor(op.outputs()[0]);
            int[] inputs = op.inputs();
            for (int i = 0; i < inputs.length; i++) {
                Tensor in = sg.tensor(inputs[i]);
                if (in.scale() == out.scale() && in.zeroPoint() == out.zeroPoint()) {
                    continue;
                }
                Tensor r = GraphEdits.newTensorLike(sg, in, in.name() + "_requantized", scheme.activationType());
                TensorData.setParams(r, scheme.activationType(), out.scale(), out.zeroPoint(), null);
                GraphEdits.insertQuantize(model, sg, position(op.table()), in.index(), r.index(),
                        GraphEdits.QUANTIZE_VERSION);
                rewire(op, i, r.index());
            }
        }

        private void quantizeBiases(Operator op, OpRule rule) {
            int[] inputs = op.inputs();
            for (Slot slot : expand(rule.inputs(), inputs.length)) {
                if (!(slot.rule() instanceof TensorRule.Bias bias) || inputs[slot.index()] < 0) {
                    continue;
                }
                Tensor t = sg.tensor(inputs[slot.index()]);
                String role = "input " + slot.index() + " of " + opName(op);
                float scale = derivedScale(op, bias, role);
                if (TensorData.isQuantized(t)) {
                    // A bias read twice (shared tensors) holds one set of integers, right for one scale only.
                    if (t.scale() != scale) {
                        throw new LstmqException(data.where(sg, t) + " (" + role + ") is a bias that another input "
                                + "already quantized at scale " + t.scale() + ", but this one needs " + scale
                                + "; give each bias its own tensor");
                    }
                    continue;
                }
                if (!data.isConstant(t)) {
                    throw new LstmqException(data.where(sg, t) + " (" + role + ") is a bias but not a constant");
                }
                float[] values = data.floats(sg, t);
                float[] range = TensorData.range(t);
                if (scheme == QuantScheme.INT8) {
                    data.write(t, DataType.INT32, TensorData.ints(QuantMath.int32Bias(values, scale)));
                } else {
                    data.write(t, DataType.INT64, TensorData.longs(QuantMath.int64Bias(values, scale)));
                }
                TensorData.setParams(t, scheme.biasType(), scale, 0, range);
            }
        }

        private float derivedScale(Operator op, TensorRule.Bias bias, String role) {
            List<Float> factors = new ArrayList<>();
            for (int i : bias.inputs()) {
                factors.add(factorScale(op.inputs(), i, "input", role, op));
            }
            for (int i : bias.intermediates()) {
                factors.add(factorScale(op.intermediates(), i, "intermediate", role, op));
            }
            for (float f : bias.factors()) {
                factors.add(f);
            }
            float[] f = new float[factors.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = factors.get(i);
            }
            return QuantMath.derivedScale(f);
        }

        private float factorScale(int[] indices, int position, String kind, String role, Operator op) {
            Tensor t = position < indices.length && indices[position] >= 0 ? sg.tensor(indices[position]) : null;
            if (t == null || !TensorData.isQuantized(t)) {
                throw new LstmqException(file + ": " + sg.describe() + ", " + role + ": its scale derives from "
                        + kind + " " + position + " of " + opName(op) + ", which "
                        + (t == null ? "is absent" : "has no scale"));
            }
            return t.scale();
        }

        /** Operator versions as the integer kernels need them (see {@link GraphEdits#setVersions}). */
        private void setVersions() {
            Map<Integer, Integer> needed = new HashMap<>();
            Set<Integer> servesFloat = new java.util.HashSet<>();
            for (FbTable t : original) {
                OpRule rule = rules.get(t);
                int code = op(t).opcodeIndex();
                if (rule == null) {
                    servesFloat.add(code);
                } else {
                    needed.merge(code, rule.version(scheme), Math::max);
                }
            }
            GraphEdits.setVersions(model, needed, servesFloat);
        }

        private void setInt16Options(Operator op, OpRule rule) {
            if (scheme != QuantScheme.INT16) {
                return;
            }
            for (OpRule.OptionEdit edit : rule.int16Options()) {
                FbTable options = op.builtinOptions();
                // Options of another operator's type count as none, as TFLite ignores them.
                if (options == null || !options.def().name().equals(edit.optionsTable())) {
                    options = new FbTable(Schema.tflite().table(edit.optionsTable()));
                    op.setBuiltinOptions(options);
                }
                options.set(edit.field(), edit.value());
            }
        }

        private void forEachQuantized(java.util.function.BiConsumer<Operator, OpRule> action) {
            for (FbTable t : original) {
                OpRule rule = rules.get(t);
                if (rule != null) {
                    action.accept(op(t), rule);
                }
            }
        }

        private Map<Integer, FbTable> producers() {
            Map<Integer, FbTable> out = new HashMap<>();
            for (FbTable t : original) {
                for (int o : op(t).outputs()) {
                    out.put(o, t);
                }
            }
            return out;
        }

        private List<Slot> expand(List<Slot> slots, int count) {
            List<Slot> out = new ArrayList<>();
            for (Slot s : slots) {
                if (s.index() == Slot.EVERY) {
                    for (int i = 0; i < count; i++) {
                        out.add(new Slot(i, s.rule()));
                    }
                } else if (s.index() < count) {
                    out.add(s);
                }
            }
            return out;
        }

        private void rewire(Operator op, int input, int tensor) {
            int[] inputs = op.inputs();
            inputs[input] = tensor;
            op.setInputs(inputs);
        }

        private int position(FbTable opTable) {
            List<FbTable> ops = sg.table().getTables("operators");
            for (int i = 0; i < ops.size(); i++) {
                if (ops.get(i) == opTable) {
                    return i;
                }
            }
            throw new IllegalStateException("operator not in its subgraph");
        }

        private Operator op(FbTable opTable) {
            return sg.operators().get(position(opTable));
        }

        private String opName(Operator op) {
            return "operator " + original.indexOf(op.table()) + " ("
                    + model.operatorCodes().get(op.opcodeIndex()).name() + ")";
        }

        private float[] requireRange(Tensor t, String role) {
            float[] r = TensorData.range(t);
            if (r == null) {
                throw missingRange(t, role);
            }
            return r;
        }

        private LstmqException missingRange(Tensor t, String role) {
            return new LstmqException(data.where(sg, t) + " (" + role + ") has no recorded min/max; convert the "
                    + "float model with --calibration data, or record ranges for every activation");
        }
    }
}
