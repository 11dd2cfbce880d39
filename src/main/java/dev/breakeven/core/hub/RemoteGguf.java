package dev.breakeven.core.hub;

import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.GgufWeights;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufFormatException;
import dev.breakeven.core.gguf.GgufModelShapes;
import dev.breakeven.core.gguf.GgufReadOptions;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.gguf.GgufTensorInfo;
import dev.breakeven.core.models.ModelShape;
import dev.breakeven.core.library.HubEndpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the GGUF header of a remote file (every shard of a split model) over HTTP Range requests and makes it a
 * {@link GgufModel} the Fit planner plans like a local file. The GGUF reader's own limits hold (bounded counts and
 * lengths, few array elements kept); on top, no shard may cost more than {@code maxHeaderBytes} of transfer.
 */
public final class RemoteGguf {
    /** Far above any real header (a 256k-token vocabulary is ~10 MB) and far below any model's weights. */
    public static final long DEFAULT_MAX_HEADER_BYTES = 64L << 20;
    private static final Pattern SHARD = Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.gguf", Pattern.CASE_INSENSITIVE);
    private static final int MAX_SHARDS = 256;

    private final HttpClient client;
    private final HubEndpoint hub;
    private final long maxHeaderBytes;
    private final Duration timeout;
    private final GgufReadOptions options;

    public RemoteGguf(HttpClient client, HubEndpoint hub, long maxHeaderBytes, Duration timeout) {
        this.client = client;
        this.hub = hub;
        this.maxHeaderBytes = maxHeaderBytes;
        this.timeout = timeout;
        this.options = GgufReadOptions.DEFAULT;
    }

    public static RemoteGguf standard(HubEndpoint hub) {
        return new RemoteGguf(HubHttp.client(), hub, DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(30));
    }

    /** One shard's header and what reading it cost. */
    public record Shard(URI url, GgufFile file, long bytesRead, int requests, boolean rangeSupported) {
    }

    /**
     * A remote model ready to plan.
     *
     * @param fileBytes the size of all shards together (what a download costs)
     * @param bytesRead what reading the headers transferred
     * @param notes     what the user should know (no Range support, …)
     */
    public record Result(GgufModel model, List<Shard> shards, long fileBytes, long bytesRead, List<String> notes) {
        public Result {
            shards = List.copyOf(shards);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Reads {@code url}; a name like {@code x-00002-of-00004.gguf} reads shards 1 to 4.
     *
     * @throws IOException               an HTTP error, a cut connection or a limit, with a message a person can act on
     * @throws IllegalArgumentException  the header is not a usable GGUF model (the message names the file)
     */
    public Result read(URI url) throws IOException {
        String name = fileName(url);
        Matcher split = SHARD.matcher(name);
        List<URI> urls = new ArrayList<>();
        if (split.matches()) {
            int count = Integer.parseInt(split.group(3));
            if (count < 1 || count > MAX_SHARDS) {
                throw new IllegalArgumentException(name + ": a split into " + count + " shards is not plausible");
            }
            for (int i = 1; i <= count; i++) {
                urls.add(sibling(url, String.format(Locale.ROOT, "%s-%05d-of-%s.gguf", split.group(1), i, split.group(3))));
            }
        } else {
            urls.add(url);
        }
        List<Shard> shards = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (URI shardUrl : urls) {
            Shard shard = readShard(shardUrl);
            shards.add(shard);
            if (!shard.rangeSupported() && notes.stream().noneMatch(n -> n.contains("Range"))) {
                notes.add(String.format(Locale.ROOT, "the server at %s ignores Range requests: the header was read from "
                        + "the start of a streamed download, stopped after %.1f MB", shardUrl.getHost(), shard.bytesRead() / 1e6));
            }
        }
        GgufFile first = shards.getFirst().file();
        long declared = first.uint("split.count").orElse(1);
        if (declared != shards.size()) {
            throw new IllegalArgumentException(name + ": the header says the model is split into " + declared
                    + " files, " + (urls.size() == 1 ? "but the name has no -00001-of-0000N part to find the others"
                    : "but the name says " + urls.size()));
        }
        GgufFile merged = merge(name, shards.stream().map(Shard::file).toList());
        GgufModel model = model(name, merged);
        long read = shards.stream().mapToLong(Shard::bytesRead).sum();
        return new Result(model, shards, merged.fileSize(), read, notes);
    }

    /** A plannable model from a (merged) header; {@code name} is the file name, for the label and messages. */
    static GgufModel model(String name, GgufFile merged) {
        Matcher split = SHARD.matcher(name);
        String label = dev.breakeven.core.library.DisplayText.sanitize(merged.string("general.name")
                .filter(s -> !s.isBlank())
                .orElse(split.matches() ? split.group(1) : name.replaceFirst("(?i)\\.gguf$", "")));
        try {
            ModelShape shape = GgufModelShapes.from(merged);
            return new GgufModel(label, null, shape, GgufWeights.of(merged, shape.blockCount(), label));
        } catch (GgufFormatException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A local model file ready to plan: a single file as {@link GgufModel#read}, a shard {@code x-0000i-of-0000N}
     * with every shard beside it read and their tensors planned together.
     *
     * @throws IllegalArgumentException with a message a user understands (missing shard, not a GGUF, …)
     */
    public static GgufModel readLocal(java.nio.file.Path path) {
        String name = path.getFileName().toString();
        Matcher split = SHARD.matcher(name);
        if (!split.matches()) {
            return GgufModel.read(path);
        }
        int count = Integer.parseInt(split.group(3));
        if (count < 1 || count > MAX_SHARDS) {
            throw new IllegalArgumentException(name + ": a split into " + count + " shards is not plausible");
        }
        List<GgufFile> files = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            java.nio.file.Path part = path.resolveSibling(String.format(Locale.ROOT, "%s-%05d-of-%s.gguf",
                    split.group(1), i, split.group(3)));
            try {
                files.add(GgufReader.read(part));
            } catch (GgufFormatException e) {
                throw new IllegalArgumentException(part.getFileName() + ": " + e.getMessage()
                        + (java.nio.file.Files.exists(part) ? "" : " (shard " + i + " of " + count + " is missing)"), e);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + part + ": " + e.getMessage(), e);
            }
        }
        GgufFile merged = merge(name, files);
        if (merged.tensors().isEmpty() || files.getFirst().uint("split.count").orElse(1) != count) {
            throw new IllegalArgumentException(name + ": the header does not say it is split into " + count + " files");
        }
        return model(name, merged);
    }

    private Shard readShard(URI url) throws IOException {
        try (HttpRangeChannel channel = HttpRangeChannel.open(client, hub, url, maxHeaderBytes, timeout)) {
            try {
                GgufFile file = GgufReader.read(channel, options);
                return new Shard(url, file, channel.bytesRead(), channel.requests(), channel.rangeSupported());
            } catch (GgufFormatException e) {
                throw new IllegalArgumentException(fileName(url) + ": " + e.getMessage(), e);
            }
        }
    }

    /** The first shard's metadata with every shard's tensors; the size is all shards together. */
    private static GgufFile merge(String name, List<GgufFile> shards) {
        if (shards.size() == 1) {
            return shards.getFirst();
        }
        List<GgufTensorInfo> tensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long size = 0;
        for (GgufFile shard : shards) {
            for (GgufTensorInfo tensor : shard.tensors()) {
                if (!names.add(tensor.name())) {
                    throw new IllegalArgumentException(name + ": tensor '" + tensor.name() + "' is in two shards");
                }
                tensors.add(tensor);
            }
            size += shard.fileSize();
        }
        GgufFile first = shards.getFirst();
        return new GgufFile(first.version(), first.metadata(), tensors, first.alignment(), first.dataOffset(), size);
    }

    static String fileName(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static URI sibling(URI url, String name) {
        String raw = url.getRawPath();
        String parent = raw.substring(0, raw.lastIndexOf('/') + 1);
        return url.resolve(parent + name.replace(" ", "%20") + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }
}
