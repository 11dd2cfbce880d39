package dev.breakeven.core.library;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Hub on 127.0.0.1: {@code /{repo}/resolve/{rev}/{file}} redirects (with the file's
 * SHA-256 in X-Linked-Etag, as the Hub does for LFS files) to {@code /cdn/blob}, which serves the
 * bytes, honours Range, and can drop the connection halfway through its first answer.
 * Repos named "missing" answer 404, "gated" 401.
 */
public final class FlakyFileServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    public final List<String> blobRangeHeaders = new CopyOnWriteArrayList<>();
    final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();
    final AtomicLong bytesServed = new AtomicLong();
    /** Bytes each blob answer carried, in order. */
    final List<Integer> answerSizes = new CopyOnWriteArrayList<>();
    public volatile boolean dropFirstAnswer;
    volatile boolean stallFirstAnswer;
    volatile boolean honourRange = true;
    volatile String announcedSha;

    private final byte[] content;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public FlakyFileServer(byte[] content) throws IOException {
        this.content = content;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals("/cdn/blob")) {
            serveBlob(exchange);
            return;
        }
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/missing/")) {
                exchange.sendResponseHeaders(404, -1);
            } else if (path.startsWith("/gated/")) {
                authorizationHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.sendResponseHeaders(401, -1);
            } else if (path.contains("/resolve/")) {
                authorizationHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.getResponseHeaders().add("Location", "/cdn/blob?signature=abc");
                if (announcedSha != null) {
                    exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + announcedSha + "\"");
                }
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(500, -1);
            }
        }
    }

    private void serveBlob(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        boolean first = blobRangeHeaders.isEmpty();
        blobRangeHeaders.add(String.valueOf(range));
        int start = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches() && honourRange) {
            start = Integer.parseInt(m.group(1));
            if (start >= content.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
            exchange.sendResponseHeaders(206, content.length - start);
        } else {
            exchange.sendResponseHeaders(200, content.length);
        }
        OutputStream body = exchange.getResponseBody();
        boolean cut = first && (dropFirstAnswer || stallFirstAnswer);
        int end = cut ? content.length / 2 : content.length;
        try {
            body.write(content, start, end - start);
            body.flush();
            bytesServed.addAndGet(end - start);
            answerSizes.add(end - start);
        } catch (IOException clientWentAway) {
            exchange.close();
            return;
        }
        if (cut && stallFirstAnswer) {
            try {
                Thread.sleep(30_000); // a server that stops sending without closing
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
        if (end < content.length) {
            // An exception out of a handler makes the JDK server close the socket mid-body: a real drop.
            throw new IOException("connection dropped on purpose after " + (end - start) + " bytes");
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
