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
    private static final MethodHandle NAME_NUMBERED;
    /** {@code Thread.Builder.OfVirtual.name(String name)}. */
    private static final MethodHandle NAME;
    /** {@code Thread.Builder.factory()}. */
    private static final MethodHandle FACTORY;

    static {
        MethodHandle ofVirtual = null;
        MethodHandle numbered = null;
        MethodHandle name = null;
        MethodHandle factory = null;
        if (Runtime.version().feature() >= SINCE) {
            try {
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                Class<?> virtualBuilder = Class.forName("java.lang.Thread$Builder$OfVirtual");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(virtualBuilder));
                numbered = lookup.findVirtual(virtualBuilder, "name",
                        MethodType.methodType(virtualBuilder, String.class, long.class));
                name = lookup.findVirtual(virtualBuilder, "name", MethodType.methodType(virtualBuilder, String.class));
                factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            } catch (ReflectiveOperationException e) {
                ofVirtual = null; // a JDK that claims 21+ without the API: treated as having none
            }
        }
        OF_VIRTUAL = ofVirtual;
        NAME_NUMBERED = numbered;
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
    public static Optional<ThreadFactory> numbered(String prefix) {
        return OF_VIRTUAL == null ? Optional.empty() : Optional.of(build(NAME_NUMBERED, prefix, 1L));
    }

    /**
     * A factory of unstarted virtual threads that all have the one {@code name}; empty when this
     * Java has none.
     */
    public static Optional<ThreadFactory> named(String name) {
        return OF_VIRTUAL == null ? Optional.empty() : Optional.of(build(NAME, name));
    }

    private static ThreadFactory build(MethodHandle naming, Object... nameArguments) {
        try {
            Object[] arguments = new Object[nameArguments.length + 1];
            arguments[0] = OF_VIRTUAL.invoke();
            System.arraycopy(nameArguments, 0, arguments, 1, nameArguments.length);
            return (ThreadFactory) FACTORY.invoke(naming.invokeWithArguments(arguments));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // None of these methods declares a checked exception.
            throw new IllegalStateException("Thread.ofVirtual() failed: " + e, e);
        }
    }
}
