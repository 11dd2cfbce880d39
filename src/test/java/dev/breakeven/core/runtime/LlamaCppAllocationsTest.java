package dev.breakeven.core.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LlamaCppAllocationsTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = LlamaCppAllocationsTest.class.getResourceAsStream("/llamacpp/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parsesARecordedLog() throws IOException {
        LlamaCppAllocations allocations = LlamaCppAllocations.parse(fixture("tiny-llama-q4_0-ctx256.log"));

        assertThat(allocations.modelBuffers()).containsOnlyKeys("CPU_AARCH64", "CPU_Mapped");
        assertThat(allocations.modelBuffer("CPU_AARCH64")).hasValue(Math.round(0.04 * 1024 * 1024));
        assertThat(allocations.modelBuffer("CPU_Mapped")).hasValue(Math.round(0.06 * 1024 * 1024));
        assertThat(allocations.modelBytes()).isEqualTo(Math.round(0.04 * 1024 * 1024) + Math.round(0.06 * 1024 * 1024));
        // 2 layers × 256 cells × 2 KV heads × 16 dims × (K + V) × 2 bytes = 65536 bytes, logged as 0.06 MiB
        assertThat(allocations.kvCacheBytes()).isCloseTo(65_536, org.assertj.core.data.Offset.offset(
                LlamaCppAllocations.LOG_ROUNDING_BYTES));
        assertThat(allocations.kBytes()).isEqualTo(allocations.vBytes()).isEqualTo(Math.round(0.03 * 1024 * 1024));
        assertThat(allocations.computeBytes()).isEqualTo(Math.round(1.50 * 1024 * 1024));
        assertThat(allocations.outputBytes()).isZero();
        assertThat(allocations.contextSize()).isEqualTo(256);
    }

    @Test
    void countsTheRecurrentStateOfSsmLayersWithTheKvCache() {
        // the shared llama-server (commit de3ff81) loading a sparse granitehybrid file: 1 attention + 3 Mamba-2 layers
        LlamaCppAllocations hybrid = LlamaCppAllocations.parse("""
                llama_kv_cache:        CPU KV buffer size =     2.00 MiB
                llama_kv_cache: size =    2.00 MiB (  4096 cells,   1 layers,  1/1 seqs), K (f16):    1.00 MiB, V (f16):    1.00 MiB
                llama_memory_recurrent:        CPU RS buffer size =     1.54 MiB
                llama_memory_recurrent: size =    1.54 MiB (     1 cells,   4 layers,  1 seqs  0 rs_seq), R (f32):    0.04 MiB, S (f32):    1.50 MiB, P (f32):    0.00 MiB
                sched_reserve:        CPU compute buffer size =    20.51 MiB
                """);
        assertThat(hybrid.kvCacheBytes()).isEqualTo(Math.round(2.00 * 1024 * 1024) + Math.round(1.54 * 1024 * 1024));
        assertThat(hybrid.byDevice().get("CPU").kvBytes()).isEqualTo(hybrid.kvCacheBytes());
        // a pure SSM has no KV cache at all, only the state
        LlamaCppAllocations mamba2 = LlamaCppAllocations.parse(
                "llama_memory_recurrent:        CPU RS buffer size =     2.06 MiB");
        assertThat(mamba2.kvCacheBytes()).isEqualTo(Math.round(2.06 * 1024 * 1024));
    }

    @Test
    void sumsBuffersOfSeveralBackendsAndIgnoresOtherLines() {
        String log = """
                load_tensors: offloading 32 repeating layers to GPU
                load_tensors:        CUDA0 model buffer size =  3577.56 MiB
                load_tensors:   CPU_Mapped model buffer size =   281.81 MiB
                llama_kv_cache_init:      CUDA0 KV buffer size =   960.00 MiB
                llama_kv_cache_init:        CPU KV buffer size =    64.00 MiB
                llama_new_context_with_model:      CUDA0 compute buffer size =   258.50 MiB
                llama_new_context_with_model:  CUDA_Host compute buffer size =    16.01 MiB
                something else = 12.00 MiB
                """;
        LlamaCppAllocations allocations = LlamaCppAllocations.parse(log);
        assertThat(allocations.modelBuffers()).containsOnlyKeys("CUDA0", "CPU_Mapped");
        assertThat(allocations.kvCacheBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(allocations.computeBytes()).isEqualTo(Math.round((258.50 + 16.01) * 1024 * 1024));
        assertThat(allocations.kBytes()).isEqualTo(-1);
        assertThat(allocations.contextSize()).isEqualTo(-1);
    }

    @Test
    void readsTheSharedLlamaServersOwnLogPerDevice() throws IOException {
        // llama-server 0.5.0 (../shared) started with -lv 4 on the tiny random llama, -c 256: what SmokeTest logs
        LlamaCppAllocations allocations = LlamaCppAllocations.parse(fixture("llama-server-tiny-random-ctx256.log"));
        assertThat(allocations.found()).isTrue();
        assertThat(allocations.modelBuffers()).containsOnlyKeys("CPU_Mapped");
        assertThat(allocations.modelBytes()).isEqualTo(Math.round(0.98 * 1024 * 1024));
        assertThat(allocations.kvBuffers()).containsOnlyKeys("CPU");
        assertThat(allocations.computeBuffers()).containsEntry("CPU", Math.round(0.50 * 1024 * 1024));
        assertThat(allocations.contextSize()).isEqualTo(256);
        assertThat(allocations.kBytes()).isZero(); // "K (f16): 0.00 MiB" in the new "llama_kv_cache: size" line
        assertThat(allocations.byDevice()).containsOnlyKeys("CPU");
        assertThat(allocations.byDevice().get("CPU").modelBytes()).isEqualTo(allocations.modelBytes());
    }

    @Test
    void groupsBuffersByDeviceWithHostBuffersOnTheCpu() {
        LlamaCppAllocations allocations = LlamaCppAllocations.parse("""
                load_tensors:        CUDA0 model buffer size =  3577.56 MiB
                load_tensors:   CPU_Mapped model buffer size =   281.81 MiB
                llama_kv_cache_init:      CUDA0 KV buffer size =   960.00 MiB
                llama_new_context_with_model:      CUDA0 compute buffer size =   258.50 MiB
                llama_new_context_with_model:  CUDA_Host compute buffer size =    16.01 MiB
                """);
        assertThat(allocations.byDevice()).containsOnlyKeys("CUDA0", "CPU");
        assertThat(allocations.byDevice().get("CUDA0").kvBytes()).isEqualTo(960L * 1024 * 1024);
        assertThat(allocations.byDevice().get("CPU").computeBytes()).isEqualTo(Math.round(16.01 * 1024 * 1024));
        assertThat(LlamaCppAllocations.parse("srv  llama_server: listening on http://127.0.0.1:1").found()).isFalse();
    }
}
