package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.io.Json;
import dev.breakeven.testing.GgufModelFactory;
import dev.breakeven.testing.HubEmulator;
import dev.breakeven.testing.ShardedModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fit --url/--hf} and {@code models search|files|pull}, run as a user runs them, against the Hub emulation. */
class HubCommandsTest {
    private static final Path SHARED_TINY = dev.breakeven.core.chat.SharedModels.tinyLlama(); // ../shared's, else the vendored copy
    private static final String[] HOST = {"--ram", "16", "--ram-bandwidth", "40", "--cpu-cores", "2"};

    @TempDir
    Path home;

    private HubEmulator hub;

    @BeforeEach
    void start() throws Exception {
        hub = new HubEmulator();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private CliRun run(String... args) {
        return CliRun.run(home, args);
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void fitUrlPrintsTheSameJsonAsFitGgufPlusBytesRead() throws Exception {
        Path file = GgufModelFactory.writeSparse(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, home.resolve("q.gguf"));
        hub.add("test/Qwen-GGUF", "qwen-Q8_0.gguf", file);

        CliRun local = run(with(new String[]{"fit", "--gguf", file.toString(), "--ctx", "4096", "--json"}, HOST));
        CliRun remote = run(with(new String[]{"fit", "--url", hub.directUrl("test/Qwen-GGUF", "qwen-Q8_0.gguf").toString(),
                "--ctx", "4096", "--json"}, HOST));

        assertThat(remote.code()).as(remote.err()).isZero();
        JsonNode a = Json.mapper().readTree(local.out());
        JsonNode b = Json.mapper().readTree(remote.out());
        for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            assertThat(b.get(field)).as(field).isEqualTo(a.get(field));
        }
        assertThat(b.get("bytesRead").asLong()).isPositive().isLessThan(Files.size(file) / 10);
        assertThat(b.get("fileBytes").asLong()).isEqualTo(Files.size(file));
    }

    @Test
    void fitHfPlansEveryShardOfASplitModelOnTheHub() throws Exception {
        List<Path> shards = ShardedModels.writeSplit(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, home, "qwen-Q8_0", 2);
        for (Path s : shards) {
            hub.add("test/Qwen-Split-GGUF", "Q8_0/" + s.getFileName(), s);
        }

        CliRun r = run(with(new String[]{"fit", "--hf", "test/Qwen-Split-GGUF", "--hub-url", hub.baseUrl().toString(),
                "--ctx", "2048", "--json"}, HOST));

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("shards").asInt()).isEqualTo(2);
        assertThat(json.get("weightsSource").asText()).isEqualTo("gguf");
        assertThat(json.get("totalLayers").asInt()).isEqualTo(25);
        assertThat(json.get("url").asText()).contains("/resolve/main/Q8_0/qwen-Q8_0-00001-of-00002.gguf");

        CliRun text = run(with(new String[]{"fit", "--hf", "test/Qwen-Split-GGUF:Q8_0/qwen-Q8_0-00001-of-00002.gguf",
                "--hub-url", hub.baseUrl().toString(), "--ctx", "2048"}, HOST));
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("fit      cpu").containsPattern("read     [0-9.]+ MB of headers from 2 files");
    }

    @Test
    void badRemotesGiveOneLineErrors() throws Exception {
        Files.writeString(home.resolve("page.gguf"), "<html>not a model</html>");
        hub.add("test/Html", "page.gguf", home.resolve("page.gguf"));

        CliRun notGguf = run(with(new String[]{"fit", "--hf", "test/Html:page.gguf", "--hub-url", hub.baseUrl().toString(),
                "--ctx", "2048"}, HOST));
        assertThat(notGguf.code()).isNotZero();
        assertThat(notGguf.err()).contains("not a GGUF file").doesNotContain("Exception");

        CliRun missing = run(with(new String[]{"fit", "--hf", "test/Html:nothing.gguf", "--hub-url", hub.baseUrl().toString(),
                "--ctx", "2048"}, HOST));
        assertThat(missing.err()).contains("404");

        CliRun both = run(with(new String[]{"fit", "--url", "http://x/y.gguf", "--model", "llama-3.1-8b", "--ctx", "2048"}, HOST));
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("give one of");
    }

    @Test
    void searchFilesAndPullReachADownloadedVerifiedModel() throws Exception {
        hub.add("ggml-org/tiny-llamas-GGUF", "llama-2-tiny-random-F32.gguf", SHARED_TINY);
        String base = hub.baseUrl().toString();

        CliRun search = run("models", "search", "tiny", "--hub-url", base, "--json");
        assertThat(search.code()).as(search.err()).isZero();
        assertThat(Json.mapper().readTree(search.out()).get(0).get("id").asText()).isEqualTo("ggml-org/tiny-llamas-GGUF");

        CliRun files = run("models", "files", "ggml-org/tiny-llamas-GGUF", "--hub-url", base, "--json");
        JsonNode file = Json.mapper().readTree(files.out()).get(0);
        assertThat(file.get("file").asText()).isEqualTo("llama-2-tiny-random-F32.gguf");
        assertThat(file.get("quant").asText()).isEqualTo("F32");
        assertThat(file.get("sizeBytes").asLong()).isEqualTo(Files.size(SHARED_TINY));

        Path models = home.resolve("models");
        CliRun pull = run("models", "pull", "ggml-org/tiny-llamas-GGUF:llama-2-tiny-random-F32.gguf", "--to",
                models.toString(), "--hub-url", base, "--json");
        assertThat(pull.code()).as(pull.err()).isZero();
        JsonNode pulled = Json.mapper().readTree(pull.out());
        assertThat(pulled.get("verified").asBoolean()).isTrue();
        assertThat(Path.of(pulled.get("paths").get(0).asText())).hasSameBinaryContentAs(SHARED_TINY);

        CliRun list = run("models", "list", "--only-folders", "--models-dir", models.toString(), "--json");
        assertThat(Json.mapper().readTree(list.out()).get(0).get("name").asText()).isEqualTo("llama-2-tiny-random-F32");

        CliRun wrong = run("models", "pull", "ggml-org/tiny-llamas-GGUF", "--hub-url", base);
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("OWNER/REPO:FILE");
    }
}
