package dev.rshell.server.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs {@link ServerMain#run} in this JVM with given stdin and environment, capturing its output. */
final class Cli {

    /** What a run printed and answered. */
    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private Cli() {
    }

    /** A cheap Argon2 cost, so that hashing in tests is fast. */
    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("RSHELL_SERVER_ARGON2_MEMORY", "64k");
        env.put("RSHELL_SERVER_ARGON2_ITERATIONS", "1");
        return env;
    }

    static Result run(String stdin, String... args) {
        return run(env(), stdin, args);
    }

    static Result run(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = ServerMain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e,
                    env);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
