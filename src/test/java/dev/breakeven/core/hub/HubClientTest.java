package dev.breakeven.core.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.library.HubEndpoint;
import dev.breakeven.testing.GgufModelFactory;
import dev.breakeven.testing.HubEmulator;
import dev.breakeven.testing.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HubClientTest {
    @TempDir
    Path dir;

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = HubClientTest.class.getResourceAsStream("/dev/breakeven/hub/" + name)) {
            JsonNode root = Json.mapper().readTree(in);
            assertThat(root.path("_source").asText()).isNotBlank();
            return root.get("body");
        }
    }

    @Test
    void theRecordedTreeBecomesModelsWithSplitFilesGroupedAndIncompleteSplitsLeftOut() throws IOException {
        List<HubModelFile> models = HubClient.group(fixture("tree-split.json"));

        assertThat(models).extracting(HubModelFile::name).containsExactly(
                "Llama-3.3-70B-Instruct-IQ2_M.gguf",
                "Llama-3.3-70B-Instruct-Q4_K_M.gguf",
                "Llama-3.3-70B-Instruct-Q8_0/Llama-3.3-70B-Instruct-Q8_0-00001-of-00002.gguf",
                "mmproj-Llama-3.3-70B-Instruct-f16.gguf");
        HubModelFile q8 = models.get(2);
        assertThat(q8.shards()).isEqualTo(2);
        assertThat(q8.sizeBytes()).isEqualTo(39718602112L + 35255436992L);
        assertThat(q8.quant()).isEqualTo("Q8_0");
        assertThat(q8.displayName()).isEqualTo("Llama-3.3-70B-Instruct-Q8_0/Llama-3.3-70B-Instruct-Q8_0");
        assertThat(q8.sha256Of(q8.parts().get(1))).contains("6c7d8e9f00112233445566778899aabbccddeeff00112233445566778899aabb");
        assertThat(models).extracting(HubModelFile::quant).containsExactly("IQ2_M", "Q4_K_M", "Q8_0", "F16");
        assertThat(models.get(3).projector()).isTrue();
    }

    @Test
    void theRecordedSearchAnswerGivesRepositoriesInTheHubsOrder() throws IOException {
        List<HubRepo> repos = HubClient.parseSearch(fixture("search-gguf.json"));
        assertThat(repos).extracting(HubRepo::id).containsExactly("bartowski/Llama-3.2-1B-Instruct-GGUF",
                "unsloth/Llama-3.2-1B-Instruct-GGUF", "hugging-quants/Llama-3.2-1B-Instruct-Q8_0-GGUF");
        assertThat(repos.getFirst().downloads()).isEqualTo(250000);
        assertThat(repos.getFirst().tags()).contains("gguf");
    }

    @Test
    void quantLabelsAreReadFromFileNames() {
        assertThat(HubModelFile.quantOf("Qwen3-8B-Q4_K_M.gguf")).isEqualTo("Q4_K_M");
        assertThat(HubModelFile.quantOf("gemma-3-27b-it-UD-Q4_K_XL.gguf")).isEqualTo("Q4_K_XL");
        assertThat(HubModelFile.quantOf("Meta-Llama-3.1-8B-Instruct-IQ4_XS.gguf")).isEqualTo("IQ4_XS");
        assertThat(HubModelFile.quantOf("q8/model-q8_0.gguf")).isEqualTo("Q8_0");
        assertThat(HubModelFile.quantOf("gpt-oss-20b-mxfp4.gguf")).isEqualTo("MXFP4");
        assertThat(HubModelFile.quantOf("model.gguf")).isEmpty();
    }

    @Test
    void searchAndFilesRoundTripThroughTheHubApi() throws IOException {
        try (HubEmulator hub = new HubEmulator()) {
            Path tiny = GgufModelFactory.writeSparse(GgufModelFactory.tinyLlama(), GgmlType.F16, dir.resolve("t.gguf"));
            hub.add("test/Tiny-GGUF", "tiny-F16.gguf", tiny).add("test/Tiny-GGUF", "tiny-Q8_0.gguf", tiny)
                    .add("other/Thing-GGUF", "thing-Q4_K_M.gguf", tiny);
            HubClient client = new HubClient(HubHttp.client(), HubEndpoint.anonymous(hub.baseUrl()), Duration.ofSeconds(5));

            assertThat(client.search("tiny", 10)).extracting(HubRepo::id).containsExactly("test/Tiny-GGUF");
            List<HubModelFile> files = client.ggufFiles("test/Tiny-GGUF");
            assertThat(files).extracting(HubModelFile::quant).containsExactly("F16", "Q8_0");
            assertThat(files.getFirst().sha256()).containsExactly(HubEmulator.sha256(tiny));
            assertThat(hub.log()).anyMatch(r -> r.path().startsWith("/api/models?search=tiny&filter=gguf"));
            assertThat(hub.log()).anyMatch(r -> r.path().startsWith("/api/models/test/Tiny-GGUF/tree/main?recursive=true"));

            assertThatThrownBy(() -> client.ggufFiles("test/Missing")).isInstanceOf(RemoteReadException.class)
                    .hasMessageContaining("not found");
            assertThatThrownBy(() -> client.ggufFiles("not a repo")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("owner/name");
        }
    }

    @Test
    void aGatedRepositoryGetsTheTokenOverHttpsOnlyFromTheHubNeverFromItsCdn() throws IOException {
        try (HubEmulator hub = new HubEmulator(true)) {
            Path tiny = GgufModelFactory.writeSparse(GgufModelFactory.tinyLlama(), GgmlType.F16, dir.resolve("t.gguf"));
            hub.add("gated/Model-GGUF", "m-F16.gguf", tiny).gate("gated/Model-GGUF", "hf_secret");
            HubEndpoint anonymous = HubEndpoint.anonymous(hub.baseUrl());
            HubEndpoint withToken = new HubEndpoint(hub.baseUrl(), "hf_secret");

            assertThatThrownBy(() -> new HubClient(TestTls.httpClient(), anonymous, Duration.ofSeconds(5))
                    .ggufFiles("gated/Model-GGUF")).isInstanceOf(RemoteReadException.class).hasMessageContaining("HF_TOKEN");
            hub.resetLog();
            assertThat(new HubClient(TestTls.httpClient(), withToken, Duration.ofSeconds(5)).ggufFiles("gated/Model-GGUF"))
                    .hasSize(1);

            RemoteGguf remote = new RemoteGguf(TestTls.httpClient(), withToken, RemoteGguf.DEFAULT_MAX_HEADER_BYTES,
                    Duration.ofSeconds(5));
            RemoteGguf.Result result = remote.read(withToken.resolveUrl("gated/Model-GGUF", "main", "m-F16.gguf"));
            assertThat(result.model().shape().blockCount()).isEqualTo(2);
            assertThat(hub.log()).filteredOn(r -> r.server().equals("hub"))
                    .allMatch(r -> "Bearer hf_secret".equals(r.authorization()));
            assertThat(hub.log()).filteredOn(r -> r.server().equals("cdn")).isNotEmpty()
                    .allMatch(r -> r.authorization() == null);
        }
    }
}
