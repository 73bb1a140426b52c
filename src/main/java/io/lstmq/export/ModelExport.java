package io.lstmq.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.lstmq.LstmqException;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.model.SubGraph;

/**
 * What {@code lstmq export} writes about one model: the model file itself (for the C array), the constants of every
 * LSTM in inspect's order, and TFLite Micro's activation table.
 *
 * @param source   the model file
 * @param name     the C identifier prefix and file-name stem, e.g. {@code trained_lstm_int8}
 * @param fileSize the model's size in bytes
 * @param lstms    every LSTM of every subgraph, in execution order
 * @param table    TFLite Micro's sigmoid table, which its sigmoid and tanh share
 */
public record ModelExport(Path source, String name, long fileSize, List<LstmExport> lstms, ExportArray table) {

    /** TFLite Micro reads the model in place from one array: a flatbuffer is at most 2 GiB. */
    public static final long MAX_C_ARRAY_BYTES = Integer.MAX_VALUE;

    /**
     * @param name the identifier prefix, or null to derive it from the file name
     * @throws LstmqException when an LSTM is not an integer LSTM TFLite Micro can run, or the name is no identifier
     */
    public static ModelExport of(Path source, ModelFile file, String name) {
        String prefix = name != null ? checkedIdentifier(name) : identifierFrom(source);
        Model model = file.model();
        List<LstmExport> lstms = new ArrayList<>();
        for (SubGraph sg : model.subgraphs()) {
            for (LstmOperator lstm : LstmOperator.in(model, sg)) {
                lstms.add(LstmExport.of(lstms.size(), lstm));
            }
        }
        return new ModelExport(source, prefix, file.fileSize(), List.copyOf(lstms), TflmSigmoidTable.array());
    }

    /** The file name without extension, lower-cased, every other character than [a-z0-9_] turned into '_'. */
    static String identifierFrom(Path source) {
        String base = source.getFileName().toString();
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String id = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "model_" + id : id;
    }

    private static String checkedIdentifier(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new LstmqException("--name " + name + ": not a C identifier (letters, digits and _, not starting "
                    + "with a digit)");
        }
        return name;
    }

    /** {@code NAME_LSTM<k>_} in upper case: the prefix of an LSTM's macros. */
    public String macroPrefix(LstmExport lstm) {
        return name.toUpperCase(Locale.ROOT) + "_LSTM" + lstm.index() + "_";
    }

    /** {@code name_lstm<k>_}: the prefix of an LSTM's arrays. */
    public String arrayPrefix(LstmExport lstm) {
        return name + "_lstm" + lstm.index() + "_";
    }
}
