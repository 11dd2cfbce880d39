package dev.breakeven.core.library;

import dev.breakeven.core.library.DownloadException.Kind;
import dev.breakeven.testing.HubEmulator;
import dev.breakeven.testing.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The downloader faults issue 12 found, each against the local Hub emulation. */
class DownloadFaultsTest {
    private static final Path SHARED_TINY = dev.breakeven.core.chat.SharedModels.tinyLlama(); // ../shared's, else the vendored copy

    @TempDir
    Path dir;

    private static HuggingFaceDownloader downloader(HubEmulator hub, boolean tls) throws Exception {
        return new HuggingFaceDownloader(tls ? TestTls.httpClient() : dev.breakeven.core.hub.HubHttp.client(),
                hub.baseUrl(), 1, Duration.ofMillis(10));
    }

    private Path tiny() throws Exception {
        return Files.copy(SHARED_TINY, dir.resolve("source.gguf"));
    }

    @Test
    void theTokenGoesOnlyOverHttpsToTheConfiguredHubHost() {
        HubEndpoint hub = new HubEndpoint(URI.create("https://huggingface.co"), "hf_x");
        assertThat(hub.mayAuthorize(URI.create("https://huggingface.co/a/b/resolve/main/f.gguf"))).isTrue();
        assertThat(hub.mayAuthorize(URI.create("https://HuggingFace.co:443/api/models"))).isTrue();
        // same host, downgraded to http (both default ports: the old same-host check let this through)
        assertThat(hub.mayAuthorize(URI.create("http://huggingface.co/a/b/resolve/main/f.gguf"))).isFalse();
        assertThat(hub.mayAuthorize(URI.create("https://cdn-lfs.huggingface.co/x"))).isFalse();
        assertThat(hub.mayAuthorize(URI.create("https://huggingface.co:8443/x"))).isFalse();
        assertThat(hub.mayAuthorize(URI.create("https://evil.example/huggingface.co"))).isFalse();
        // an http Hub (a mirror, a test server) never gets the token at all
        HubEndpoint plain = new HubEndpoint(URI.create("http://mirror.local:8080/"), "hf_x");
        assertThat(plain.mayAuthorize(URI.create("http://mirror.local:8080/a"))).isFalse();
        assertThat(HubEndpoint.anonymous(URI.create("https://huggingface.co")).mayAuthorize(
                URI.create("https://huggingface.co/a"))).isFalse();
        assertThat(hub.toString()).doesNotContain("hf_x");
    }

    @Test
    void hfEndpointAndTheKeyFileAreHonoured() throws Exception {
        Files.createDirectories(dir.resolve("settings"));
        Files.writeString(dir.resolve("settings").resolve(HubEndpoint.KEY_FILE), "\n  hf_from_file \n");
        HubEndpoint fromFile = HubEndpoint.fromEnvironment(Map.of("HF_ENDPOINT", "https://hf-mirror.example"), dir.resolve("settings"));
        assertThat(fromFile.baseUrl()).hasToString("https://hf-mirror.example/");
        assertThat(fromFile.token()).isEqualTo("hf_from_file");
        HubEndpoint fromEnv = HubEndpoint.fromEnvironment(Map.of("HF_TOKEN", "hf_env"), dir.resolve("settings"));
        assertThat(fromEnv.baseUrl()).isEqualTo(HubEndpoint.HUGGING_FACE);
        assertThat(fromEnv.token()).isEqualTo("hf_env");
        new HubSettings("http://127.0.0.1:9/").save(dir.resolve("settings"));
        assertThat(HubSettings.endpoint(null, Map.of(), dir.resolve("settings")).baseUrl()).hasToString("http://127.0.0.1:9/");
        assertThat(HubSettings.endpoint(null, Map.of("HF_ENDPOINT", "https://a.example"), dir.resolve("settings")).baseUrl())
                .hasToString("https://a.example/");
    }

    @Test
    void anHttpsToHttpRedirectOnTheSameHostCarriesNoToken() throws Exception {
        try (HubEmulator hub = new HubEmulator(true)) {
            hub.add("gated/Tiny", "tiny.gguf", tiny()).gate("gated/Tiny", "hf_secret");
            hub.redirectToSameHostHttp = true;

            Path saved = downloader(hub, true).download(new DownloadRequest("gated/Tiny", "tiny.gguf", null, null,
                    dir.resolve("models"), "hf_secret"), p -> { }, () -> false);

            assertThat(saved).hasSameBinaryContentAs(SHARED_TINY);
            assertThat(hub.log()).filteredOn(r -> r.server().equals("hub")).extracting(HubEmulator.Request::authorization)
                    .containsOnly("Bearer hf_secret");
            assertThat(hub.log()).filteredOn(r -> r.server().equals("cdn")).isNotEmpty()
                    .allMatch(r -> r.authorization() == null);
        }
    }

    @Test
    void theHubsAnnouncedHashWinsOverTheRedirectTargets() throws Exception {
        try (HubEmulator hub = new HubEmulator()) {
            hub.add("test/Tiny", "tiny.gguf", tiny());
            hub.cdnSubstitute = "GGUF other bytes with their own matching X-Linked-Etag".getBytes();

            assertThatThrownBy(() -> downloader(hub, false).download(DownloadRequest.of("test/Tiny", "tiny.gguf",
                    dir.resolve("models")), p -> { }, () -> false))
                    .isInstanceOfSatisfying(DownloadException.class, e -> assertThat(e.kind()).isEqualTo(Kind.HASH_MISMATCH));
            assertThat(dir.resolve("models/tiny.gguf")).doesNotExist();
        }
    }

    @Test
    void aBodyWithNeitherSizeNorHashThatEndsEarlyIsNeverFinished() throws Exception {
        try (HubEmulator hub = new HubEmulator()) {
            hub.add("test/Tiny", "tiny.gguf", tiny(), null); // the Hub announces no SHA-256
            hub.rangeSupported = false;
            hub.cdnChunked = true;                          // and the CDN no length
            hub.cutAfterBytes = 10_000;
            DownloadRequest request = DownloadRequest.of("test/Tiny", "tiny.gguf", dir.resolve("models"));

            assertThatThrownBy(() -> downloader(hub, false).download(request, p -> { }, () -> false))
                    .isInstanceOfSatisfying(DownloadException.class, e -> {
                        assertThat(e.kind()).isIn(Kind.UNVERIFIED, Kind.NETWORK);
                        assertThat(e.partKept()).isTrue();
                    });
            assertThat(request.target()).doesNotExist();

            // the whole body, still without size or hash: complete or not, nobody can tell, so it is not finished
            hub.cutAfterBytes = -1;
            assertThatThrownBy(() -> downloader(hub, false).download(request, p -> { }, () -> false))
                    .isInstanceOfSatisfying(DownloadException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.UNVERIFIED);
                        assertThat(e.getMessage()).contains("neither the size nor the SHA-256");
                    });
            assertThat(request.target()).doesNotExist();
        }
    }

    @Test
    void aKnownSizeWithoutHashFinishesButSaysUnverified() throws Exception {
        try (HubEmulator hub = new HubEmulator()) {
            hub.add("test/Tiny", "tiny.gguf", tiny(), null);
            HuggingFaceDownloader.Downloaded done = downloader(hub, false).downloadChecked(
                    DownloadRequest.of("test/Tiny", "tiny.gguf", dir.resolve("models")), p -> { }, () -> false);
            assertThat(done.verified()).isFalse();
            assertThat(done.path()).hasSameBinaryContentAs(SHARED_TINY);
        }
    }
}
