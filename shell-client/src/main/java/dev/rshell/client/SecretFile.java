package dev.rshell.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a secret (a password) from the first line of a file given with an option such as
 * {@code --password-file}; the line break is not part of it. Messages name the option and the
 * file, never the secret.
 */
public final class SecretFile {

    /** The file could not be read; the message is one line for the user. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private SecretFile() {
    }

    /**
     * @param option the option that named the file, for messages (e.g. {@code --password-file})
     * @throws Unreadable when the file is missing, unreadable, empty or not UTF-8
     */
    public static String firstLine(Path file, String option) throws Unreadable {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null) {
                throw new Unreadable(option + " " + file + " is empty");
            }
            return line;
        } catch (NoSuchFileException e) {
            throw new Unreadable("can't read " + option + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new Unreadable("can't read " + option + " " + file + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new Unreadable("can't read " + option + " " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new Unreadable("can't read " + option + " " + file + ": "
                    + (e.getMessage() == null ? "I/O error" : e.getMessage().replace('\n', ' ')));
        }
    }
}
