package dev.breakeven.core.runtime;

/**
 * The build the app recommends for this machine, and why, in words shown to the user.
 *
 * @param pkg the archive(s) to install; null when the release has nothing for this platform
 */
public record BackendChoice(Backend backend, RuntimePackage pkg, String reason) {
}
