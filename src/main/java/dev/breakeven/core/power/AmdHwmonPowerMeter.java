package dev.breakeven.core.power;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AMD GPU board power from the amdgpu driver's hwmon files:
 * {@code <drm>/card*}{@code /device/hwmon/hwmon*}{@code /power1_average}, or {@code power1_input}
 * on cards and kernels (6.6+) that only offer the instantaneous value. Both are in microwatts.
 * Cards are summed; connector entries such as {@code card0-DP-1} are skipped.
 */
public final class AmdHwmonPowerMeter implements PowerMeter {
    public static final String SOURCE = "amdgpu hwmon";
    private static final double MICRO = 1e-6;

    private final Path drmRoot;
    private final Clock clock;

    public AmdHwmonPowerMeter(Path drmRoot, Clock clock) {
        this.drmRoot = drmRoot;
        this.clock = clock;
    }

    public static AmdHwmonPowerMeter system() {
        return new AmdHwmonPowerMeter(Path.of("/sys/class/drm"), Clock.systemUTC());
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public boolean measured() {
        return true;
    }

    @Override
    public Probe probe() {
        List<Path> files = powerFiles();
        if (files.isEmpty()) {
            return Probe.no("no GPU hwmon power file under " + drmRoot);
        }
        if (read().isEmpty()) {
            return Probe.no("GPU hwmon power files under " + drmRoot + " are not readable");
        }
        return Probe.yes(files.size() + " GPU hwmon power file" + (files.size() == 1 ? "" : "s") + " under " + drmRoot);
    }

    @Override
    public Optional<PowerReading> read() {
        List<Path> files = powerFiles();
        if (files.isEmpty()) {
            return Optional.empty();
        }
        double watts = 0;
        for (Path file : files) {
            Optional<Long> micro = SysfsFiles.readLong(file);
            if (micro.isEmpty() || micro.get() < 0) {
                return Optional.empty();
            }
            watts += micro.get() * MICRO;
        }
        return Optional.of(new PowerReading(watts, SOURCE, true, clock.instant()));
    }

    /** One power file per GPU: power1_average where it exists, otherwise power1_input. */
    List<Path> powerFiles() {
        List<Path> found = new ArrayList<>();
        for (Path card : SysfsFiles.children(drmRoot, "card[0-9]*")) {
            if (card.getFileName().toString().contains("-")) {
                continue;
            }
            for (Path hwmon : SysfsFiles.children(card.resolve("device/hwmon"), "hwmon[0-9]*")) {
                Path average = hwmon.resolve("power1_average");
                Path input = hwmon.resolve("power1_input");
                if (Files.isRegularFile(average)) {
                    found.add(average);
                } else if (Files.isRegularFile(input)) {
                    found.add(input);
                }
            }
        }
        return found;
    }
}
