package io.lstmq.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/**
 * Runs every sample of a {@link ModelInputs} and stacks each output over the samples: {@code [N, *shape]}, or
 * {@code [N, *shape[1:]]} when the output's batch dimension is 1 (mirroring how the inputs are usually stored).
 * A single unstacked sample gives outputs of the tensor's own shape.
 */
public final class BatchRun {
    private BatchRun() {}

    /** Called after each sample, e.g. to show progress. */
    public interface Progress {
        void done(int samples, int total);

        Progress NONE = (done, total) -> { };
    }

    public static List<NdArray> run(SampleRunner runner, ModelInputs inputs, boolean keepState, Progress progress) {
        int n = inputs.sampleCount();
        List<List<NdArray>> perOutput = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!keepState) {
                runner.reset();
            }
            List<NdArray> out = runner.run(inputs.sample(i));
            for (int k = 0; k < out.size(); k++) {
                if (perOutput.size() <= k) {
                    perOutput.add(new ArrayList<>(n));
                }
                perOutput.get(k).add(out.get(k));
            }
            progress.done(i + 1, n);
        }
        List<NdArray> stacked = new ArrayList<>();
        for (List<NdArray> samples : perOutput) {
            stacked.add(stack(samples));
        }
        return stacked;
    }

    private static NdArray stack(List<NdArray> samples) {
        NdArray all = NdArray.stack(samples);
        long[] shape = all.shape();
        if (shape.length >= 2 && shape[1] == 1) {
            long[] squeezed = new long[shape.length - 1];
            squeezed[0] = shape[0];
            System.arraycopy(shape, 2, squeezed, 1, shape.length - 2);
            return all.reshape(squeezed);
        }
        return all;
    }

    /** The subgraph's output tensors, in order. */
    public static List<Tensor> outputs(SubGraph sg) {
        return Arrays.stream(sg.outputs()).mapToObj(sg::tensor).toList();
    }
}
