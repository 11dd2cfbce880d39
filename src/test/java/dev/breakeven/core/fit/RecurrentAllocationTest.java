package dev.breakeven.core.fit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufModelShapes;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.models.ModelShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

/**
 * A Mamba-2 hybrid (nemotron_h) against what current llama-server allocated for the same sparse file
 * (src/test/resources/fit/llama-server-recurrent.json): the attention layer's KV cache grows with context, the
 * recurrent state does not, and FFN-only layers hold neither.
 */
class RecurrentAllocationTest {
    private static final double MIB = 1024.0 * 1024.0;

    @TempDir
    Path dir;

    @Test
    void attentionKvAndRecurrentStateMatchLlamaServer() throws Exception {
        GgufFile gguf = GgufReader.read(ArchShapeFiles.writeNemotronH(dir.resolve("nemotron_h.gguf")));
        ModelShape shape = GgufModelShapes.from(gguf);
        assertThat(shape.recurrentLayers()).isEqualTo(5);
        // exact state: 3 mamba layers × ((4−1)·(2048 + 2·8·128) + 128·2048) f32
        long state = 3L * 4 * (3 * (2048 + 2 * 8 * 128) + 128 * 2048);
        assertThat(shape.recurrentStateElements() * 4).isEqualTo(state);
        MemoryModel memory = new MemoryModel(CalibrationData.load().constants());
        JsonNode runs;
        try (InputStream in = getClass().getResourceAsStream("/fit/llama-server-recurrent.json")) {
            runs = Json.mapper().readTree(in).get("runs");
        }
        assertThat(runs.size()).isEqualTo(2);
        for (JsonNode run : runs) {
            int ctx = run.get("ctx").asInt();
            double measured = (run.get("kvMiB").asDouble() + run.get("stateMiB").asDouble()) * MIB;
            long planned = memory.kvCacheBytes(shape, ctx, 512, KvCacheType.F16);
            // the log rounds to 0.01 MiB
            assertThat((double) planned).as("KV + state at ctx %d", ctx).isCloseTo(measured, withPercentage(0.2));
            // the state is spread evenly over the 5 layers without KV, which drops a few bytes of remainder
            assertThat(planned - state).isCloseTo(Math.round(run.get("kvMiB").asDouble() * MIB),
                    org.assertj.core.data.Offset.offset(4L * shape.recurrentLayers()));
        }
    }
}
