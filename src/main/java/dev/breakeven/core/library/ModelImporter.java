package dev.breakeven.core.library;

import dev.breakeven.core.library.DownloadException.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Copies a GGUF file into the models folder through a {@code .part} file, reporting progress, so a
 * cancelled or failed copy never leaves a half file that looks like a model.
 */
public final class ModelImporter {
    private static final int BUFFER = 1 << 20;
    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private ModelImporter() {
    }

    /**
     * @param fileName the name in the models folder; null keeps the source's name (".gguf" is added
     *                 when missing, as for Ollama blobs)
     * @return the imported file
     */
    public static Path importFile(Path source, Path modelsDir, String fileName, Consumer<TransferProgress> progress,
                                  BooleanSupplier cancelled) throws DownloadException {
        if (!Files.isRegularFile(source)) {
            throw new DownloadException(Kind.NOT_FOUND, "no such file: " + source, false);
        }
        if (!ModelLibrary.looksLikeGguf(source)) {
            throw new DownloadException(Kind.NOT_GGUF, source.getFileName() + " is not a GGUF file (it does not start with \"GGUF\")", false);
        }
        String name = fileName != null && !fileName.isBlank() ? fileName.strip() : source.getFileName().toString();
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new DownloadException(Kind.BAD_REQUEST, "not a plain file name: " + name, false);
        }
        if (!name.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
            name = name + ".gguf";
        }
        Path target = modelsDir.resolve(name);
        Path part = modelsDir.resolve(name + ".part");
        try {
            Files.createDirectories(modelsDir);
            if (Files.exists(target)) {
                throw new DownloadException(Kind.BAD_REQUEST, name + " is already in " + modelsDir, false);
            }
            copy(source, part, progress, cancelled);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target);
            }
            return target;
        } catch (DownloadException e) {
            deleteQuietly(part);
            throw e;
        } catch (IOException e) {
            deleteQuietly(part);
            throw new DownloadException(Kind.DISK_FULL, "cannot copy into " + modelsDir + ": " + e.getMessage(), false, e);
        }
    }

    private static void copy(Path source, Path part, Consumer<TransferProgress> progress, BooleanSupplier cancelled)
            throws IOException {
        long total = Files.size(source);
        long copied = 0;
        long start = System.nanoTime();
        long lastReport = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(part)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (cancelled.getAsBoolean()) {
                    throw new DownloadException(Kind.CANCELLED, "import cancelled", false);
                }
                out.write(buffer, 0, n);
                copied += n;
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    progress.accept(new TransferProgress(copied, total, copied / Math.max(1e-9, (now - start) / 1e9)));
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        progress.accept(new TransferProgress(copied, total, copied / Math.max(1e-9, elapsed / 1e9)));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Nothing more to do; the .part name keeps it out of the library.
        }
    }
}
