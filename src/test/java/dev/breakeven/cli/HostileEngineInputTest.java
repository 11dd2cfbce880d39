package dev.breakeven.cli;

import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.testing.GgufModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs that used to kill the process inside llama.cpp (a segfault on {@code --threads 100000}, an abort on
 * 2^31-1, exit 134 on a NaN norm epsilon) are refused by bench and chat before anything native loads.
 */
class HostileEngineInputTest {
    @TempDir
    Path home;

    @Test
    void absurdThreadCountsAreRefusedWithTheMachinesLimit() {
        int processors = Runtime.getRuntime().availableProcessors();
        for (String threads : new String[] {"100000", "2147483647"}) {
            CliRun bench = CliRun.run(home, "bench", "--gguf", SharedModels.tinyLlama().toString(),
                    "--threads", threads, "--json");
            assertThat(bench.code()).isEqualTo(2);
            assertThat(bench.err()).startsWith("error: --threads: ").contains("looks wrong; it must be at most "
                    + processors + " threads");
            assertThat(bench.out()).isEmpty();
        }
    }

    @Test
    void aGgufWithANanNormEpsilonIsRefusedByPreflight() throws Exception {
        Path hostile = GgufModelFactory.writeRandom(GgufModelFactory.tinyLlama(), GgmlType.F32,
                home.resolve("nan.gguf"), 1, w -> w.putFloat32("llama.attention.layer_norm_rms_epsilon", Float.NaN));
        CliRun chat = CliRun.run(home, "chat", "--gguf", hostile.toString(), "--prompt", "hi");
        assertThat(chat.code()).isNotZero();
        assertThat(chat.err()).startsWith("error: nan.gguf has values llama.cpp would abort on")
                .contains("layer_norm_rms_epsilon is NaN").doesNotContain("\tat ");
    }
}
