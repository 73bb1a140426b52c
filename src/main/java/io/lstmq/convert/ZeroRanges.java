package io.lstmq.convert;

import java.util.Arrays;

import io.lstmq.LstmqException;
import io.lstmq.model.Model;
import io.lstmq.model.Quantization;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/**
 * Refuses a quantized model in which a tensor got scale 0. TFLite's quantizer recipe, which lstmq follows, gives an
 * activation that only ever held 0 during calibration the range [0, 0] and so scale 0 (and every bias scale derived
 * from it is 0 too); TFLite Micro's Prepare then divides by it. It means the calibration data does not exercise the
 * model, which the user has to fix.
 */
final class ZeroRanges {
    private ZeroRanges() {}

    static void refuse(Model model, String file, String calibrationSource) {
        for (SubGraph sg : model.subgraphs()) {
            for (Tensor t : sg.tensors()) {
                Quantization q = t.quantization();
                if (q == null || !q.hasScale()) {
                    continue;
                }
                for (float s : q.scales()) {
                    if (s == 0f) {
                        String range = q.min().length == 1 && q.max().length == 1
                                ? " from its calibrated range [" + q.min()[0] + ", " + q.max()[0] + "]" : "";
                        throw new LstmqException(file + ": subgraph " + sg.index() + ", " + t.describe()
                                + " gets scale 0" + range + (calibrationSource == null ? ""
                                        : "; the calibration data (" + calibrationSource + ") must make every "
                                                + "activation take values other than 0")
                                + " (scales " + Arrays.toString(q.scales()) + ")");
                    }
                }
            }
        }
    }
}
