package dev.breakeven.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Hugging Face Hub on loopback, as its API answers (shapes recorded in src/test/resources/dev/breakeven/hub):
 * {@code /api/models?search=…&filter=gguf}, {@code /api/models/OWNER/REPO/tree/main?recursive=true},
 * {@code /OWNER/REPO/resolve/main/FILE} answering 302 with {@code X-Linked-Etag} (the LFS SHA-256) and
 * {@code X-Linked-Size} to a second host (the "CDN", {@code localhost} where the Hub is {@code 127.0.0.1}), which
 * serves the bytes with Range. Every request is logged with its Authorization header and bytes sent.
 */
public final class HubEmulator implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    /** Files above this are not hashed (sparse multi-GB shapes are only ever header-read). */
    private static final long HASH_LIMIT = 256L << 20;

    /** One request as the server saw it. */
    public record Request(String server, String method, String path, String range, String authorization, long bytesSent) {
    }

    private record Hosted(String repo, String path, Path file, String sha256) {
    }

    private final List<Request> log = new CopyOnWriteArrayList<>();
    /** Requests still being answered: a client can finish reading before its request is logged. */
    private final java.util.concurrent.atomic.AtomicInteger answering = new java.util.concurrent.atomic.AtomicInteger();
    /** False: the CDN ignores Range and always sends the whole file. */
    public volatile boolean rangeSupported = true;
    /** Non-negative: the CDN cuts every body after this many bytes. */
    public volatile long cutAfterBytes = -1;
    /** Non-null: the CDN serves these bytes instead of the file, with their own SHA-256 in X-Linked-Etag. */
    public volatile byte[] cdnSubstitute;
    /** True: the CDN sends no Content-Length (chunked) for whole-file answers. */
    public volatile boolean cdnChunked;
    /** True: resolve redirects to the CDN by the Hub's own host name (127.0.0.1) over plain http. */
    public volatile boolean redirectToSameHostHttp;
    private final boolean https;

    private final Map<String, Hosted> files = new ConcurrentHashMap<>();
    private final Map<String, String> gates = new ConcurrentHashMap<>();
    private final Map<String, Long> downloads = new ConcurrentHashMap<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final HttpServer hub;
    private final HttpServer cdn;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public HubEmulator() throws IOException {
        this(false);
    }

    /** @param https the Hub answers over https (a test certificate, see {@link TestTls}); the CDN stays http */
    public HubEmulator(boolean https) throws IOException {
        this.https = https;
        if (https) {
            com.sun.net.httpserver.HttpsServer secure = com.sun.net.httpserver.HttpsServer.create(
                    new InetSocketAddress("127.0.0.1", 0), 0);
            secure.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(TestTls.server()));
            hub = secure;
        } else {
            hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        cdn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/", counted(this::hub));
        cdn.createContext("/", counted(this::cdn));
        hub.setExecutor(executor);
        cdn.setExecutor(executor);
        hub.start();
        cdn.start();
    }

    public URI baseUrl() {
        return URI.create((https ? "https" : "http") + "://127.0.0.1:" + hub.getAddress().getPort() + "/");
    }

    /** The CDN's address: another host name ({@code localhost}) on another port. */
    public URI cdnUrl() {
        return URI.create("http://localhost:" + cdn.getAddress().getPort() + "/");
    }

    /** A direct link to a hosted file on the CDN (no Hub, no redirect), for {@code fit --url}. */
    public URI directUrl(String repo, String path) {
        return cdnUrl().resolve("blob/" + repo + "/" + path);
    }

    public HubEmulator add(String repo, String path, Path file) throws IOException {
        return add(repo, path, file, Files.size(file) <= HASH_LIMIT ? sha256(file) : null);
    }

    public HubEmulator add(String repo, String path, Path file, String sha256) {
        files.put(repo + "/" + path, new Hosted(repo, path, file, sha256));
        downloads.merge(repo, 1000L, Long::sum);
        return this;
    }

    /** The repository answers 401 unless the request carries {@code Bearer token}. */
    public HubEmulator gate(String repo, String token) {
        gates.put(repo, "Bearer " + token);
        return this;
    }

    public long bytesSent() {
        awaitAnswered();
        return bytesSent.get();
    }

    /** Every request so far, once those still being answered are logged. */
    public List<Request> log() {
        awaitAnswered();
        return List.copyOf(log);
    }

    private void awaitAnswered() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (answering.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private com.sun.net.httpserver.HttpHandler counted(com.sun.net.httpserver.HttpHandler handler) {
        return exchange -> {
            answering.incrementAndGet();
            try {
                handler.handle(exchange);
            } finally {
                answering.decrementAndGet();
            }
        };
    }

    public void resetLog() {
        log.clear();
        bytesSent.set(0);
    }

    private void hub(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            if (path.equals("/api/models")) {
                json(exchange, search(param(query, "search"), param(query, "filter")), "hub");
                return;
            }
            Matcher tree = Pattern.compile("/api/models/([^/]+/[^/]+)/tree/main/?").matcher(path);
            if (tree.matches()) {
                if (!allowed(exchange, tree.group(1))) {
                    answer(exchange, 401, "hub", "{\"error\":\"Access to model " + tree.group(1) + " is restricted.\"}");
                    return;
                }
                ArrayNode entries = tree(tree.group(1));
                if (entries == null) {
                    answer(exchange, 404, "hub", "{\"error\":\"Repository not found\"}");
                } else {
                    json(exchange, entries, "hub");
                }
                return;
            }
            Matcher resolve = Pattern.compile("/([^/]+/[^/]+)/resolve/main/(.+)").matcher(path);
            if (resolve.matches()) {
                Hosted file = files.get(resolve.group(1) + "/" + resolve.group(2));
                if (!allowed(exchange, resolve.group(1))) {
                    answer(exchange, 401, "hub", "Access restricted");
                } else if (file == null) {
                    answer(exchange, 404, "hub", "Entry not found");
                } else {
                    if (file.sha256() != null) {
                        exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + file.sha256() + "\"");
                    }
                    exchange.getResponseHeaders().add("X-Linked-Size", Long.toString(Files.size(file.file())));
                    URI target = directUrl(file.repo(), file.path());
                    if (redirectToSameHostHttp) {
                        target = URI.create(target.toString().replace("//localhost:", "//127.0.0.1:"));
                    }
                    exchange.getResponseHeaders().add("Location", target.toString());
                    answer(exchange, 302, "hub", "");
                }
                return;
            }
            answer(exchange, 404, "hub", "not found");
        }
    }

    private boolean allowed(HttpExchange exchange, String repo) {
        String gate = gates.get(repo);
        return gate == null || gate.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private ArrayNode search(String text, String filter) {
        ArrayNode out = Json.mapper().createArrayNode();
        String needle = text == null ? "" : text.toLowerCase(Locale.ROOT);
        files.values().stream().map(Hosted::repo).distinct().sorted()
                .filter(repo -> repo.toLowerCase(Locale.ROOT).contains(needle))
                .filter(repo -> filter == null || filter.equals("gguf"))
                .forEach(repo -> {
                    ObjectNode node = out.addObject();
                    node.put("_id", Integer.toHexString(repo.hashCode()));
                    node.put("id", repo);
                    node.put("likes", 7);
                    node.put("private", false);
                    node.put("downloads", downloads.getOrDefault(repo, 0L));
                    node.putArray("tags").add("gguf").add("text-generation");
                    node.put("pipeline_tag", "text-generation");
                    node.put("createdAt", "2026-11-30T10:00:00.000Z");
                    node.put("modelId", repo);
                });
        return out;
    }

    private ArrayNode tree(String repo) throws IOException {
        ArrayNode out = Json.mapper().createArrayNode();
        boolean any = false;
        ObjectNode readme = out.addObject();
        readme.put("type", "file").put("oid", "0a1b2c3d").put("size", 1234).put("path", "README.md");
        for (Hosted file : files.values().stream().filter(f -> f.repo().equals(repo))
                .sorted(java.util.Comparator.comparing(Hosted::path)).toList()) {
            any = true;
            long size = Files.size(file.file());
            ObjectNode node = out.addObject();
            node.put("type", "file").put("oid", Integer.toHexString(file.path().hashCode())).put("size", size);
            if (file.sha256() != null) {
                node.putObject("lfs").put("oid", file.sha256()).put("size", size).put("pointerSize", 135);
            }
            node.put("path", file.path());
        }
        return any ? out : null;
    }

    private void cdn(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            Hosted file = path.startsWith("/blob/") ? files.get(path.substring("/blob/".length())) : null;
            if (file == null) {
                answer(exchange, 404, "cdn", "NoSuchKey");
                return;
            }
            byte[] substitute = cdnSubstitute;
            if (substitute != null) {
                exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + sha256(substitute) + "\"");
            }
            long size = substitute != null ? substitute.length : Files.size(file.file());
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range);
            long from = 0;
            long to = size - 1;
            int status = 200;
            if (rangeSupported && m != null && m.matches()) {
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                if (from >= size) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + size);
                    answer(exchange, 416, "cdn", "");
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + size);
            }
            exchange.getResponseHeaders().add("Accept-Ranges", rangeSupported ? "bytes" : "none");
            long length = to - from + 1;
            exchange.sendResponseHeaders(status, cdnChunked && status == 200 ? 0 : length);
            long sent = 0;
            long cut = cutAfterBytes;
            try (OutputStream out = exchange.getResponseBody();
                 InputStream in = substitute != null ? new java.io.ByteArrayInputStream(substitute, (int) from, (int) length)
                         : slice(file.file(), from)) {
                byte[] buffer = new byte[1 << 16];
                while (sent < length) {
                    int want = (int) Math.min(buffer.length, length - sent);
                    if (cut >= 0) {
                        want = (int) Math.min(want, cut - sent);
                        if (want <= 0) {
                            out.flush();
                            break;
                        }
                    }
                    int n = in.read(buffer, 0, want);
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    sent += n;
                    bytesSent.addAndGet(n);
                }
                // A cut leaves the body short of its Content-Length: closing it drops the connection.
            } catch (IOException clientWentAway) {
                // The reader stops after the header; a broken pipe is the normal end of a streamed answer.
            } finally {
                log.add(new Request("cdn", exchange.getRequestMethod(), path, range,
                        exchange.getRequestHeaders().getFirst("Authorization"), sent));
            }
        }
    }

    private static InputStream slice(Path file, long from) throws IOException {
        FileChannel channel = FileChannel.open(file);
        channel.position(from);
        return java.nio.channels.Channels.newInputStream(channel);
    }

    private void json(HttpExchange exchange, Object body, String server) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        answer(exchange, 200, server, Json.mapper().writeValueAsString(body));
    }

    private void answer(HttpExchange exchange, int status, String server, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        bytesSent.addAndGet(bytes.length);
        log.add(new Request(server, exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Range"), exchange.getRequestHeaders().getFirst("Authorization"),
                bytes.length));
    }

    private static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    public static String sha256(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            while (channel.read(buffer.clear()) >= 0) {
                digest.update(buffer.flip());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
        executor.shutdownNow();
    }
}
