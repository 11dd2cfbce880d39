package dev.breakeven.core.hardware;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ThisMachineTest {
    private static final GpuReferences NO_CATALOG = GpuReferences.none();

    @TempDir
    Path settings;

    private ThisMachine machine(AtomicInteger detections) {
        BaseFindings base = new BaseFindings("Linux", new CpuInfo("cpu", 4, 8, List.of()),
                new MemoryInfo(16L << 30, 8L << 30, null, FigureSource.DETECTED), List.of(), List.of());
        return new ThisMachine(() -> new HardwareDetector(() -> {
            detections.incrementAndGet();
            return base;
        }, List.of(), NO_CATALOG), new OverridesStore(settings));
    }

    @Test
    void detectsOnceAppliesTheSavedCorrectionsAndTellsSubscribersOfEachChange() throws Exception {
        new OverridesStore(settings).save(HardwareOverrides.none().withMemoryBandwidth(50.0));
        AtomicInteger detections = new AtomicInteger();
        ThisMachine machine = machine(detections);
        List<HardwareProfile> told = new ArrayList<>();
        Runnable unsubscribe = machine.subscribe(told::add);
        assertThat(machine.known()).isEmpty();

        assertThat(machine.get().memory().bandwidthGBps()).isEqualTo(50.0);
        assertThat(machine.get().memory().bandwidthGBps()).isEqualTo(50.0);
        assertThat(detections).hasValue(1);
        assertThat(told).singleElement().satisfies(p -> assertThat(p.memory().bandwidthGBps()).isEqualTo(50.0));

        machine.useOverrides(machine.overrides().withMemoryBandwidth(70.0));
        machine.useOverrides(machine.overrides()); // the same corrections again: nothing to tell
        assertThat(told).hasSize(2).last().satisfies(p -> assertThat(p.memory().bandwidthGBps()).isEqualTo(70.0));
        assertThat(machine.known().orElseThrow().memory().bandwidthGBps()).isEqualTo(70.0);

        machine.detectAgain();
        assertThat(detections).hasValue(2);
        assertThat(told).hasSize(3);
        unsubscribe.run();
        machine.useOverrides(HardwareOverrides.none());
        assertThat(told).hasSize(3);
        assertThat(Files.readString(machine.store().file())).contains("50"); // saving is the Hardware page's job
    }
}
