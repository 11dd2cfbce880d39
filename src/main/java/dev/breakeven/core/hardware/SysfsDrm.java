package dev.breakeven.core.hardware;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads Linux DRM cards under a root that tests point at a recorded tree ({@code /sys/class/drm} normally). */
final class SysfsDrm {
    private SysfsDrm() {
    }

    /** The {@code cardN/device} folders (not connectors such as {@code card0-DP-1}) of the given PCI vendor. */
    static List<Path> devicesOfVendor(Path drmRoot, String vendorId) {
        List<Path> devices = new ArrayList<>();
        if (!Files.isDirectory(drmRoot)) {
            return devices;
        }
        try (DirectoryStream<Path> cards = Files.newDirectoryStream(drmRoot, "card*")) {
            for (Path card : cards) {
                String name = card.getFileName().toString();
                if (!name.matches("card\\d+")) {
                    continue;
                }
                Path device = card.resolve("device");
                if (read(device.resolve("vendor")).map(v -> v.equalsIgnoreCase(vendorId)).orElse(false)) {
                    devices.add(device);
                }
            }
        } catch (IOException | SecurityException e) {
            return devices;
        }
        devices.sort(null);
        return devices;
    }

    static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> readLong(Path file) {
        Optional<String> text = read(file);
        if (text.isEmpty() || text.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text.get()));
        } catch (NumberFormatException e) {
            throw new MalformedFigure(file, text.get());
        }
    }

    /** The first {@code hwmon/hwmonN/<file>} under a device. */
    static Optional<Path> hwmonFile(Path device, String file) {
        Path hwmon = device.resolve("hwmon");
        if (!Files.isDirectory(hwmon)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(hwmon, "hwmon*")) {
            List<Path> sorted = new ArrayList<>();
            dirs.forEach(sorted::add);
            sorted.sort(null);
            return sorted.stream().map(d -> d.resolve(file)).filter(Files::isRegularFile).findFirst();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    static String deviceId(Path device) {
        return read(device.resolve("device")).orElse("?").toLowerCase(Locale.ROOT);
    }

    /** A sysfs file held something that is not the number it should be. */
    static final class MalformedFigure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedFigure(Path file, String content) {
            super(file.getFileName() + " holds \"" + (content.length() > 40 ? content.substring(0, 40) : content)
                    + "\", not a number");
        }
    }
}
