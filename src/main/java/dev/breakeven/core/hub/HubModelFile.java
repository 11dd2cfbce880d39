package dev.breakeven.core.hub;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One downloadable GGUF model in a repository: a single file, or the shards {@code x-00001-of-0000N.gguf} grouped.
 *
 * @param name      the file path, or for a split model the first shard's path
 * @param parts     every file path, in shard order
 * @param sizeBytes all parts together
 * @param sha256    each part's SHA-256 as the Hub's tree lists it (its LFS oid), null where the Hub gave none
 * @param quant     the quantization the name carries ("Q4_K_M"), or "" when it says none
 */
public record HubModelFile(String name, List<String> parts, long sizeBytes, List<String> sha256, String quant) {
    private static final Pattern QUANT = Pattern.compile(
            "(?<![A-Za-z0-9])(UD-)?(IQ[1-4]_(?:XXS|XS|NL|S|M)|TQ[12]_0|Q[2-8]_K(?:_XL|_S|_M|_L)?|Q[4-8]_[01]|Q8_0|BF16|F16|F32|MXFP4)"
                    + "(?![A-Za-z0-9])", Pattern.CASE_INSENSITIVE);
    static final Pattern SHARD = Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.gguf", Pattern.CASE_INSENSITIVE);

    public HubModelFile {
        parts = List.copyOf(parts);
        sha256 = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sha256));
    }

    public int shards() {
        return parts.size();
    }

    /** The quant label in a file name, the last one when several appear ("…-Q4_K_M.gguf" → Q4_K_M). */
    public static String quantOf(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        Matcher m = QUANT.matcher(base);
        String found = "";
        while (m.find()) {
            found = m.group(2).toUpperCase(Locale.ROOT);
        }
        return found;
    }

    /** The model's name without shard suffix or extension. */
    public String displayName() {
        Matcher m = SHARD.matcher(name);
        String base = m.matches() ? m.group(1) : name.replaceFirst("(?i)\\.gguf$", "");
        return base;
    }

    /** Whether this is a vision projector (mmproj), not a language model of its own. */
    public boolean projector() {
        return name.toLowerCase(Locale.ROOT).contains("mmproj");
    }

    public Optional<String> sha256Of(String part) {
        int i = parts.indexOf(part);
        return i < 0 ? Optional.empty() : Optional.ofNullable(sha256.get(i));
    }
}
