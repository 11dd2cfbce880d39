package dev.breakeven.core.fit;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufModelShapes;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.models.ModelShape;
import dev.breakeven.testing.GgufModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file without {@code output.weight} (Qwen2.5-0.5B shape, tied embeddings): its weights are downloaded and
 * counted once, and on a CPU the embedding serves both ends; with the output layer on the GPU llama.cpp duplicates
 * the embedding there (TENSOR_DUPLICATED) while the input lookup keeps the host copy, so the plan holds it twice.
 * The CPU side is checked against llama-server in LlamaCppAllocationValidationTest; the GPU duplicate is not checked
 * here (no GPU llama.cpp on this machine) and follows llama.cpp's loader.
 */
class TiedOutputPlacementTest {
    @TempDir
    Path dir;

    @Test
    void tiedEmbeddingsAreCountedOnceOnTheCpuAndTwiceWhenTheOutputIsOffloaded() throws Exception {
        Path path = GgufModelFactory.writeSparse(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, dir.resolve("q.gguf"));
        GgufFile gguf = GgufReader.read(path);
        ModelShape shape = GgufModelShapes.from(gguf);
        ModelWeights weights = GgufWeights.of(gguf, shape.blockCount(), "q8_0");
        assertThat(weights.outputSharesEmbedding()).isTrue();
        assertThat(weights.fileBytes()).isEqualTo(gguf.tensorBytes());

        HostSpec host = new HostSpec(32L << 30, 40, 4);
        FitPlan cpu = FitPlanner.standard().plan(PlanRequest.of(shape, weights, 4096, HardwareTarget.cpuOnly(host)));
        assertThat(cpu.memory().weightsBytes()).isEqualTo(weights.fileBytes());

        GpuSpec card = new GpuSpec("test card", 8L << 30, 500, 100, "cuda");
        FitPlan gpu = FitPlanner.standard().plan(PlanRequest.of(shape, weights, 4096,
                HardwareTarget.withGpu(card, host)));
        assertThat(gpu.gpuLayers()).isEqualTo(gpu.totalLayers());
        assertThat(gpu.host().weightsBytes()).isEqualTo(weights.tokenEmbeddingBytes());
        assertThat(gpu.memory().weightsBytes()).isEqualTo(weights.fileBytes() + weights.tokenEmbeddingBytes());

        // a card just too small for the full offload: the output layer (and so the duplicate) stays on the host
        long tooSmall = (8L << 30) - gpu.gpuFreeBytes() - 1;
        FitPlan partial = FitPlanner.standard().plan(PlanRequest.of(shape, weights, 4096,
                HardwareTarget.withGpu(new GpuSpec("small card", tooSmall, 500, 100, "cuda"), host)));
        assertThat(partial.gpuLayers()).isBetween(1, partial.totalLayers() - 1);
        assertThat(partial.memory().weightsBytes()).isEqualTo(weights.fileBytes());
    }
}
