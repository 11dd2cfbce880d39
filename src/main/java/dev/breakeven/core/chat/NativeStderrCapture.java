package dev.breakeven.core.chat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Points the process's native stderr (file descriptor 2) at a temporary file while an action runs.
 *
 * <p>Why: java-llama.cpp hands back only token text; llama.cpp's own timing report ("eval time = … tokens per
 * second") and its load errors go to native stderr. Capturing them gives the engine-reported rate and a readable
 * reason when a load fails, and keeps llama.cpp's log off the user's terminal. POSIX only (dup/dup2 from libc);
 * elsewhere the action simply runs uncaptured.
 */
final class NativeStderrCapture {
    private static final int STDERR = 2;
    private static final Object LOCK = new Object();
    private static final Libc LIBC = Libc.load();

    private NativeStderrCapture() {
    }

    /** What the action returned and what native code wrote to stderr meanwhile. */
    record Captured<T>(T value, String log) {
    }

    static boolean supported() {
        return LIBC != null;
    }

    /**
     * Runs {@code action} with stderr captured. After it returns, waits up to {@code settleMillis} for the log
     * to satisfy {@code complete} (llama.cpp logs from a worker thread, so its last lines can trail behind).
     */
    static <T> Captured<T> run(Callable<T> action, long settleMillis, Predicate<String> complete) throws Exception {
        if (LIBC == null) {
            return new Captured<>(action.call(), "");
        }
        synchronized (LOCK) {
            Path file = Files.createTempFile("breakeven-llama", ".log");
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment stream = LIBC.open(arena, file);
                int saved = -1;
                try {
                    saved = LIBC.redirectStderr(stream);
                    T value;
                    try {
                        value = action.call();
                    } catch (Exception | Error e) {
                        settle(file, settleMillis / 4, s -> false);
                        throw new CapturedFailure(e, read(file));
                    }
                    settle(file, settleMillis, complete);
                    return new Captured<>(value, read(file));
                } finally {
                    if (saved >= 0) {
                        LIBC.restoreStderr(saved);
                    }
                    LIBC.close(stream);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** An action's failure together with the native log written before it. */
    static final class CapturedFailure extends Exception {
        private final String log;

        CapturedFailure(Throwable cause, String log) {
            super(cause.getMessage(), cause);
            this.log = log;
        }

        String log() {
            return log;
        }
    }

    private static void settle(Path file, long millis, Predicate<String> complete) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline && !complete.test(read(file))) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** The five libc calls used, bound once. */
    private record Libc(MethodHandle fopen, MethodHandle fileno, MethodHandle fclose, MethodHandle dup,
                        MethodHandle dup2, MethodHandle closeFd) {

        static Libc load() {
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup lib = linker.defaultLookup();
                var addr = ValueLayout.ADDRESS;
                var i32 = ValueLayout.JAVA_INT;
                return new Libc(
                        linker.downcallHandle(lib.find("fopen").orElseThrow(), FunctionDescriptor.of(addr, addr, addr)),
                        linker.downcallHandle(lib.find("fileno").orElseThrow(), FunctionDescriptor.of(i32, addr)),
                        linker.downcallHandle(lib.find("fclose").orElseThrow(), FunctionDescriptor.of(i32, addr)),
                        linker.downcallHandle(lib.find("dup").orElseThrow(), FunctionDescriptor.of(i32, i32)),
                        linker.downcallHandle(lib.find("dup2").orElseThrow(), FunctionDescriptor.of(i32, i32, i32)),
                        linker.downcallHandle(lib.find("close").orElseThrow(), FunctionDescriptor.of(i32, i32)));
            } catch (RuntimeException | LinkageError e) {
                return null; // no native access granted or an unusual libc: run uncaptured
            }
        }

        MemorySegment open(Arena arena, Path file) throws IOException {
            try {
                MemorySegment stream = (MemorySegment) fopen.invokeExact(
                        arena.allocateFrom(file.toString()), arena.allocateFrom("w"));
                if (stream.equals(MemorySegment.NULL)) {
                    throw new IOException("cannot open " + file + " for the engine log");
                }
                return stream;
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException("cannot open the engine log: " + t.getMessage(), t);
            }
        }

        int redirectStderr(MemorySegment stream) throws IOException {
            try {
                int fd = (int) fileno.invokeExact(stream);
                int saved = (int) dup.invokeExact(STDERR);
                if (saved < 0 || (int) dup2.invokeExact(fd, STDERR) < 0) {
                    throw new IOException("cannot redirect native stderr");
                }
                return saved;
            } catch (IOException e) {
                throw e;
            } catch (Throwable t) {
                throw new IOException("cannot redirect native stderr: " + t.getMessage(), t);
            }
        }

        void restoreStderr(int saved) {
            try {
                int ignored = (int) dup2.invokeExact(saved, STDERR);
                int alsoIgnored = (int) closeFd.invokeExact(saved);
            } catch (Throwable t) {
                throw new IllegalStateException("cannot restore native stderr", t);
            }
        }

        void close(MemorySegment stream) {
            try {
                int ignored = (int) fclose.invokeExact(stream);
            } catch (Throwable t) {
                throw new IllegalStateException("cannot close the engine log", t);
            }
        }
    }
}
