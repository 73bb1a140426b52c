package io.lstmq.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lstmq.testing.Shared;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every shared .tflite model through the flatc-generated classes. Each expected value was taken from
 * {@code flatc --json --raw-binary --strict-json --defaults-json schema/schema.fbs -- MODEL.tflite}, an
 * independent decoder, so a wrong field slot or type in schema.fbs shows up here as a wrong number.
 */
class GeneratedSchemaReadsModelsTest {

    /** Counts per model: buffers, operator codes, signature defs, then (tensors, operators) per subgraph. */
    private record Counts(int buffers, int operatorCodes, int signatureDefs, int[] tensorsAndOperators) {}

    private static final Map<String, Counts> COUNTS = Map.ofEntries(
            model("mnist_lstm/trained_lstm.tflite", 25, 4, 1, 22, 4),
            model("mnist_lstm/trained_lstm_int8.tflite", 25, 4, 1, 27, 4),
            model("quantizer_golden/lstm_calibrated.tflite", 19, 1, 0, 30, 1),
            model("quantizer_golden/lstm_calibrated2.tflite", 16, 1, 0, 30, 1),
            model("quantizer_golden/lstm_quantized.tflite", 19, 3, 0, 32, 3),
            model("quantizer_golden/lstm_quantized2.tflite", 16, 3, 0, 32, 3),
            model("quantizer_golden/unidirectional_sequence_lstm_calibrated.tflite", 19, 1, 0, 30, 1),
            model("quantizer_golden/unidirectional_sequence_lstm_quantized.tflite", 19, 3, 0, 32, 3),
            model("roundtrip/aeq_bmm.tflite", 7, 1, 1, 4, 2),
            model("roundtrip/aeq_conv_fc_mnist_srq_a8w8.tflite", 16, 5, 1, 13, 6),
            model("roundtrip/aeq_duplicated_tensor_names.tflite", 13, 4, 1, 10, 6),
            model("roundtrip/aeq_embedding_lookup.tflite", 6, 1, 1, 3, 1),
            model("roundtrip/aeq_partly_quantized_mnist.tflite", 16, 7, 1, 15, 8),
            model("roundtrip/aeq_reshape_with_empty_shape.tflite", 6, 1, 1, 3, 1),
            model("roundtrip/aeq_simple_composite.tflite", 9, 2, 1, 3, 1, 3, 1),
            model("roundtrip/aeq_single_gather.tflite", 6, 1, 1, 3, 1),
            model("roundtrip/aeq_single_select_v2.tflite", 7, 1, 1, 4, 1),
            model("roundtrip/litert_0_subgraphs.tflite", 1, 0, 0),
            model("roundtrip/litert_multi_signatures.tflite", 8, 2, 2, 3, 1, 3, 1),
            model("roundtrip/litert_multi_subgraphs_while.tflite", 20, 4, 1, 5, 1, 5, 1, 8, 3),
            model("roundtrip/litert_sparse_tensor.tflite", 2, 1, 0, 2, 1),
            model("roundtrip/litert_string_input_model_with_signature.tflite", 4, 0, 1, 1, 0),
            model("roundtrip/litert_with_metadata.tflite", 7, 2, 0, 3, 1),
            model("roundtrip/tflm_add0.tflite", 3, 1, 0, 3, 1),
            model("roundtrip/tflm_audio_preprocessor_int8.tflite", 46, 18, 1, 43, 22),
            model("roundtrip/tflm_conv0.tflite", 4, 1, 0, 4, 1),
            model("roundtrip/tflm_hello_world_float.tflite", 13, 1, 1, 10, 3),
            model("roundtrip/tflm_hello_world_int8.tflite", 13, 1, 1, 10, 3),
            model("roundtrip/tflm_leaky_relu0.tflite", 2, 1, 0, 2, 1),
            model("roundtrip/tflm_micro_speech_quantized.tflite", 12, 4, 0, 10, 4),
            model("roundtrip/tflm_pad0.tflite", 3, 1, 0, 3, 1),
            model("roundtrip/tflm_strided_slice0.tflite", 5, 1, 0, 5, 1),
            model("roundtrip/tflm_transpose_conv0.tflite", 5, 1, 0, 5, 1),
            model("tflite_testdata/lstm.tflite", 19, 1, 0, 30, 1),
            model("tflite_testdata/unidirectional_sequence_lstm.tflite", 19, 1, 0, 30, 1));

    private static Map.Entry<String, Counts> model(String path, int buffers, int codes, int signatures,
            int... tensorsAndOperators) {
        return Map.entry(path, new Counts(buffers, codes, signatures, tensorsAndOperators));
    }

    @Test
    void everySharedModelHasExpectedCounts() {
        Path root = Shared.path("models");
        assertEquals(new TreeSet<>(COUNTS.keySet()), new TreeSet<>(modelFiles(root).keySet()),
                "models under " + root + " differ from the ones this test knows");
    }

    @TestFactory
    Stream<DynamicTest> everyModelReadsWithIdentifierCountsAndValidIndices() {
        Path root = Shared.path("models");
        return modelFiles(root).entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            ByteBuffer bb = bytes(e.getValue());
            assertTrue(Model.ModelBufferHasIdentifier(bb), "file identifier TFL3");
            Model model = Model.getRootAsModel(bb);
            assertEquals(3, model.version());
            Counts expected = COUNTS.get(e.getKey());
            assertNotNull(expected, "no expected counts for " + e.getKey());
            assertEquals(expected.buffers(), model.buffersLength(), "buffers");
            assertEquals(expected.operatorCodes(), model.operatorCodesLength(), "operator codes");
            assertEquals(expected.signatureDefs(), model.signatureDefsLength(), "signature defs");
            int[] actual = IntStream.range(0, model.subgraphsLength())
                    .flatMap(i -> IntStream.of(model.subgraphs(i).tensorsLength(), model.subgraphs(i).operatorsLength()))
                    .toArray();
            assertArrayEquals(expected.tensorsAndOperators(), actual, "(tensors, operators) per subgraph");
            assertIndicesInRange(model);
        }));
    }

    /** Cross-references that only hold if every field sits in its right slot with its right width. */
    private static void assertIndicesInRange(Model model) {
        for (int s = 0; s < model.subgraphsLength(); s++) {
            SubGraph sg = model.subgraphs(s);
            int tensors = sg.tensorsLength();
            for (int t = 0; t < tensors; t++) {
                long buffer = sg.tensors(t).buffer();
                assertTrue(buffer < model.buffersLength(), "tensor " + t + " buffer " + buffer);
            }
            for (int o = 0; o < sg.operatorsLength(); o++) {
                Operator op = sg.operators(o);
                assertTrue(op.opcodeIndex() < model.operatorCodesLength(), "operator " + o + " opcode index");
                for (int k = 0; k < op.inputsLength(); k++) {
                    assertTrue(op.inputs(k) >= -1 && op.inputs(k) < tensors, "operator " + o + " input " + k);
                }
                for (int k = 0; k < op.outputsLength(); k++) {
                    assertTrue(op.outputs(k) >= 0 && op.outputs(k) < tensors, "operator " + o + " output " + k);
                }
                for (int k = 0; k < op.intermediatesLength(); k++) {
                    assertTrue(op.intermediates(k) >= 0 && op.intermediates(k) < tensors,
                            "operator " + o + " intermediate " + k);
                }
            }
        }
    }

    @Test
    void int8MnistLstmHas24InputsAnd5Intermediates() {
        Model model = read("mnist_lstm/trained_lstm_int8.tflite");
        OperatorCode code = model.operatorCodes(0);
        assertEquals(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, code.builtinCode());
        assertEquals(BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM, code.deprecatedBuiltinCode());
        assertEquals(1, code.version());
        assertEquals(4, model.operatorCodes(2).version());

        SubGraph sg = model.subgraphs(0);
        assertEquals("main", sg.name());
        assertEquals(-1, sg.debugMetadataIndex());
        Operator lstm = sg.operators(0);
        assertEquals(0, lstm.opcodeIndex());
        assertArrayEquals(new int[] {0, 15, 14, 13, 12, 11, 10, 9, 8, -1, -1, -1, 7, 6, 5, 4, -1, -1, 16, 17,
                -1, -1, -1, -1}, ints(lstm.inputsLength(), lstm::inputs));
        assertArrayEquals(new int[] {18, 19, 20, 21, 22}, ints(lstm.intermediatesLength(), lstm::intermediates));
        assertArrayEquals(new int[] {23}, ints(lstm.outputsLength(), lstm::outputs));
        assertEquals(0, lstm.mutatingVariableInputsLength());
        assertEquals(-1, lstm.debugMetadataIndex());

        assertEquals(BuiltinOptions.UnidirectionalSequenceLSTMOptions, lstm.builtinOptionsType());
        assertEquals(BuiltinOptions2.NONE, lstm.builtinOptions2Type());
        var options = (UnidirectionalSequenceLSTMOptions) lstm.builtinOptions(new UnidirectionalSequenceLSTMOptions());
        assertEquals(ActivationFunctionType.TANH, options.fusedActivationFunction());
        assertEquals(10.0f, options.cellClip());
        assertEquals(0.0f, options.projClip());
        assertFalse(options.timeMajor());
        assertFalse(options.asymmetricQuantizeInputs());
        assertFalse(options.diagonalRecurrentTensors());

        Tensor input = sg.tensors(0);
        assertEquals("serving_default_fixed_input:0", input.name());
        assertEquals(TensorType.INT8, input.type());
        assertArrayEquals(new int[] {1, 28, 28}, ints(input.shapeLength(), input::shape));
        assertEquals(1, input.buffer());
        assertEquals(-128L, input.quantization().zeroPoint(0));
        assertEquals(0.003922f, input.quantization().scale(0), 5e-7f);

        Tensor cellState = sg.tensors(16);
        assertTrue(cellState.isVariable());
        assertTrue(cellState.hasRank());
        assertArrayEquals(new int[] {1, 20}, ints(cellState.shapeLength(), cellState::shape));

        Tensor hiddenScale = sg.tensors(22);
        assertEquals("effective_hidden_scale_intermediate", hiddenScale.name());
        assertEquals(TensorType.INT8, hiddenScale.type());
        assertEquals(0.007817f, hiddenScale.quantization().scale(0), 5e-7f);
        assertEquals(0L, hiddenScale.quantization().zeroPoint(0));
        assertEquals(QuantizationDetails.NONE, hiddenScale.quantization().detailsType());
        assertEquals(TensorType.FLOAT32, sg.tensors(18).type());
        assertEquals("input_to_input_intermediate", sg.tensors(18).name());

        Tensor weights = sg.tensors(15);
        assertArrayEquals(new int[] {20, 28}, ints(weights.shapeLength(), weights::shape));
        assertEquals(16, weights.buffer());
        assertEquals(560, model.buffers(16).dataLength());
        assertEquals(5600, model.buffers(4).dataLength());
        assertNull(model.buffers(0).dataVector(), "sentinel buffer 0 has no data vector");

        assertEquals("MLIR Converted.", model.description());
        assertEquals(2, model.metadataLength());
        assertEquals("min_runtime_version", model.metadata(0).name());
        assertEquals(23, model.metadata(0).buffer());
        assertEquals("CONVERSION_METADATA", model.metadata(1).name());
        assertEquals(24, model.metadata(1).buffer());
        SignatureDef signature = model.signatureDefs(0);
        assertEquals("serving_default", signature.signatureKey());
        assertEquals("fixed_input", signature.inputs(0).name());
        assertEquals(0, signature.inputs(0).tensorIndex());
        assertEquals("sequential", signature.outputs(0).name());
        assertEquals(26, signature.outputs(0).tensorIndex());
    }

    @Test
    void oldLstmModelsKeepTheOpcodeInTheDeprecatedByteAndMarkStateInputs() {
        Model model = read("quantizer_golden/lstm_quantized.tflite");
        // builtin_code is absent (reads as ADD = 0); the real codes live in the one-byte field.
        assertEquals(BuiltinOperator.ADD, model.operatorCodes(0).builtinCode());
        assertEquals(BuiltinOperator.LSTM, model.operatorCodes(0).deprecatedBuiltinCode());
        assertEquals(2, model.operatorCodes(0).version());
        assertEquals(BuiltinOperator.QUANTIZE, model.operatorCodes(1).deprecatedBuiltinCode());
        assertEquals(BuiltinOperator.DEQUANTIZE, model.operatorCodes(2).deprecatedBuiltinCode());

        Operator lstm = model.subgraphs(0).operators(1);
        assertEquals(24, lstm.inputsLength());
        assertEquals(5, lstm.intermediatesLength());
        assertEquals(24, lstm.mutatingVariableInputsLength());
        for (int i = 0; i < 24; i++) {
            assertEquals(i == 18 || i == 19, lstm.mutatingVariableInputs(i), "mutating input " + i);
        }
        assertEquals(BuiltinOptions.LSTMOptions, lstm.builtinOptionsType());
        var options = (LSTMOptions) lstm.builtinOptions(new LSTMOptions());
        assertEquals(LSTMKernelType.FULL, options.kernelType());
        assertEquals(10.0f, options.cellClip());
        assertNull(model.subgraphs(0).name());
    }

    @Test
    void multiSignatureModelHasTwoSignaturesOnTwoSubgraphs() {
        Model model = read("roundtrip/litert_multi_signatures.tflite");
        assertEquals(2, model.signatureDefsLength());
        List<String> keys = List.of(model.signatureDefs(0).signatureKey(), model.signatureDefs(1).signatureKey());
        assertEquals(List.of("add", "sub"), keys);
        for (int s = 0; s < 2; s++) {
            SignatureDef def = model.signatureDefs(s);
            assertEquals(s, def.subgraphIndex());
            assertNull(def.deprecatedTag());
            assertEquals("x", def.inputs(0).name());
            assertEquals(0, def.inputs(0).tensorIndex());
            assertEquals("output_0", def.outputs(0).name());
            assertEquals(2, def.outputs(0).tensorIndex());
        }
        assertEquals("add", model.subgraphs(0).name());
        assertEquals("sub", model.subgraphs(1).name());
        assertEquals(BuiltinOperator.SUB, model.operatorCodes(1).builtinCode());
        var sub = (SubOptions) model.subgraphs(1).operators(0).builtinOptions(new SubOptions());
        assertTrue(sub.potScaleInt16());
    }

    @Test
    void whileModelPointsAtItsConditionAndBodySubgraphs() {
        Model model = read("roundtrip/litert_multi_subgraphs_while.tflite");
        assertEquals(List.of("main", "while_cond", "while_body"),
                IntStream.range(0, model.subgraphsLength()).mapToObj(i -> model.subgraphs(i).name()).toList());
        SubGraph main = model.subgraphs(0);
        assertArrayEquals(new int[] {4, 3}, ints(main.outputsLength(), main::outputs));
        Operator loop = main.operators(0);
        assertEquals(BuiltinOperator.WHILE, model.operatorCodes((int) loop.opcodeIndex()).builtinCode());
        assertEquals(BuiltinOptions.WhileOptions, loop.builtinOptionsType());
        var options = (WhileOptions) loop.builtinOptions(new WhileOptions());
        assertEquals(1, options.condSubgraphIndex());
        assertEquals(2, options.bodySubgraphIndex());
        assertEquals(3, loop.outputsLength());
        SubGraph body = model.subgraphs(2);
        assertArrayEquals(new int[] {7, 5, 6}, ints(body.outputsLength(), body::outputs));
    }

    @Test
    void sparseTensorDecodesItsBlockSparsity() {
        Model model = read("roundtrip/litert_sparse_tensor.tflite");
        assertEquals("FakeOp", model.operatorCodes(0).customCode());
        assertEquals(BuiltinOperator.CUSTOM, model.operatorCodes(0).deprecatedBuiltinCode());
        Tensor tensor = model.subgraphs(0).tensors(0);
        assertEquals("sparse_tensor", tensor.name());
        assertEquals(TensorType.INT8, tensor.type());
        SparsityParameters sparsity = tensor.sparsity();
        assertNotNull(sparsity);
        assertArrayEquals(new int[] {0, 1, 2, 3}, ints(sparsity.traversalOrderLength(), sparsity::traversalOrder));
        assertArrayEquals(new int[] {0, 1}, ints(sparsity.blockMapLength(), sparsity::blockMap));
        assertEquals(4, sparsity.dimMetadataLength());
        assertEquals(DimensionType.DENSE, sparsity.dimMetadata(0).format());
        assertEquals(2, sparsity.dimMetadata(0).denseSize());
        DimensionMetadata csr = sparsity.dimMetadata(1);
        assertEquals(DimensionType.SPARSE_CSR, csr.format());
        assertEquals(SparseIndexVector.Uint8Vector, csr.arraySegmentsType());
        assertEquals(SparseIndexVector.Uint8Vector, csr.arrayIndicesType());
        var segments = (Uint8Vector) csr.arraySegments(new Uint8Vector());
        var indices = (Uint8Vector) csr.arrayIndices(new Uint8Vector());
        assertArrayEquals(new int[] {0, 2, 3}, ints(segments.valuesLength(), segments::values));
        assertArrayEquals(new int[] {0, 1, 1}, ints(indices.valuesLength(), indices::values));
        assertArrayEquals(new int[] {1, 0, 0, 4, 2, 3, 0, 0, 5, 0, 0, 6},
                ints(model.buffers(1).dataLength(), model.buffers(1)::data));
        assertNull(model.subgraphs(0).tensors(1).sparsity());
    }

    @Test
    void metadataModelListsItsMetadataBothWays() {
        Model model = read("roundtrip/litert_with_metadata.tflite");
        assertEquals(List.of("min_runtime_version", "LiteRtStamp", "NPU_BYTE_CODE"),
                IntStream.range(0, model.metadataLength()).mapToObj(i -> model.metadata(i).name()).toList());
        assertEquals(List.of(4L, 5L, 6L),
                IntStream.range(0, model.metadataLength()).mapToObj(i -> model.metadata(i).buffer()).toList());
        assertArrayEquals(new int[] {4, 5, 6}, ints(model.metadataBufferLength(), model::metadataBuffer));
        assertEquals("NPU_OP", model.operatorCodes(1).customCode());
        assertEquals(BuiltinOperator.CUSTOM, model.operatorCodes(1).builtinCode());
    }

    @Test
    void compositeUsesTheSecondOptionsUnionAndTheExtendedOpcode() {
        Model model = read("roundtrip/aeq_simple_composite.tflite");
        OperatorCode code = model.operatorCodes(0);
        assertEquals(BuiltinOperator.STABLEHLO_COMPOSITE, code.builtinCode());
        assertEquals(BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES, code.deprecatedBuiltinCode());
        Operator op = model.subgraphs(0).operators(0);
        assertEquals(BuiltinOptions.NONE, op.builtinOptionsType());
        assertEquals(BuiltinOptions2.StableHLOCompositeOptions, op.builtinOptions2Type());
        var options = (StableHLOCompositeOptions) op.builtinOptions2(new StableHLOCompositeOptions());
        assertEquals("odml.npu_call", options.name());
        assertEquals(1, options.decompositionSubgraphIndex());
        assertEquals(CustomOptionsFormat.FLEXBUFFERS, options.compositeAttributesFormat());
        assertEquals(0, options.version());
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 36, 1},
                ints(options.compositeAttributesLength(), options::compositeAttributes));
        assertEquals("decomp", model.subgraphs(1).name());
    }

    @Test
    void stringInputKeepsItsShapeSignatureAndRank() {
        Model model = read("roundtrip/litert_string_input_model_with_signature.tflite");
        Tensor tensor = model.subgraphs(0).tensors(0);
        assertEquals(TensorType.STRING, tensor.type());
        assertArrayEquals(new int[] {1, 3}, ints(tensor.shapeLength(), tensor::shape));
        assertArrayEquals(new int[] {-1, 3}, ints(tensor.shapeSignatureLength(), tensor::shapeSignature));
        assertTrue(tensor.hasRank());
        assertEquals(0, tensor.externalBuffer());
        assertEquals(0, tensor.variantTensorsLength());
    }

    @Test
    void modelWithoutSubgraphsStillHasAnEmptyDataVector() {
        Model model = read("roundtrip/litert_0_subgraphs.tflite");
        assertEquals(0, model.subgraphsLength());
        assertNotNull(model.buffers(0).dataVector(), "data present but empty");
        assertEquals(0, model.buffers(0).dataLength());
        assertEquals(0L, model.buffers(0).offset());
        assertEquals(0L, model.buffers(0).size());
        assertNull(model.description());
    }

    @Test
    void microModelsCarryTheirOptionValues() {
        var add = (AddOptions) read("roundtrip/tflm_add0.tflite").subgraphs(0).operators(0)
                .builtinOptions(new AddOptions());
        assertFalse(add.potScaleInt16(), "written as false, default would read true");

        var leaky = (LeakyReluOptions) read("roundtrip/tflm_leaky_relu0.tflite").subgraphs(0).operators(0)
                .builtinOptions(new LeakyReluOptions());
        assertEquals(0.3f, leaky.alpha());

        var slice = (StridedSliceOptions) read("roundtrip/tflm_strided_slice0.tflite").subgraphs(0).operators(0)
                .builtinOptions(new StridedSliceOptions());
        assertEquals(13, slice.beginMask());
        assertEquals(15, slice.endMask());
        assertFalse(slice.offset());

        Operator transpose = read("roundtrip/tflm_transpose_conv0.tflite").subgraphs(0).operators(0);
        assertEquals(BuiltinOptions.TransposeConvOptions, transpose.builtinOptionsType());
        var conv = (TransposeConvOptions) transpose.builtinOptions(new TransposeConvOptions());
        assertEquals(Padding.VALID, conv.padding());
        assertEquals(2, conv.strideW());
        assertEquals(1, conv.strideH());
        assertEquals(TensorType.FLOAT32, conv.quantizedBiasType());

        Model speech = read("roundtrip/tflm_micro_speech_quantized.tflite");
        assertEquals("TOCO Converted.", speech.description());
        var reshape = (ReshapeOptions) speech.subgraphs(0).operators(0).builtinOptions(new ReshapeOptions());
        assertArrayEquals(new int[] {-1, 49, 40, 1}, ints(reshape.newShapeLength(), reshape::newShape));
        var depthwise = (DepthwiseConv2DOptions) speech.subgraphs(0).operators(1)
                .builtinOptions(new DepthwiseConv2DOptions());
        assertEquals(Padding.SAME, depthwise.padding());
        assertEquals(8, depthwise.depthMultiplier());
        assertEquals(ActivationFunctionType.RELU, depthwise.fusedActivationFunction());
        assertEquals(BuiltinOperator.DEPTHWISE_CONV_2D, speech.operatorCodes(0).deprecatedBuiltinCode());
    }

    private static Model read(String relative) {
        ByteBuffer bb = bytes(Shared.path("models/" + relative));
        assertTrue(Model.ModelBufferHasIdentifier(bb), relative + ": file identifier TFL3");
        return Model.getRootAsModel(bb);
    }

    private static ByteBuffer bytes(Path file) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every .tflite below {@code root}, keyed by its '/'-separated relative path, sorted. */
    private static Map<String, Path> modelFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".tflite"))
                    .collect(Collectors.toMap(p -> root.relativize(p).toString().replace('\\', '/'), p -> p,
                            (a, b) -> a, TreeMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] ints(int length, java.util.function.IntUnaryOperator element) {
        return IntStream.range(0, length).map(element).toArray();
    }
}
