package io.lstmq.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.testdata.LstmClassifierFactory;
import io.lstmq.testdata.LstmClassifierSpec;

/**
 * A rewrite keeps float fields bit for bit, NaN payloads included: a signalling NaN used to come back quiet,
 * because a float-to-double cast sets the quiet bit.
 */
class FloatFieldBitsTest {
    /** The classifier's LSTM writes cell_clip 10.0, whose bits appear nowhere else in its file. */
    private static final int CELL_CLIP_BITS = Float.floatToRawIntBits(10f);

    @ParameterizedTest
    @ValueSource(ints = {0x7F80_0001, 0xFF80_0001, 0x7FBF_FFFF, 0x7FC0_0000, 0xFFC1_2345, 0x7F80_0000, 0x8000_0000})
    void cellClipSurvivesARewrite(int bits) {
        ByteBuffer original = ModelWriter.toBytes(LstmClassifierFactory.build(new LstmClassifierSpec(2, 2, 2, 1, 2, 3)))
                .order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> clip = positionsOf(original, CELL_CLIP_BITS);
        assertEquals(1, clip.size(), "cell_clip 10.0 occurs once");
        original.putInt(clip.get(0), bits);

        ByteBuffer rewritten = ModelWriter.toBytes(ModelFile.fromBytes(original, "nan.tflite").model())
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, positionsOf(rewritten, bits).size(), () -> Integer.toHexString(bits) + " was not kept");
    }

    /** Where a 4-byte aligned word holds {@code bits}. */
    private static List<Integer> positionsOf(ByteBuffer b, int bits) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i + 4 <= b.limit(); i += 4) {
            if (b.getInt(i) == bits) {
                at.add(i);
            }
        }
        return at;
    }
}
