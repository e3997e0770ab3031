package dev.rshell.client.fanout;

/** Which of a remote command's streams a line came from. */
public enum HostStream {
    STDOUT("stdout"),
    STDERR("stderr");

    private final String jsonName;

    HostStream(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name {@code --json} gives it: {@code stdout}, {@code stderr}. */
    public String jsonName() {
        return jsonName;
    }
}
