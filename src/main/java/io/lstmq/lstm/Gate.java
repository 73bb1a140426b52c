package io.lstmq.lstm;

import java.util.List;

/**
 * The four LSTM gates. The enum order is the order of the operator's slots and of TFLite's arrays:
 * input (i), forget (f), cell / "modulation" (g), output (o); {@link #ordinal()} is the gate index k used
 * for intermediates 0..3. TFLite Micro evaluates them in {@link #TFLM_ORDER} (forget first), which changes
 * nothing numerically because all three of f, i, g read only the previous state.
 */
public enum Gate {
    INPUT("input", 'i', 1, 5, 9, 12, 20),
    FORGET("forget", 'f', 2, 6, 10, 13, 21),
    CELL("cell", 'g', 3, 7, -1, 14, 22),
    OUTPUT("output", 'o', 4, 8, 11, 15, 23);

    /** TFLite Micro's Prepare and step order. */
    public static final List<Gate> TFLM_ORDER = List.of(FORGET, INPUT, CELL, OUTPUT);

    private final String tfliteName;
    private final char symbol;
    private final int inputWeightsSlot;
    private final int recurrentWeightsSlot;
    private final int peepholeSlot;
    private final int biasSlot;
    private final int layerNormSlot;

    Gate(String tfliteName, char symbol, int inputWeightsSlot, int recurrentWeightsSlot, int peepholeSlot,
            int biasSlot, int layerNormSlot) {
        this.tfliteName = tfliteName;
        this.symbol = symbol;
        this.inputWeightsSlot = inputWeightsSlot;
        this.recurrentWeightsSlot = recurrentWeightsSlot;
        this.peepholeSlot = peepholeSlot;
        this.biasSlot = biasSlot;
        this.layerNormSlot = layerNormSlot;
    }

    /** The word TFLite uses in its parameter names: input, forget, cell, output. */
    public String tfliteName() {
        return tfliteName;
    }

    /** The usual formula letter: i, f, g, o. */
    public char symbol() {
        return symbol;
    }

    public LstmSlot inputWeights() {
        return LstmSlot.of(inputWeightsSlot);
    }

    public LstmSlot recurrentWeights() {
        return LstmSlot.of(recurrentWeightsSlot);
    }

    /** The peephole (cell-to-gate) weights; the cell gate has none. */
    public boolean hasPeephole() {
        return peepholeSlot >= 0;
    }

    /** @throws IllegalStateException for {@link #CELL}, which has no peephole */
    public LstmSlot peephole() {
        if (!hasPeephole()) {
            throw new IllegalStateException("the cell gate has no peephole weights");
        }
        return LstmSlot.of(peepholeSlot);
    }

    public LstmSlot bias() {
        return LstmSlot.of(biasSlot);
    }

    public LstmSlot layerNormCoefficients() {
        return LstmSlot.of(layerNormSlot);
    }

    /** Intermediate k (0..3) that carries this gate's pre-activation (layer-norm input) quantization. */
    public LstmSlot.Intermediate intermediate() {
        return LstmSlot.Intermediate.values()[ordinal()];
    }
}
