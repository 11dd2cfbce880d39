package dev.breakeven.core.chat;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class ModelPreflightTest {
    private static final long GIB = 1L << 30;
    @TempDir
    Path dir;

    private final ModelPreflight preflight = new ModelPreflight(16 * GIB);

    /** A header-complete model of the given architecture whose weights are a sparse hole of about {@code gib}. */
    public static Path model(Path dir, String arch, long gib) throws IOException {
        Path file = dir.resolve(arch + "-" + gib + "g.gguf");
        new GgufWriter().putString("general.architecture", arch).putString("general.name", arch + " test")
                .putUInt32(arch + ".block_count", 32).putUInt32(arch + ".embedding_length", 4096)
                .putUInt32(arch + ".attention.head_count", 32).putUInt32(arch + ".attention.head_count_kv", 8)
                .putUInt32(arch + ".context_length", 8192)
                .addSparseTensor("token_embd.weight", GgmlType.F16, 4096, gib * GIB / (4096 * 2))
                .write(file);
        return file;
    }

    @Test
    void acceptsTheSharedTinyLlama() throws ChatEngineException {
        ModelPreflight.Checked checked = preflight.check(SharedModels.tinyLlama(), 512);
        assertThat(checked.architecture()).isEqualTo("llama");
        assertThat(checked.fileBytes()).isPositive();
    }

    @Test
    void refusesANonGgufFileWithTheReadersReason() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.gguf"), "just some text, long enough to have a header");
        assertThatThrownBy(() -> preflight.check(text, 512)).isInstanceOf(ChatEngineException.class)
                .hasMessageStartingWith("notes.gguf is not a usable GGUF model:");
    }

    @Test
    void refusesATruncatedModel() throws IOException {
        byte[] whole = Files.readAllBytes(SharedModels.tinyLlama());
        Path cut = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> preflight.check(cut, 512)).isInstanceOf(ChatEngineException.class)
                .hasMessageContaining("cut.gguf is not a usable GGUF model").hasMessageContaining("end of the file");
    }

    @Test
    void refusesAnArchitectureTheEmbeddedBuildDoesNotKnowAndOffersTheExternalEngine() throws IOException {
        Path qwen3 = model(dir, "qwen3", 1);
        assertThatThrownBy(() -> preflight.check(qwen3, 512)).isInstanceOfSatisfying(ChatEngineException.class,
                e -> {
                    assertThat(e.getMessage()).contains("cannot run in the embedded engine", "'qwen3'", "External server");
                    assertThat(e.externalEngineMayWork()).isTrue();
                });
    }

    @Test
    void refusesAModelTooLargeForTheMemoryWithASuggestion() throws IOException {
        Path big = model(dir, "llama", 40);
        assertThatThrownBy(() -> preflight.check(big, 4096)).isInstanceOf(ChatEngineException.class)
                .hasMessageContaining("needs about 40.5 GiB").hasMessageContaining("only 16.0 GiB is free")
                .hasMessageContaining("smaller quantization");
    }

    @Test
    void thePlannersRefusalIsPassedOnWithItsSuggestion() {
        ModelPreflight planned = new ModelPreflight(0,
                (header, context) -> context > 1024
                        ? java.util.Optional.of("the KV cache for " + context + " tokens needs more RAM; try a smaller context")
                        : java.util.Optional.empty());
        assertThatThrownBy(() -> planned.check(SharedModels.tinyLlama(), 4096)).isInstanceOf(ChatEngineException.class)
                .hasMessage("llama-2-tiny-random.gguf will not fit this machine: the KV cache for 4096 tokens needs "
                        + "more RAM; try a smaller context");
        org.assertj.core.api.Assertions.assertThatCode(() -> planned.check(SharedModels.tinyLlama(), 512))
                .doesNotThrowAnyException();
    }

    @Test
    void theRealPlannerRefusesAModelLargerThanTheFreeRam() throws IOException {
        Path big = model(dir, "llama", 40);
        ModelPreflight planned = new ModelPreflight(0, PlannerFitGate.cpuOnly(16 * GIB));
        assertThatThrownBy(() -> planned.check(big, 4096)).isInstanceOf(ChatEngineException.class)
                .hasMessageContaining("will not fit this machine").hasMessageContaining("does not fit")
                .hasMessageContaining("smaller quantization");
        org.assertj.core.api.Assertions.assertThatCode(() -> planned.check(SharedModels.tinyLlama(), 512))
                .doesNotThrowAnyException();
    }
}
