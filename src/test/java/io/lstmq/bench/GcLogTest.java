package io.lstmq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {
    @TempDir
    Path tmp;

    @Test
    void thePeakIsTheLargestHeapAfterAPause() throws IOException {
        Path log = tmp.resolve("gc.log");
        Files.write(log, List.of(
                "[0.004s][info][gc] Using G1",
                "[0.910s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms",
                "[4.120s][info][gc] GC(7) Pause Young (Concurrent Start) (G1 Humongous Allocation) "
                        + "260M->244M(396M) 9ms",
                "[4.130s][info][gc] GC(8) Concurrent Mark Cycle",
                "[4.150s][info][gc] GC(8) Pause Remark 252M->251M(396M) 1.895ms",
                "[9.000s][info][gc] GC(9) Pause Young (Normal) (G1 Evacuation Pause) 380M->120M(396M) 3.1ms"));
        assertEquals(OptionalLong.of(251), GcLog.livePeakMb(log));
    }

    @Test
    void noPauseNoPeak() throws IOException {
        Path log = tmp.resolve("gc.log");
        Files.write(log, List.of("[0.004s][info][gc] Using G1"));
        assertEquals(OptionalLong.empty(), GcLog.livePeakMb(log));
    }

    @Test
    void theOptionIsTheOneJavaAccepts() {
        assertEquals("-Xlog:gc:file=" + tmp.resolve("x.log"), GcLog.option(tmp.resolve("x.log")));
    }
}
