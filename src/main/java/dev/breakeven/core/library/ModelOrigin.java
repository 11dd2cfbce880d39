package dev.breakeven.core.library;

/** Where a model file in the library was found. */
public enum ModelOrigin {
    PROJECT("models/ folder"),
    USER_FOLDER("your folder"),
    LM_STUDIO("LM Studio"),
    OLLAMA("Ollama"),
    HUGGING_FACE("Hugging Face cache");

    private final String displayName;

    ModelOrigin(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
