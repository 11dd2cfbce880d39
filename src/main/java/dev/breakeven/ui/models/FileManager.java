package dev.breakeven.ui.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Shows a file in the system's file manager (its folder, the file selected where the platform can). */
final class FileManager {
    private FileManager() {
    }

    static void reveal(Path file) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("win") ? List.of("explorer.exe", "/select," + file.toAbsolutePath())
                : os.contains("mac") ? List.of("open", "-R", file.toAbsolutePath().toString())
                : List.of("xdg-open", file.toAbsolutePath().getParent().toString());
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            // No file manager (a server, a minimal desktop): the path is in the table's tooltip.
        }
    }
}
