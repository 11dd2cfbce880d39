package dev.breakeven.core.library;

import java.nio.file.Path;

/**
 * One model file on disk. {@code repository} is the publisher/repo (LM Studio, Hugging Face) or the
 * Ollama registry path, null for plain folders. {@code architecture}, {@code quantization} and
 * {@code parameterCount} come from the GGUF header (core.library.ModelHeaders.describe) and are null/0 until it
 * has been read; {@code problem} says why a header could not be read.
 * For a model split into shards, {@code path} is the first shard and {@code sizeBytes} the total.
 */
public record LibraryModel(Path path, String displayName, ModelOrigin origin, String repository, long sizeBytes,
                           int shards, String architecture, String quantization, long parameterCount,
                           String problem) {

    public static LibraryModel found(Path path, String displayName, ModelOrigin origin, String repository,
                                     long sizeBytes, int shards) {
        return new LibraryModel(path, DisplayText.sanitize(displayName), origin, DisplayText.sanitize(repository),
                sizeBytes, shards, null, null, 0, null);
    }

    /** A copy with the figures read from the GGUF header. */
    public LibraryModel withHeader(String architecture, String quantization, long parameterCount) {
        return new LibraryModel(path, displayName, origin, repository, sizeBytes, shards,
                DisplayText.sanitize(architecture), DisplayText.sanitize(quantization), parameterCount, null);
    }

    public LibraryModel withProblem(String problem) {
        return new LibraryModel(path, displayName, origin, repository, sizeBytes, shards, null, null, 0,
                DisplayText.sanitize(problem));
    }

    public boolean headerRead() {
        return architecture != null;
    }
}
