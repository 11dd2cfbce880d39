package dev.breakeven.ui.fit;

import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;
import dev.breakeven.core.runtime.AllocationChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Fit page's "Check against llama.cpp" through its view model, with the shared llama-server on the tiny model. */
class LlamaCppCheckViewModelTest {
    @TempDir
    Path home;

    @Test
    void aCheckShowsEachTermPlannedAndReportedAndIsThereAgainForTheSameFileAndContext() throws Exception {
        try (EngineSupervisor supervisor = new EngineSupervisor(home.resolve("data/run"), home.resolve("data/logs"))) {
            LocalEngines engines = new LocalEngines(supervisor, LlamaServerLocator.at(SharedModels.llamaServer()));
            AllocationChecker checker = new AllocationChecker(engines, home.resolve("data"));
            // background and FX thread both the caller's: the check runs to its end inside check()
            LlamaCppCheckViewModel vm = new LlamaCppCheckViewModel(checker, Runnable::run, Runnable::run);
            vm.check(SharedModels.tinyLlama(), 1024);

            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.statusProperty().get()).contains("llama.cpp ran it with -np 1 -ngl 0 -fa on")
                    .contains("llamacpp-allocations.json");
            List<LlamaCppCheckViewModel.Row> rows = LlamaCppCheckViewModel.rows(vm.resultProperty().get());
            assertThat(rows).extracting(LlamaCppCheckViewModel.Row::term)
                    .containsExactly("weights", "KV cache", "compute buffer");
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.planned()).endsWith(" MiB");
                assertThat(r.reported()).endsWith(" MiB");
                assertThat(r.difference()).matches("[+-]\\d+\\.\\d\\d MiB \\([+-]\\d+\\.\\d %\\)");
            });
            assertThat(Files.readString(home.resolve("data/calibration/llamacpp-allocations.json")))
                    .contains("\"weights\"", "\"reportedBytes\"");

            LlamaCppCheckViewModel reopened = new LlamaCppCheckViewModel(checker, Runnable::run, Runnable::run);
            reopened.showKept(SharedModels.tinyLlama(), 1024);
            assertThat(reopened.resultProperty().get()).isEqualTo(vm.resultProperty().get());
            reopened.showKept(SharedModels.tinyLlama(), 2048);
            assertThat(reopened.resultProperty().get()).as("no check at that context").isNull();
        }
    }

    @Test
    void withoutARuntimeTheCheckSaysWhatToInstall() {
        try (EngineSupervisor supervisor = new EngineSupervisor(home.resolve("data/run"), home.resolve("data/logs"))) {
            LocalEngines engines = new LocalEngines(supervisor, java.util.Optional::empty);
            LlamaCppCheckViewModel vm = new LlamaCppCheckViewModel(new AllocationChecker(engines, home.resolve("data")),
                    Runnable::run, Runnable::run);
            vm.check(SharedModels.tinyLlama(), 1024);
            assertThat(vm.statusProperty().get()).startsWith("The check failed: No llama.cpp runtime")
                    .contains("Runtime page");
            assertThat(vm.resultProperty().get()).isNull();
        }
    }
}
