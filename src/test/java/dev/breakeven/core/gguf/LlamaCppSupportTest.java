package dev.breakeven.core.gguf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class LlamaCppSupportTest {

    @Test
    void knowsTheArchitecturesOfMarch2025() {
        assertThat(LlamaCppSupport.embeddedBuild()).isEqualTo("b4916");
        for (String arch : new String[] {"llama", "qwen2", "qwen2moe", "gemma2", "gemma3", "phi3", "starcoder2",
                "deepseek2", "command-r", "olmo2", "LLAMA"}) {
            assertThat(LlamaCppSupport.embeddedSupports(arch)).as(arch).isTrue();
            assertThat(LlamaCppSupport.unsupportedReason(arch)).isEmpty();
        }
        for (String arch : new String[] {"qwen3", "qwen3moe", "llama4", "gpt-oss", "gemma3n", "no-such-thing", ""}) {
            assertThat(LlamaCppSupport.embeddedSupports(arch)).as(arch).isFalse();
        }
        assertThat(LlamaCppSupport.embeddedSupports(null)).isFalse();
        assertThat(LlamaCppSupport.unsupportedReason("qwen3")).hasValueSatisfying(reason ->
                assertThat(reason).contains("'qwen3' was added to llama.cpp after build b4916").contains("llama-server"));
        assertThat(LlamaCppSupport.unsupportedReason("made-up")).hasValueSatisfying(reason ->
                assertThat(reason).contains("not known to llama.cpp build b4916"));
    }

    /**
     * The list must match the engine we ship: every name is in the native library's string table (names may end
     * a longer string, as the linker merges "bert" into "nomic-bert"), and no newer name is there as a string of its own.
     */
    @Test
    void matchesTheNativeLibraryInTheJar() throws IOException {
        String library;
        try (InputStream in = de.kherud.llama.LlamaModel.class.getResourceAsStream("/de/kherud/llama/Linux/x86_64/libjllama.so")) {
            assertThat(in).isNotNull();
            library = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        for (String arch : LlamaCppSupport.embeddedArchitectures()) {
            assertThat(library.indexOf(arch + "\0")).as(arch).isNotNegative();
        }
        for (String arch : LlamaCppSupport.laterArchitectures()) {
            assertThat(library.indexOf("\0" + arch + "\0")).as(arch).isNegative();
        }
    }

    @Test
    void listsDoNotOverlap() {
        assertThat(LlamaCppSupport.embeddedArchitectures()).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(LlamaCppSupport.laterArchitectures());
        assertThat(Arrays.asList("llama", "gemma3")).isSubsetOf(LlamaCppSupport.embeddedArchitectures());
    }
}
