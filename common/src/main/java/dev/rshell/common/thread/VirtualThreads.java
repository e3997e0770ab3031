package dev.rshell.common.thread;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads for code compiled with {@code --release 17}: {@code Thread.ofVirtual()} is
 * looked up once through {@link MethodHandles}, since the Java 17 API the code is compiled
 * against has no such method. On Java 21 and later it is there; on Java 17 to 20 this class
 * reports that there are no virtual threads (19 and 20 have them only as a preview, which a
 * server should not depend on).
 *
 * <p>Thread safety: immutable after class initialization; the factories it returns are the
 * JDK's, which are thread-safe.
 */
public final class VirtualThreads {

    /** The first Java feature release with virtual threads as a final feature. */
    public static final int SINCE = 21;

    /** {@code Thread.ofVirtual()}, or null when this Java has no virtual threads. */
    private static final MethodHandle OF_VIRTUAL;
    /** {@code Thread.Builder.OfVirtual.name(String prefix, long start)}. */
    private static final MethodHandle NAME;
    /** {@code Thread.Builder.factory()}. */
    private static final MethodHandle FACTORY;

    static {
        MethodHandle ofVirtual = null;
        MethodHandle name = null;
        MethodHandle factory = null;
        if (Runtime.version().feature() >= SINCE) {
            try {
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                Class<?> virtualBuilder = Class.forName("java.lang.Thread$Builder$OfVirtual");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(virtualBuilder));
                name = lookup.findVirtual(virtualBuilder, "name",
                        MethodType.methodType(virtualBuilder, String.class, long.class));
                factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            } catch (ReflectiveOperationException e) {
                ofVirtual = null; // a JDK that claims 21+ without the API: treated as having none
            }
        }
        OF_VIRTUAL = ofVirtual;
        NAME = name;
        FACTORY = factory;
    }

    private VirtualThreads() {
    }

    /** Whether this Java has virtual threads. */
    public static boolean available() {
        return OF_VIRTUAL != null;
    }

    /**
     * A factory of unstarted virtual threads named {@code prefix1}, {@code prefix2}, ...; empty
     * when this Java has none.
     */
    public static Optional<ThreadFactory> factory(String prefix) {
        if (OF_VIRTUAL == null) {
            return Optional.empty();
        }
        try {
            Object builder = OF_VIRTUAL.invoke();
            builder = NAME.invoke(builder, prefix, 1L);
            return Optional.of((ThreadFactory) FACTORY.invoke(builder));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // None of the three methods declares a checked exception.
            throw new IllegalStateException("Thread.ofVirtual() failed: " + e, e);
        }
    }
}
