package dev.breakeven.ui.fit;

import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.ui.common.TaskExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Fit page's state without the FX toolkit. */
class FitViewModelTest {
    private static final long GIB = 1L << 30;

    private static HardwareProfile machine(long ramGib) {
        return new HardwareProfile("Linux", new CpuInfo("Test CPU", 8, 16, List.of()),
                new MemoryInfo(ramGib * GIB, ramGib * GIB, 80.0, FigureSource.USER), List.of(), List.of());
    }

    @Test
    void aProfileAnswerOlderThanTheOneShownIsDropped() {
        List<Runnable> queued = new ArrayList<>();
        FitViewModel vm = new FitViewModel(TaskExecutor.on(queued::add, Runnable::run));
        vm.useProfile(machine(32)); // a slow first detection
        vm.useProfile(machine(64)); // a correction made meanwhile
        queued.get(1).run();
        queued.get(0).run();
        assertThat(vm.hardwareChoices().getFirst().target().host().ramBytes()).isEqualTo(64 * GIB);
        assertThat(vm.hardwareProperty().get()).isSameAs(vm.hardwareChoices().getFirst());
        // the plan for the shown profile is the one that lands
        queued.subList(0, 2).clear();
        queued.forEach(Runnable::run);
        assertThat(vm.matrixProperty().get().target().host().ramBytes()).isEqualTo(64 * GIB);
    }

    @Test
    void theSameProfileAgainPlansNothingNew() {
        FitViewModel vm = new FitViewModel(TaskExecutor.inline());
        vm.useProfile(machine(64));
        FitViewModel.Matrix first = vm.matrixProperty().get();
        assertThat(first).isNotNull();
        vm.useProfile(machine(64));
        assertThat(vm.matrixProperty().get()).isSameAs(first);
    }
}
