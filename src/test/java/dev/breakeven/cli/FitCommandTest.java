package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FitCommandTest {
    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    @Test
    void catalogModelOnACustomCardPrintsTheContractFields() throws Exception {
        CliRun r = run("fit", "--model", "llama-3.1-8b", "--quant", "Q4_K_M", "--ctx", "8192",
                "--vram", "24", "--bandwidth", "1008", "--tflops", "165", "--ram", "64", "--ram-bandwidth", "80",
                "--cpu-cores", "8", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("fit").asText()).isEqualTo("full");
        assertThat(json.get("gpuLayers").asInt()).isEqualTo(33);
        assertThat(json.get("totalLayers").asInt()).isEqualTo(33);
        JsonNode memory = json.get("memory");
        for (String field : new String[] {"weightsBytes", "kvCacheBytes", "computeBytes", "overheadBytes", "gpuBytes", "hostBytes"}) {
            assertThat(memory.get(field).asLong()).as(field).isPositive();
        }
        assertThat(memory.get("kvCacheBytes").asLong()).isEqualTo(1L << 30);
        assertThat(json.get("decodeTokPerSec").asDouble()).isGreaterThan(10);
        assertThat(json.get("prefillTokPerSec").asDouble()).isGreaterThan(json.get("decodeTokPerSec").asDouble());
        assertThat(json.get("notes").isArray()).isTrue();
    }

    /**
     * MoE prompt speed: at a 512-token micro-batch each of gpt-oss-20b's 32 experts sees 64 tokens, so its expert
     * GEMMs run well below the dense rate. Published for this card and model: ~8,000 tok/s at pp2048 (llama.cpp
     * discussion #15396, Aug 2025); the planner said ~24,800 before the expert term (issue 14).
     */
    @Test
    void moePromptSpeedCountsTheSmallExpertGemms() throws Exception {
        CliRun moe = run("fit", "--model", "gpt-oss-20b", "--quant", "MXFP4", "--ctx", "4096",
                "--gpu", "GeForce RTX 4090", "--ram", "64", "--ram-bandwidth", "80", "--cpu-cores", "8", "--json");
        CliRun dense = run("fit", "--model", "qwen3-8b", "--quant", "Q4_K_M", "--ctx", "4096",
                "--gpu", "GeForce RTX 4090", "--ram", "64", "--ram-bandwidth", "80", "--cpu-cores", "8", "--json");
        assertThat(moe.code()).as(moe.err()).isZero();
        double moePrefill = Json.mapper().readTree(moe.out()).get("prefillTokPerSec").asDouble();
        double densePrefill = Json.mapper().readTree(dense.out()).get("prefillTokPerSec").asDouble();
        System.out.printf("gpt-oss-20b MXFP4 on an RTX 4090: prefill %.0f tok/s (qwen3-8b: %.0f)%n", moePrefill,
                densePrefill);
        assertThat(moePrefill).isBetween(8000 * 0.7, 8000 * 1.4);
        // 3.6 B active against 8 B dense, yet no faster to prefill: the experts run as many small GEMMs
        assertThat(moePrefill).isLessThan(densePrefill * 1.5);
    }

    @Test
    void catalogGpuByNameAndKvTypeChangeThePlan() throws Exception {
        CliRun f16 = run("fit", "--model", "qwen2.5-32b", "--quant", "Q4_K_M", "--ctx", "32768",
                "--gpu", "GeForce RTX 4090", "--ram", "64", "--ram-bandwidth", "80", "--cpu-cores", "8", "--json");
        CliRun q4 = run("fit", "--model", "qwen2.5-32b", "--quant", "Q4_K_M", "--ctx", "32768", "--kv-type", "q4_0",
                "--gpu", "GeForce RTX 4090", "--ram", "64", "--ram-bandwidth", "80", "--cpu-cores", "8", "--json");
        assertThat(f16.code()).as(f16.err()).isZero();
        JsonNode a = Json.mapper().readTree(f16.out());
        JsonNode b = Json.mapper().readTree(q4.out());
        assertThat(b.get("memory").get("kvCacheBytes").asLong()).isLessThan(a.get("memory").get("kvCacheBytes").asLong());
        assertThat(b.get("gpuLayers").asInt()).isGreaterThanOrEqualTo(a.get("gpuLayers").asInt());
        assertThat(a.get("hardware").asText()).contains("4090");
    }

    @Test
    void cpuOnlyWhenOnlyHostFiguresAreGiven() throws Exception {
        CliRun r = run("fit", "--model", "llama-3.2-3b", "--quant", "Q8_0", "--ctx", "4096",
                "--ram", "16", "--ram-bandwidth", "40", "--cpu-cores", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("fit").asText()).isEqualTo("cpu");
        assertThat(json.get("memory").get("gpuBytes").asLong()).isZero();
    }

    @Test
    void textOutputSummarisesThePlan() {
        CliRun r = run("fit", "--model", "phi-4", "--quant", "Q4_K_M", "--ctx", "4096", "--vram", "8", "--bandwidth",
                "448", "--ram", "32", "--ram-bandwidth", "50", "--cpu-cores", "8");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fit      partial").contains("decode");
    }

    @Test
    void ggufFileIsPlannedFromItsHeader() throws Exception {
        Path file = dev.breakeven.testing.GgufModelFactory.writeSparse(dev.breakeven.testing.GgufModelFactory.llama3_8b(),
                dev.breakeven.core.gguf.GgmlType.Q4_K, home.resolve("llama3.gguf"));
        CliRun r = run("fit", "--gguf", file.toString(), "--ctx", "8192", "--kv-type", "q8_0", "--vram", "8",
                "--bandwidth", "448", "--ram", "32", "--ram-bandwidth", "50", "--cpu-cores", "8", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("weightsSource").asText()).isEqualTo("gguf");
        assertThat(json.get("totalLayers").asInt()).isEqualTo(33);
        assertThat(json.get("memory").get("kvCacheBytes").asLong()).isEqualTo(32L * 8192 * 8 * 256 * 34 / 32);
        long tensors = dev.breakeven.core.gguf.GgufReader.read(file).tensorBytes();
        long weights = json.get("memory").get("weightsBytes").asLong();
        assertThat(weights).isGreaterThanOrEqualTo(tensors - 64 * 1024);
        assertThat(List.of("full", "partial")).contains(json.get("fit").asText());
    }

    @Test
    void latentAttentionAndHybridFilesArePlannedWithTheirOwnCacheAndSaySo() throws Exception {
        Path deepseek = home.resolve("deepseek2.gguf");
        new dev.breakeven.core.gguf.GgufWriter().putString("general.architecture", "deepseek2")
                .putUInt32("deepseek2.block_count", 27).putUInt32("deepseek2.embedding_length", 2048)
                .putUInt32("deepseek2.attention.head_count", 16).putUInt32("deepseek2.attention.head_count_kv", 1)
                .putUInt32("deepseek2.attention.key_length", 576).putUInt32("deepseek2.attention.value_length", 512)
                .putUInt32("deepseek2.attention.key_length_mla", 192)
                .putUInt32("deepseek2.attention.value_length_mla", 128)
                .putUInt32("deepseek2.attention.kv_lora_rank", 512).putUInt32("deepseek2.rope.dimension_count", 64)
                .putUInt32("deepseek2.vocab_size", 102400)
                .addSparseTensor("token_embd.weight", dev.breakeven.core.gguf.GgmlType.Q8_0, 2048, 102400)
                .write(deepseek);
        CliRun r = run("fit", "--gguf", deepseek.toString(), "--ctx", "8192", "--ram", "32", "--ram-bandwidth", "50",
                "--cpu-cores", "8", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("memory").get("kvCacheBytes").asLong()).isEqualTo(27L * 8192 * 576 * 2);
        assertThat(json.get("notes").toString()).contains("multi-head latent attention");

        Path hybrid = home.resolve("hybrid.gguf");
        new dev.breakeven.core.gguf.GgufWriter().putString("general.architecture", "granitehybrid")
                .putUInt32("granitehybrid.block_count", 4).putUInt32("granitehybrid.embedding_length", 2048)
                .putUInt32("granitehybrid.attention.head_count", 16)
                .putInts("granitehybrid.attention.head_count_kv", new int[] {0, 0, 0, 4})
                .putUInt32("granitehybrid.ssm.conv_kernel", 4).putUInt32("granitehybrid.ssm.inner_size", 4096)
                .putUInt32("granitehybrid.ssm.state_size", 128).putUInt32("granitehybrid.ssm.group_count", 1)
                .putUInt32("granitehybrid.vocab_size", 1000)
                .addSparseTensor("token_embd.weight", dev.breakeven.core.gguf.GgmlType.Q8_0, 2048, 1000)
                .write(hybrid);
        CliRun h = run("fit", "--gguf", hybrid.toString(), "--ctx", "8192", "--ram", "32", "--ram-bandwidth", "50",
                "--cpu-cores", "8", "--json");
        assertThat(h.code()).as(h.err()).isZero();
        JsonNode plan = Json.mapper().readTree(h.out());
        long state = 4L * (3 * (4096 + 2 * 128) + 128 * 4096);
        // one attention layer: 8192 cells × 4 heads × (128 + 128) × 2 bytes, plus three fixed states
        assertThat(plan.get("memory").get("kvCacheBytes").asLong()).isEqualTo(8192L * 4 * 256 * 2 + 3 * state);
        assertThat(plan.get("notes").toString()).contains("matched llama.cpp's allocation");
    }

    /** A pure Mamba-2 file (no attention heads) is planned from its state; llama4's chunk caps its KV at 32k. */
    @Test
    void pureSsmAndChunkedAttentionFilesArePlanned() throws Exception {
        Path mamba = home.resolve("mamba2.gguf");
        new dev.breakeven.core.gguf.GgufWriter().putString("general.architecture", "mamba2")
                .putUInt32("mamba2.block_count", 64).putUInt32("mamba2.embedding_length", 2560)
                .putUInt32("mamba2.attention.head_count", 0)
                .putUInt32("mamba2.ssm.conv_kernel", 4).putUInt32("mamba2.ssm.inner_size", 5120)
                .putUInt32("mamba2.ssm.state_size", 128).putUInt32("mamba2.ssm.group_count", 1)
                .putUInt32("mamba2.ssm.time_step_rank", 80).putUInt32("mamba2.vocab_size", 50288)
                .addSparseTensor("token_embd.weight", dev.breakeven.core.gguf.GgmlType.F16, 2560, 50288)
                .write(mamba);
        CliRun m = run("fit", "--gguf", mamba.toString(), "--ctx", "65536", "--ram", "32", "--ram-bandwidth", "50",
                "--cpu-cores", "8", "--json");
        assertThat(m.code()).as(m.err()).isZero();
        JsonNode plan = Json.mapper().readTree(m.out());
        long perLayer = 4L * (3 * (5120 + 2 * 128) + 128 * 5120);
        assertThat(plan.get("memory").get("kvCacheBytes").asLong()).isEqualTo(64 * perLayer);
        assertThat(plan.get("notes").toString()).contains("pure SSM").contains("Mamba-2 mixer's peak");
        // the mixer's peak per 512-token micro-batch: 3 hidden rows, in-projection (2·5120 + 2·128 + 80), conv output
        // (5120 + 256) and z (5120) per token, the conv window (515 × 5376) and, as the scan (512 × 5120 + 128 × 5120)
        // does not fit the window's slot, the final state (llama-server reserved 69.28 MiB for this shape)
        long mixer = 4L * (512L * (3 * 2560 + 10576 + 5376 + 5120) + 515L * 5376 + 128 * 5120);
        assertThat(plan.get("memory").get("computeBytes").asLong()).isEqualTo(mixer);

        Path llama4 = home.resolve("llama4.gguf");
        new dev.breakeven.core.gguf.GgufWriter().putString("general.architecture", "llama4")
                .putUInt32("llama4.block_count", 48).putUInt32("llama4.embedding_length", 5120)
                .putUInt32("llama4.attention.head_count", 40).putUInt32("llama4.attention.head_count_kv", 8)
                .putUInt32("llama4.attention.key_length", 128).putUInt32("llama4.attention.value_length", 128)
                .putUInt32("llama4.vocab_size", 202048)
                .addSparseTensor("token_embd.weight", dev.breakeven.core.gguf.GgmlType.Q8_0, 5120, 202048)
                .write(llama4);
        CliRun l = run("fit", "--gguf", llama4.toString(), "--ctx", "32768", "--ram", "64", "--ram-bandwidth", "50",
                "--cpu-cores", "8", "--json");
        assertThat(l.code()).as(l.err()).isZero();
        JsonNode chunked = Json.mapper().readTree(l.out());
        long cell = 8L * (128 + 128) * 2;
        // 12 full layers hold 32768 cells, 36 chunked ones the chunk plus a micro-batch (8192 + 512)
        assertThat(chunked.get("memory").get("kvCacheBytes").asLong()).isEqualTo(12 * 32768 * cell + 36 * 8704 * cell);
        assertThat(chunked.get("notes").toString()).contains("chunks of 8192");
    }

    @Test
    void brokenGgufIsAClearError() throws Exception {
        Path junk = home.resolve("junk.gguf");
        java.nio.file.Files.write(junk, new byte[] {'G', 'G', 'U', 'F', 3, 0});
        CliRun r = run("fit", "--gguf", junk.toString(), "--ctx", "4096", "--ram", "8", "--ram-bandwidth", "40",
                "--cpu-cores", "2");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).startsWith("error: junk.gguf: ").doesNotContain("Exception").doesNotContain("Usage:");
        CliRun missing = run("fit", "--gguf", home.resolve("nope.gguf").toString(), "--ctx", "4096", "--ram", "8",
                "--ram-bandwidth", "40", "--cpu-cores", "2");
        assertThat(missing.err()).contains("no GGUF file at");
    }

    @Test
    void badInputGivesOneLineErrors() {
        assertThat(run("fit", "--model", "nope", "--quant", "Q4_K_M", "--ctx", "4096", "--ram", "8",
                "--ram-bandwidth", "40", "--cpu-cores", "2").err()).contains("no model 'nope'");
        assertThat(run("fit", "--model", "phi-4", "--quant", "Q9", "--ctx", "4096", "--ram", "8",
                "--ram-bandwidth", "40", "--cpu-cores", "2").err()).contains("unknown quant");
        assertThat(run("fit", "--model", "phi-4", "--quant", "Q4_K_M", "--ctx", "0").code()).isNotZero();
        assertThat(run("fit", "--model", "phi-4", "--quant", "Q4_K_M", "--ctx", "4096", "--kv-type", "q5").err())
                .contains("q8_0");
        assertThat(run("fit", "--model", "phi-4", "--quant", "Q4_K_M", "--ctx", "4096", "--vram", "8").err())
                .contains("--vram and --bandwidth go together");
        assertThat(run("fit", "--ctx", "4096").err()).contains("--gguf PATH or --model");
        CliRun gpu = run("fit", "--model", "phi-4", "--quant", "Q4_K_M", "--ctx", "4096", "--gpu", "Voodoo 2",
                "--ram", "8", "--ram-bandwidth", "40", "--cpu-cores", "2");
        assertThat(gpu.code()).isNotZero();
        assertThat(gpu.err()).contains("no GPU named 'Voodoo 2'").doesNotContain("Exception");
    }
}
