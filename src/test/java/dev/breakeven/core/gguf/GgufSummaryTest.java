package dev.breakeven.core.gguf;

import dev.breakeven.testing.GgufModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GgufSummaryTest {
    @TempDir
    Path dir;

    @Test
    void splitsTheWeightBytesByLayerEmbeddingAndOutput() throws IOException {
        Path file = GgufModelFactory.writeSparse(GgufModelFactory.llama2_7b(), GgmlType.Q2_K, dir.resolve("7b.gguf"));
        GgufSummary summary = GgufSummary.of(GgufReader.read(file), file);

        long embedding = 4096L * 32000 / 256 * 84;
        long layerQ2K = (4L * 4096 * 4096 + 3L * 4096 * 11008) / 256 * 84;
        long layerNorms = 2L * 4096 * 4;
        assertThat(summary.architecture()).isEqualTo("llama");
        assertThat(summary.name()).isEqualTo("Llama-2-7B (shape)");
        assertThat(summary.fileType()).contains("Q2_K");
        assertThat(summary.tokenEmbeddingBytes()).isEqualTo(embedding);
        assertThat(summary.outputBytes()).isEqualTo(embedding);
        assertThat(summary.tiedOutput()).isFalse();
        assertThat(summary.outputNormBytes()).isEqualTo(4096 * 4);
        assertThat(summary.layerBytes()).hasSize(32).containsOnly(layerQ2K + layerNorms);
        assertThat(summary.tensorBytes()).isEqualTo(2 * embedding + 32 * (layerQ2K + layerNorms) + 4096 * 4);
        assertThat(summary.bytesByType()).containsOnlyKeys(GgmlType.Q2_K, GgmlType.F32);
        assertThat(summary.dominantType()).contains(GgmlType.Q2_K);
        assertThat(summary.fileSize()).isEqualTo(Files.size(file));
        assertThat(summary.expertBytes()).isZero();
    }

    @Test
    void tiedOutputHasNoOutputBytesAndTheNameFallsBackToTheFile() throws IOException {
        Path file = dir.resolve("unnamed-model.gguf");
        new GgufWriter().putString("general.architecture", "qwen2").putUInt32("qwen2.block_count", 1)
                .putUInt32("qwen2.embedding_length", 32).putUInt32("qwen2.attention.head_count", 2)
                .putUInt32("general.file_type", 15 | 1024)
                .addSparseTensor("token_embd.weight", GgmlType.Q8_0, 32, 10)
                .addSparseTensor("blk.0.attn_q.weight", GgmlType.Q8_0, 32, 32)
                .write(file);
        GgufSummary summary = GgufSummary.of(GgufReader.read(file), file);
        assertThat(summary.name()).isEqualTo("unnamed-model");
        assertThat(summary.fileType()).contains("Q4_K_M"); // 1024 marks a guessed type
        assertThat(summary.tiedOutput()).isTrue();
        assertThat(summary.layerBytes()).containsExactly(32L * 34);
        assertThat(summary.tokenEmbeddingBytes()).isEqualTo(10L * 34);
    }
}
