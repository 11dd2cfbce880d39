package dev.breakeven.core.hardware;

import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, stable id for "this machine", so a measurement or calibration taken elsewhere (a copied settings
 * folder, a synced home directory) is not applied here. A hash of the OS's machine id where there is one
 * (/etc/machine-id), the CPU name, its logical cores and the RAM size: a new CPU or RAM also asks for a new
 * measurement. No serial number or user name goes into it, and only the hash is stored.
 */
public final class MachineId {
    private static volatile String cached;

    private MachineId() {
    }

    public static String thisMachine() {
        String id = cached;
        if (id == null) {
            String osId = readFirstLine(Path.of("/etc/machine-id"));
            String cpu = "?";
            long ram = 0;
            try {
                HardwareAbstractionLayer hal = new SystemInfo().getHardware();
                cpu = hal.getProcessor().getProcessorIdentifier().getName();
                ram = hal.getMemory().getTotal();
            } catch (RuntimeException | LinkageError e) {
                // the other parts still tell machines apart
            }
            id = of(osId, cpu, Runtime.getRuntime().availableProcessors(), ram);
            cached = id;
        }
        return id;
    }

    /** The id from its parts; RAM is rounded to whole GiB (the OS reports a few MB less after a firmware update). */
    public static String of(String osMachineId, String cpuName, int logicalCores, long ramBytes) {
        String text = osMachineId + "|" + cpuName + "|" + logicalCores + "|" + Math.round(ramBytes / (double) (1L << 30));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String readFirstLine(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file).strip() : "";
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }
}
