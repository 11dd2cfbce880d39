package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.io.Json;
import dev.breakeven.testing.GgufModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GgufCommandTest {
    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    @Test
    void describesAFileInJson() throws IOException {
        Path file = GgufModelFactory.writeSparse(GgufModelFactory.llama3_8b(), GgmlType.Q8_0, home.resolve("8b.gguf"));
        CliRun result = run("gguf", file.toString(), "--json");
        assertThat(result.code()).isZero();
        JsonNode json = Json.mapper().readTree(result.out());
        assertThat(json.get("architecture").asText()).isEqualTo("llama");
        assertThat(json.get("fileType").asText()).isEqualTo("Q8_0");
        assertThat(json.get("shape").get("parameterCount").asLong()).isEqualTo(8_030_261_248L);
        assertThat(json.get("shape").get("headCountKv").asInt()).isEqualTo(8);
        assertThat(json.get("layerBytes")).hasSize(32);
        assertThat(json.get("tensorBytes").asLong()).isEqualTo(json.get("bytesByType").get("Q8_0").asLong()
                + json.get("bytesByType").get("F32").asLong());
        assertThat(json.get("embeddedEngineSupported").asBoolean()).isTrue();
    }

    @Test
    void describesAFileInText() throws IOException {
        Path file = GgufModelFactory.writeSparse(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, home.resolve("q.gguf"));
        CliRun result = run("gguf", file.toString());
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Qwen2.5-0.5B (shape)").contains("qwen2").contains("494.0 M")
                .contains("14 heads, 2 KV heads").contains("tied to the embeddings").contains("can load it");
    }

    @Test
    void badFilesAreOneLineErrors() throws IOException {
        Path zip = home.resolve("model.gguf");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0});
        CliRun bad = run("gguf", zip.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err().lines()).hasSize(1);
        assertThat(bad.err()).startsWith("error: model.gguf: ").contains("not a GGUF file (starts with 'PK..'; a zip archive)").doesNotContain("Exception");

        CliRun missing = run("gguf", home.resolve("absent.gguf").toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).startsWith("error: no such file");
    }
}
