package dev.breakeven.core.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the archive for an OS, CPU architecture and backend among a release's assets by the naming pattern of
 * llama.cpp's release workflow ({@code llama-<tag>-bin-<os>-[<variant>-]<arch>.(zip|tar.gz)}, plus
 * {@code cudart-llama-bin-<os>-cuda-<version>-<arch>.zip} for the CUDA runtime), not by a fixed list: the set of
 * builds changes between releases.
 */
public final class AssetPicker {
    private static final Pattern SERVER = Pattern.compile(
            "llama-(?<tag>.+?)-bin-(?<os>ubuntu|linux|win|macos)-(?<rest>.+)\\.(?:zip|tar\\.gz)");
    private static final Pattern CUDART = Pattern.compile(
            "cudart-llama-bin-(?<os>ubuntu|linux|win)-cuda-(?<version>[0-9.]+)-(?<arch>x64|arm64)\\.(?:zip|tar\\.gz)");
    private static final Pattern CUDA = Pattern.compile("cuda-?([0-9][0-9.]*)?");

    private AssetPicker() {
    }

    /** A server archive's name taken apart. */
    record AssetName(String tag, Platform.Os os, Platform.Arch arch, String variant) {
    }

    static Optional<AssetName> parse(String name) {
        Matcher m = SERVER.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group("rest");
        int dash = rest.lastIndexOf('-');
        String archText = dash < 0 ? rest : rest.substring(dash + 1);
        String variant = dash < 0 ? "" : rest.substring(0, dash);
        Platform.Arch arch = switch (archText) {
            case "x64" -> Platform.Arch.X64;
            case "arm64" -> Platform.Arch.ARM64;
            default -> Platform.Arch.OTHER;
        };
        Platform.Os os = switch (m.group("os")) {
            case "win" -> Platform.Os.WINDOWS;
            case "macos" -> Platform.Os.MACOS;
            default -> Platform.Os.LINUX;
        };
        return Optional.of(new AssetName(m.group("tag"), os, arch, variant.toLowerCase(Locale.ROOT)));
    }

    /** The backend a build variant runs on, or empty for builds the app does not offer (SYCL, OpenVINO, OpenCL …). */
    static Optional<Backend> backendOf(AssetName name) {
        String v = name.variant();
        if (v.isEmpty() || v.equals("cpu") || v.matches("(no)?avx\\d*")) {
            // The macOS arm64 build has Metal built in; every other plain build is CPU only.
            return Optional.of(name.os() == Platform.Os.MACOS && name.arch() == Platform.Arch.ARM64 && !v.equals("cpu")
                    ? Backend.METAL : Backend.CPU);
        }
        if (v.equals("vulkan")) {
            return Optional.of(Backend.VULKAN);
        }
        if (CUDA.matcher(v).matches()) {
            return Optional.of(Backend.CUDA);
        }
        if (v.startsWith("rocm") || v.startsWith("hip")) {
            return Optional.of(Backend.HIP);
        }
        return Optional.empty();
    }

    /** Every build of this release the app can install on this platform, newest CUDA first. */
    public static List<RuntimePackage> packages(Release release, Platform platform) {
        List<RuntimePackage> out = new ArrayList<>();
        for (ReleaseAsset asset : release.assets()) {
            Optional<AssetName> parsed = parse(asset.name());
            if (parsed.isEmpty() || parsed.get().os() != platform.os() || parsed.get().arch() != platform.arch()) {
                continue;
            }
            AssetName name = parsed.get();
            Optional<Backend> backend = backendOf(name);
            if (backend.isEmpty()) {
                continue;
            }
            String cudaVersion = null;
            List<ReleaseAsset> extras = List.of();
            if (backend.get() == Backend.CUDA) {
                Matcher m = CUDA.matcher(name.variant());
                cudaVersion = m.matches() && m.group(1) != null ? m.group(1) : null;
                extras = cudart(release, platform, cudaVersion).map(List::of).orElse(List.of());
            }
            out.add(new RuntimePackage(release.tag(), backend.get(), name.variant(), asset, extras, cudaVersion));
        }
        out.sort(Comparator.comparing(RuntimePackage::backend)
                .thenComparing(p -> p.cudaVersion() == null ? "" : p.cudaVersion(), AssetPicker::compareVersions)
                .reversed());
        return out;
    }

    /** The builds for one backend, preferred first (newest CUDA first). */
    public static List<RuntimePackage> packages(Release release, Platform platform, Backend backend) {
        return packages(release, platform).stream().filter(p -> p.backend() == backend).toList();
    }

    /** The CUDA runtime archive for a CUDA version: the same version, else the same major version. */
    private static Optional<ReleaseAsset> cudart(Release release, Platform platform, String cudaVersion) {
        if (cudaVersion == null) {
            return Optional.empty();
        }
        String major = cudaVersion.split("\\.")[0];
        ReleaseAsset sameMajor = null;
        for (ReleaseAsset asset : release.assets()) {
            Matcher m = CUDART.matcher(asset.name());
            if (!m.matches() || !osMatches(m.group("os"), platform.os())
                    || !m.group("arch").equals(platform.arch() == Platform.Arch.ARM64 ? "arm64" : "x64")) {
                continue;
            }
            if (m.group("version").equals(cudaVersion)) {
                return Optional.of(asset);
            }
            if (m.group("version").split("\\.")[0].equals(major)) {
                sameMajor = asset;
            }
        }
        return Optional.ofNullable(sameMajor);
    }

    private static boolean osMatches(String os, Platform.Os platformOs) {
        return os.equals("win") ? platformOs == Platform.Os.WINDOWS : platformOs == Platform.Os.LINUX;
    }

    /** Numeric, part by part: 12.10 is after 12.4. */
    static int compareVersions(String a, String b) {
        String[] x = a.isEmpty() ? new String[0] : a.split("\\.");
        String[] y = b.isEmpty() ? new String[0] : b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long xi = i < x.length ? parseOrZero(x[i]) : 0;
            long yi = i < y.length ? parseOrZero(y[i]) : 0;
            if (xi != yi) {
                return Long.compare(xi, yi);
            }
        }
        return 0;
    }

    private static long parseOrZero(String s) {
        try {
            return Long.parseLong(s.replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
