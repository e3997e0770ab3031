package dev.rshell.server.session;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shell state of one logged-in session: variables, working directory and the status of
 * the last foreground command ({@code $?}).
 *
 * <p>Thread safety: every method is synchronized. The foreground runner changes the state;
 * background jobs and the reader thread (for {@code :complete}) read it concurrently.
 */
final class SessionState {

    private final Map<String, String> variables = new TreeMap<>();
    private Path workingDirectory;
    private int lastStatus;

    SessionState(Map<String, String> initialVariables, Path workingDirectory) {
        this.variables.putAll(initialVariables);
        this.workingDirectory = workingDirectory;
        this.variables.put("PWD", workingDirectory.toString());
    }

    synchronized String variable(String name) {
        return variables.get(name);
    }

    synchronized void setVariable(String name, String value) {
        variables.put(name, value);
    }

    synchronized void unsetVariable(String name) {
        variables.remove(name);
    }

    synchronized Map<String, String> variables() {
        return new TreeMap<>(variables);
    }

    synchronized Path workingDirectory() {
        return workingDirectory;
    }

    synchronized void setWorkingDirectory(Path directory) {
        workingDirectory = directory;
        variables.put("PWD", directory.toString());
    }

    synchronized int lastStatus() {
        return lastStatus;
    }

    synchronized void setLastStatus(int status) {
        lastStatus = status;
    }
}
