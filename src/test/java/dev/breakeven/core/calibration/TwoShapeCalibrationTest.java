package dev.breakeven.core.calibration;

import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.hardware.MachineCalibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * A CPU calibration decodes two shapes of about the same depth and three times the bytes, and solves the RAM
 * bandwidth and this CPU's fixed time per layer from the two rates: a machine whose tokens carry 0.12 ms per layer
 * is then predicted right on a third, larger shape, where one shape's bandwidth alone would be off.
 */
class TwoShapeCalibrationTest {
    private static final long RAM = 24L << 30;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T20:00:00Z"), ZoneOffset.UTC);
    private static final HostSpec BEFORE = new HostSpec(RAM, 40, 2);
    /** The machine as it really is: 48 GB/s and 0.12 ms per layer. */
    private static final HostSpec TRUTH = new HostSpec(RAM, 48, 2, 1, 0.12e-3);

    @TempDir
    Path dir;

    private final FitPlanner planner = FitPlanner.standard();

    private double decode(GgufModel model, HostSpec host) {
        return planner.decodeTokPerSec(PlanRequest.of(model.shape(), model.weights(), 64,
                HardwareTarget.cpuOnly(host)), 0);
    }

    /** An engine that decodes every file at {@code rate}. */
    private static DecodeEngine engine(ToDoubleFunction<GgufModel> rate) {
        return new DecodeEngine() {
            @Override
            public String name() {
                return "machine of known figures";
            }

            @Override
            public Rates run(Path gguf, int promptTokens, int genTokens, int threads) {
                return new Rates(200.0, rate.applyAsDouble(GgufModel.read(gguf)));
            }
        };
    }

    @Test
    void twoShapesSolveBandwidthAndPerLayerTimeAndTheThirdShapeIsRight() throws Exception {
        Calibrator calibrator = new Calibrator(engine(m -> decode(m, TRUTH)), planner, CLOCK);
        Calibrator.CalibrationRun run = calibrator.calibrate(CalibrationShape.HALF_B, BEFORE, 2, "this");
        MachineCalibration c = run.calibration();

        assertThat(c.perLayerSeconds()).isCloseTo(0.12e-3, withPercentage(1));
        assertThat(c.effectiveBandwidthGBps()).isCloseTo(48, withPercentage(1));
        assertThat(c.shape()).contains("0.5B").contains("1.1B");

        GgufModel third = GgufModel.read(CalibrationShape.LLAMA32_3B.writeSparse(dir.resolve("3b.gguf")));
        double truth = decode(third, TRUTH);
        assertThat(calibrator.predict(third, run.calibratedTarget()).decodeTokPerSec())
                .isCloseTo(truth, withPercentage(1));

        // saved and read back as the app does, this machine's plan carries the per-layer time
        new dev.breakeven.core.hardware.MachineCalibrationStore(dir).save(c);
        MachineCalibration loaded = new dev.breakeven.core.hardware.MachineCalibrationStore(dir).load("this")
                .calibration().orElseThrow();
        assertThat(loaded.perLayerSeconds()).isEqualTo(c.perLayerSeconds());
        HardwareTarget thisMachine = CalibrationAcrossPlannersTest.thisMachineWith(loaded);
        assertThat(thisMachine.host().perLayerSeconds()).isEqualTo(c.perLayerSeconds());
        assertThat(calibrator.predict(third, thisMachine).decodeTokPerSec()).isCloseTo(truth, withPercentage(1));

        // one shape's bandwidth alone folds the per-layer time into it and misses the larger shape
        Path half = CalibrationShape.HALF_B.writeSparse(dir.resolve("half.gguf"));
        Calibrator.CalibrationRun one = calibrator.calibrate(half, HardwareTarget.cpuOnly(BEFORE), 2, "this");
        assertThat(one.calibration().perLayerSeconds()).isNull();
        double oneShape = calibrator.predict(third, one.calibratedTarget()).decodeTokPerSec();
        assertThat(Math.abs(oneShape / truth - 1)).isGreaterThan(0.05);
    }

    @Test
    void aPerLayerTimeThatWouldBeMostOfASmallTokenIsTakenForABusyMachine() throws Exception {
        // a machine of 1.5 ms per layer: 24 layers would be most of the 0.5B shape's token
        HostSpec busy = new HostSpec(RAM, 48, 2, 1, 1.5e-3);
        Calibrator calibrator = new Calibrator(engine(m -> decode(m, busy)), planner, CLOCK);
        MachineCalibration c = calibrator.calibrate(CalibrationShape.HALF_B, BEFORE, 2, "this").calibration();
        assertThat(c.perLayerSeconds()).isNull();
    }

    @Test
    void ratesNoBandwidthAndLayerTimeCanGiveFallBackToTheFirstShapeAlone() throws Exception {
        // the larger shape decoding as fast as the small one: no positive bandwidth and layer time give both
        GgufModel small = GgufModel.read(CalibrationShape.HALF_B.writeSparse(dir.resolve("small.gguf")));
        double rate = decode(small, TRUTH);
        Calibrator calibrator = new Calibrator(engine(m -> m.shape().embeddingLength() > 1000 ? 3 * rate : rate),
                planner, CLOCK);
        MachineCalibration c = calibrator.calibrate(CalibrationShape.HALF_B, BEFORE, 2, "this").calibration();

        assertThat(c.perLayerSeconds()).isNull();
        assertThat(calibrator.predict(small, HardwareTarget.cpuOnly(BEFORE.withBandwidth(c.effectiveBandwidthGBps())))
                .decodeTokPerSec()).isCloseTo(rate, withPercentage(1));
    }
}
