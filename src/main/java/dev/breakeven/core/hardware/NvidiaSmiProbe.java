package dev.breakeven.core.hardware;

import java.util.ArrayList;
import java.util.List;

/**
 * Every NVIDIA GPU with its real VRAM, free VRAM, driver and power limit, from one {@code nvidia-smi} query.
 * Figures nvidia-smi cannot give come back as {@code [N/A]} (or {@code [Not Supported]}) and stay unknown.
 */
public final class NvidiaSmiProbe implements GpuProbe {
    static final String QUERY = "--query-gpu=index,name,memory.total,memory.free,driver_version,power.limit,pci.bus_id";
    static final String FORMAT = "--format=csv,noheader,nounits";
    private static final long MIB = 1024L * 1024L;
    private static final int COLUMNS = 7;

    private final ToolRunner runner;

    public NvidiaSmiProbe(ToolRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "nvidia-smi";
    }

    @Override
    public GpuFindings probe() {
        ToolOutput output = runner.run("nvidia-smi", QUERY, FORMAT);
        if (output instanceof ToolOutput.Ok ok) {
            return parse(ok.stdout());
        }
        return GpuFindings.note(name(), output.note());
    }

    /** Reads the CSV nvidia-smi prints for {@link #QUERY}; bad lines become notes. */
    public static GpuFindings parse(String csv) {
        List<GpuInfo> gpus = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String raw : csv.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\\s*,\\s*", -1);
            if (cells.length != COLUMNS || cells[1].isBlank()) {
                notes.add("nvidia-smi printed a line we could not read: \"" + shorten(line) + "\"");
                continue;
            }
            try {
                Long total = mib(cells[2]);
                Long free = mib(cells[3]);
                Double watts = number(cells[5]);
                gpus.add(GpuInfo.detected(cells[1], GpuVendor.NVIDIA, total, free, text(cells[4]),
                        watts == null ? null : (int) Math.round(watts), false));
            } catch (NumberFormatException e) {
                notes.add("nvidia-smi printed a figure that is not a number: \"" + shorten(line) + "\"");
            }
        }
        return new GpuFindings("nvidia-smi", gpus, GpuVendor.NVIDIA, notes);
    }

    private static Long mib(String cell) {
        Double value = number(cell);
        return value == null ? null : Math.round(value * MIB);
    }

    private static Double number(String cell) {
        String text = text(cell);
        return text == null ? null : Double.valueOf(text);
    }

    /** Null for nvidia-smi's "not available" spellings. */
    private static String text(String cell) {
        String c = cell.strip();
        if (c.isEmpty() || c.startsWith("[") || c.equalsIgnoreCase("N/A")) {
            return null;
        }
        return c;
    }

    private static String shorten(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
