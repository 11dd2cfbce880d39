package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fit --export llama-server|vllm}: the serving command for the plan and what to run when one card is too small. */
class FitExportTest {
    @TempDir
    Path home;

    private JsonNode fit(String model, String ctx, String parallel, String export) throws Exception {
        CliRun r = CliRun.run(home, "fit", "--model", model, "--quant", "Q4_K_M", "--ctx", ctx, "--parallel", parallel,
                "--export", export, "--gpu", "GeForce RTX 4090", "--ram", "64", "--ram-bandwidth", "80",
                "--cpu-cores", "8", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out());
    }

    @Test
    void llamaServerCommandCarriesTheSlotsContextAndFlashAttention() throws Exception {
        JsonNode json = fit("qwen3-8b", "8192", "4", "llama-server");
        JsonNode export = json.get("export");
        assertThat(export.get("command").asText())
                .startsWith("llama-server -m qwen3-8b-Q4_K_M.gguf -c 32768 -np 4 -ngl 999 -fa on -t 8 --jinja");
        assertThat(export.get("gpus").asInt()).isEqualTo(1);
        assertThat(export.get("rigs").asInt()).isEqualTo(1);
        assertThat(export.get("aggregateDecodeTokPerSec").asDouble())
                .isEqualTo(json.get("parallel").get("aggregateDecodeTokPerSec").asDouble());
    }

    @Test
    void aModelTooBigForOneCardIsExportedAsTensorParallelWithThatBoxsThroughput() throws Exception {
        JsonNode json = fit("llama-3.3-70b", "16384", "4", "vllm");
        JsonNode export = json.get("export");
        assertThat(json.get("fit").asText()).isEqualTo("partial");
        assertThat(export.get("command").asText()).startsWith("vllm serve llama-3.3-70b --tensor-parallel-size 4 "
                + "--max-model-len 16384 --gpu-memory-utilization 0.90 --max-num-seqs 4");
        assertThat(export.get("gpus").asInt()).isEqualTo(4);
        // four cards' bandwidth, all layers on GPUs: far faster than the partial offload on one card
        assertThat(export.get("aggregateDecodeTokPerSec").asDouble())
                .isGreaterThan(20 * json.get("parallel").get("aggregateDecodeTokPerSec").asDouble());
        JsonNode llama = fit("llama-3.3-70b", "16384", "1", "llama-server").get("export");
        assertThat(llama.get("notes").toString()).contains("does not fit one GeForce RTX 4090")
                .contains("--tensor-parallel-size");
    }

    @Test
    void unknownExportAndCpuOnlyVllmAreExplained() {
        CliRun bad = CliRun.run(home, "fit", "--model", "qwen3-8b", "--quant", "Q4_K_M", "--ctx", "4096",
                "--export", "ollama", "--ram", "16", "--ram-bandwidth", "40", "--cpu-cores", "2");
        assertThat(bad.err()).contains("use llama-server or vllm");
        CliRun cpu = CliRun.run(home, "fit", "--model", "qwen3-8b", "--quant", "Q4_K_M", "--ctx", "4096",
                "--export", "vllm", "--ram", "16", "--ram-bandwidth", "40", "--cpu-cores", "2");
        assertThat(cpu.code()).as(cpu.err()).isZero();
        assertThat(cpu.out()).contains("vLLM serves from GPUs");
    }
}
