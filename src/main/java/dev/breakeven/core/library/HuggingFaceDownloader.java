package dev.breakeven.core.library;

import dev.breakeven.core.library.DownloadException.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a GGUF file from {@code {base}/{repo}/resolve/{revision}/{file}} into a {@code .part} file
 * beside the target, resuming with an HTTP Range request after a dropped connection (within the same
 * call, up to {@code maxAttempts}) or after an earlier run was interrupted. The finished file is
 * checked against the expected SHA-256 (given, or announced by the Hub in {@code X-Linked-Etag}) and
 * only then moved into place. Redirects are followed by hand so the access token is never sent to
 * another host (the Hub redirects large files to a CDN with a signed URL).
 */
public final class HuggingFaceDownloader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HuggingFaceDownloader.class);
    public static final URI HUGGING_FACE = URI.create("https://huggingface.co/");
    private static final int BUFFER = 1 << 20;
    private static final int MAX_REDIRECTS = 5;
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final HttpClient client;
    private final URI baseUrl;
    private final int maxAttempts;
    private final Duration retryDelay;
    private final Duration stallTimeout;

    public HuggingFaceDownloader(HttpClient client, URI baseUrl, int maxAttempts, Duration retryDelay) {
        this(client, baseUrl, maxAttempts, retryDelay, Duration.ofSeconds(30));
    }

    /** @param stallTimeout how long a body may send nothing before the connection is dropped and resumed */
    public HuggingFaceDownloader(HttpClient client, URI baseUrl, int maxAttempts, Duration retryDelay,
                                 Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
        this.client = client;
        this.baseUrl = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        this.maxAttempts = Math.max(1, maxAttempts);
        this.retryDelay = retryDelay;
    }

    public static HuggingFaceDownloader standard() {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        return new HuggingFaceDownloader(client, HUGGING_FACE, 5, Duration.ofSeconds(2));
    }

    public URI urlFor(DownloadRequest request) {
        String path = request.repo().strip() + "/resolve/" + encode(request.revision()) + "/" + encode(request.file());
        return baseUrl.resolve(path);
    }

    /**
     * Downloads the file and returns its final path. {@code cancelled} is polled between chunks.
     *
     * @throws DownloadException with a {@link Kind} and a message a person can act on
     */
    public Path download(DownloadRequest request, Consumer<TransferProgress> progress, BooleanSupplier cancelled)
            throws DownloadException {
        return downloadChecked(request, progress, cancelled).path();
    }

    /**
     * A finished download: where it is, its SHA-256 when one was checked, and whether it was verified.
     * {@code verified} is false when neither the request nor the Hub gave a SHA-256: the file is complete by its
     * announced size only, and callers say so.
     */
    public record Downloaded(Path path, String sha256, boolean verified) {
    }

    /**
     * As {@link #download}, saying whether the file was checked against a SHA-256. A body whose size and hash are
     * both unknown is never moved into place (a cut connection would look like a finished file): it stays a .part.
     */
    public Downloaded downloadChecked(DownloadRequest request, Consumer<TransferProgress> progress,
                                      BooleanSupplier cancelled) throws DownloadException {
        request.validate();
        LOG.info("download {} @ {} from {} into {}{}", request.file(), request.revision(), request.repo(),
                request.targetDir(), request.token() != null && !request.token().isBlank() ? " (with an access token)" : "");
        Path target = request.target();
        Path part = request.partFile();
        try {
            Files.createDirectories(request.targetDir());
        } catch (IOException e) {
            throw new DownloadException(Kind.DISK_FULL, "cannot create " + request.targetDir() + ": " + e.getMessage(), false, e);
        }
        if (Files.isRegularFile(target)) {
            throw new DownloadException(Kind.BAD_REQUEST, target.getFileName() + " is already in " + request.targetDir(), false);
        }
        String announcedSha = null;
        DownloadException lastNetworkError = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (cancelled.getAsBoolean()) {
                throw new DownloadException(Kind.CANCELLED, "download cancelled", Files.exists(part));
            }
            try {
                Attempt result = attempt(request, part, progress, cancelled);
                announcedSha = result.announcedSha() != null ? result.announcedSha() : announcedSha;
                if (result.complete()) {
                    if (!result.sizeKnown() && request.expectedSha256() == null && announcedSha == null) {
                        throw new DownloadException(Kind.UNVERIFIED, "the server gave neither the size nor the SHA-256 of "
                                + request.fileName() + ", so a cut connection cannot be told from the end of the file; "
                                + "the download was kept as " + part.getFileName() + " (give --sha256 to check and finish it)",
                                true);
                    }
                    Downloaded done = finish(request, part, target, announcedSha);
                    LOG.info("downloaded {} ({} bytes, attempt {})", done.path(),
                            TransferProgress.bytesOnDisk(done.path()), attempt);
                    return done;
                }
                lastNetworkError = new DownloadException(Kind.NETWORK, "connection closed before the end of the file", true);
            } catch (NetworkDrop e) {
                lastNetworkError = new DownloadException(Kind.NETWORK,
                        "network error: " + e.getCause().getMessage() + " (run again to resume)", true, e.getCause());
            }
            if (attempt < maxAttempts) {
                sleep(retryDelay);
            }
        }
        LOG.warn("download of {} gave up after {} attempts: {}", request.file(), maxAttempts, lastNetworkError.getMessage());
        throw lastNetworkError;
    }

    private record Attempt(boolean complete, boolean sizeKnown, String announcedSha) {
    }

    /** A connection problem worth retrying; anything else is thrown as a DownloadException. */
    private static final class NetworkDrop extends Exception {
        NetworkDrop(IOException cause) {
            super(cause);
        }
    }

    private Attempt attempt(DownloadRequest request, Path part, Consumer<TransferProgress> progress,
                            BooleanSupplier cancelled) throws DownloadException, NetworkDrop {
        long have = TransferProgress.bytesOnDisk(part);
        Fetched fetched = send(request, urlFor(request), have);
        HttpResponse<InputStream> response = fetched.response();
        String announced = fetched.announcedSha();
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            long total;
            if (status == 416 && have > 0) {
                long size = response.headers().firstValue("Content-Range")
                        .map(UNSATISFIED_RANGE::matcher).filter(Matcher::matches).map(m -> Long.parseLong(m.group(1))).orElse(-1L);
                if (size == have) {
                    return new Attempt(true, true, announced); // the part already holds the whole file
                }
                deleteQuietly(part); // the part is longer than the file: it cannot be ours
                return new Attempt(false, true, announced);
            } else if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    deleteQuietly(part);
                    throw new DownloadException(Kind.HTTP_ERROR, "server answered a different range than asked; partial file removed", false);
                }
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            } else if (status == 200) {
                have = 0; // the server ignored the Range header: start over
                total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            } else {
                throw statusError(request, status, Files.exists(part));
            }
            boolean complete = copy(body, part, have, total, progress, cancelled);
            return new Attempt(complete, total >= 0, announced);
        } catch (DownloadException e) {
            throw e;
        } catch (IOException e) {
            throw new NetworkDrop(e);
        }
    }

    /** The final response after redirects, and the SHA-256 the Hub announced on the way, if any. */
    private record Fetched(HttpResponse<InputStream> response, String announcedSha) {
    }

    private Fetched send(DownloadRequest request, URI url, long have) throws DownloadException, NetworkDrop {
        URI current = url;
        String announced = null;
        HubEndpoint hub = new HubEndpoint(baseUrl, request.token());
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(current).GET()
                    .timeout(Duration.ofSeconds(60))
                    .header("User-Agent", "Breakeven/0.1 (model downloader)");
            if (have > 0) {
                builder.header("Range", "bytes=" + have + "-");
            }
            // Only over https to the Hub's own host: never after a downgrade to http, never to the CDN.
            hub.authorization(current).ifPresent(value -> builder.header("Authorization", value));
            HttpResponse<InputStream> response;
            try {
                response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new NetworkDrop(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException(Kind.CANCELLED, "download interrupted", true, e);
            }
            // The Hub announces an LFS file's SHA-256 on its redirect. Only the Hub's own answer counts: a redirect
            // target on another host could otherwise swap in its own bytes with a matching hash of its own.
            if (announced == null && hub.isHub(current)) {
                announced = announcedSha(response).orElse(null);
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() / 100 == 3 && location.isPresent()) {
                closeQuietly(response.body());
                current = current.resolve(location.get());
                continue;
            }
            return new Fetched(response, announced);
        }
        throw new DownloadException(Kind.HTTP_ERROR, "too many redirects for " + url, false);
    }

    /** True when the body ended at the expected total (or normally, when the total is unknown). */
    private boolean copy(InputStream body, Path part, long have, long total, Consumer<TransferProgress> progress,
                         BooleanSupplier cancelled) throws IOException, DownloadException {
        long written = have;
        long start = System.nanoTime();
        long lastReport = 0;
        byte[] buffer = new byte[BUFFER];
        // The request timeout ends when headers arrive; a body that stalls is cut by this guard instead.
        StallGuard guard = StallGuard.watch(body, stallTimeout);
        StandardOpenOption mode = have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (guard; OutputStream out = openPart(part, mode)) {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                guard.alive();
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new DownloadException(Kind.DISK_FULL, "cannot write " + part + ": " + e.getMessage()
                            + " (free some space and run again to resume)", true, e);
                }
                written += n;
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    progress.accept(TransferProgress.of(written, total, written - have, now - start));
                }
                if (cancelled.getAsBoolean()) {
                    throw new DownloadException(Kind.CANCELLED, "download cancelled; " + written + " bytes kept to resume", true);
                }
            }
        }
        progress.accept(TransferProgress.of(written, total, written - have, System.nanoTime() - start));
        return total < 0 || written == total;
    }

    private static OutputStream openPart(Path part, StandardOpenOption mode) throws DownloadException {
        try {
            return Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new DownloadException(Kind.DISK_FULL, "cannot write " + part + ": " + e.getMessage(), false, e);
        }
    }

    private Downloaded finish(DownloadRequest request, Path part, Path target, String announcedSha)
            throws DownloadException {
        String expected = request.expectedSha256() != null ? request.expectedSha256() : announcedSha;
        if (expected != null) {
            String actual = sha256(part);
            if (!actual.equals(expected)) {
                deleteQuietly(part);
                throw new DownloadException(Kind.HASH_MISMATCH, "SHA-256 mismatch for " + request.fileName()
                        + ": expected " + expected + ", got " + actual + "; the damaged download was removed", false);
            }
        }
        try {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target);
            }
            return new Downloaded(target, expected, expected != null);
        } catch (IOException e) {
            throw new DownloadException(Kind.DISK_FULL, "cannot move the download into place: " + e.getMessage(), true, e);
        }
    }

    /** The file's SHA-256 in lower-case hex (the runtime installer checks its archives with it too). */
    public static String sha256(Path file) throws DownloadException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new DownloadException(Kind.DISK_FULL, "cannot read " + file + " to check it: " + e.getMessage(), true, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static DownloadException statusError(DownloadRequest request, int status, boolean partKept) {
        String what = request.file() + " in " + request.repo() + " at " + request.revision();
        return switch (status) {
            case 401, 403 -> new DownloadException(Kind.UNAUTHORIZED, "the repository " + request.repo()
                    + " is gated or private (HTTP " + status + "): accept its terms on huggingface.co and set an access token", partKept);
            case 404 -> new DownloadException(Kind.NOT_FOUND, "not found: " + what + " (check the repository and file name)", partKept);
            default -> new DownloadException(Kind.HTTP_ERROR, "the server answered HTTP " + status + " for " + what, partKept);
        };
    }

    private static Optional<String> announcedSha(HttpResponse<?> response) {
        return response.headers().firstValue("X-Linked-Etag")
                .map(v -> v.replace("\"", "").strip().toLowerCase(Locale.ROOT))
                .filter(v -> SHA256.matcher(v).matches());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Left behind; the next run overwrites or resumes it.
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Only a redirect's empty body.
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
