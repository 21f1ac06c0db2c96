package com.airops.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds and loads libairops, once, on first use. Not part of the public API.
 *
 * <p>The library is looked up in this order, as the Python package does:
 * <ol>
 *   <li>the system property {@code airops.library}, else the environment variable
 *       {@code AIROPS_LIBRARY} (the full path of the {@code .so});</li>
 *   <li>{@code libairops.so} next to the jar;</li>
 *   <li>{@code <repo>/build/lib/libairops.so} for the jar built in a checkout
 *       ({@code <repo>/bindings/java/build/airops.jar}).</li>
 * </ol>
 * The loaded library must report the version number this binding was written for and export
 * every function of {@link NativeApi}.
 */
public final class AirOpsLibrary {
    public static final String PROPERTY = "airops.library";
    public static final String ENV_VAR = "AIROPS_LIBRARY";
    public static final String FILE_NAME = "libairops.so";
    /** {@code AIROPS_VERSION_NUMBER} of the header this binding declares. */
    public static final int EXPECTED_VERSION_NUMBER = 100;
    /** Every string crosses the C ABI as UTF-8. */
    public static final String ENCODING = "UTF-8";

    private static final Map<String, Object> OPTIONS = Map.of(Library.OPTION_STRING_ENCODING, ENCODING);

    private static NativeApi api;
    private static Path path;
    private static UnsatisfiedLinkError failure;

    private AirOpsLibrary() {
    }

    /** The loaded library, loading it on first call (thread-safe). */
    public static synchronized NativeApi api() {
        if (api == null) {
            if (failure != null) {
                throw failure; // the same clear error on every use, not a NoClassDefFoundError
            }
            try {
                Path found = find(candidates(System.getProperty(PROPERTY), System.getenv(ENV_VAR), jarDirectory()));
                api = load(found);
                path = found;
            } catch (UnsatisfiedLinkError error) {
                failure = error;
                throw error;
            }
        }
        return api;
    }

    /** The path the library was loaded from (loading it if needed). */
    public static synchronized Path path() {
        api();
        return path;
    }

    /**
     * Where the library is looked for, in order: the property, else the variable, else next to
     * the jar and in the checkout's {@code build/lib}. Blank values count as unset.
     */
    public static List<Path> candidates(String property, String variable, Path jarDirectory) {
        for (String explicit : new String[] {property, variable}) {
            if (explicit != null && !explicit.isBlank()) {
                return List.of(Path.of(explicit));
            }
        }
        List<Path> paths = new ArrayList<>();
        if (jarDirectory != null) {
            paths.add(jarDirectory.resolve(FILE_NAME));
            Path repo = jarDirectory.getParent() == null ? null : jarDirectory.getParent().getParent();
            if (repo != null && repo.getParent() != null) {
                paths.add(repo.getParent().resolve("build").resolve("lib").resolve(FILE_NAME));
            }
        }
        return paths;
    }

    private static Path jarDirectory() {
        try {
            Path location = Path.of(AirOpsLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(location) ? location : location.getParent();
        } catch (URISyntaxException | SecurityException | NullPointerException error) {
            return null; // no code source (e.g. a custom class loader): only explicit paths work
        }
    }

    private static Path find(List<Path> candidates) {
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        String tried = candidates.stream().map(Path::toString).collect(Collectors.joining(", "));
        throw new UnsatisfiedLinkError("libairops was not found (looked for " + tried + "). Build it (`make`), "
                + "or set the system property " + PROPERTY + " or the environment variable " + ENV_VAR
                + " to the full path of " + FILE_NAME + ".");
    }

    private static NativeApi load(Path file) {
        NativeLibrary library;
        try {
            library = NativeLibrary.getInstance(file.toString(), OPTIONS);
        } catch (UnsatisfiedLinkError error) {
            throw new UnsatisfiedLinkError("could not load libairops from " + file + ": " + error.getMessage());
        }
        int version = function(library, file, "airops_version_number").invokeInt(new Object[0]);
        if (version != EXPECTED_VERSION_NUMBER) {
            throw new UnsatisfiedLinkError(file + " is libairops version number " + version
                    + ", but this binding expects " + EXPECTED_VERSION_NUMBER);
        }
        // JNA binds lazily; look every function up now so that a mismatch fails here, clearly.
        for (Method method : NativeApi.class.getMethods()) {
            function(library, file, method.getName());
        }
        return Native.load(file.toString(), NativeApi.class, OPTIONS);
    }

    private static com.sun.jna.Function function(NativeLibrary library, Path file, String name) {
        try {
            return library.getFunction(name);
        } catch (UnsatisfiedLinkError error) {
            throw new UnsatisfiedLinkError(file + " does not export " + name + "(): not a matching libairops");
        }
    }
}
