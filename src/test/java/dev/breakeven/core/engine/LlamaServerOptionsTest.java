package dev.breakeven.core.engine;

import dev.breakeven.core.chat.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A plan's flags written the way one llama-server build takes them, from that build's own --help. */
class LlamaServerOptionsTest {
    /** Lines as llama-server printed them before -fa took a value and before --n-cpu-moe (mid 2025 builds). */
    private static final String OLDER_HELP = """
            -t,    --threads N                      number of threads to use during generation (default: -1)
            -c,    --ctx-size N                     size of the prompt context (default: 4096, 0 = loaded from model)
            -fa,   --flash-attn                     enable Flash Attention (default: disabled)
            -ctk,  --cache-type-k TYPE              KV cache data type for K
            -ctv,  --cache-type-v TYPE              KV cache data type for V
            --mlock                                 force system to keep model in RAM rather than swapping or compressing
            --no-mmap                               do not memory-map model (slower load but may reduce pageouts if not using mlock)
            -ngl,  --gpu-layers, --n-gpu-layers N   number of layers to store in VRAM
            -np,   --parallel N                     number of parallel sequences to decode (default: 1)
            --port PORT                             port to listen (default: 8080)
            """;

    @Test
    void theSharedBuildSpellsLoadingAsLoadModeAndTakesEveryOtherPlannedFlagAsItIs() {
        LlamaServerOptions options = LlamaServerOptions.of(SharedModels.llamaServer());
        assertThat(options.known()).isTrue();
        List<String> planned = List.of("-np", "1", "-ngl", "999", "--n-cpu-moe", "48", "-fa", "on", "-ctk", "q8_0",
                "-ctv", "q8_0", "--no-mmap", "--mlock");
        LlamaServerOptions.Fitted fitted = options.fit(planned);
        assertThat(fitted.args()).containsExactly("-np", "1", "-ngl", "999", "--n-cpu-moe", "48", "-fa", "on",
                "-ctk", "q8_0", "-ctv", "q8_0", "--load-mode", "mlock");
        assertThat(fitted.notes()).singleElement().asString().contains("--no-mmap --mlock as --load-mode mlock");
        assertThat(options.fit(List.of("--no-mmap")).args()).containsExactly("--load-mode", "none");
        assertThat(options.devices()).as("a CPU build lists no device").contains(List.of());
    }

    @Test
    void deviceListingsOfGpuBuildsAreRead() {
        assertThat(LlamaServerOptions.parseDevices("""
                ggml_cuda_init: found 1 CUDA devices:
                  Device 0: NVIDIA GeForce RTX 4090, compute capability 8.9, VMM: yes
                Available devices:
                  CUDA0: NVIDIA GeForce RTX 4090 (24080 MiB, 23158 MiB free)
                  Vulkan0: NVIDIA GeForce RTX 4090 (24564 MiB, 24564 MiB free)
                """)).containsExactly("CUDA0: NVIDIA GeForce RTX 4090 (24080 MiB, 23158 MiB free)",
                "Vulkan0: NVIDIA GeForce RTX 4090 (24564 MiB, 24564 MiB free)");
        assertThat(LlamaServerOptions.parseDevices("Available devices:\n  (none)\n")).isEmpty();
    }

    @Test
    void anOlderBuildGetsABareFlashAttentionSwitchAndLosesWhatItDoesNotKnowWithANote() {
        LlamaServerOptions options = LlamaServerOptions.parse(OLDER_HELP);
        LlamaServerOptions.Fitted on = options.fit(List.of("-np", "1", "-ngl", "20", "--n-cpu-moe", "48", "-fa", "on",
                "--no-mmap"));
        assertThat(on.args()).containsExactly("-np", "1", "-ngl", "20", "-fa", "--no-mmap");
        assertThat(on.notes()).singleElement().asString().contains("does not know --n-cpu-moe");
        assertThat(options.fit(List.of("-fa", "off", "-lv", "4")).args()).isEmpty();
    }

    @Test
    void aProgramWhoseHelpIsNotALlamaServersGetsTheFlagsUnchanged(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("llama-server");
        Files.writeString(fake, "#!/bin/sh\necho 'usage: something else'\n");
        fake.toFile().setExecutable(true);
        LlamaServerOptions options = LlamaServerOptions.of(fake);
        assertThat(options.known()).isFalse();
        assertThat(options.fit(List.of("--no-mmap", "-fa", "on")).args()).containsExactly("--no-mmap", "-fa", "on");
    }
}
