package dev.rshell.config.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.config.ServerSettings;
import dev.rshell.config.SettingsLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    /** Cheap enough for many tests: 64 KiB, one pass. */
    static final PasswordHasher CHEAP = new PasswordHasher(64, 1, 1);

    private static final String SALT = "c29tZXNhbHRzb21lc2FsdA"; // 16 bytes
    private static final String HASH = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"; // 32 bytes

    @Test
    void hashIsStandardPhcWithTheConfiguredCost() {
        String phc = CHEAP.hash("secret".toCharArray());
        assertTrue(phc.matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), phc);
        assertTrue(PasswordHasher.isWellFormed(phc));
    }

    @Test
    void rightPasswordVerifiesWrongOneDoesNot() {
        String phc = CHEAP.hash("correct horse".toCharArray());
        assertTrue(CHEAP.verify(phc, "correct horse".toCharArray()));
        assertFalse(CHEAP.verify(phc, "correct horse ".toCharArray()));
        assertFalse(CHEAP.verify(phc, "Correct horse".toCharArray()));
        assertFalse(CHEAP.verify(phc, new char[0]));
    }

    @Test
    void nonAsciiAndEmptyPasswords() {
        String phc = CHEAP.hash("pässwörd ✓".toCharArray());
        assertTrue(CHEAP.verify(phc, "pässwörd ✓".toCharArray()));
        assertFalse(CHEAP.verify(phc, "passwort ✓".toCharArray()));
        String empty = CHEAP.hash(new char[0]);
        assertTrue(CHEAP.verify(empty, new char[0]));
    }

    @Test
    void saltIsFreshEachTime() {
        assertNotEquals(CHEAP.hash("x".toCharArray()), CHEAP.hash("x".toCharArray()));
    }

    @Test
    void costRecordedInTheHashIsHonoured() {
        PasswordHasher other = new PasswordHasher(256, 3, 2);
        String phc = other.hash("pw".toCharArray());
        assertTrue(phc.startsWith("$argon2id$v=19$m=256,t=3,p=2$"), phc);
        // Verified by a hasher configured differently: the hash's own cost is used.
        assertTrue(CHEAP.verify(phc, "pw".toCharArray()));
        assertFalse(CHEAP.verify(phc, "pW".toCharArray()));
        assertTrue(CHEAP.needsRehash(phc));
        assertFalse(other.needsRehash(phc));
        // Changing the recorded cost changes the result: it really is used.
        assertFalse(CHEAP.verify(phc.replace("t=3", "t=2"), "pw".toCharArray()));
    }

    @Test
    @Timeout(30)
    void verifiesAHashMadeByArgon2Cffi() {
        // From the argon2-cffi documentation (libargon2 reference implementation).
        String phc = "$argon2id$v=19$m=65536,t=3,p=4$MIIRqgvgQbgj220jfp0MPA$YfwJSVjtjSU0zzV/P3S9nnQ/USre2wvJMjfCIjrTQbg";
        assertTrue(CHEAP.verify(phc, "correct horse battery staple".toCharArray()));
        assertFalse(CHEAP.verify(phc, "Tr0ub4dor&3".toCharArray()));
    }

    @Test
    @Timeout(30)
    void defaultCostFromSettings() {
        ServerSettings defaults = new SettingsLoader(Map.of(), Path.of("/home/t"), Long.MAX_VALUE)
                .load(Optional.empty(), Map.of());
        PasswordHasher hasher = PasswordHasher.forSettings(defaults);
        String phc = hasher.hash("hunter2".toCharArray());
        assertTrue(phc.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), phc);
        assertTrue(hasher.verify(phc, "hunter2".toCharArray()));
        assertFalse(hasher.verify(phc, "hunter3".toCharArray()));
        assertFalse(hasher.needsRehash(phc));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "plain text",
        "$argon2i$v=19$m=64,t=1,p=1$" + SALT + "$" + HASH,
        "$argon2d$v=19$m=64,t=1,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=16$m=64,t=1,p=1$" + SALT + "$" + HASH,
        "$argon2id$m=64,t=1,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=19$t=1,m=64,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=64,t=1,p=1$" + SALT,
        "$argon2id$v=19$m=64,t=1,p=1$" + SALT + "$" + HASH + "$",
        "$argon2id$v=19$m=64,t=1,p=1$" + SALT + "$" + HASH + "\n",
        "$argon2id$v=19$m=64,t=1,p=1$" + SALT + "==$" + HASH,
        "$argon2id$v=19$m=64,t=1,p=1$" + SALT + "$" + HASH + "=",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2Fsd$" + HASH, // 21 chars: no whole bytes
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNh$" + HASH, // 6-byte salt
        "$argon2id$v=19$m=64,t=1,p=1$" + SALT + "$AAAAAAAAAAAAAAAAAAAA", // 15-byte hash
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNh_HRzb21lc2FsdA$" + HASH, // URL-safe alphabet
        "$argon2id$v=19$m=7,t=1,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=64,t=1,p=9$" + SALT + "$" + HASH, // m < 8 KiB per lane
        "$argon2id$v=19$m=4194305,t=1,p=1$" + SALT + "$" + HASH, // over 4 GiB: refused, not allocated
        "$argon2id$v=19$m=64,t=0,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=64,t=101,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=256,t=1,p=0$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=256,t=1,p=17$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=64,t=1,p=1,keyid=x$" + SALT + "$" + HASH,
    })
    @Timeout(10)
    void malformedHashVerifiesFalseWithoutThrowing(String phc) {
        assertFalse(CHEAP.verify(phc, "password".toCharArray()));
        assertTrue(CHEAP.needsRehash(phc));
    }

    @Test
    void wellFormedButWrongHashIsFalse() {
        String phc = "$argon2id$v=19$m=64,t=1,p=1$" + SALT + "$" + HASH;
        assertTrue(PasswordHasher.isWellFormed(phc));
        assertFalse(CHEAP.verify(phc, "password".toCharArray()));
        assertFalse(CHEAP.verify(null, "password".toCharArray()));
        assertFalse(PasswordHasher.isWellFormed(null));
    }

    @Test
    void costOutOfBoundsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(7, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(64, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(64, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(64, 1, 9));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(4 * 1024 * 1024 + 1, 1, 1));
    }

    @Test
    @Timeout(60)
    void burnCostsAboutAsMuchAsAVerification() {
        // Big enough that a burn doing nothing would stand out from timer noise.
        PasswordHasher hasher = new PasswordHasher(16 * 1024, 2, 1);
        String phc = hasher.hash("pw".toCharArray());
        long verify = Long.MAX_VALUE;
        long burn = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            hasher.verify(phc, "wrong".toCharArray());
            long t1 = System.nanoTime();
            hasher.burn("wrong".toCharArray());
            long t2 = System.nanoTime();
            verify = Math.min(verify, t1 - t0);
            burn = Math.min(burn, t2 - t1);
        }
        assertTrue(burn * 3 > verify, "burn " + burn / 1000 + " µs vs verify " + verify / 1000 + " µs");
    }
}
