package dev.breakeven.core.library;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelHeadersTest {
    private static final Path SHARED_TINY = dev.breakeven.core.chat.SharedModels.tinyLlama();

    @TempDir
    Path dir;

    private static LibraryModel entry(Path file, int shards) throws Exception {
        return LibraryModel.found(file, "m", ModelOrigin.PROJECT, null, Files.size(file), shards);
    }

    @Test
    void readsArchitectureQuantAndParametersOfTheSharedTinyLlama() throws Exception {
        LibraryModel described = ModelHeaders.describe(entry(SHARED_TINY, 1));

        assertThat(described.headerRead()).isTrue();
        assertThat(described.problem()).isNull();
        assertThat(described.architecture()).isEqualTo("llama");
        assertThat(described.quantization()).isNotBlank().isNotEqualTo("unknown");
        assertThat(described.parameterCount()).isPositive();
    }

    @Test
    void namesTheFileTypePresetAndSumsParametersAcrossShards() throws Exception {
        for (int shard = 1; shard <= 2; shard++) {
            new GgufWriter()
                    .putString("general.architecture", "qwen2")
                    .putUInt32("general.file_type", 15)
                    .addSparseTensor("blk." + (shard - 1) + ".attn_q.weight", GgmlType.Q4_K, 256, 64)
                    .write(dir.resolve("qwen-0000" + shard + "-of-00002.gguf"));
        }
        List<LibraryModel> found = ModelHeaders.scanAndDescribe(new ModelLibrary(new LibraryRoots(dir, null, List.of(), List.of(), List.of())));

        assertThat(found).hasSize(1);
        LibraryModel model = found.getFirst();
        assertThat(model.architecture()).isEqualTo("qwen2");
        assertThat(model.quantization()).isEqualTo("Q4_K_M");
        assertThat(model.parameterCount()).isEqualTo(2L * 256 * 64);
        assertThat(ModelHeaders.parameterLabel(model.parameterCount())).isEqualTo("33K");
    }

    @Test
    void withoutAFileTypeTheDominantTensorTypeIsShown() throws Exception {
        Path file = dir.resolve("mixed.gguf");
        new GgufWriter()
                .putString("general.architecture", "llama")
                .addSparseTensor("token_embd.weight", GgmlType.F16, 32, 32)
                .addSparseTensor("blk.0.ffn_up.weight", GgmlType.Q8_0, 256, 256)
                .write(file);

        assertThat(ModelHeaders.describe(entry(file, 1)).quantization()).isEqualTo("Q8_0");
    }

    @Test
    void aFileThatIsNotGgufGetsAProblemNotAnException() throws Exception {
        Path bogus = Files.writeString(dir.resolve("bogus.gguf"), "this is not a model");

        LibraryModel described = ModelHeaders.describe(entry(bogus, 1));

        assertThat(described.headerRead()).isFalse();
        assertThat(described.problem()).startsWith("not a readable GGUF file");
    }

    @Test
    void parameterLabelsReadLikeModelCards() {
        assertThat(ModelHeaders.parameterLabel(1_235_814_400L)).isEqualTo("1.2B");
        assertThat(ModelHeaders.parameterLabel(494_032_768L)).isEqualTo("494M");
        assertThat(ModelHeaders.parameterLabel(0)).isEmpty();
    }
}
