package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** examples/java/Demo.java runs against the dev server as its README says. */
class ExampleTest {
    @Test
    void theExampleRunsIdentifyStreamAndTwoChatTurns() throws Exception {
        String example = System.getProperty("airops.example");
        if (example == null) {
            throw new IllegalStateException("set -Dairops.example to examples/java/Demo.java (run-tests.sh does)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), example)
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "the example did not finish within 60 s: " + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("Hello, Ada! Welcome to AirOps."), output);
        assertTrue(output.contains("Before that you said: Hello, my name is Ada"), output);
    }
}
