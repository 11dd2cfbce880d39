package dev.breakeven.core.hub;

import dev.breakeven.core.library.HubEndpoint;
import dev.breakeven.core.library.StallGuard;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote file as a read-only channel, fetched in growing HTTP Range windows as the reader moves on (256 KiB, then
 * twice as much each time up to 4 MiB), so a GGUF header is read in a few requests and the tensor data never.
 * A server that ignores Range answers the whole file: then the body is read as a stream, forward only, and
 * {@link #rangeSupported()} says so. Either way no more than {@code maxBytes} are ever transferred.
 * <p>
 * Redirects are followed by hand (the Hub sends large files to a CDN); the token goes only where
 * {@link HubEndpoint#mayAuthorize} allows. Later windows are asked of the final address directly.
 */
public final class HttpRangeChannel implements SeekableByteChannel {
    static final int FIRST_WINDOW = 256 << 10;
    static final int MAX_WINDOW = 4 << 20;
    private static final int MAX_REDIRECTS = 5;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d+)");

    private final HttpClient client;
    private final HubEndpoint hub;
    private final URI requested;
    private final long maxBytes;
    private final Duration timeout;

    private URI current;
    private long size = -1;
    private boolean rangeSupported = true;
    private byte[] window = new byte[0];
    private long windowStart;
    private int windowLength;
    private int nextWindow = FIRST_WINDOW;
    private long position;
    private long bytesRead;
    private int requests;
    private boolean open = true;
    /** No-Range mode: the one body, read forward. */
    private InputStream stream;
    private StallGuard streamGuard;
    private long streamPosition;

    private HttpRangeChannel(HttpClient client, HubEndpoint hub, URI url, long maxBytes, Duration timeout) {
        this.client = client;
        this.hub = hub;
        this.requested = url;
        this.current = url;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /**
     * Opens {@code url} with a first Range request for its start.
     *
     * @param maxBytes the most bytes this channel may transfer, whatever the reader asks for
     * @throws RemoteReadException for an HTTP error (404, 401/403, …), no file size, or a cut connection
     */
    public static HttpRangeChannel open(HttpClient client, HubEndpoint hub, URI url, long maxBytes, Duration timeout)
            throws IOException {
        if (url.getScheme() == null || !url.getScheme().toLowerCase(Locale.ROOT).matches("https?")) {
            throw new RemoteReadException("only http and https addresses can be read, got: " + url);
        }
        HttpRangeChannel channel = new HttpRangeChannel(client, hub, url, maxBytes, timeout);
        channel.first();
        return channel;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public int requests() {
        return requests;
    }

    /** False when the server ignored Range and the header was read from the start of a whole-file stream. */
    public boolean rangeSupported() {
        return rangeSupported;
    }

    /** The address after redirects. */
    public URI finalUrl() {
        return current;
    }

    private void first() throws IOException {
        HttpResponse<InputStream> response = send(0, (int) Math.min(FIRST_WINDOW, Math.max(1, maxBytes)));
        int status = response.statusCode();
        if (status == 206) {
            long[] range = contentRange(response, 0);
            size = range[2];
            fill(response, 0, (int) (range[1] - range[0] + 1));
            nextWindow = Math.min(MAX_WINDOW, FIRST_WINDOW * 2);
        } else if (status == 200) {
            rangeSupported = false;
            size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (size < 0) {
                close(response.body());
                throw new RemoteReadException("the server at " + current.getHost() + " supports no Range requests and "
                        + "gives no file size, so the GGUF header cannot be checked");
            }
            stream = response.body();
            streamGuard = StallGuard.watch(stream, timeout);
            windowStart = 0;
            windowLength = 0;
            readStream(0, FIRST_WINDOW);
        } else if (status == 416) {
            // An empty file answers "416, bytes */0" to any range.
            close(response.body());
            size = response.headers().firstValue("Content-Range").map(UNSATISFIED::matcher).filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1))).orElse(0L);
            if (size != 0) {
                throw new RemoteReadException("the server refused the range 0-" + (FIRST_WINDOW - 1) + " of " + requested,
                        416, null);
            }
        } else {
            close(response.body());
            throw statusError(status);
        }
    }

    private HttpResponse<InputStream> send(long from, int length) throws IOException {
        URI url = current;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(timeout)
                    .header("User-Agent", "Breakeven/0.1 (GGUF header reader)")
                    .header("Range", "bytes=" + from + "-" + (from + length - 1));
            hub.authorization(url).ifPresent(value -> request.header("Authorization", value));
            HttpResponse<InputStream> response;
            try {
                requests++;
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteReadException("interrupted while reading " + requested, 0, e);
            } catch (IOException e) {
                throw new RemoteReadException("cannot reach " + url.getHost() + ": " + describe(e), 0, e);
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (response.statusCode() / 100 == 3 && location.isPresent()) {
                close(response.body());
                url = url.resolve(location.get());
                continue;
            }
            current = url;
            return response;
        }
        throw new RemoteReadException("too many redirects for " + requested);
    }

    private long[] contentRange(HttpResponse<?> response, long from) throws RemoteReadException {
        Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        if (!m.matches() || Long.parseLong(m.group(1)) != from || m.group(3).equals("*")) {
            throw new RemoteReadException("the server at " + current.getHost() + " answered a different range than asked ("
                    + response.headers().firstValue("Content-Range").orElse("no Content-Range") + ")", 206, null);
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        long total = Long.parseLong(m.group(3));
        if (end < start || end >= total) {
            throw new RemoteReadException("impossible Content-Range from " + current.getHost() + ": " + m.group(), 206, null);
        }
        return new long[]{start, end, total};
    }

    /** Reads a Range answer's body into the window. */
    private void fill(HttpResponse<InputStream> response, long from, int length) throws IOException {
        charge(length);
        if (window.length < length) {
            window = new byte[length];
        }
        try (InputStream body = response.body(); StallGuard guard = StallGuard.watch(body, timeout)) {
            int got = 0;
            while (got < length) {
                int n = body.read(window, got, length - got);
                if (n < 0) {
                    break;
                }
                guard.alive();
                got += n;
            }
            bytesRead += got;
            if (got < length) {
                throw cut(from + got, null);
            }
        } catch (RemoteReadException e) {
            throw e;
        } catch (IOException e) {
            throw cut(from, e);
        }
        windowStart = from;
        windowLength = length;
    }

    /** No-Range mode: moves the stream to {@code from} (discarding) and reads up to {@code length} bytes there. */
    private void readStream(long from, int length) throws IOException {
        if (from < streamPosition) {
            throw new RemoteReadException("the server ignores Range requests and the reader asked to go back to byte "
                    + from + "; cannot read this header from a stream");
        }
        try {
            long skip = from - streamPosition;
            charge(skip);
            while (skip > 0) {
                long n = stream.skip(skip);
                if (n <= 0) {
                    if (stream.read() < 0) {
                        throw cut(streamPosition, null);
                    }
                    n = 1;
                }
                streamGuard.alive();
                skip -= n;
                streamPosition += n;
                bytesRead += n;
            }
            int want = (int) Math.min(length, size - from);
            charge(want);
            if (window.length < want) {
                window = new byte[want];
            }
            int got = stream.readNBytes(window, 0, want);
            streamGuard.alive();
            bytesRead += got;
            streamPosition += got;
            if (got < want) {
                throw cut(streamPosition, null);
            }
            windowStart = from;
            windowLength = got;
        } catch (RemoteReadException e) {
            throw e;
        } catch (IOException e) {
            throw cut(streamPosition, e);
        }
    }

    private void charge(long bytes) throws RemoteReadException {
        if (bytesRead + bytes > maxBytes) {
            throw new RemoteReadException(String.format(Locale.ROOT,
                    "the GGUF header of %s goes on past the %.0f MB read limit; no model needs that much "
                            + "(a damaged or hostile file)%s", requested, maxBytes / 1e6,
                    rangeSupported ? "" : " (the server ignores Range requests, so the file was streamed from its start)"));
        }
    }

    private RemoteReadException cut(long at, IOException cause) {
        return new RemoteReadException("the connection to " + current.getHost() + " was cut at byte " + at
                + " while reading the GGUF header" + (cause == null ? "" : ": " + describe(cause))
                + "; try again", 0, cause);
    }

    private RemoteReadException statusError(int status) {
        return switch (status) {
            case 401, 403 -> new RemoteReadException("HTTP " + status + " for " + requested + ": the repository is gated "
                    + "or private. Accept its terms on " + hub.hostLabel() + " and set HF_TOKEN (or put the token in the "
                    + "app's " + HubEndpoint.KEY_FILE + " file)" + (hub.token() != null && !hub.mayAuthorize(requested)
                    ? "; the token is only sent over https to " + hub.hostLabel() : ""), status, null);
            case 404 -> new RemoteReadException("not found (HTTP 404): " + requested
                    + " (check the repository and file name)", status, null);
            default -> new RemoteReadException("the server answered HTTP " + status + " for " + requested, status, null);
        };
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new java.nio.channels.ClosedChannelException();
        }
        if (position >= size) {
            return -1;
        }
        if (position < windowStart || position >= windowStart + windowLength) {
            if (rangeSupported) {
                // Never ask for more than the read limit leaves: what the server sends is what counts.
                int length = (int) Math.min(Math.min(nextWindow, size - position), maxBytes - bytesRead);
                if (length <= 0) {
                    charge(1);
                }
                HttpResponse<InputStream> response = send(position, length);
                if (response.statusCode() != 206) {
                    close(response.body());
                    throw response.statusCode() == 200
                            ? new RemoteReadException("the server at " + current.getHost() + " stopped honouring Range "
                            + "requests mid-read", 200, null)
                            : statusError(response.statusCode());
                }
                long[] range = contentRange(response, position);
                fill(response, position, (int) (range[1] - range[0] + 1));
                nextWindow = Math.min(MAX_WINDOW, nextWindow * 2);
            } else {
                readStream(position, nextWindow);
                nextWindow = Math.min(MAX_WINDOW, nextWindow * 2);
            }
        }
        int offset = (int) (position - windowStart);
        int n = Math.min(dst.remaining(), windowLength - offset);
        dst.put(window, offset, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        if (streamGuard != null) {
            streamGuard.close();
        }
        if (stream != null) {
            close(stream);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing more to read from it.
        }
    }
}
