package dev.breakeven.core.calibration;

import dev.breakeven.core.fit.BackendFactors;
import dev.breakeven.core.fit.CalibrationData;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.MemoryModel;
import dev.breakeven.core.fit.ThroughputModel;
import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.HardwareOverrides;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MachineCalibration;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.core.hardware.OverridesApplier;
import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.models.GpuCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * A calibration saved with one planner still gives the rates it measured after the planner's fitted shares change
 * (an update adds published rows): the run keeps the shares of its day and the corrections are rescaled by them.
 */
class CalibrationAcrossPlannersTest {
    private static final long RAM = 24L << 30;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T18:00:00Z"), ZoneOffset.UTC);
    private static final DecodeEngine.Rates MEASURED = new DecodeEngine.Rates(267.8, 110.6);

    @TempDir
    Path dir;

    /** The standard planner with other CPU shares: what an older release fitted. */
    private static FitPlanner olderPlanner() {
        FitPlanner now = FitPlanner.standard();
        Map<String, BackendFactors> factors = new HashMap<>(now.throughput().all());
        BackendFactors cpu = factors.get("cpu");
        factors.put("cpu", new BackendFactors("cpu", cpu.decodeEfficiency() * 1.09, cpu.perLayerSeconds(),
                cpu.prefillEfficiency() / 1.68, cpu.points()));
        return new FitPlanner(new MemoryModel(CalibrationData.load().constants()),
                now.throughput().withFactors(factors));
    }

    private static DecodeEngine engine() {
        return new DecodeEngine() {
            @Override
            public String name() {
                return "recorded";
            }

            @Override
            public Rates run(Path gguf, int promptTokens, int genTokens, int threads) {
                return MEASURED;
            }
        };
    }

    static HardwareTarget thisMachineWith(MachineCalibration run) {
        HardwareProfile detected = new HardwareProfile("Linux", new CpuInfo("Test CPU", 2, 2, List.of("avx2")),
                new MemoryInfo(RAM, RAM / 2, null, null), List.of(), List.of());
        HardwareProfile calibrated = new OverridesApplier(new CatalogGpuReferences(GpuCatalog.load()))
                .apply(detected, HardwareOverrides.none().withCalibration(run));
        return HardwareTargets.fromProfile(calibrated, GpuCatalog.load(), 40);
    }

    @Test
    void aRunSavedByAnOlderPlannerStillPredictsWhatItMeasured() throws Exception {
        MachineCalibration run = new Calibrator(engine(), olderPlanner(), CLOCK)
                .calibrate(CalibrationShape.HALF_B, new HostSpec(RAM, 40, 2), 2, "this").calibration();
        GgufModel shape = GgufModel.read(CalibrationShape.HALF_B.writeSparse(dir.resolve("shape.gguf")));

        Calibrator.Prediction today = new Calibrator(engine(), FitPlanner.standard(), CLOCK)
                .predict(shape, thisMachineWith(run));

        assertThat(today.decodeTokPerSec()).isCloseTo(MEASURED.decodeTokPerSec(), withPercentage(1));
        assertThat(today.prefillTokPerSec()).isCloseTo(MEASURED.prefillTokPerSec(), withPercentage(1));
    }

    @Test
    void withoutTheSharesOfItsDayTheSameRunWouldBeOff() throws Exception {
        MachineCalibration kept = new Calibrator(engine(), olderPlanner(), CLOCK)
                .calibrate(CalibrationShape.HALF_B, new HostSpec(RAM, 40, 2), 2, "this").calibration();
        MachineCalibration bare = new MachineCalibration(kept.machineId(), kept.calibratedAt(), kept.engine(),
                kept.shape(), kept.threads(), kept.measuredDecodeTokPerSec(), kept.measuredPrefillTokPerSec(),
                kept.predictedDecodeBefore(), kept.predictedPrefill(), kept.bandwidthBeforeGBps(),
                kept.effectiveBandwidthGBps(), kept.seconds(), kept.prefillScale(), kept.gpu());
        GgufModel shape = GgufModel.read(CalibrationShape.HALF_B.writeSparse(dir.resolve("shape.gguf")));

        Calibrator.Prediction today = new Calibrator(engine(), FitPlanner.standard(), CLOCK)
                .predict(shape, thisMachineWith(bare));

        assertThat(today.prefillTokPerSec() / MEASURED.prefillTokPerSec()).isGreaterThan(1.5);
    }
}
