package dev.breakeven.testing;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads sparse files with real architecture shapes through the embedded llama.cpp and checks what it allocates
 * against exact figures computed from the header: KV cache = 2 × layers × n_ctx × KV heads × head size × 2 bytes
 * (f16), weight buffers = the tensor bytes of the file. Each shape loads at two context sizes (the second load
 * hits the page cache). Weights are Q2_K so the 7B and 8B files map 2–2.6 GB of holes, not 7–16 GB.
 */
class LlamaCppAllocationValidationTest {
    private static final Offset<Long> LOG_ROUNDING = Offset.offset(LlamaCppAllocations.LOG_ROUNDING_BYTES);

    @TempDir
    Path dir;

    private static long f16KvCache(ModelShape shape, int context) {
        return (long) shape.blockCount() * context * shape.kvElementsPerTokenPerLayer() * 2;
    }

    private void checkKvAndWeights(GgufModelFactory.Spec spec, GgmlType type) throws IOException {
        Path file = GgufModelFactory.writeSparse(spec, type, dir.resolve(spec.architecture() + "-" + type + ".gguf"));
        GgufFile gguf = GgufReader.read(file);
        ModelShape shape = GgufModelShapes.from(gguf);
        assertThat(shape.parameterCount()).isEqualTo(spec.parameterCount());

        LlamaCppAllocations small = LlamaCppAllocationProbe.measure(file, LlamaCppAllocationProbe.Settings.context(512));
        LlamaCppAllocations large = LlamaCppAllocationProbe.measure(file, LlamaCppAllocationProbe.Settings.context(2048));

        assertThat(small.contextSize()).isEqualTo(512);
        assertThat(large.contextSize()).isEqualTo(2048);
        assertThat(small.kvCacheBytes()).isCloseTo(f16KvCache(shape, 512), LOG_ROUNDING);
        assertThat(large.kvCacheBytes()).isCloseTo(f16KvCache(shape, 2048), LOG_ROUNDING);
        assertThat(large.kBytes()).isCloseTo(f16KvCache(shape, 2048) / 2, LOG_ROUNDING);
        assertThat(small.modelBuffer("CPU_Mapped")).isPresent();
        assertThat(small.modelBuffer("CPU_Mapped").getAsLong()).isCloseTo(gguf.tensorBytes(), LOG_ROUNDING);
        assertThat(large.computeBytes()).isGreaterThanOrEqualTo(small.computeBytes());
    }

    @Test
    void llama2SevenBillion() throws IOException {
        checkKvAndWeights(GgufModelFactory.llama2_7b(), GgmlType.Q2_K);
    }

    @Test
    void llama3EightBillionWithGroupedQueryAttention() throws IOException {
        checkKvAndWeights(GgufModelFactory.llama3_8b(), GgmlType.Q2_K);
    }

    @Test
    void qwen2WithQkvBiasAndTiedOutput() throws IOException {
        checkKvAndWeights(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0);
    }

    /**
     * Q4_0 weights are repacked for the CPU into a second buffer (named CPU_AARCH64 in this build): every Q4_0
     * matrix, including the token embeddings that the tied output layer multiplies with, while the mapped
     * buffer still spans the whole file.
     */
    @Test
    void q4_0IsRepackedIntoASecondBuffer() throws IOException {
        Path file = GgufModelFactory.writeSparse(GgufModelFactory.qwen25_05b(), GgmlType.Q4_0, dir.resolve("qwen-q4_0.gguf"));
        GgufFile gguf = GgufReader.read(file);
        long q4Bytes = gguf.tensors().stream().filter(t -> t.type() == GgmlType.Q4_0)
                .mapToLong(GgufTensorInfo::byteSize).sum();

        LlamaCppAllocations measured = LlamaCppAllocationProbe.measure(file, LlamaCppAllocationProbe.Settings.context(512));

        assertThat(measured.modelBuffer("CPU_AARCH64")).isPresent();
        assertThat(measured.modelBuffer("CPU_AARCH64").getAsLong()).isCloseTo(q4Bytes, LOG_ROUNDING);
        assertThat(measured.modelBuffer("CPU_Mapped").getAsLong()).isCloseTo(gguf.tensorBytes(), LOG_ROUNDING);
    }
}
