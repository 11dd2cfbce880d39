package dev.breakeven.core.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for GitHub: {@code /repos/ggml-org/llama.cpp/releases/latest} and {@code …/tags/TAG} answer with
 * release JSON, {@code /download/NAME} serves asset bytes with Range support. {@link #cutAfter} makes the next
 * download send only that many bytes and then drop the connection, as a network cut would.
 */
public final class ReleaseServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> releases = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicLong cutAfter = new AtomicLong(-1);
    final List<String> rangeHeaders = new CopyOnWriteArrayList<>();

    public ReleaseServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/repos/ggml-org/llama.cpp/releases/", this::release);
        server.createContext("/download/", this::download);
        server.start();
    }

    public URI latest() {
        return base().resolve("/repos/ggml-org/llama.cpp/releases/latest");
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Publishes a release; {@code key} is "latest" or "tags/TAG". */
    public void release(String key, String json) {
        releases.put(key, json);
    }

    public URI file(String name, byte[] bytes) {
        files.put(name, bytes);
        return base().resolve("/download/" + name);
    }

    public void cutAfter(long bytes) {
        cutAfter.set(bytes);
    }

    private void release(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestURI().getPath().substring("/repos/ggml-org/llama.cpp/releases/".length());
        String json = releases.get(key);
        byte[] body = (json != null ? json : "{\"message\": \"Not Found\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(json != null ? 200 : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void download(HttpExchange exchange) throws IOException {
        byte[] bytes = files.get(exchange.getRequestURI().getPath().substring("/download/".length()));
        if (bytes == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        rangeHeaders.add(range == null ? "" : range);
        int from = 0;
        if (range != null && range.startsWith("bytes=")) {
            from = Integer.parseInt(range.substring(6, range.indexOf('-')));
            if (from >= bytes.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + bytes.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
            exchange.sendResponseHeaders(206, bytes.length - from);
        } else {
            exchange.sendResponseHeaders(200, bytes.length);
        }
        long cut = cutAfter.getAndSet(-1);
        OutputStream out = exchange.getResponseBody();
        if (cut >= 0) {
            out.write(bytes, from, (int) Math.min(cut, bytes.length - from));
            out.flush();
            try {
                out.close(); // short of Content-Length: the server drops the connection, as a network cut would
            } catch (IOException expected) {
                // "insufficient bytes written to stream"
            }
            return;
        }
        try (out) {
            out.write(bytes, from, bytes.length - from);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
