package dev.breakeven.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code breakeven serve} in a child JVM, started the way the supervisor will: this JVM's java and classpath,
 * {@code dev.breakeven.launch.Main serve …}, ready once it prints {@code listening on http://HOST:PORT}.
 */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^listening on (http://[^\\s]+)$");
    private final Process process;
    private final String url;
    private final long readyNanos;
    private final Path stderr;
    private final double readyCpuMillis;

    private ServeProcess(Process process, String url, long readyNanos, Path stderr) {
        this.readyCpuMillis = process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
        this.process = process;
        this.url = url;
        this.readyNanos = readyNanos;
        this.stderr = stderr;
    }

    /** The command line for {@code breakeven <args>} in a fresh JVM with its own app home. */
    public static List<String> command(Path home, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-Dbreakeven.home=" + home,
                "-cp", System.getProperty("java.class.path"), "dev.breakeven.launch.Main"));
        command.addAll(args);
        return command;
    }

    /** Starts {@code serve} with these options and waits (up to 90 s) until it says where it listens. */
    public static ServeProcess start(Path home, String... options) throws Exception {
        return start(home, java.time.Duration.ofSeconds(90), options);
    }

    /** As {@link #start(Path, String...)}, waiting up to {@code ready} (a 7B model takes minutes on a small machine). */
    public static ServeProcess start(Path home, java.time.Duration ready, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(List.of(options));
        Files.createDirectories(home);
        Path stderr = home.resolve("serve-stderr.log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command(home, args)).redirectError(stderr.toFile()).start();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    } else {
                        address.completeExceptionally(new IOException("serve printed something else first: " + line));
                    }
                }
                address.completeExceptionally(new IOException("serve ended without listening"));
            } catch (IOException e) {
                address.completeExceptionally(e);
            }
        });
        try {
            String url = address.get(ready.toMillis(), TimeUnit.MILLISECONDS);
            return new ServeProcess(process, url, System.nanoTime() - started, stderr);
        } catch (Exception e) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException("serve did not start; its stderr:\n" + tail(stderr), e);
        }
    }

    /** A command expected to end by itself: its exit code, stdout and stderr. */
    public record Ended(int code, String out, String err) {
    }

    public static Ended run(Path home, String... args) throws Exception {
        Files.createDirectories(home);
        Path err = Files.createTempFile(home, "stderr", ".log");
        Process process = new ProcessBuilder(command(home, List.of(args))).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("breakeven " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Ended(process.exitValue(), out, Files.readString(err));
    }

    public String url() {
        return url;
    }

    /** From starting the JVM to the {@code listening on} line. */
    public double readyMillis() {
        return readyNanos / 1e6;
    }

    /** CPU time the child used up to ready (all its threads): what start costs on a machine shared with others. */
    public double readyCpuMillis() {
        return readyCpuMillis;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stderr() throws IOException {
        return tail(stderr);
    }

    /** Everything the server wrote to stderr: its first lines fall out of {@link #stderr()} after a few requests. */
    public String wholeStderr() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String text = Files.readString(file);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
