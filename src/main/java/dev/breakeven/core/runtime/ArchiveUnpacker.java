package dev.breakeven.core.runtime;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks llama.cpp's release archives: {@code .zip} (Windows, with {@code java.util.zip}) and {@code .tar.gz}
 * (Linux and macOS, with commons-compress, keeping file modes and the library symlinks). Every entry must land
 * inside the target folder ("zip slip" entries such as {@code ../../.bashrc} and links pointing out are refused),
 * and the unpacked total is capped so a hostile archive cannot fill the disk.
 */
public final class ArchiveUnpacker {
    static final long MAX_TOTAL_BYTES = 16L << 30;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private ArchiveUnpacker() {
    }

    /** Unpacks by content (the first bytes), not by name: a local archive may be named anything. */
    public static void unpack(Path archive, Path target) throws IOException {
        Files.createDirectories(target);
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(archive)) {
            int n = in.readNBytes(head, 0, 4);
            if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                untarGz(archive, target);
            } else if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                unzip(archive, target);
            } else {
                throw new IOException(archive.getFileName() + " is neither a .zip nor a .tar.gz archive");
            }
        }
    }

    private static void unzip(Path archive, Path target) throws IOException {
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                Path out = inside(target, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    total += write(zip, out, total);
                }
            }
        }
    }

    private static void untarGz(Path archive, Path target) throws IOException {
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = inside(target, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    link(target, out, entry.getLinkName());
                } else if (entry.isLink()) {
                    Path source = inside(target, entry.getLinkName());
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.copy(source, out); // a hard link's target came earlier in the archive
                } else if (entry.isFile()) {
                    total += write(tar, out, total);
                    mode(out, entry.getMode());
                }
                // Devices, FIFOs and the like have no place in a runtime: skipped.
            }
        }
    }

    private static long write(InputStream in, Path out, long totalSoFar) throws IOException {
        Files.createDirectories(out.getParent());
        long written = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                written += n;
                if (totalSoFar + written > MAX_TOTAL_BYTES) {
                    throw new IOException("the archive unpacks to more than " + (MAX_TOTAL_BYTES >> 30) + " GiB: refused");
                }
                os.write(buffer, 0, n);
            }
        }
        return written;
    }

    /** The entry's path under target, or an error when it would land outside (absolute, {@code ..}). */
    static Path inside(Path target, String entryName) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Path out = root.resolve(entryName.replace('\\', '/')).normalize();
        if (!out.startsWith(root) || out.equals(root) && !entryName.replace('\\', '/').matches("\\.?/?")) {
            throw new IOException("archive entry " + entryName + " points outside the runtime folder: refused");
        }
        return out;
    }

    private static void link(Path target, Path out, String linkName) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Path resolved = out.getParent().resolve(linkName).normalize();
        // No ".." at all: a chain such as a -> "." then b -> "a/.." looks inside when read as text but leaves the
        // folder once the OS follows a. llama.cpp's archives only link a library to its versioned file beside it.
        boolean climbs = java.util.Arrays.asList(linkName.replace('\\', '/').split("/")).contains("..");
        if (Path.of(linkName).isAbsolute() || climbs || !resolved.startsWith(root)) {
            throw new IOException("archive link " + root.relativize(out) + " -> " + linkName
                    + " points outside the runtime folder: refused");
        }
        Files.createDirectories(out.getParent());
        Files.deleteIfExists(out);
        try {
            Files.createSymbolicLink(out, Path.of(linkName));
        } catch (UnsupportedOperationException | IOException e) {
            // No symlinks here (Windows without the privilege): a copy works as well once the target exists.
            if (Files.isRegularFile(resolved)) {
                Files.copy(resolved, out);
            }
        }
    }

    private static void mode(Path file, int mode) throws IOException {
        if (!POSIX) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        if ((mode & 0100) != 0) {
            perms.add(PosixFilePermission.OWNER_EXECUTE);
        }
        if ((mode & 0040) != 0) {
            perms.add(PosixFilePermission.GROUP_READ);
        }
        if ((mode & 0010) != 0) {
            perms.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if ((mode & 0004) != 0) {
            perms.add(PosixFilePermission.OTHERS_READ);
        }
        if ((mode & 0001) != 0) {
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        Files.setPosixFilePermissions(file, perms); // never setuid/setgid, never world-writable
    }

    /** Makes the server runnable even when the archive lost its mode (a .zip made on Windows). */
    static void makeExecutable(Path file) throws IOException {
        if (POSIX) {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(file, perms);
        }
    }
}
