package dev.rshell.server.cli;

import dev.rshell.config.ConfigException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Makes sure the data directory exists and only its owner can enter it. */
final class DataDirectory {

    private DataDirectory() {
    }

    /** Others must not read the users file, keys or audit log: the directory is its owner's alone. */
    private static void tighten(Path dir) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    && !PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)).equals("rwx------")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new ConfigException("data-dir: can't make " + dir + " private to its owner: " + e.getMessage());
        }
    }

    /** @throws ConfigException when the directory can't be created or isn't a directory */
    static void prepare(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new ConfigException("data-dir: can't create " + dir + ": " + e.getMessage());
        }
        tighten(dir);
        if (!Files.isWritable(dir)) {
            throw new ConfigException("data-dir: " + dir + " is not writable by this user");
        }
    }
}
