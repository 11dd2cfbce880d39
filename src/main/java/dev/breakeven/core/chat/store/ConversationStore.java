package dev.breakeven.core.chat.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.io.AtomicFiles;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Conversations as one JSON file each in a folder, written atomically so a crash at any moment leaves every
 * file readable. A file that cannot be read is skipped with a notice, never fatal. Thread-safe.
 */
public final class ConversationStore {
    private static final String SUFFIX = ".json";
    private final Path folder;
    /** A temporary file this old is a leftover of a killed write, not one in progress. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConversationStore.class);
    private final ObjectMapper json = Json.mapper();
    private boolean cleaned;

    public ConversationStore(Path folder) {
        this.folder = folder;
    }

    /** The conventional place: {@code <data>/conversations}. */
    public static ConversationStore under(Path dataFolder) {
        return new ConversationStore(dataFolder.resolve("conversations"));
    }

    public Path folder() {
        return folder;
    }

    /** Every readable conversation, most recently updated first, and a notice per file skipped. */
    public record Listing(List<Conversation> conversations, List<String> notices) {
    }

    public synchronized Listing list() {
        List<Conversation> found = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new Listing(List.of(), List.of());
        }
        if (!cleaned) {
            cleaned = true;
            removeStaleTemporaries(Instant.now());
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                try {
                    Conversation read = json.readValue(file.toFile(), Conversation.class);
                    if (read == null) {
                        // A file holding just `null` parses to nothing: skip it like any other bad file, keep it.
                        notices.add("Skipped " + file.getFileName() + ": it holds no conversation (null); the file is kept");
                        continue;
                    }
                    found.add(read);
                } catch (IOException | RuntimeException e) {
                    notices.add("Skipped " + file.getFileName() + ": not a readable conversation ("
                            + firstLine(e.getMessage()) + "); the file is kept");
                }
            }
        } catch (IOException e) {
            notices.add("Cannot list " + folder + ": " + e.getMessage());
        }
        found.sort(Comparator.comparingLong(Conversation::updatedEpochMillis).reversed());
        return new Listing(List.copyOf(found), List.copyOf(notices));
    }

    public synchronized Optional<Conversation> load(String id) throws IOException {
        Path file = fileOf(id);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.ofNullable(json.readValue(file.toFile(), Conversation.class));
    }

    /**
     * Deletes the temporary files ({@code .<id>.json…tmp}) that {@link AtomicFiles} leaves when a run is killed
     * mid-write, once they are older than {@link #STALE_AFTER}; returns how many went. Runs with the first listing.
     */
    synchronized int removeStaleTemporaries(Instant now) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(ConversationStore::isOurTemporary).toList()) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(STALE_AFTER))) {
                        Files.deleteIfExists(file);
                        removed++;
                    }
                } catch (IOException e) {
                    LOG.warn("cannot remove the stale temporary {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", folder, e.getMessage());
        }
        if (removed > 0) {
            LOG.info("removed {} stale temporary file(s) from {}", removed, folder);
        }
        return removed;
    }

    private static boolean isOurTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.contains(SUFFIX) && name.endsWith(".tmp") && Files.isRegularFile(file);
    }

    public synchronized void save(Conversation conversation) throws IOException {
        AtomicFiles.write(fileOf(conversation.id()), json.writeValueAsBytes(conversation));
    }

    public synchronized Conversation rename(Conversation conversation, String title) throws IOException {
        Conversation renamed = conversation.withTitle(title);
        save(renamed);
        return renamed;
    }

    /** Deletes the file; keep the returned value to {@link #restore} it (undo). */
    public synchronized Conversation delete(Conversation conversation) throws IOException {
        Files.deleteIfExists(fileOf(conversation.id()));
        return conversation;
    }

    public void restore(Conversation deleted) throws IOException {
        save(deleted);
    }

    private Path fileOf(String id) {
        return folder.resolve(id + SUFFIX);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
