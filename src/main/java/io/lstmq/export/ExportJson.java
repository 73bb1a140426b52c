package io.lstmq.export;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.inspect.Json;
import io.lstmq.lstm.EffectiveScale;

/**
 * The one JSON description of an export, shared by the {@code json} format (arrays with their values) and the
 * {@code mem} manifest (arrays with their file names): conventions, the table, and per LSTM its sizes, scalars,
 * multipliers, activation formats and arrays.
 */
public final class ExportJson {
    /** What a format adds to each array's entry: its values, or the file holding them. */
    public interface ArrayEntry {
        /** @param stem the array's unique name in the export, e.g. {@code lstm0_input_to_forget_weights} */
        void fill(ObjectNode entry, String stem, ExportArray array);
    }

    public static final String MULTIPLIER_CONVENTION = "real = multiplier * 2^(shift - 31), applied with TFLite "
            + "Micro's MultiplyByQuantizedMultiplier (shift > 0 shifts left before the multiply, shift < 0 is a "
            + "rounding right shift after it)";
    public static final String VALUE_CONVENTION = "real = scale * (q - zero_point); q_format names a power-of-two "
            + "scale without zero point, e.g. Q3.12 = sign, 3 integer and 12 fractional bits";
    public static final String LAYOUT_CONVENTION = "arrays are row-major; shape lists the dimensions outermost first";

    private ExportJson() {}

    public static ObjectNode document(ModelExport e, String generator, ArrayEntry entries) {
        ObjectNode root = Json.object();
        root.put("generator", generator);
        root.put("model", e.source().toString());
        root.put("model_bytes", e.fileSize());
        root.put("name", e.name());
        ObjectNode conventions = root.putObject("conventions");
        conventions.put("multiplier", MULTIPLIER_CONVENTION);
        conventions.put("value", VALUE_CONVENTION);
        conventions.put("layout", LAYOUT_CONVENTION);
        conventions.put("folded_bias", LstmExport.FOLDING_FORMULA);
        root.set("table", array(e.table(), e.table().name(), entries));
        ArrayNode lstms = root.putArray("lstm");
        for (LstmExport l : e.lstms()) {
            ObjectNode n = lstms.addObject();
            n.put("index", l.index());
            n.put("operator", l.operator());
            n.put("time_major", l.timeMajor());
            ObjectNode scalars = n.putObject("scalars");
            l.scalars().forEach(scalars::put);
            ObjectNode multipliers = n.putObject("multipliers");
            for (Map.Entry<String, EffectiveScale> m : l.multipliers().entrySet()) {
                multipliers.set(m.getKey(), pair(m.getValue()));
            }
            ObjectNode activations = n.putObject("activations");
            l.activations().forEach((k, f) -> activations.set(k, format(f)));
            ArrayNode arrays = n.putArray("arrays");
            for (ExportArray a : l.arrays()) {
                arrays.add(array(a, stem(l, a), entries));
            }
        }
        return root;
    }

    /** The unique name of an LSTM's array within an export: {@code lstm<k>_<array>}. */
    public static String stem(LstmExport l, ExportArray a) {
        return "lstm" + l.index() + "_" + a.name();
    }

    public static ObjectNode pair(EffectiveScale s) {
        return Json.object().put("multiplier", s.multiplier().multiplier()).put("shift", s.multiplier().shift())
                .put("effective_scale", s.scale());
    }

    public static ObjectNode format(ValueFormat f) {
        ObjectNode o = Json.object().put("scale", f.scale()).put("zero_point", f.zeroPoint());
        if (f.qFormat() != null) {
            o.put("q_format", f.qFormat());
        } else {
            o.putNull("q_format");
        }
        return o;
    }

    /** An array's description without its values: name, type, width, shape, layout, format, description. */
    public static ObjectNode describe(ExportArray a) {
        ObjectNode o = Json.object();
        o.put("name", a.name());
        o.put("type", a.type().lowerName());
        o.put("width", a.type().bits());
        o.put("signed", a.type().signed());
        o.set("shape", Json.of(a.shape()));
        o.put("layout", a.layout());
        o.setAll(format(a.format()));
        o.put("description", a.description());
        return o;
    }

    private static ObjectNode array(ExportArray a, String stem, ArrayEntry entries) {
        ObjectNode o = describe(a);
        entries.fill(o, stem, a);
        return o;
    }
}
