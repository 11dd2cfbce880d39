package dev.breakeven.core.compare;

import java.util.Locale;

/** The short sentence under each option: does the model fit, how fast, and when it pays back. */
final class Verdicts {
    private Verdicts() {
    }

    static String sentence(OptionResult r, CompareRequest request) {
        String model = request.model().name() + " " + request.quant().id();
        String fit = switch (r.fit()) {
            case FULL -> String.format(Locale.ROOT, "runs %s fully at ~%s tok/s", model, speed(r.decodeTokPerSec()));
            case PARTIAL -> String.format(Locale.ROOT, "%s; runs %s split with system RAM at ~%s tok/s",
                    offGpu(r), model, speed(r.decodeTokPerSec()));
            case CPU -> String.format(Locale.ROOT, "%s; runs %s on the CPU only at ~%s tok/s", offGpu(r), model,
                    speed(r.decodeTokPerSec()));
            case NONE -> String.format(Locale.ROOT, "does not fit: needs %.1f GB, has %.0f GB", r.needGiB(),
                    r.vramGiB());
        };
        if (!r.runs()) {
            return fit;
        }
        return fit + "; " + payback(r, request.apiName());
    }

    private static String offGpu(OptionResult r) {
        return r.vramGiB() > 0
                ? String.format(Locale.ROOT, "does not fit on the GPU: needs %.1f GB, has %.0f GB", r.needGiB(), r.vramGiB())
                : String.format(Locale.ROOT, "no GPU (needs %.1f GB of VRAM)", r.needGiB());
    }

    private static String payback(OptionResult r, String api) {
        if (r.priceUsd() == null) {
            return "no price known: enter one to see payback";
        }
        if (r.watts() == null) {
            return "power draw unknown: payback not computed";
        }
        String rigs = r.rigsNeeded() != null && r.rigsNeeded() > 1
                ? String.format(Locale.ROOT, " (%d of them needed to keep up)", r.rigsNeeded()) : "";
        if (r.paybackMonths() == null) {
            return "never pays back against " + api + " at your volume" + rigs;
        }
        if (r.paybackMonths() < 0.05) {
            return "cheaper than " + api + " from the first month" + rigs;
        }
        return String.format(Locale.ROOT, "pays back in %s months against %s at your volume%s",
                months(r.paybackMonths()), api, rigs);
    }

    private static String speed(double tokPerSec) {
        return tokPerSec >= 10 ? String.format(Locale.ROOT, "%.0f", tokPerSec)
                : String.format(Locale.ROOT, "%.1f", tokPerSec);
    }

    private static String months(double m) {
        return m >= 10 ? String.format(Locale.ROOT, "%.0f", m) : String.format(Locale.ROOT, "%.1f", m);
    }
}
