package io.lstmq.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.lstmq.model.fb.EnumDef;
import io.lstmq.model.fb.Schema;

class DataTypeTest {
    @Test
    void codesAndNamesEqualTheSchemasTensorType() {
        EnumDef e = Schema.tflite().enumDef("TensorType");
        for (DataType t : DataType.values()) {
            assertEquals(t.name(), e.nameOf(t.code()), "code " + t.code());
        }
        assertEquals(DataType.values().length - 1, e.maxValue(), "every schema type has a DataType");
        // the generated constants agree too
        assertEquals(io.lstmq.schema.TensorType.INT8, DataType.INT8.code());
        assertEquals(io.lstmq.schema.TensorType.FLOAT8_E5M2, DataType.FLOAT8_E5M2.code());
    }

    @Test
    void storageWidths() {
        assertEquals(3, DataType.INT4.storageBytes(5));
        assertEquals(80, DataType.FLOAT32.storageBytes(20));
        assertEquals(-1, DataType.STRING.storageBytes(3));
    }
}
