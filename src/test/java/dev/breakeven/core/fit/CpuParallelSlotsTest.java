package dev.breakeven.core.fit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.calibration.CalibrationShape;
import dev.breakeven.core.calibration.Calibrator;
import dev.breakeven.core.calibration.DecodeEngine;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aggregate decode of N streams on the CPU against {@code llama-server -np N} measured on this project's 2-core
 * machine (src/test/resources/fit/llama-server-parallel-cpu.json): each set is replayed on the same sparse real-shape
 * file with the host its calibration run gives today's planner (the run's measured rates on the calibration shape),
 * and the planner's aggregate compared with llama.cpp's own decode timing. Set 1 is what {@code cpuBatchOverheadTokens} was fitted on; the others are held out.
 */
class CpuParallelSlotsTest {
    private static final long RAM = 24L << 30;

    @TempDir
    Path dir;

    private final FitPlanner planner = FitPlanner.standard();

    private record Row(int set, int slots, double measured, double planned, double measuredGrowth,
                       double plannedGrowth, boolean disturbed) {
    }

    /** What {@code breakeven calibrate} derives from the run's rates: the calibrator itself, fed the recorded rates. */
    private HostSpec calibrated(JsonNode run) throws IOException {
        DecodeEngine.Rates rates = new DecodeEngine.Rates(run.get("prefillTokPerSec").asDouble(),
                run.get("decodeTokPerSec").asDouble());
        DecodeEngine recorded = new DecodeEngine() {
            @Override
            public String name() {
                return "recorded llama-server run";
            }

            @Override
            public Rates run(Path gguf, int promptTokens, int genTokens, int threads) {
                return rates;
            }
        };
        try {
            // the sets were recorded with one calibration shape: the same run on that file alone
            Path shape = dir.resolve("calibration-0.5b.gguf");
            if (!java.nio.file.Files.exists(shape)) {
                CalibrationShape.HALF_B.writeSparse(shape);
            }
            return new Calibrator(recorded, planner, Clock.systemUTC())
                    .calibrate(shape, HardwareTarget.cpuOnly(new HostSpec(RAM, 40, 2)), 2, "this")
                    .calibratedTarget().host();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private List<Row> replay() throws IOException {
        JsonNode sets;
        try (InputStream in = getClass().getResourceAsStream("/fit/llama-server-parallel-cpu.json")) {
            sets = Json.mapper().readTree(in).get("sets");
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode set : sets) {
            String shape = set.get("shape").asText();
            GgmlType type = GgmlType.valueOf(set.get("type").asText());
            GgufModel model = GgufModel.read(ArchShapeFiles.write(ArchShapeFiles.named(shape), type,
                    dir.resolve(shape + "-" + type + ".gguf")));
            HostSpec host = calibrated(set.get("calibration"));
            PlanRequest base = PlanRequest.of(model.shape(), model.weights(), 512, HardwareTarget.cpuOnly(host))
                    .withEngine(ServingEngine.RUNTIME, FlashAttention.ON);
            double measuredOne = 0;
            double plannedOne = 0;
            for (JsonNode row : set.get("rows")) {
                int n = row.get("N").asInt();
                double measured = row.get("serverAggregate").asDouble();
                double planned = planner.parallel(base.withParallel(n)).aggregateDecodeTokPerSec();
                if (n == 1) {
                    measuredOne = measured;
                    plannedOne = planned;
                }
                rows.add(new Row(set.get("set").asInt(), n, measured, planned, measured / measuredOne,
                        planned / plannedOne, row.path("disturbed").asBoolean(false)));
                System.out.printf(Locale.ROOT, "set %d %-15s %-5s N=%d planned %6.1f measured %6.1f (%+.0f%%), growth "
                                + "%.2f vs %.2f%n", set.get("set").asInt(), shape, type, n, planned, measured,
                        100 * (planned / measured - 1), planned / plannedOne, measured / measuredOne);
            }
        }
        return rows;
    }

    /**
     * What the batch model decides is how much more the box serves with N users than with one; the single-stream
     * rate it starts from is the calibrated decode model's (tested on its own), so the growth is what is held here.
     * A row the recording marks disturbed (other work started on the machine) is printed, not held.
     */
    @Test
    void batchedCpuDecodeGrowsAsMeasured() throws IOException {
        List<Row> rows = replay();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(16);
        for (Row row : rows) {
            if (row.slots() > 1 && !row.disturbed()) {
                assertThat(row.plannedGrowth()).as("set %d N=%d growth over one stream", row.set(), row.slots())
                        .isBetween(row.measuredGrowth() * 0.65, row.measuredGrowth() * 1.35);
            }
        }
    }

    @Test
    void aCpuGainsLittleFromTwoStreamsAndKeepsGrowingSlowly() throws IOException {
        List<Row> rows = replay();
        for (Row row : rows) {
            if (row.slots() == 2) {
                assertThat(row.plannedGrowth()).as("set %d: two streams on two cores", row.set()).isLessThan(1.2);
            }
            if (row.slots() == 8) {
                assertThat(row.plannedGrowth()).as("set %d: eight streams", row.set()).isBetween(1.1, 3.0);
            }
        }
    }
}
