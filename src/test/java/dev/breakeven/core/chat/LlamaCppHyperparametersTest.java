package dev.breakeven.core.chat;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufWriter;
import dev.breakeven.testing.GgufModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Preflight refuses the header values llama.cpp aborts on (the process dies with exit 134 and no message). */
class LlamaCppHyperparametersTest {
    @TempDir
    Path dir;

    private final ModelPreflight preflight = new ModelPreflight(0);

    private Path tiny(String name, Consumer<GgufWriter> tweak) throws IOException {
        return GgufModelFactory.writeRandom(GgufModelFactory.tinyLlama(), GgmlType.F32, dir.resolve(name), 1, tweak);
    }

    @Test
    void aSaneTinyModelPasses() throws IOException {
        Path ok = tiny("ok.gguf", w -> { });
        assertThatNoException().isThrownBy(() -> preflight.check(ok, 256));
    }

    @Test
    void refusesANanNegativeOrZeroRmsEpsilon() throws IOException {
        for (float eps : new float[] {Float.NaN, -1e-5f, 0f, Float.POSITIVE_INFINITY}) {
            Path file = tiny("eps.gguf", w -> w.putFloat32("llama.attention.layer_norm_rms_epsilon", eps));
            assertThatThrownBy(() -> preflight.check(file, 256)).as("eps " + eps)
                    .isInstanceOf(ChatEngineException.class)
                    .hasMessageContaining("values llama.cpp would abort on")
                    .hasMessageContaining("llama.attention.layer_norm_rms_epsilon is " + (double) eps);
        }
    }

    @Test
    void refusesExpertCountsLlamaCppAssertsOn() throws IOException {
        Path many = tiny("many.gguf", w -> w.putUInt32("llama.expert_count", 1000).putUInt32("llama.expert_used_count", 2));
        assertThatThrownBy(() -> preflight.check(many, 256)).hasMessageContaining("expert_count is 1000")
                .hasMessageContaining("at most 256");
        Path used = tiny("used.gguf", w -> w.putUInt32("llama.expert_count", 8).putUInt32("llama.expert_used_count", 9));
        assertThatThrownBy(() -> preflight.check(used, 256)).hasMessageContaining("expert_used_count is 9");
        Path none = tiny("none.gguf", w -> w.putUInt32("llama.expert_count", 8).putUInt32("llama.expert_used_count", 0));
        assertThatThrownBy(() -> preflight.check(none, 256)).hasMessageContaining("expert_used_count is 0");
    }

    @Test
    void refusesZeroHeadsAndAbsurdLayerCounts() throws IOException {
        Path heads = tiny("heads.gguf", w -> w.putUInt32("llama.attention.head_count", 0));
        assertThatThrownBy(() -> preflight.check(heads, 256)).hasMessageContaining("head_count is 0");
        Path layers = tiny("layers.gguf", w -> w.putUInt32("llama.block_count", 100_000));
        assertThatThrownBy(() -> preflight.check(layers, 256)).hasMessageContaining("block_count is 100000");
    }
}
