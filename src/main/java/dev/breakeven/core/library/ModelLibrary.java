package dev.breakeven.core.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds GGUF models already on disk: the project's models/ folder, a user folder, LM Studio's model
 * folders, Ollama's blobs (through its manifests) and the Hugging Face hub cache.
 * Scanning reads directory entries and, for Ollama blobs only, four magic bytes; it never follows a
 * symlinked folder (so a link loop cannot trap it) and stops at a fixed depth. The same file reached
 * twice (a symlink, a second snapshot) is listed once.
 */
public final class ModelLibrary {
    static final String OLLAMA_MODEL_LAYER = "application/vnd.ollama.image.model";
    private static final int FOLDER_DEPTH = 4;
    private static final Pattern SHARD = Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.gguf", Pattern.CASE_INSENSITIVE);
    private static final byte[] GGUF_MAGIC = {'G', 'G', 'U', 'F'};

    private final LibraryRoots roots;
    private final ObjectMapper json = new ObjectMapper();

    public ModelLibrary(LibraryRoots roots) {
        this.roots = roots;
    }

    public LibraryRoots roots() {
        return roots;
    }

    /** Every model found, in origin order, each file once. Never throws for unreadable folders. */
    public List<LibraryModel> scan() {
        Map<Path, LibraryModel> byRealPath = new LinkedHashMap<>();
        BiConsumer<Path, LibraryModel> add = (real, model) -> byRealPath.putIfAbsent(real, model);
        scanFolder(roots.projectModels(), ModelOrigin.PROJECT, FOLDER_DEPTH, add);
        scanFolder(roots.userFolder(), ModelOrigin.USER_FOLDER, FOLDER_DEPTH, add);
        for (Path root : roots.lmStudio()) {
            scanFolder(root, ModelOrigin.LM_STUDIO, 3, add);
        }
        for (Path root : roots.ollama()) {
            scanOllama(root, add);
        }
        for (Path root : roots.huggingFace()) {
            scanHuggingFace(root, add);
        }
        return List.copyOf(byRealPath.values());
    }

    /** True when the file starts with the GGUF magic. */
    public static boolean looksLikeGguf(Path file) {
        if (!Files.isRegularFile(file)) {
            return false; // a FIFO would block the open
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return java.util.Arrays.equals(head, GGUF_MAGIC);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private void scanFolder(Path root, ModelOrigin origin, int depth, BiConsumer<Path, LibraryModel> add) {
        if (root == null || !Files.isDirectory(root)) {
            return;
        }
        List<Path> files = ggufFilesUnder(root, depth);
        for (ShardGroup group : groupShards(files)) {
            Path parent = root.relativize(group.first()).getParent();
            String repository = origin == ModelOrigin.LM_STUDIO && parent != null ? slash(parent) : null;
            addFile(group, group.name(), origin, repository, add);
        }
    }

    private void scanHuggingFace(Path hub, BiConsumer<Path, LibraryModel> add) {
        if (!Files.isDirectory(hub)) {
            return;
        }
        for (Path repo : list(hub)) {
            String dirName = repo.getFileName().toString();
            if (!dirName.startsWith("models--") || !Files.isDirectory(repo, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String repository = dirName.substring("models--".length()).replace("--", "/");
            for (Path snapshot : list(repo.resolve("snapshots"))) {
                for (ShardGroup group : groupShards(ggufFilesUnder(snapshot, FOLDER_DEPTH))) {
                    addFile(group, group.name(), ModelOrigin.HUGGING_FACE, repository, add);
                }
            }
        }
    }

    private void scanOllama(Path root, BiConsumer<Path, LibraryModel> add) {
        Path manifests = root.resolve("manifests");
        if (!Files.isDirectory(manifests)) {
            return;
        }
        // manifests/<host>/<namespace>/<name>/<tag>; Ollama's own registry first, so a blob shared with
        // another tag is listed under its official name.
        List<Path> files = new ArrayList<>(regularFilesAt(manifests, 4));
        files.sort(java.util.Comparator.comparing((Path p) -> !manifests.relativize(p).startsWith("registry.ollama.ai"))
                .thenComparing(p -> p));
        for (Path manifest : files) {
            Path relative = manifests.relativize(manifest);
            if (relative.getNameCount() != 4) {
                continue;
            }
            String host = relative.getName(0).toString();
            String namespace = relative.getName(1).toString();
            String name = relative.getName(2).toString();
            String tag = relative.getName(3).toString();
            Path blob = ollamaModelBlob(root, manifest);
            if (blob == null || !looksLikeGguf(blob)) {
                continue;
            }
            boolean official = host.equals("registry.ollama.ai") && namespace.equals("library");
            String display = (official ? "" : (host.equals("registry.ollama.ai") ? "" : host + "/") + namespace + "/")
                    + name + ":" + tag;
            addFile(new ShardGroup(blob, display, List.of(blob)), display, ModelOrigin.OLLAMA,
                    host + "/" + namespace + "/" + name, add);
        }
    }

    /** The blob the manifest's model layer points at, or null when the manifest or blob is missing. */
    Path ollamaModelBlob(Path root, Path manifest) {
        try {
            JsonNode layers = json.readTree(manifest.toFile()).path("layers");
            for (JsonNode layer : layers) {
                if (OLLAMA_MODEL_LAYER.equals(layer.path("mediaType").asText())) {
                    String digest = layer.path("digest").asText();
                    if (!digest.matches("sha256:[0-9a-f]{64}")) {
                        return null;
                    }
                    Path blob = root.resolve("blobs").resolve(digest.replace(':', '-'));
                    return Files.isRegularFile(blob) ? blob : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static void addFile(ShardGroup group, String display, ModelOrigin origin, String repository,
                                BiConsumer<Path, LibraryModel> add) {
        try {
            long size = 0;
            for (Path part : group.parts()) {
                size += Files.size(part); // follows a file symlink (HF snapshots) to its blob
            }
            Path real = group.first().toRealPath();
            add.accept(real, LibraryModel.found(group.first(), display, origin, repository, size, group.parts().size()));
        } catch (IOException | SecurityException e) {
            // A dangling link or an unreadable file is not a model we can offer.
        }
    }

    /** .gguf files (or links to files) below root, depth-limited, never entering a symlinked folder. */
    private static List<Path> ggufFilesUnder(Path root, int depth) {
        List<Path> found = new ArrayList<>();
        walk(root, depth, (file, attrs) -> {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".gguf") && (attrs.isRegularFile() || Files.isRegularFile(file))) {
                found.add(file);
            }
        });
        Collections.sort(found);
        return found;
    }

    private static List<Path> regularFilesAt(Path root, int depth) {
        List<Path> found = new ArrayList<>();
        walk(root, depth, (file, attrs) -> {
            if (attrs.isRegularFile()) {
                found.add(file);
            }
        });
        Collections.sort(found);
        return found;
    }

    private static void walk(Path root, int depth, BiConsumer<Path, BasicFileAttributes> onFile) {
        FileVisitor<Path> visitor = new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(root) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                onFile.accept(file, attrs);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        };
        try {
            // No FOLLOW_LINKS: a symlinked folder is reported as a file-like entry and never entered.
            Files.walkFileTree(root, Set.of(), depth, visitor);
        } catch (IOException | SecurityException e) {
            // An unreadable root lists nothing.
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var stream = Files.list(dir)) {
            return stream.sorted().toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    /** Files of one model: a single file, or the shards "name-00001-of-0000N.gguf" found beside each other. */
    record ShardGroup(Path first, String name, List<Path> parts) {
    }

    static List<ShardGroup> groupShards(List<Path> files) {
        Map<String, List<Path>> shards = new LinkedHashMap<>();
        List<ShardGroup> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path file : files) {
            Matcher m = SHARD.matcher(file.getFileName().toString());
            if (m.matches()) {
                String key = file.resolveSibling(m.group(1)) + "|" + m.group(3);
                shards.computeIfAbsent(key, k -> new ArrayList<>()).add(file);
            } else {
                groups.add(new ShardGroup(file, stem(file), List.of(file)));
            }
        }
        for (Map.Entry<String, List<Path>> entry : shards.entrySet()) {
            List<Path> parts = entry.getValue();
            Matcher m = SHARD.matcher(parts.getFirst().getFileName().toString());
            m.matches();
            if (seen.add(entry.getKey()) && Integer.parseInt(m.group(2)) == 1) {
                groups.add(new ShardGroup(parts.getFirst(), m.group(1), List.copyOf(parts)));
            }
        }
        return groups;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".gguf") ? name.substring(0, name.length() - 5) : name;
    }

    private static String slash(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }
}
