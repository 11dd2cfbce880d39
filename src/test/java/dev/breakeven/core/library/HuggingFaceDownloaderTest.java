package dev.breakeven.core.library;

import dev.breakeven.core.library.DownloadException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HuggingFaceDownloaderTest {
    private static final Path SHARED_TINY = dev.breakeven.core.chat.SharedModels.tinyLlama();
    private static final String REPO = "ggml-org/tiny-llamas";
    private static final String FILE = "llama-2-tiny-random.gguf";

    @TempDir
    Path models;
    private byte[] content;
    private String sha;
    private FlakyFileServer server;
    private HuggingFaceDownloader downloader;
    private final List<TransferProgress> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        content = Files.readAllBytes(SHARED_TINY);
        sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        server = new FlakyFileServer(content);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        downloader = new HuggingFaceDownloader(client, server.baseUrl(), 3, Duration.ofMillis(10));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private DownloadRequest request(String expectedSha) {
        return new DownloadRequest(REPO, FILE, null, expectedSha, models, null);
    }

    @Test
    void resumesWithARangeRequestAfterTheConnectionDropsHalfway() throws Exception {
        server.dropFirstAnswer = true;

        Path file = downloader.download(request(sha), progress::add, () -> false);

        assertThat(file).isEqualTo(models.resolve(FILE));
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(models.resolve(FILE + ".part")).doesNotExist();
        assertThat(server.blobRangeHeaders).hasSize(2);
        assertThat(server.blobRangeHeaders.getFirst()).isEqualTo("null");
        // The retry asks only for what the .part file lacks (the server wrote half; a few bytes in flight
        // when the socket closed may be lost) and the second answer carries exactly the rest.
        String range = server.blobRangeHeaders.get(1);
        assertThat(range).matches("bytes=\\d+-");
        long resumedAt = Long.parseLong(range.substring(6, range.length() - 1));
        assertThat(resumedAt).isPositive().isLessThanOrEqualTo(content.length / 2);
        assertThat(server.answerSizes).containsExactly(content.length / 2, (int) (content.length - resumedAt));
        assertThat(progress.getLast().bytes()).isEqualTo(content.length);
        assertThat(progress.getLast().totalBytes()).isEqualTo(content.length);
        assertThat(progress.getLast().fraction()).isEqualTo(1.0);
        assertThat(progress).allMatch(p -> p.bytesPerSecond() >= 0);
    }

    @Test
    void aStalledConnectionIsCutAndResumed() throws Exception {
        server.stallFirstAnswer = true;
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HuggingFaceDownloader impatient = new HuggingFaceDownloader(client, server.baseUrl(), 3, Duration.ofMillis(10),
                Duration.ofMillis(300));

        long start = System.nanoTime();
        Path file = impatient.download(request(sha), progress::add, () -> false);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(server.blobRangeHeaders.get(1)).isEqualTo("bytes=" + content.length / 2 + "-");
        assertThat(server.answerSizes).containsExactly(content.length / 2, content.length - content.length / 2);
    }

    @Test
    void resumesAPartFileLeftByAnEarlierRunAndChecksTheHashTheHubAnnounced() throws Exception {
        int kept = 300_000;
        Files.write(models.resolve(FILE + ".part"), Arrays.copyOf(content, kept));
        server.announcedSha = sha;

        Path file = downloader.download(request(null), progress::add, () -> false);

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(server.blobRangeHeaders).containsExactly("bytes=" + kept + "-");
        assertThat(server.bytesServed.get()).isEqualTo(content.length - kept);
    }

    @Test
    void aHashMismatchRemovesTheDamagedDownload() {
        String wrong = "0".repeat(64);

        assertThatThrownBy(() -> downloader.download(request(wrong), progress::add, () -> false))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HASH_MISMATCH);
                    assertThat(e.partKept()).isFalse();
                    assertThat(e.getMessage()).contains(wrong).contains(sha);
                });
        assertThat(models.resolve(FILE)).doesNotExist();
        assertThat(models.resolve(FILE + ".part")).doesNotExist();
    }

    @Test
    void aServerThatIgnoresRangeStartsOverCleanly() throws Exception {
        Files.write(models.resolve(FILE + ".part"), Arrays.copyOf(content, 1000));
        server.honourRange = false;

        Path file = downloader.download(request(sha), progress::add, () -> false);

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void cancellingKeepsThePartFileForALaterResume() throws Exception {
        assertThatThrownBy(() -> downloader.download(request(sha), progress::add, () -> !progress.isEmpty()))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
                    assertThat(e.partKept()).isTrue();
                });
        long kept = Files.size(models.resolve(FILE + ".part"));
        assertThat(kept).isPositive();
        assertThat(models.resolve(FILE)).doesNotExist();

        Path file = downloader.download(request(sha), p -> { }, () -> false);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(server.blobRangeHeaders.getLast()).isEqualTo("bytes=" + kept + "-");
    }

    @Test
    void missingAndGatedReposGiveClearErrors() {
        assertThatThrownBy(() -> downloader.download(new DownloadRequest("missing/repo", FILE, null, null, models, null),
                p -> { }, () -> false))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("missing/repo").contains(FILE);
                });
        assertThatThrownBy(() -> downloader.download(new DownloadRequest("gated/llama", FILE, null, null, models, "hf_secret"),
                p -> { }, () -> false))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("gated").contains("token");
                });
        // This test server is plain http: the token must not go out in cleartext (issue 12).
        assertThat(server.authorizationHeaders).isNotEmpty().doesNotContain("Bearer hf_secret");
        assertThat(models.resolve(FILE + ".part")).doesNotExist();
    }

    @Test
    void badNamesAreRefusedBeforeAnyRequest() {
        for (DownloadRequest bad : List.of(
                new DownloadRequest("not a repo", FILE, null, null, models, null),
                new DownloadRequest(REPO, "../../etc/passwd.gguf", null, null, models, null),
                new DownloadRequest(REPO, "weights.safetensors", null, null, models, null),
                new DownloadRequest(REPO, FILE, null, "abc", models, null))) {
            assertThatThrownBy(() -> downloader.download(bad, p -> { }, () -> false))
                    .isInstanceOfSatisfying(DownloadException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST));
        }
        assertThat(server.blobRangeHeaders).isEmpty();
    }

    @Test
    void buildsTheHubResolveUrl() {
        HuggingFaceDownloader hub = HuggingFaceDownloader.standard();
        assertThat(hub.urlFor(new DownloadRequest("bartowski/Llama-3.2-1B-Instruct-GGUF", "Llama-3.2-1B-Instruct-Q4_K_M.gguf",
                null, null, models, null)).toString())
                .isEqualTo("https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf");
    }
}
