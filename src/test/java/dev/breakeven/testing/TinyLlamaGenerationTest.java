package dev.breakeven.testing;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import dev.breakeven.core.gguf.GgmlType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The tiny random llama loads in the embedded llama.cpp and generates, for each weight type the factory writes. */
class TinyLlamaGenerationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"F32", "F16", "Q8_0", "Q4_0"})
    void loadsAndGenerates(GgmlType type) throws IOException {
        Path file = GgufModelFactory.writeTinyLlama(dir.resolve("tiny-" + type + ".gguf"), type, 42);
        ModelParameters parameters = new ModelParameters().setModel(file.toString()).setCtxSize(256).setThreads(1)
                .setGpuLayers(0).skipWarmup();
        try (LlamaModel model = new LlamaModel(parameters)) {
            int[] tokens = model.encode("Hi!");
            // byte fallback: 'H' is byte 0x48, token 3 + 0x48
            assertThat(tokens).contains(3 + 'H', 3 + 'i', 3 + '!');

            InferenceParameters inference = new InferenceParameters("Hello").setNPredict(8).setIgnoreEos(true)
                    .setTemperature(0f).setSeed(1);
            int generated = 0;
            for (LlamaOutput ignored : model.generate(inference)) {
                generated++;
            }
            assertThat(generated).isBetween(1, 8);
        }
    }
}
