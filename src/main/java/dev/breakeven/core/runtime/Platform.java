package dev.breakeven.core.runtime;

import java.util.Locale;

/** Operating system and CPU architecture, the two things a llama.cpp release archive is built for. */
public record Platform(Os os, Arch arch) {

    public enum Os { LINUX, WINDOWS, MACOS, OTHER }

    public enum Arch { X64, ARM64, OTHER }

    public static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** From Java's {@code os.name} and {@code os.arch} values. */
    public static Platform of(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        Os o = os.contains("win") ? Os.WINDOWS : os.contains("mac") || os.contains("darwin") ? Os.MACOS
                : os.contains("linux") ? Os.LINUX : Os.OTHER;
        Arch a = switch (arch) {
            case "amd64", "x86_64", "x64" -> Arch.X64;
            case "aarch64", "arm64" -> Arch.ARM64;
            default -> Arch.OTHER;
        };
        return new Platform(o, a);
    }

    public boolean appleSilicon() {
        return os == Os.MACOS && arch == Arch.ARM64;
    }

    /** The server's file name on this OS. */
    public String serverFileName() {
        return os == Os.WINDOWS ? "llama-server.exe" : "llama-server";
    }

    @Override
    public String toString() {
        return os.name().toLowerCase(Locale.ROOT) + "-" + arch.name().toLowerCase(Locale.ROOT);
    }
}
