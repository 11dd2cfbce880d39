package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fit --engine / --flash-attn / --parallel}, run the way a user runs them. */
class FitServingOptionsTest {
    @TempDir
    Path home;

    private static final String[] CARD = {"--gpu", "GeForce RTX 4090", "--ram", "64", "--ram-bandwidth", "80",
            "--cpu-cores", "8", "--json"};

    private JsonNode fit(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("fit", "--model", "qwen3-8b", "--quant", "Q4_K_M"));
        all.addAll(List.of(args));
        all.addAll(List.of(CARD));
        CliRun r = CliRun.run(home, all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out());
    }

    @Test
    void flashAttentionOffGrowsTheComputeBufferWithContext() throws Exception {
        JsonNode on = fit("--ctx", "32768", "--flash-attn", "on");
        JsonNode off = fit("--ctx", "32768", "--flash-attn", "off");
        long onBytes = on.get("memory").get("computeBytes").asLong();
        long offBytes = off.get("memory").get("computeBytes").asLong();
        // 32 heads × 32768 cells × 512 tokens of f32 scores: about 2 GiB more without flash attention
        assertThat(offBytes - onBytes).isBetween((19L << 30) / 10, (21L << 30) / 10);
        assertThat(on.get("flashAttention").asBoolean()).isTrue();
        assertThat(off.get("flashAttention").asBoolean()).isFalse();
        assertThat(off.get("memory").get("kvCacheBytes").asLong()).isEqualTo(on.get("memory").get("kvCacheBytes").asLong());
    }

    @Test
    void enginesHaveTheirOwnDefaults() throws Exception {
        JsonNode runtime = fit("--ctx", "8192");
        JsonNode builtin = fit("--ctx", "8192", "--engine", "builtin");
        assertThat(runtime.get("engine").asText()).isEqualTo("runtime");
        assertThat(runtime.get("flashAttnSetting").asText()).isEqualTo("auto");
        assertThat(runtime.get("flashAttention").asBoolean()).as("auto is on with CUDA").isTrue();
        assertThat(builtin.get("flashAttnSetting").asText()).isEqualTo("off");
        assertThat(builtin.get("flashAttention").asBoolean()).isFalse();
        assertThat(builtin.get("memory").get("computeBytes").asLong())
                .isGreaterThan(runtime.get("memory").get("computeBytes").asLong());
        assertThat(fit("--ctx", "8192", "--engine", "builtin", "--flash-attn", "auto").get("flashAttention")
                .asBoolean()).as("b4916 has no auto").isFalse();
        assertThat(runtime.has("parallel")).as("parallel only when asked").isFalse();
    }

    @Test
    void quantizedKvWithoutFlashAttentionIsRefusedWithAHint() {
        CliRun r = CliRun.run(home, "fit", "--model", "qwen3-8b", "--quant", "Q4_K_M", "--ctx", "4096",
                "--kv-type", "q8_0", "--flash-attn", "off", "--ram", "16", "--ram-bandwidth", "40", "--cpu-cores", "2");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("flash attention").contains("--flash-attn on").doesNotContain("Exception");
        assertThat(CliRun.run(home, "fit", "--model", "qwen3-8b", "--quant", "Q4_K_M", "--ctx", "4096",
                "--flash-attn", "maybe").err()).contains("use on, off or auto");
        assertThat(CliRun.run(home, "fit", "--model", "qwen3-8b", "--quant", "Q4_K_M", "--ctx", "4096",
                "--engine", "vllm").err()).contains("builtin or runtime");
    }

    @Test
    void parallelSlotsMultiplyTheKvCacheAndRaiseAggregateDecode() throws Exception {
        JsonNode one = fit("--ctx", "8192", "--parallel", "1");
        JsonNode four = fit("--ctx", "8192", "--parallel", "4");
        JsonNode p1 = one.get("parallel");
        JsonNode p4 = four.get("parallel");
        assertThat(p4.get("slots").asInt()).isEqualTo(4);
        assertThat(p4.get("kvCacheBytes").asLong()).isEqualTo(4 * p1.get("kvCacheBytes").asLong());
        assertThat(four.get("memory").get("kvCacheBytes").asLong()).isEqualTo(p4.get("kvCacheBytes").asLong());
        assertThat(p1.get("aggregateDecodeTokPerSec").asDouble()).isEqualTo(one.get("decodeTokPerSec").asDouble());
        double agg4 = p4.get("aggregateDecodeTokPerSec").asDouble();
        assertThat(agg4).isGreaterThan(2 * p1.get("aggregateDecodeTokPerSec").asDouble());
        assertThat(p4.get("perUserDecodeTokPerSec").asDouble()).isLessThan(p1.get("perUserDecodeTokPerSec").asDouble())
                .isCloseTo(agg4 / 4, org.assertj.core.data.Offset.offset(0.2));
        // 24 GB card, ~5 GB of weights, 1.1 GiB of KV per 8k slot: more than 4 fit, far fewer than 256
        int max = p4.get("maxSlots").asInt();
        assertThat(max).isBetween(8, 30);
        JsonNode atMax = fit("--ctx", "8192", "--parallel", Integer.toString(max));
        JsonNode beyond = fit("--ctx", "8192", "--parallel", Integer.toString(max + 1));
        assertThat(atMax.get("fit").asText()).isEqualTo("full");
        assertThat(beyond.get("fit").asText()).isNotEqualTo("full");
        assertThat(CliRun.run(home, "fit", "--model", "qwen3-8b", "--quant", "Q4_K_M", "--ctx", "4096",
                "--parallel", "0").err()).contains("--parallel: 0 is too small; it must be at least 1 parallel slots");
    }

    @Test
    void textOutputNamesTheEngineAndTheSlots() {
        CliRun r = CliRun.run(home, "fit", "--model", "qwen3-8b", "--quant", "Q4_K_M", "--ctx", "8192",
                "--parallel", "4", "--engine", "builtin", "--ram", "32", "--ram-bandwidth", "50", "--cpu-cores", "8");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("engine   builtin, flash attention off (-fa off)").contains("parallel 4 slots");
    }
}
