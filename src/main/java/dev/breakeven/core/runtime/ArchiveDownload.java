package dev.breakeven.core.runtime;

import dev.breakeven.core.library.DownloadException;
import dev.breakeven.core.library.DownloadException.Kind;
import dev.breakeven.core.library.HuggingFaceDownloader;
import dev.breakeven.core.library.TransferProgress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one release asset into {@code <name>.part}, resuming with an HTTP Range request where an earlier try
 * stopped, and moves it into place only once its SHA-256 matches the digest the releases API published.
 *
 * <p>Why not the model downloader: {@code HuggingFaceDownloader} builds Hugging Face URLs
 * ({@code {base}/{repo}/resolve/{revision}/{file}}) from a request that only accepts {@code .gguf} files, so a GitHub
 * asset URL cannot be expressed through it, and that class is being reworked on another branch. Its
 * {@link TransferProgress} and {@link DownloadException} are reused so both downloads report alike.
 */
public final class ArchiveDownload {
    private static final int BUFFER = 1 << 16;
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient client;
    private final Duration stallTimeout;

    public ArchiveDownload(HttpClient client, Duration stallTimeout) {
        this.client = client;
        this.stallTimeout = stallTimeout;
    }

    /**
     * @param sha256 expected digest (hex); the caller refuses assets without one before calling
     * @return the verified file {@code dir/name}
     */
    public Path fetch(URI url, String name, String sha256, Path dir, Consumer<TransferProgress> progress,
                      BooleanSupplier cancelled) throws DownloadException {
        Path target = dir.resolve(name);
        Path part = dir.resolve(name + ".part");
        try {
            Files.createDirectories(dir);
            if (Files.isRegularFile(target) && HuggingFaceDownloader.sha256(target).equals(sha256)) {
                return target; // fetched and verified by an earlier run that stopped later on
            }
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new DownloadException(Kind.DISK_FULL, "cannot write to " + dir + ": " + e.getMessage(), false, e);
        }
        long have = TransferProgress.bytesOnDisk(part);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(Duration.ofSeconds(60))
                .header("User-Agent", "Breakeven/0.1 (runtime installer)");
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DownloadException(Kind.NETWORK, "cannot reach " + url.getHost() + ": " + message(e)
                    + " (run the install again to resume)", have > 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(Kind.CANCELLED, "download interrupted", have > 0, e);
        }
        long total;
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    Files.deleteIfExists(part);
                    throw new DownloadException(Kind.HTTP_ERROR, "the server answered another range than asked; "
                            + "the partial download was removed, run again", false);
                }
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            } else if (status == 200) {
                have = 0; // no range support: start over
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            } else if (status == 416 && have > 0) {
                total = have; // the part already holds the whole file; the digest decides below
            } else {
                throw new DownloadException(status == 404 ? Kind.NOT_FOUND : Kind.HTTP_ERROR,
                        "the server answered HTTP " + status + " for " + name, have > 0);
            }
            if (status != 416) {
                copy(body, part, have, total, progress, cancelled);
            }
        } catch (DownloadException e) {
            throw e;
        } catch (IOException e) {
            if (cancelled.getAsBoolean()) {
                throw new DownloadException(Kind.CANCELLED, "install cancelled; " + TransferProgress.bytesOnDisk(part)
                        + " bytes kept, the next install resumes there", true, e);
            }
            throw new DownloadException(Kind.NETWORK, "the download of " + name + " was cut after "
                    + TransferProgress.bytesOnDisk(part) + " bytes: " + message(e) + " (run the install again to resume)", true, e);
        }
        long onDisk = TransferProgress.bytesOnDisk(part);
        if (total >= 0 && onDisk != total) {
            throw new DownloadException(Kind.NETWORK, "the download of " + name + " stopped at " + onDisk + " of "
                    + total + " bytes (run the install again to resume)", true);
        }
        String actual = HuggingFaceDownloader.sha256(part);
        if (!actual.equals(sha256)) {
            deleteQuietly(part);
            throw new DownloadException(Kind.HASH_MISMATCH, "SHA-256 mismatch for " + name + ": the release says "
                    + sha256 + ", the download is " + actual + "; it was deleted and nothing was installed", false);
        }
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DownloadException(Kind.DISK_FULL, "cannot move " + part + " into place: " + e.getMessage(), true, e);
        }
        return target;
    }

    private void copy(InputStream body, Path part, long have, long total, Consumer<TransferProgress> progress,
                      BooleanSupplier cancelled) throws IOException, DownloadException {
        long written = have;
        long start = System.nanoTime();
        long lastReport = 0;
        byte[] buffer = new byte[BUFFER];
        StandardOpenOption mode = have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        // The request timeout ends when the headers arrive; a body that stops sending is closed by this watchdog.
        Watchdog watchdog = new Watchdog(body, stallTimeout, cancelled);
        try (watchdog; OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                watchdog.alive();
                out.write(buffer, 0, n);
                written += n;
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    progress.accept(TransferProgress.of(written, total, written - have, now - start));
                }
                if (cancelled.getAsBoolean()) {
                    throw new DownloadException(Kind.CANCELLED, "install cancelled; " + written
                            + " bytes kept, the next install resumes there", true);
                }
            }
        }
        progress.accept(TransferProgress.of(written, total, written - have, System.nanoTime() - start));
    }

    private static String message(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Overwritten by the next try.
        }
    }

    /**
     * Closes a body that has sent nothing for a while, or whose download was cancelled, so a blocked read fails
     * instead of hanging (a cancel is otherwise only seen between chunks).
     */
    private static final class Watchdog implements AutoCloseable {
        private final Thread thread;
        private volatile long lastAlive = System.nanoTime();
        private volatile boolean done;

        Watchdog(InputStream body, Duration timeout, BooleanSupplier cancelled) {
            long limit = timeout.toNanos();
            thread = Thread.ofVirtual().name("runtime-download-watchdog").start(() -> {
                while (!done) {
                    try {
                        Thread.sleep(Duration.ofNanos(Math.clamp(limit / 4, 10_000_000L, 250_000_000L)));
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!done && (System.nanoTime() - lastAlive > limit || cancelled.getAsBoolean())) {
                        try {
                            body.close();
                        } catch (IOException ignored) {
                            // The reader fails either way.
                        }
                        return;
                    }
                }
            });
        }

        void alive() {
            lastAlive = System.nanoTime();
        }

        @Override
        public void close() {
            done = true;
            thread.interrupt();
        }
    }
}
