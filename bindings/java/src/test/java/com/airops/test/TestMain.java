package com.airops.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintStream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs this package's JUnit 5 tests, one line per test (PASS, FAIL with the reason, SKIP), and
 * ends with {@code java binding: N passed, N failed, N skipped}. Exits non-zero when a test
 * failed or none ran. Every test is bounded by a timeout; a test stuck in native code is
 * abandoned on its own thread.
 */
public final class TestMain {
    private TestMain() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("com.airops.test"))
                .configurationParameter("junit.jupiter.execution.timeout.default", "60 s")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .build();
        Launcher launcher = LauncherFactory.create();
        Counts counts = new Counts(System.out);
        launcher.execute(request, counts);
        System.out.println("java binding: " + counts.passed + " passed, " + counts.failed + " failed, "
                + counts.skipped + " skipped");
        System.exit(counts.failed > 0 || counts.passed == 0 ? 1 : 0);
    }

    private static final class Counts implements TestExecutionListener {
        private final PrintStream out;
        int passed;
        int failed;
        int skipped;

        Counts(PrintStream out) {
            this.out = out;
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            skipped++;
            out.println("SKIP " + name(test) + ": " + reason);
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            if (!test.isTest() && ok) {
                return; // a class or the engine: its tests are counted
            }
            if (ok) {
                passed++;
                out.println("PASS " + name(test));
                return;
            }
            failed++; // a failed test, or a class whose setup failed
            out.println("FAIL " + name(test));
            result.getThrowable().ifPresent(thrown -> {
                out.println("     " + thrown);
                StackTraceElement[] trace = thrown.getStackTrace();
                for (int i = 0; i < Math.min(6, trace.length); i++) {
                    out.println("       at " + trace[i]);
                }
            });
        }

        private static String name(TestIdentifier test) {
            TestSource source = test.getSource().orElse(null);
            if (source instanceof MethodSource method) {
                String className = method.getClassName();
                return className.substring(className.lastIndexOf('.') + 1) + "." + method.getMethodName();
            }
            return test.getDisplayName();
        }
    }
}
