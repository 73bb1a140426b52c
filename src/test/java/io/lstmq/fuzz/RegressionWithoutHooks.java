package io.lstmq.fuzz;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In the normal test run (no {@code JAZZER_FUZZ}, not started by Jazzer's own launcher), a fuzz test only replays
 * its saved inputs. Jazzer would still install its bug-detector hooks into the shared test JVM, which costs
 * seconds and instruments every class loaded afterwards; the replay needs none of it, so this turns the hooks off
 * before Jazzer configures itself (a JUnit configuration parameter, which JUnit also reads from system properties).
 */
final class RegressionWithoutHooks implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        boolean fuzzing = System.getenv("JAZZER_FUZZ") != null
                || context.getConfigurationParameter("jazzer.internal.command_line").map(Boolean::parseBoolean)
                        .orElse(false);
        if (!fuzzing) {
            System.setProperty("jazzer.hooks", "false");
        }
    }
}
