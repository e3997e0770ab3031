package dev.rshell.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of thread that runs the server's sessions, commands and background jobs: the
 * {@code threads} setting.
 */
public enum ThreadKind {
    /** One operating-system thread each; works on every Java the server runs on. */
    PLATFORM,
    /**
     * Virtual threads: many share a few operating-system threads, so an idle session costs a
     * few KiB of heap instead of a thread stack. Needs Java 21 or later.
     */
    VIRTUAL;

    /** The first Java feature release with virtual threads as a final feature. */
    public static final int VIRTUAL_SINCE = 21;

    /** The setting's spelling: {@code platform}, {@code virtual}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As the setting is written, so that messages quote it as the user wrote it. */
    @Override
    public String toString() {
        return settingValue();
    }

    /** Parses the setting's spelling (any case); empty for anything else. */
    public static Optional<ThreadKind> fromSetting(String value) {
        for (ThreadKind kind : values()) {
            if (kind.settingValue().equalsIgnoreCase(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
