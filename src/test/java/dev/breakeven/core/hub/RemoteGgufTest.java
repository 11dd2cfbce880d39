package dev.breakeven.core.hub;

import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.library.HubEndpoint;
import dev.breakeven.testing.GgufModelFactory;
import dev.breakeven.testing.HubEmulator;
import dev.breakeven.testing.ShardedModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteGgufTest {
    @TempDir
    Path dir;

    private HubEmulator hub;
    private RemoteGguf remote;

    @BeforeEach
    void start() throws IOException {
        hub = new HubEmulator();
        remote = new RemoteGguf(HubHttp.client(), HubEndpoint.anonymous(hub.baseUrl()), RemoteGguf.DEFAULT_MAX_HEADER_BYTES,
                Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private URI resolve(String repo, String file) {
        return HubEndpoint.anonymous(hub.baseUrl()).resolveUrl(repo, "main", file);
    }

    @Test
    void aSevenBillionShapeIsPlannedFromAFewMegabytesOfItsHeader() throws IOException {
        Path file = GgufModelFactory.writeSparse(GgufModelFactory.llama2_7b(), GgmlType.Q4_K, dir.resolve("llama-7b.gguf"));
        hub.add("test/Llama-2-7B-GGUF", "llama-7b-Q4_K_S.gguf", file, "a".repeat(64));

        RemoteGguf.Result result = remote.read(resolve("test/Llama-2-7B-GGUF", "llama-7b-Q4_K_S.gguf"));

        GgufModel local = GgufModel.read(file);
        assertThat(result.fileBytes()).isEqualTo(Files.size(file)).isGreaterThan(3_000_000_000L);
        assertThat(result.model().shape()).isEqualTo(local.shape());
        assertThat(result.model().weights().fileBytes()).isEqualTo(local.weights().fileBytes());
        // what the client counted and what the server actually sent: the header, not the weights
        assertThat(result.bytesRead()).isLessThan(4_000_000L);
        assertThat(hub.bytesSent()).isLessThan(4_000_000L);
        // resolved on the Hub, then read from the CDN host it redirected to
        assertThat(hub.log()).anyMatch(r -> r.server().equals("hub") && r.path().contains("/resolve/main/"));
        assertThat(hub.log()).anyMatch(r -> r.server().equals("cdn") && r.range() != null);
        assertThat(result.notes()).isEmpty();
    }

    @Test
    void aSplitModelReadsEveryShardsHeaderAndPlansTheirTensorsTogether() throws IOException {
        List<Path> shards = ShardedModels.writeSplit(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, dir, "qwen-0.5b-Q8_0", 3);
        for (Path shard : shards) {
            hub.add("test/Qwen-GGUF", shard.getFileName().toString(), shard);
        }
        Path whole = GgufModelFactory.writeSparse(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, dir.resolve("whole.gguf"));

        RemoteGguf.Result result = remote.read(resolve("test/Qwen-GGUF", "qwen-0.5b-Q8_0-00002-of-00003.gguf"));

        assertThat(result.shards()).hasSize(3);
        assertThat(result.shards()).extracting(s -> RemoteGguf.fileName(s.url()))
                .containsExactly("qwen-0.5b-Q8_0-00001-of-00003.gguf", "qwen-0.5b-Q8_0-00002-of-00003.gguf",
                        "qwen-0.5b-Q8_0-00003-of-00003.gguf");
        GgufModel local = GgufModel.read(whole);
        assertThat(result.model().shape()).isEqualTo(local.shape());
        assertThat(result.model().weights().fileBytes()).isEqualTo(local.weights().fileBytes());
        assertThat(result.fileBytes()).isEqualTo(shards.stream().mapToLong(p -> p.toFile().length()).sum());
    }

    @Test
    void aLocalSplitModelIsPlannedWholeAndAMissingShardIsNamed() throws IOException {
        List<Path> shards = ShardedModels.writeSplit(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, dir, "local-Q8_0", 2);
        Path whole = GgufModelFactory.writeSparse(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, dir.resolve("whole.gguf"));

        GgufModel split = RemoteGguf.readLocal(shards.getFirst());
        assertThat(split.shape()).isEqualTo(GgufModel.read(whole).shape());
        assertThat(split.weights().fileBytes()).isEqualTo(GgufModel.read(whole).weights().fileBytes());

        Files.delete(shards.get(1));
        assertThatThrownBy(() -> RemoteGguf.readLocal(shards.getFirst())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shard 2 of 2 is missing");
    }

    @Test
    void aServerWithoutRangeIsReadAsACappedStreamAndSaysSo() throws IOException {
        Path file = GgufModelFactory.writeSparse(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, dir.resolve("q.gguf"));
        hub.add("test/NoRange", "q-Q8_0.gguf", file);
        hub.rangeSupported = false;

        RemoteGguf.Result result = remote.read(resolve("test/NoRange", "q-Q8_0.gguf"));

        assertThat(result.model().shape()).isEqualTo(GgufModel.read(file).shape());
        assertThat(result.notes()).singleElement().asString().contains("ignores Range requests");
        assertThat(result.bytesRead()).isLessThan(Files.size(file));
    }

    @Test
    void aHeaderLargerThanTheReadLimitStopsWithAClearMessage() throws IOException {
        Path file = GgufModelFactory.writeSparse(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, dir.resolve("q.gguf"));
        hub.add("test/Big", "q.gguf", file);
        RemoteGguf small = new RemoteGguf(HubHttp.client(), HubEndpoint.anonymous(hub.baseUrl()), 300_000,
                Duration.ofSeconds(10));

        assertThatThrownBy(() -> small.read(resolve("test/Big", "q.gguf")))
                .isInstanceOf(RemoteReadException.class).hasMessageContaining("read limit");
        assertThat(hub.bytesSent()).isLessThanOrEqualTo(300_000 + 1000);
    }

    @Test
    void notAGgufFileIsNamed() throws IOException {
        Path page = Files.writeString(dir.resolve("index.gguf"), "<!DOCTYPE html><html>Sign in</html>", StandardCharsets.UTF_8);
        hub.add("test/Html", "index.gguf", page);

        assertThatThrownBy(() -> remote.read(resolve("test/Html", "index.gguf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a GGUF file");
    }

    @Test
    void aMissingFileIsA404WithTheAddress() {
        assertThatThrownBy(() -> remote.read(resolve("test/Nothing", "none.gguf")))
                .isInstanceOf(RemoteReadException.class).hasMessageContaining("not found (HTTP 404)")
                .hasMessageContaining("none.gguf");
    }

    @Test
    void aConnectionCutMidHeaderSaysSo() throws IOException {
        Path file = GgufModelFactory.writeSparse(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, dir.resolve("q.gguf"));
        hub.add("test/Cut", "q.gguf", file);
        hub.cutAfterBytes = 5000;

        assertThatThrownBy(() -> remote.read(resolve("test/Cut", "q.gguf")))
                .isInstanceOf(RemoteReadException.class).hasMessageContaining("cut");
    }

    @Test
    void aTruncatedFileIsAnIncompleteDownloadNotACrash() throws IOException {
        Path file = GgufModelFactory.writeSparse(GgufModelFactory.tinyLlama(), GgmlType.F16, dir.resolve("t.gguf"));
        long dataOffset = dev.breakeven.core.gguf.GgufReader.read(file).dataOffset();
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), (int) dataOffset + 100);
        hub.add("test/Short", "t.gguf", Files.write(dir.resolve("short.gguf"), head));

        assertThatThrownBy(() -> remote.read(resolve("test/Short", "t.gguf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t.gguf")
                .hasMessageContaining("incomplete download");
    }

    @Test
    void aHostileCountIsRefusedBeforeAnythingIsAllocated() throws IOException {
        byte[] hostile = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(Long.MAX_VALUE / 2).putLong(1).array();
        hub.add("test/Hostile", "h.gguf", Files.write(dir.resolve("h.gguf"), hostile));

        assertThatThrownBy(() -> remote.read(resolve("test/Hostile", "h.gguf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("impossible");
    }
}
