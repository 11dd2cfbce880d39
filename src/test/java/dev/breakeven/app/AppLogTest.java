package dev.breakeven.app;

import dev.breakeven.cli.BreakevenCommand;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.io.AppDirs;
import dev.breakeven.core.io.AppVersion;
import dev.breakeven.core.library.DownloadRequest;
import dev.breakeven.core.library.HuggingFaceDownloader;
import dev.breakeven.core.library.FlakyFileServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AppLogTest {
    private static final String HF_TOKEN = "hf_TopSecretTokenValue12345";
    private static final String API_KEY = "sk-ant-VerySecretKey987654";

    @TempDir
    Path home;

    @AfterEach
    void backToDefaults() {
        AppLog.stop();
    }

    @Test
    void keyEventsReachTheRotatingFileInTheLogFolderWithoutSecrets() throws Exception {
        AppDirs dirs = AppDirs.under(home);
        Path file = AppLog.start(dirs, AppLog.Front.CLI).orElseThrow();
        assertThat(file).isEqualTo(dirs.logs().resolve("cli.log"));

        // A download with a Hugging Face token: the request, its log lines and its toString must not carry it.
        byte[] content = Files.readAllBytes(SharedModels.tinyLlama());
        try (FlakyFileServer server = new FlakyFileServer(content)) {
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HuggingFaceDownloader downloader = new HuggingFaceDownloader(client, server.baseUrl(), 2, Duration.ofMillis(5));
            DownloadRequest request = new DownloadRequest("ggml-org/tiny", "tiny.gguf", null, null,
                    home.resolve("models"), HF_TOKEN);
            downloader.download(request, p -> { }, () -> false);
            LoggerFactory.getLogger(AppLogTest.class).info("request was {}", request);
        }
        // A careless line with a key or a bearer header is still masked by the file's pattern.
        LoggerFactory.getLogger(AppLogTest.class).warn("provider said no to Authorization: Bearer {} ({})", API_KEY, HF_TOKEN);
        // A command that fails logs its failure.
        StringWriter err = new StringWriter();
        BreakevenCommand.run(AppServices.forTest(home), new String[] {"gguf", home.resolve("missing.gguf").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));

        String log = Files.readString(file);
        assertThat(log).contains("Breakeven " + AppVersion.get())
                .contains("download tiny.gguf @ main from ggml-org/tiny").contains("(with an access token)")
                .contains("downloaded ").contains("token=***")
                .contains("Bearer ***").contains("breakeven gguf failed");
        assertThat(log).doesNotContain("TopSecretTokenValue").doesNotContain("VerySecretKey");
    }

    @Test
    void aFolderThatCannotBeCreatedLeavesLoggingOnStderrInsteadOfFailingTheStart() throws Exception {
        Path blocker = Files.writeString(home.resolve("data"), "a file where the data folder should be");
        assertThat(AppLog.start(AppDirs.under(home), AppLog.Front.APP)).isEmpty();
        assertThat(blocker).isRegularFile();
    }

    @Test
    void theVersionComesFromThePom() {
        assertThat(AppVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(AppVersion.numeric()).matches("\\d+\\.\\d+\\.\\d+");
    }
}
