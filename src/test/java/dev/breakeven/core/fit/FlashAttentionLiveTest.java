package dev.breakeven.core.fit;

import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufModelShapes;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.models.ModelShape;
import dev.breakeven.core.runtime.LlamaCppAllocations;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * The recorded flash-attention figures, checked live once: the shared llama-server loads a sparse Qwen3-0.6B-shaped
 * file with {@code -fa on} and {@code -fa off} at 4096 tokens and its compute buffer must match the plan within 2 %.
 * Slow (two loads, 10–30 s each on a busy machine), hence the tag.
 */
@Tag("slow")
class FlashAttentionLiveTest {
    @TempDir
    Path dir;

    @Test
    void sharedLlamaServerAllocatesWhatThePlanSaysWithFlashAttentionOnAndOff() throws Exception {
        Path server = SharedModels.llamaServer();
        Path file = ArchShapeFiles.write(ArchShapeFiles.QWEN3_06B, GgmlType.Q8_0, dir.resolve("qwen3.gguf"));
        GgufFile gguf = GgufReader.read(file);
        ModelShape shape = GgufModelShapes.from(gguf);
        GgufModel model = new GgufModel("qwen3-0.6b", file, shape, GgufWeights.of(gguf, shape.blockCount(), "q"));
        HardwareTarget cpu = HardwareTarget.cpuOnly(new HostSpec(64L << 30, 40, 2));
        for (FlashAttention fa : List.of(FlashAttention.ON, FlashAttention.OFF)) {
            LlamaCppAllocations measured = load(server, file, 4096, fa);
            FitPlan plan = FitPlanner.standard().plan(PlanRequest.of(shape, model.weights(), 4096, cpu)
                    .withEngine(ServingEngine.RUNTIME, fa));
            assertThat((double) plan.memory().computeBytes()).as("compute, -fa " + fa.cliName())
                    .isCloseTo(measured.computeBytes(), withPercentage(2));
            assertThat(plan.memory().kvCacheBytes()).isEqualTo(measured.kvCacheBytes());
        }
    }

    private LlamaCppAllocations load(Path server, Path file, int ctx, FlashAttention fa) throws Exception {
        Path log = dir.resolve("server-" + fa.cliName() + ".log");
        Process process = new ProcessBuilder(server.toString(), "-m", file.toString(), "-c", Integer.toString(ctx),
                "-fa", fa.cliName(), "-np", "1", "-t", "2", "-nr", "--no-warmup", "-fit", "off", "-v",
                "--host", "127.0.0.1", "--port", "0").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (System.nanoTime() < deadline && process.isAlive()
                    && !Files.readString(log).contains("listening on")) {
                Thread.sleep(200);
            }
            String text = Files.readString(log);
            assertThat(text).as("llama-server log").contains("compute buffer size");
            return LlamaCppAllocations.parse(text);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
