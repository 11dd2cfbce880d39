package dev.breakeven.core.gguf;

import dev.breakeven.core.models.ModelShape;
import dev.breakeven.testing.GgufModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GgufModelShapesTest {
    @TempDir
    Path dir;

    private GgufFile sparse(GgufModelFactory.Spec spec, GgmlType type) throws IOException {
        return GgufReader.read(GgufModelFactory.writeSparse(spec, type, dir.resolve(spec.architecture() + ".gguf")));
    }

    /** A header with the given metadata and a single small tensor. */
    private GgufFile header(String arch, Consumer<GgufWriter> metadata) throws IOException {
        GgufWriter writer = new GgufWriter().putString("general.architecture", arch)
                .putUInt32(arch + ".block_count", 26)
                .putUInt32(arch + ".embedding_length", 1152)
                .putUInt32(arch + ".attention.head_count", 4)
                .addSparseTensor("output_norm.weight", GgmlType.F32, 1152);
        metadata.accept(writer);
        Path file = dir.resolve(arch + "-header.gguf");
        writer.write(file);
        return GgufReader.read(file);
    }

    @Test
    void llama2SevenBillionMatchesItsPublishedFigures() throws IOException {
        ModelShape shape = GgufModelShapes.from(sparse(GgufModelFactory.llama2_7b(), GgmlType.Q4_K));
        assertThat(shape.architecture()).isEqualTo("llama");
        assertThat(shape.parameterCount()).isEqualTo(6_738_415_616L); // Llama-2-7b-hf: 6.74B
        assertThat(shape.activeParameterCount()).isEqualTo(shape.parameterCount());
        assertThat(shape.blockCount()).isEqualTo(32);
        assertThat(shape.embeddingLength()).isEqualTo(4096);
        assertThat(shape.feedForwardLength()).isEqualTo(11008);
        assertThat(shape.headCount()).isEqualTo(32);
        assertThat(shape.headCountKv()).isEqualTo(32);
        assertThat(shape.keyLength()).isEqualTo(128);
        assertThat(shape.valueLength()).isEqualTo(128);
        assertThat(shape.contextLength()).isEqualTo(4096);
        assertThat(shape.vocabSize()).isEqualTo(32000);
        assertThat(shape.isMixtureOfExperts()).isFalse();
        assertThat(shape.slidingWindow()).isZero();
    }

    @Test
    void llama3EightBillionHasGroupedQueryAttention() throws IOException {
        ModelShape shape = GgufModelShapes.from(sparse(GgufModelFactory.llama3_8b(), GgmlType.Q8_0));
        assertThat(shape.parameterCount()).isEqualTo(8_030_261_248L); // Meta-Llama-3-8B: 8.03B
        assertThat(shape.headCountKv()).isEqualTo(8);
        assertThat(shape.vocabSize()).isEqualTo(128256);
        assertThat(shape.kvElementsPerTokenPerLayer()).isEqualTo(8 * 256);
    }

    @Test
    void qwen25HalfBillionWithBiasesAndTiedOutput() throws IOException {
        ModelShape shape = GgufModelShapes.from(sparse(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0));
        assertThat(shape.parameterCount()).isEqualTo(494_032_768L); // Qwen2.5-0.5B: 0.49B
        assertThat(shape.headCount()).isEqualTo(14);
        assertThat(shape.headCountKv()).isEqualTo(2);
        assertThat(shape.keyLength()).isEqualTo(64);
        assertThat(shape.vocabSize()).isEqualTo(151936);
    }

    @Test
    void gemma2SlidesOnEveryOtherLayer() throws IOException {
        GgufFile gguf = header("gemma2", w -> w.putUInt32("gemma2.attention.sliding_window", 4096)
                .putUInt32("gemma2.attention.key_length", 256).putUInt32("gemma2.attention.value_length", 256)
                .putUInt32("gemma2.attention.head_count_kv", 1));
        ModelShape shape = GgufModelShapes.from(gguf);
        assertThat(shape.slidingWindow()).isEqualTo(4096);
        assertThat(shape.slidingWindowLayers()).isEqualTo(13);
        assertThat(shape.keyLength()).isEqualTo(256);
        assertThat(shape.headCountKv()).isEqualTo(1);
    }

    @Test
    void gemma3SlidesOnFiveOfSixLayers() throws IOException {
        ModelShape shape = GgufModelShapes.from(header("gemma3", w -> w.putUInt32("gemma3.attention.sliding_window", 512)));
        // layers 5, 11, 17 and 23 of 26 are global
        assertThat(shape.slidingWindowLayers()).isEqualTo(22);
        assertThat(shape.headCountKv()).isEqualTo(4); // absent: equal to head_count
        assertThat(shape.keyLength()).isEqualTo(1152 / 4);
    }

    @Test
    void slidingWindowPatternKeysWin() throws IOException {
        ModelShape period = GgufModelShapes.from(header("custom", w -> w.putUInt32("custom.attention.sliding_window", 128)
                .putUInt32("custom.attention.sliding_window_pattern", 4)));
        assertThat(period.slidingWindowLayers()).isEqualTo(20); // 26 layers, every 4th global: 3, 7, … 23 → 6 global

        List<GgufValue> flags = new java.util.ArrayList<>();
        for (int layer = 0; layer < 26; layer++) {
            flags.add(new GgufValue.Bool(layer < 10));
        }
        ModelShape perLayer = GgufModelShapes.from(header("custom", w -> w.putUInt32("custom.attention.sliding_window", 128)
                .put("custom.attention.sliding_window_pattern", GgufValue.Array.of(GgufValueType.BOOL, flags))));
        assertThat(perLayer.slidingWindowLayers()).isEqualTo(10);

        GgufModelShapes.Derivation unknown = GgufModelShapes.derive(header("custom",
                w -> w.putUInt32("custom.attention.sliding_window", 128)));
        assertThat(unknown.shape().slidingWindowLayers()).isEqualTo(26);
        assertThat(unknown.notes()).anyMatch(note -> note.contains("every layer"));
    }

    @Test
    void perLayerKvHeadsUseTheLargestAndSayWhy() throws IOException {
        int[] kvHeads = new int[26];
        java.util.Arrays.fill(kvHeads, 2);
        kvHeads[3] = 0;
        kvHeads[7] = 8;
        GgufModelShapes.Derivation derivation = GgufModelShapes.derive(header("custom",
                w -> w.putInts("custom.attention.head_count_kv", kvHeads)));
        assertThat(derivation.shape().headCountKv()).isEqualTo(8);
        assertThat(derivation.notes()).anyMatch(note -> note.contains("head_count_kv varies per layer (0 to 8)"));
    }

    @Test
    void mixtureOfExpertsCountsOnlyTheUsedExpertsAsActive() throws IOException {
        Path file = dir.resolve("moe.gguf");
        new GgufWriter().putString("general.architecture", "qwen2moe")
                .putUInt32("qwen2moe.block_count", 1).putUInt32("qwen2moe.embedding_length", 64)
                .putUInt32("qwen2moe.attention.head_count", 4).putUInt32("qwen2moe.expert_count", 8)
                .putUInt32("qwen2moe.expert_used_count", 2).putUInt32("qwen2moe.expert_feed_forward_length", 32)
                .putUInt32("qwen2moe.vocab_size", 100)
                .addSparseTensor("token_embd.weight", GgmlType.F16, 64, 100)
                .addSparseTensor("blk.0.attn_q.weight", GgmlType.F16, 64, 64)
                .addSparseTensor("blk.0.ffn_gate_inp.weight", GgmlType.F32, 64, 8)
                .addSparseTensor("blk.0.ffn_up_exps.weight", GgmlType.F16, 64, 32, 8)
                .addSparseTensor("blk.0.ffn_down_exps.weight", GgmlType.F16, 32, 64, 8)
                .addSparseTensor("blk.0.ffn_up_shexp.weight", GgmlType.F16, 64, 32)
                .write(file);
        ModelShape shape = GgufModelShapes.from(GgufReader.read(file));
        long dense = 6400 + 4096 + 512 + 2048;
        long experts = 2L * 64 * 32 * 8;
        assertThat(shape.parameterCount()).isEqualTo(dense + experts);
        assertThat(shape.activeParameterCount()).isEqualTo(dense + experts * 2 / 8);
        assertThat(shape.expertCount()).isEqualTo(8);
        assertThat(shape.expertUsedCount()).isEqualTo(2);
        assertThat(shape.expertFeedForwardLength()).isEqualTo(32);
        assertThat(shape.feedForwardLength()).isZero();
        assertThat(shape.vocabSize()).isEqualTo(100);
    }

    @Test
    void missingFiguresAreClearErrors() throws IOException {
        Path file = dir.resolve("bare.gguf");
        new GgufWriter().putString("general.architecture", "llama").putUInt32("llama.embedding_length", 64).write(file);
        GgufFile gguf = GgufReader.read(file);
        assertThatThrownBy(() -> GgufModelShapes.from(gguf)).isInstanceOf(GgufFormatException.class)
                .hasMessage("the header has no llama.block_count, so the model shape is unknown");

        Path noArch = dir.resolve("noarch.gguf");
        new GgufWriter().putUInt32("llama.block_count", 2).write(noArch);
        assertThatThrownBy(() -> GgufModelShapes.from(GgufReader.read(noArch))).hasMessageContaining("general.architecture");
    }
}
