package io.lstmq.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.google.flatbuffers.FlatBufferBuilder;

import io.lstmq.LstmqException;
import io.lstmq.cli.CliRunner;
import io.lstmq.cli.Main;
import io.lstmq.fuzz.HostileModels.Buffers;
import io.lstmq.fuzz.HostileModels.Raw;
import io.lstmq.model.fb.FbReader;
import io.lstmq.model.fb.Schema;
import io.lstmq.schema.TensorType;

/**
 * Flatbuffer structure no writer produces, aimed at the reader: self-referencing and overlapping vtables and
 * vectors, offsets out of the file, deep nesting, and offsets shared a million times. Each is refused through the
 * command line with exit code 2 and one line naming the field path, quickly and without allocating what it claims.
 * (Truncations, flipped bytes and huge lengths are in {@code io.lstmq.model.DamagedModelTest}.)
 */
@Timeout(10)
class DamagedStructureTest {
    @TempDir
    Path tmp;

    private Path file() {
        return tmp.resolve("crafted.tflite");
    }

    @Test
    void tableWhoseVtableIsItself() {
        // soffset 0 puts the vtable on the table, so the vtable size is the low half of that 0.
        byte[] model = Raw.model(12, 8).u32(8, 0).bytes();
        Refusals.assertInspectRefuses(file(), model, "model: vtable size 0 is invalid");
    }

    @Test
    void vtableBeforeTheStartOfTheFile() {
        byte[] model = Raw.model(12, 8).u32(8, 100).bytes();
        Refusals.assertInspectRefuses(file(), model, "model: vtable at -92 lies outside the 12-byte buffer");
    }

    @Test
    void vtableInsideItsOwnTableIsReadAsWritten() {
        // The 12-byte root table at 8 holds its own 6-byte vtable at 12, which places `version` at 16, where
        // the vtable's own third entry (8) is: overlapping, but every read stays in bounds and the format does
        // not forbid it. The model is read as version 8.
        byte[] model = Raw.model(20, 8).u32(8, -4).u16(12, 6).u16(14, 12).u16(16, 8).bytes();
        CliRunner.Result r = Refusals.run(file(), model, "inspect");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("schema v8") && r.out().contains("warning: schema version 8"), r.out());
    }

    @Test
    void vtableInsideItsOwnTableClaimingAFieldBeyondIt() {
        byte[] model = Raw.model(20, 8).u32(8, -4).u16(12, 6).u16(14, 12).u16(16, 12).bytes();
        Refusals.assertInspectRefuses(file(), model, "model.version: field lies outside its table");
    }

    @Test
    void vectorOverlappingTheRootTable() {
        // Root table at 16 (vtable at 8), 12 bytes long; operator_codes points 4 bytes on, inside the root table,
        // whose last word (5) becomes the vector's length and whose elements run past the file.
        byte[] model = Raw.model(32, 16).u16(8, 8).u16(10, 12).u16(12, 0).u16(14, 4)
                .u32(16, 8).u32(20, 4).u32(24, 5).bytes();
        Refusals.assertInspectRefuses(file(), model,
                "model.operator_codes: vector of 5 elements runs past the end of the 32-byte buffer");
    }

    @Test
    void vectorElementsPointingAtThemselves() {
        // Every element offset is 0, so each element table starts on its own offset and has a 0 vtable offset.
        byte[] model = Raw.model(36, 16).u16(8, 8).u16(10, 8).u16(12, 0).u16(14, 4)
                .u32(16, 8).u32(20, 4).u32(24, 2).u32(28, 0).u32(32, 0).bytes();
        Refusals.assertInspectRefuses(file(), model, "model.operator_codes[0]: vtable size 0 is invalid");
    }

    @Test
    void offsetPastTheEndOfTheFile() {
        byte[] model = Raw.model(24, 16).u16(8, 8).u16(10, 8).u16(12, 0).u16(14, 4)
                .u32(16, 8).u32(20, 0x7FFF_FFF0).bytes();
        Refusals.assertInspectRefuses(file(), model,
                "model.operator_codes: offset points to 2147483652, past the end of the 24-byte buffer");
    }

    @Test
    void millionSharedOffsetsStopAtTheObjectLimit() {
        byte[] model = HostileModels.withoutSubgraphs(b -> {
            int[] buffers = new int[1_000_000];
            Arrays.fill(buffers, HostileModels.emptyBuffer(b));
            return buffers;
        });
        CliRunner.Result r = Refusals.run(file(), model, "inspect");
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().strip().matches("lstmq inspect: .*: model\\.buffers\\[\\d+]: more than 1000000 tables"
                + " and vectors"), r.err());
    }

    @Test
    void oneNameSharedByManyTensors() {
        // 10,000 references to one tensor whose name is 1 MiB: a 1 MiB file standing for 10 GiB of names.
        byte[] model = HostileModels.model(HostileModels.shared(10_000,
                b -> HostileModels.tensor(b, "x".repeat(1 << 20), TensorType.FLOAT32, new int[] {1}, 0, 0)),
                Buffers.EMPTY);
        Refusals.assertInspectRefuses(file(), model, "model.subgraphs[0].tensors[4].name: vectors and strings"
                + " reached through shared or overlapping offsets add up to more than 4 times the " + model.length
                + "-byte buffer");
    }

    @Test
    void oneShapeSharedByManyTensors() {
        // 20,000 references to one tensor of rank 250,000: every check of every tensor would walk the whole shape.
        byte[] model = HostileModels.model(HostileModels.shared(20_000,
                b -> HostileModels.tensor(b, "x", TensorType.FLOAT32, new int[250_000], 0, 0)), Buffers.EMPTY);
        Refusals.assertInspectRefuses(file(), model, "model.subgraphs[0].tensors[4].shape: vectors and strings"
                + " reached through shared or overlapping offsets add up to more than 4 times the " + model.length
                + "-byte buffer");
    }

    @Test
    void tablesNested100Deep() throws Exception {
        // The TFLite schema has no recursive type, so its nesting is bounded by the schema; the generic reader's
        // own depth limit is checked with a recursive schema, made by the package's parser.
        Method parse = Class.forName("io.lstmq.model.fb.SchemaParser").getDeclaredMethod("parse", String.class);
        parse.setAccessible(true);
        Schema chain = (Schema) parse.invoke(null, "table Node { child: Node; } root_type Node;");
        FlatBufferBuilder b = new FlatBufferBuilder(4096);
        int node = 0;
        for (int depth = 0; depth < 100; depth++) {
            b.startTable(1);
            if (node != 0) {
                b.addOffset(0, node, 0);
            }
            node = b.endTable();
        }
        b.finish(node);
        LstmqException e = assertThrows(LstmqException.class,
                () -> FbReader.read(ByteBuffer.wrap(b.sizedByteArray()), chain));
        assertTrue(e.getMessage().startsWith("node" + ".child".repeat(65) + ": tables nested deeper than 64"),
                e.getMessage());
    }

    @Test
    void sharedEmptyBufferTablesAreLegal() {
        // Sharing as such is legal: a few buffers that are one empty table read and inspect normally.
        byte[] model = HostileModels.withoutSubgraphs(b -> {
            int empty = HostileModels.emptyBuffer(b);
            return new int[] {empty, empty, empty};
        });
        CliRunner.Result r = Refusals.run(file(), model, "inspect");
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("3 buffers"), r.out());
    }
}
