package io.lstmq.runtime;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.*;

import java.util.Optional;

import io.lstmq.io.DType;

/** Translations of TFLite's C enums (TfLiteType, TfLiteStatus) for lstmq. */
final class TfliteTypes {
    private TfliteTypes() {}

    /** The array type for a TfLiteType, or empty for types lstmq does not exchange (strings, float16, ...). */
    static Optional<DType> toDType(int tfLiteType) {
        DType t = switch (tfLiteType) {
            case kTfLiteFloat32 -> DType.FLOAT32;
            case kTfLiteFloat64 -> DType.FLOAT64;
            case kTfLiteInt8 -> DType.INT8;
            case kTfLiteUInt8 -> DType.UINT8;
            case kTfLiteInt16 -> DType.INT16;
            case kTfLiteUInt16 -> DType.UINT16;
            case kTfLiteInt32 -> DType.INT32;
            case kTfLiteInt64 -> DType.INT64;
            case kTfLiteBool -> DType.BOOL;
            default -> null;
        };
        return Optional.ofNullable(t);
    }

    /** TFLite's own name of a TfLiteType, e.g. {@code STRING}. */
    static String typeName(int tfLiteType) {
        return TfLiteTypeGetName(tfLiteType).getString();
    }

    /** A readable name for a TfLiteStatus. */
    static String statusName(int status) {
        return switch (status) {
            case kTfLiteError -> "error";
            case kTfLiteDelegateError -> "delegate error";
            case kTfLiteApplicationError -> "application error";
            case kTfLiteUnresolvedOps -> "unresolved operators";
            case kTfLiteCancelled -> "cancelled";
            case kTfLiteOutputShapeNotKnown -> "output shape not known";
            default -> "status " + status;
        };
    }
}
