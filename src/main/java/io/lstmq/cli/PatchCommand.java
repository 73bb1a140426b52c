package io.lstmq.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import io.lstmq.LstmqException;
import io.lstmq.model.ModelEditor;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelVerifier;
import io.lstmq.model.ModelWriter;

/** {@code lstmq patch IN -o OUT [edits]}: a lossless rewrite with optional, checked edits. */
final class PatchCommand implements Command {
    @Override
    public String name() {
        return "patch";
    }

    @Override
    public String synopsis() {
        return "IN -o OUT [edits]";
    }

    @Override
    public String summary() {
        return "rewrite a model losslessly, optionally editing quantization, names, versions, metadata";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("OUT").desc("output model").build());
        o.addOption(Option.builder().longOpt("set-quant").hasArg().argName("NAME=SCALE:ZP")
                .desc("set a tensor's quantization; per-channel: NAME=S1,S2:Z1,Z2[@AXIS]; NAME may be #INDEX")
                .build());
        o.addOption(Option.builder().longOpt("rename").hasArg().argName("OLD=NEW").desc("rename a tensor").build());
        o.addOption(Option.builder().longOpt("set-element").hasArg().argName("NAME:INDEX=VALUE")
                .desc("set one element of a constant tensor (flat index), e.g. to plant a fault").build());
        o.addOption(Option.builder().longOpt("op-version").hasArg().argName("OP=VERSION")
                .desc("set an operator code's version; OP is a builtin name or an operator code index").build());
        o.addOption(Option.builder().longOpt("drop-metadata").desc("remove all metadata entries").build());
        o.addOption(Option.builder().longOpt("keep-metadata").hasArg().argName("NAMES")
                .desc("keep only these comma-separated metadata entries").build());
        o.addOption(Option.builder().longOpt("description").hasArg().argName("TEXT").desc("set the description")
                .build());
        o.addOption(Option.builder().longOpt("subgraph").hasArg().argName("N")
                .desc("subgraph the tensor edits apply to (default 0)").build());
        o.addOption(Option.builder().longOpt("in-place").desc("allow OUT to be IN").build());
        return o;
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        Path in = Args.existingFile(Args.positional(cl, "IN").get(0));
        Path target = Args.output(cl, in, cl.hasOption("in-place"));
        ModelFile file = ModelFile.open(in);
        ModelEditor editor = new ModelEditor(file.model(), in.toString());
        int subgraph = (int) Args.parseLong(cl.getOptionValue("subgraph", "0"), "--subgraph");
        int edits = 0;
        for (String spec : values(cl, "set-quant")) {
            QuantSpec q = QuantSpec.parse(spec);
            editor.setQuantization(subgraph, q.tensor(), q.scales(), q.zeroPoints(), q.axis());
            edits++;
        }
        for (String spec : values(cl, "rename")) {
            String[] kv = split(spec, "--rename", "OLD=NEW");
            editor.rename(subgraph, kv[0], kv[1]);
            edits++;
        }
        for (String spec : values(cl, "set-element")) {
            String[] kv = split(spec, "--set-element", "NAME:INDEX=VALUE");
            int colon = kv[0].lastIndexOf(':');
            if (colon <= 0) {
                throw new LstmqException("--set-element " + spec + ": expected NAME:INDEX=VALUE");
            }
            editor.setElement(subgraph, kv[0].substring(0, colon),
                    Args.parseLong(kv[0].substring(colon + 1), "--set-element index"),
                    Args.parseFloat(kv[1], "--set-element value"));
            edits++;
        }
        for (String spec : values(cl, "op-version")) {
            String[] kv = split(spec, "--op-version", "OP=VERSION");
            editor.setOperatorVersion(kv[0], (int) Args.parseLong(kv[1], "--op-version " + spec));
            edits++;
        }
        if (cl.hasOption("drop-metadata") && cl.hasOption("keep-metadata")) {
            throw new LstmqException("--drop-metadata and --keep-metadata exclude each other");
        }
        if (cl.hasOption("drop-metadata")) {
            editor.dropMetadata();
            edits++;
        }
        if (cl.hasOption("keep-metadata")) {
            editor.keepMetadata(new HashSet<>(Arrays.asList(cl.getOptionValue("keep-metadata").split(","))));
            edits++;
        }
        if (cl.hasOption("description")) {
            editor.setDescription(cl.getOptionValue("description"));
            edits++;
        }
        if (edits > 0) {
            ModelVerifier.verifyEdited(file.model(), in.toString());
        }
        ModelWriter.write(file.model(), target);
        out.println("wrote " + target + " (" + size(target) + " bytes, " + edits + " edit" + (edits == 1 ? "" : "s")
                + ")");
        return Main.OK;
    }

    private static String[] values(CommandLine cl, String option) {
        String[] v = cl.getOptionValues(option);
        return v == null ? new String[0] : v;
    }

    private static String[] split(String spec, String option, String form) {
        int eq = spec.lastIndexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new LstmqException(option + " " + spec + ": expected " + form);
        }
        return new String[] {spec.substring(0, eq), spec.substring(eq + 1)};
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** {@code NAME=S1[,S2...]:Z1[,Z2...][@AXIS]} */
    record QuantSpec(String tensor, float[] scales, long[] zeroPoints, int axis) {
        static QuantSpec parse(String spec) {
            String form = "NAME=SCALE:ZP or NAME=S1,S2:Z1,Z2[@AXIS]";
            int eq = spec.lastIndexOf('=');
            if (eq <= 0) {
                throw new LstmqException("--set-quant " + spec + ": expected " + form);
            }
            String name = spec.substring(0, eq);
            String value = spec.substring(eq + 1);
            int axis = 0;
            int at = value.indexOf('@');
            if (at >= 0) {
                axis = (int) Args.parseLong(value.substring(at + 1), "--set-quant axis");
                value = value.substring(0, at);
            }
            String[] parts = value.split(":");
            if (parts.length != 2) {
                throw new LstmqException("--set-quant " + spec + ": expected " + form);
            }
            String[] s = parts[0].split(",");
            String[] z = parts[1].split(",");
            float[] scales = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                scales[i] = Args.parseFloat(s[i], "--set-quant " + spec);
            }
            long[] zps = new long[z.length];
            for (int i = 0; i < z.length; i++) {
                zps[i] = Args.parseLong(z[i], "--set-quant " + spec);
            }
            return new QuantSpec(name, scales, zps, axis);
        }
    }
}
