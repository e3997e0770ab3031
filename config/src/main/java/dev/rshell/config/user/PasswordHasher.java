package dev.rshell.config.user;

import dev.rshell.config.ServerSettings;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing in the standard PHC string format, e.g.
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded standard base64, 16-byte
 * random salt, 32-byte hash), so hashes interoperate with other Argon2 tools.
 *
 * <p>New hashes use the cost given to the constructor. {@link #verify} uses the cost
 * recorded in the hash, so raising the cost later doesn't lock anyone out; it accepts costs
 * only within the bounds of the settings, so a doctored users file can't make one login
 * allocate unbounded memory. Each verification allocates its memory cost: the caller bounds
 * how many run at once ({@code max-concurrent-logins}).
 *
 * <p>Derived hashes and the password's bytes are zeroed after use; the caller owns (and
 * should zero) the {@code char[]} password.
 *
 * <p>Thread safety: immutable apart from its {@link SecureRandom}, which is thread-safe; one
 * instance serves all threads.
 */
public final class PasswordHasher {

    /** Bounds of accepted costs, the same as the settings' bounds. */
    static final int MIN_MEMORY_KIB = 8;
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 100;
    static final int MAX_PARALLELISM = 16;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})"
                    + "\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{22,86})");

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random;

    /**
     * @param memoryKib   memory cost in KiB, 8 × parallelism to 4 GiB
     * @param iterations  time cost, 1 to 100
     * @param parallelism lanes, 1 to 16
     * @throws IllegalArgumentException for a cost out of bounds
     */
    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this(memoryKib, iterations, parallelism, new SecureRandom());
    }

    PasswordHasher(int memoryKib, int iterations, int parallelism, SecureRandom random) {
        if (!costAllowed(memoryKib, iterations, parallelism)) {
            throw new IllegalArgumentException("Argon2id cost out of bounds: m=" + memoryKib
                    + " KiB (8 per lane to " + MAX_MEMORY_KIB + "), t=" + iterations
                    + " (1 to " + MAX_ITERATIONS + "), p=" + parallelism + " (1 to "
                    + MAX_PARALLELISM + ")");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.random = random;
    }

    /** A hasher with the Argon2 cost of {@code settings}. */
    public static PasswordHasher forSettings(ServerSettings settings) {
        return new PasswordHasher(settings.argon2MemoryKib(), settings.argon2Iterations(),
                settings.argon2Parallelism());
    }

    private static boolean costAllowed(int m, int t, int p) {
        return p >= 1 && p <= MAX_PARALLELISM && t >= 1 && t <= MAX_ITERATIONS
                && m >= Math.max(MIN_MEMORY_KIB, 8 * p) && m <= MAX_MEMORY_KIB;
    }

    /** A new PHC string for {@code password} with a fresh random salt and this hasher's cost. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] derived = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        try {
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                    + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derived);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /**
     * Whether {@code password} matches {@code phc}, in time independent of where they differ.
     * A malformed hash, or one with a cost out of bounds, is simply no match: never an
     * exception, so a bad users-file entry can't break the login path.
     */
    public boolean verify(String phc, char[] password) {
        Optional<Parsed> parsed = parse(phc);
        if (parsed.isEmpty()) {
            return false;
        }
        Parsed p = parsed.get();
        byte[] derived = derive(password, p.salt, p.memoryKib, p.iterations, p.parallelism,
                p.hash.length);
        try {
            return MessageDigest.isEqual(derived, p.hash);
        } finally {
            Arrays.fill(derived, (byte) 0);
            Arrays.fill(p.hash, (byte) 0);
        }
    }

    /**
     * Does the work of one verification with this hasher's cost and throws the result away.
     * Called for a user who doesn't exist (or has no password), so that the time a failed
     * login takes doesn't tell whether the name exists.
     */
    public void burn(char[] password) {
        byte[] dummyHash = new byte[HASH_BYTES];
        byte[] derived = derive(password, new byte[SALT_BYTES], memoryKib, iterations,
                parallelism, HASH_BYTES);
        // Compared like a real verification, so the two paths stay alike.
        MessageDigest.isEqual(derived, dummyHash);
        Arrays.fill(derived, (byte) 0);
    }

    /**
     * Whether {@code phc} should be replaced by a new hash: malformed, or made with a cost
     * other than this hasher's. A caller may rehash after a successful login.
     */
    public boolean needsRehash(String phc) {
        return parse(phc).map(p -> {
            Arrays.fill(p.hash, (byte) 0);
            return p.memoryKib != memoryKib || p.iterations != iterations
                    || p.parallelism != parallelism || p.hash.length != HASH_BYTES;
        }).orElse(true);
    }

    /**
     * Whether {@code phc} is an Argon2id v19 PHC string this class can verify (form and cost
     * bounds), without verifying anything.
     */
    public static boolean isWellFormed(String phc) {
        return parse(phc).isPresent();
    }

    private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    }

    private static Optional<Parsed> parse(String phc) {
        if (phc == null) {
            return Optional.empty();
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return Optional.empty();
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (!costAllowed(memory, iterations, parallelism)) {
            return Optional.empty();
        }
        try {
            byte[] salt = Base64.getDecoder().decode(m.group(4));
            byte[] hash = Base64.getDecoder().decode(m.group(5));
            // The regex bounds the text; these bound the bytes (Argon2: salt >= 8, and 16 to
            // 64 hash bytes is what any sane tool writes).
            if (salt.length < 8 || salt.length > 64 || hash.length < 16 || hash.length > 64) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(memory, iterations, parallelism, salt, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a length that is no whole number of base64 bytes
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int m, int t, int p, int length) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] pw = new byte[encoded.remaining()];
        encoded.get(pw);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m)
                .withIterations(t)
                .withParallelism(p)
                .withSalt(salt)
                .build();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            byte[] out = new byte[length];
            generator.generateBytes(pw, out);
            return out;
        } finally {
            Arrays.fill(pw, (byte) 0);
            params.clear();
        }
    }
}
