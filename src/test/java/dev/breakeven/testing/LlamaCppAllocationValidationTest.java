package dev.breakeven.testing;

import dev.breakeven.core.runtime.LlamaCppAllocations;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.gguf.GgufTensorInfo;
import dev.breakeven.core.models.ModelShape;
import dev.breakeven.core.gguf.GgufModelShapes;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads sparse files with real architecture shapes through the embedded llama.cpp and checks what it allocates
 * against exact figures computed from the header: KV cache = 2 × layers × n_ctx × KV heads × head size × 2 bytes
 * (f16), weight buffers = the tensor bytes of the file. Five loads in all, each in a child JVM (a few seconds each).
 * Weights are Q2_K so the 7B and 8B files map 2–2.6 GB of holes, not 7–16 GB.
 */
@org.junit.jupiter.api.Tag("slow") // native llama.cpp loads: skip with -DexcludedGroups=slow
class LlamaCppAllocationValidationTest {
    private static final Offset<Long> LOG_ROUNDING = Offset.offset(LlamaCppAllocations.LOG_ROUNDING_BYTES);

    @TempDir
    Path dir;

    private static long f16KvCache(ModelShape shape, int context) {
        return (long) shape.blockCount() * context * shape.kvElementsPerTokenPerLayer() * 2;
    }

    /** Loads at each context, checks KV cache and weight buffers, and returns the measurements in context order. */
    private List<LlamaCppAllocations> checkKvAndWeights(GgufModelFactory.Spec spec, GgmlType type, int... contexts)
            throws IOException {
        Path file = GgufModelFactory.writeSparse(spec, type, dir.resolve(spec.architecture() + "-" + type + ".gguf"));
        GgufFile gguf = GgufReader.read(file);
        ModelShape shape = GgufModelShapes.from(gguf);
        assertThat(shape.parameterCount()).isEqualTo(spec.parameterCount());
        List<LlamaCppAllocations> results = new ArrayList<>();
        for (int context : contexts) {
            LlamaCppAllocations measured = LlamaCppAllocationProbe.measure(file, LlamaCppAllocationProbe.Settings.context(context));
            assertThat(measured.contextSize()).isEqualTo(context);
            assertThat(measured.kvCacheBytes()).isCloseTo(f16KvCache(shape, context), LOG_ROUNDING);
            assertThat(measured.kBytes()).isCloseTo(f16KvCache(shape, context) / 2, LOG_ROUNDING);
            assertThat(measured.modelBuffer("CPU_Mapped")).isPresent();
            assertThat(measured.modelBuffer("CPU_Mapped").getAsLong()).isCloseTo(gguf.tensorBytes(), LOG_ROUNDING);
            results.add(measured);
        }
        return results;
    }

    @Test
    void llama2SevenBillionAtTwoContexts() throws IOException {
        List<LlamaCppAllocations> measured = checkKvAndWeights(GgufModelFactory.llama2_7b(), GgmlType.Q2_K, 512, 2048);
        assertThat(measured.get(1).computeBytes()).isGreaterThan(measured.get(0).computeBytes());
    }

    @Test
    void llama3EightBillionWithGroupedQueryAttention() throws IOException {
        checkKvAndWeights(GgufModelFactory.llama3_8b(), GgmlType.Q2_K, 2048);
    }

    /**
     * Qwen2 (Q/K/V biases, tied output) in Q4_0, which the CPU backend repacks into a second buffer (named
     * CPU_AARCH64 in this build): every Q4_0 matrix, including the token embeddings that the tied output layer
     * multiplies with, while the mapped buffer still spans the whole file.
     */
    @Test
    void qwen2InQ4_0IsRepackedIntoASecondBuffer() throws IOException {
        List<LlamaCppAllocations> measured = checkKvAndWeights(GgufModelFactory.qwen25_05b(), GgmlType.Q4_0, 512, 2048);
        GgufFile gguf = GgufReader.read(dir.resolve("qwen2-Q4_0.gguf"));
        long q4Bytes = gguf.tensors().stream().filter(t -> t.type() == GgmlType.Q4_0)
                .mapToLong(GgufTensorInfo::byteSize).sum();
        for (LlamaCppAllocations allocations : measured) {
            assertThat(allocations.modelBuffer("CPU_AARCH64")).isPresent();
            assertThat(allocations.modelBuffer("CPU_AARCH64").getAsLong()).isCloseTo(q4Bytes, LOG_ROUNDING);
        }
    }
}
