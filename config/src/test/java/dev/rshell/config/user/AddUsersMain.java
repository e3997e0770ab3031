package dev.rshell.config.user;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link UserStoreTest}: adds users {@code PREFIX0 … PREFIX(N-1)} to the
 * store in DIR, one change at a time, like separate {@code rshell-server user add} runs.
 */
public final class AddUsersMain {
    private AddUsersMain() {
    }

    public static void main(String[] args) {
        UserStore store = new UserStore(Path.of(args[0]));
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
            String name = args[1] + i;
            store.add(UserAccount.withPassword(name, Role.VIEWER, Path.of("/home/" + name),
                    UserStoreTest.PHC));
        }
    }
}
