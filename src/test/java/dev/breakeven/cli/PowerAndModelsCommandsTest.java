package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.app.AppServices;
import dev.breakeven.core.library.FlakyFileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PowerAndModelsCommandsTest {
    private static final Path SHARED_TINY = dev.breakeven.core.chat.SharedModels.tinyLlama();

    @TempDir
    Path home;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return BreakevenCommand.run(AppServices.forTest(home), args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void powerSamplesTheBestSourceHereAndSaysWhichItIs() throws Exception {
        int code = run("power", "--seconds", "0.6", "--tdp", "65", "--device", "test CPU", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        // This machine has no GPU; RAPL is used only where /sys/class/powercap is readable.
        String label = json.get("label").asText();
        assertThat(label).satisfiesAnyOf(l -> assertThat(l).isEqualTo("estimated: test CPU TDP 65 W (user) × load"),
                l -> assertThat(l).isEqualTo("measured (RAPL)"));
        assertThat(json.get("samples").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(json.get("joules").asDouble()).isPositive();
        assertThat(json.get("reasons")).isNotEmpty();
        if (label.startsWith("estimated")) {
            assertThat(json.get("averageWatts").asDouble()).isBetween(6.5, 65.0);
            assertThat(json.get("reasons").get(json.get("reasons").size() - 1).asText()).contains("test CPU");
        }
    }

    @Test
    void powerWithoutATdpEstimatesFromTheCpuCatalog() throws Exception {
        int code = run("power", "--seconds", "0.5", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        if (!json.get("measured").asBoolean()) {
            // This machine's "AMD EPYC" is not in the catalog: a server-class figure, said so in the label.
            assertThat(json.get("label").asText()).startsWith("estimated: ").endsWith(" × load");
            assertThat(json.get("averageWatts").asDouble()).isPositive();
            assertThat(json.get("joules").asDouble()).isPositive();
        }
    }

    @Test
    void powerRefusesBadInputWithOneLine() {
        assertThat(run("power", "--seconds", "-1")).isNotZero();
        assertThat(err.toString()).contains("--seconds");
    }

    @Test
    void modelsListShowsHeaderFiguresAsJson() throws Exception {
        Path models = Files.createDirectories(home.resolve("models"));
        Files.copy(SHARED_TINY, models.resolve("tiny.gguf"));

        int code = run("models", "list", "--models-dir", models.toString(), "--only-folders", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode list = new ObjectMapper().readTree(out.toString());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("tiny");
        assertThat(list.get(0).get("architecture").asText()).isEqualTo("llama");
        assertThat(list.get(0).get("parameters").asLong()).isPositive();
        assertThat(list.get(0).get("sizeBytes").asLong()).isEqualTo(Files.size(SHARED_TINY));
    }

    @Test
    void modelsDownloadFetchesResumesAndReportsErrorsInOneLine() throws Exception {
        try (FlakyFileServer server = new FlakyFileServer(Files.readAllBytes(SHARED_TINY))) {
            server.dropFirstAnswer = true;
            Path target = home.resolve("downloads");

            int code = run("models", "download", "--repo", "ggml-org/tiny", "--file", "tiny.gguf",
                    "--to", target.toString(), "--base-url", server.baseUrl().toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString().strip()).isEqualTo(target.resolve("tiny.gguf").toString());
            assertThat(Files.mismatch(target.resolve("tiny.gguf"), SHARED_TINY)).isEqualTo(-1);
            assertThat(server.blobRangeHeaders).hasSize(2);

            int missing = run("models", "download", "--repo", "missing/repo", "--file", "x.gguf",
                    "--to", target.toString(), "--base-url", server.baseUrl().toString());
            assertThat(missing).isNotZero();
            assertThat(err.toString()).contains("error: not found: x.gguf in missing/repo");
        }
    }
}
