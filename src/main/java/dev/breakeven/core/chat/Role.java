package dev.breakeven.core.chat;

import java.util.Locale;

/** Who wrote a message, named as the OpenAI chat format and llama.cpp's templates expect. */
public enum Role {
    SYSTEM, USER, ASSISTANT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
