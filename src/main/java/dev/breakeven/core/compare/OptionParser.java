package dev.breakeven.core.compare;

import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.models.GpuCatalog;
import dev.breakeven.core.models.CatalogGpu;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what a user types for an option: a catalog name or id, "2x RTX 3090" / "2× RTX 3090", or "this". */
public final class OptionParser {
    private static final Pattern MULTI = Pattern.compile("^\\s*(\\d+)\\s*[x×X*]\\s*(.+)$");
    private static final Pattern MEMORY = Pattern.compile("(\\d{1,3})\\s*GB", Pattern.CASE_INSENSITIVE);
    public static final String THIS_MACHINE = "this";

    private OptionParser() {
    }

    public static CompareOption parse(String text, GpuCatalog catalog, Supplier<HardwareProfile> detected) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an option needs a GPU name, \"2x NAME\" or \"this\"");
        }
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals(THIS_MACHINE) || lower.equals("this machine")) {
            return new CompareOption.ThisMachine(detected.get(), null);
        }
        int count = 1;
        String name = t;
        Matcher m = MULTI.matcher(t);
        if (m.matches() && catalog.find(m.group(2).strip()).isPresent()) {
            try {
                count = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("too many cards in '" + t + "'");
            }
            name = m.group(2).strip();
        }
        String wanted = name;
        var card = find(catalog, wanted).orElseThrow(() -> new IllegalArgumentException(
                "no GPU named '" + wanted + "' in the catalog (ids and names are in gpus.json)"));
        return new CompareOption.Cards(card, count, null);
    }

    /** A name that says its memory ("RTX 4060 Ti 16GB") picks that variant, not the first of the family. */
    private static Optional<CatalogGpu> find(GpuCatalog catalog, String name) {
        Matcher gb = MEMORY.matcher(name);
        if (gb.find() && catalog.byId(name).isEmpty()) {
            long bytes = Long.parseLong(gb.group(1)) << 30;
            Optional<CatalogGpu> sized = catalog.match(name, bytes).filter(g -> g.vramBytes() == bytes);
            if (sized.isPresent()) {
                return sized;
            }
        }
        return catalog.find(name);
    }

    /** The text that parses back to this option: the card's id with its count, or "this". */
    public static String format(CompareOption option) {
        return switch (option) {
            case CompareOption.Cards c -> c.count() == 1 ? c.card().id() : c.count() + "x " + c.card().id();
            case CompareOption.ThisMachine ignored -> THIS_MACHINE;
        };
    }
}
