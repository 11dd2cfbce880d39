package dev.breakeven.ui.shell;

/** The navigation entries, in sidebar order. */
public enum PageId {
    HARDWARE("Hardware", "What this machine has"),
    FIT("Fit", "Which models run, and how fast"),
    COMPARE("Compare", "GPU cards side by side"),
    CHAT("Chat", "A local model, offline"),
    COSTS("Costs", "Local against API"),
    HYBRID("Hybrid", "Route the hard few to an API"),
    MODELS("Models", "Find, plan and get GGUF models"),
    RUNTIME("Runtime", "llama.cpp for this GPU"),
    LEDGER("Ledger", "What local has saved");

    private final String title;
    private final String subtitle;

    PageId(String title, String subtitle) {
        this.title = title;
        this.subtitle = subtitle;
    }

    public String title() {
        return title;
    }

    public String subtitle() {
        return subtitle;
    }
}
