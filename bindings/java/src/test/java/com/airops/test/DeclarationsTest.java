package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.airops.internal.NativeApi;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** S19: the binding's JNA declarations against the prototypes of include/airops.h. */
class DeclarationsTest {
    /** What differs: functions the header lost or changed, and undeclared ones that are not exceptions. */
    static List<String> problems(Map<String, Integer> header, Map<String, Integer> declared, Set<String> exceptions) {
        List<String> problems = new ArrayList<>();
        declared.forEach((name, arity) -> {
            Integer expected = header.get(name);
            if (expected == null) {
                problems.add(name + " is declared but not in the header");
            } else if (!expected.equals(arity)) {
                problems.add(name + " takes " + expected + " arguments in the header, " + arity + " in the binding");
            }
        });
        for (String name : header.keySet()) {
            if (!declared.containsKey(name) && !exceptions.contains(name)) {
                problems.add(name + " is in the header but not declared, and not a documented exception");
            }
        }
        return problems;
    }

    static Map<String, Integer> declared() {
        Map<String, Integer> declared = new TreeMap<>();
        for (Method method : NativeApi.class.getDeclaredMethods()) {
            declared.put(method.getName(), method.getParameterCount());
        }
        return declared;
    }

    static Path headerPath() {
        String path = System.getProperty("airops.header");
        if (path == null) {
            throw new IllegalStateException("set -Dairops.header to include/airops.h (bindings/java/run-tests.sh does)");
        }
        return Path.of(path);
    }

    @Test
    void s19_declarationsMatchTheHeader() throws IOException {
        Map<String, Integer> header = HeaderPrototypes.parse(Files.readString(headerPath()));
        Map<String, Integer> declared = declared();
        assertTrue(header.size() >= 40, "too few prototypes parsed: " + header.keySet());
        assertEquals(List.of(), problems(header, declared, NativeApi.NOT_DECLARED.keySet()));
        Set<String> undeclared = new TreeSet<>(header.keySet());
        undeclared.removeAll(declared.keySet());
        Set<String> pending = new TreeSet<>(NativeApi.NOT_DECLARED.keySet());
        pending.removeAll(header.keySet());
        System.out.println("     S19 " + headerPath() + ": " + declared.size() + " declared, not declared: " + undeclared
                + (pending.isEmpty() ? "" : ", documented exceptions this header lacks: " + pending));
        Set<String> expected = new TreeSet<>(NativeApi.NOT_DECLARED.keySet());
        expected.retainAll(header.keySet());
        assertEquals(expected, undeclared);
    }

    @Test
    void s19_theCheckFindsAddedLostAndChangedFunctions() {
        Map<String, Integer> header = HeaderPrototypes.parse("""
                /* a comment with airops_fake(int); inside */
                typedef void (*airops_log_callback)(int level, const char *message, void *user_data);
                const char *airops_version(void);
                airops_code airops_error_code(const airops_error *error, int extra);
                airops_code airops_new_function(airops_options *options,
                                                const char *value, airops_error **error);
                """);
        assertEquals(Map.of("airops_version", 0, "airops_error_code", 2, "airops_new_function", 3), header);
        Map<String, Integer> declared = Map.of("airops_version", 0, "airops_error_code", 1, "airops_gone", 1);
        assertEquals(Set.of(
                "airops_error_code takes 2 arguments in the header, 1 in the binding",
                "airops_gone is declared but not in the header",
                "airops_new_function is in the header but not declared, and not a documented exception"),
                Set.copyOf(problems(header, declared, Set.of())));
        assertEquals(2, problems(header, declared, Set.of("airops_new_function")).size());
    }
}
