package io.bluegreen.cli;

import io.bluegreen.image.RegistryLoginRefusedException;
import io.bluegreen.validation.BadInput;
import java.util.Map;

/**
 * The engine names a refused setting as its API and the Jenkins forms do ({@code router.port}); at a
 * terminal the reader needs the flag that sets it ({@code --publish}). Fields named like their flag
 * ({@code image}, {@code app}) stay as they are.
 */
final class FlagNames {
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("router.port", "--publish"),
            Map.entry("router.colourPorts", "--fixed-ports"),
            Map.entry("router.image", "--router-image"),
            Map.entry("router.name", "--router-name"),
            Map.entry("containerPort", "--port"),
            Map.entry("engine", "--engine"),
            Map.entry("host", "--host"),
            Map.entry("promotion", "--no-switch"),
            Map.entry("from", "--from-engine"),
            Map.entry("noSwitch", "--no-switch"),
            Map.entry("preCheck", "--pre-check"),
            Map.entry("postCheck", "--post-check"),
            Map.entry("atDeadline", "--at-deadline"),
            Map.entry("promotion.wait", "--wait"),
            Map.entry("promotion.watch", "--watch"),
            Map.entry("promotion.previewPort", "--preview-port"),
            Map.entry("fromEngine", "--from-engine"),
            Map.entry("fromRouter", "--from-router"),
            Map.entry(RegistryLoginRefusedException.FIELD, "--registry-user/--registry-password-stdin/--registry-password-env"));

    private FlagNames() {
    }

    /** The refusal's message, starting with the flag instead of the engine's field name where they differ. */
    static String message(BadInput refusal, String message) {
        String flag = FLAGS.get(refusal.field());
        String prefix = refusal.field() + ": ";
        return flag != null && message.startsWith(prefix) ? flag + ": " + message.substring(prefix.length()) : message;
    }
}
