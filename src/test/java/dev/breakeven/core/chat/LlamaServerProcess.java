package dev.breakeven.core.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real ../shared llama-server on a free loopback port, for tests and benchmarks; stopped on close. */
public final class LlamaServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private final Process process;
    private final String url;

    private LlamaServerProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    public static LlamaServerProcess start(java.nio.file.Path model) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(SharedModels.llamaServer().toString(), "-m", model.toString(),
                "-c", "512", "-t", "2", "--host", "127.0.0.1", "--port", "0").redirectErrorStream(true);
        Process process = builder.start();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                }
                address.completeExceptionally(new IOException("llama-server ended without listening"));
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
        });
        try {
            String url = address.get(60, TimeUnit.SECONDS);
            waitForHealth(url);
            return new LlamaServerProcess(process, url);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static void waitForHealth(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    var response = http.send(HttpRequest.newBuilder(URI.create(url + "/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(100);
            }
            throw new IOException("llama-server at " + url + " never became healthy");
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
