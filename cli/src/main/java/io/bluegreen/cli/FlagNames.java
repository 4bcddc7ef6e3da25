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
    private static final Map<String, String> FLAGS = Map.of(
            "router.port", "--publish",
            "router.colourPorts", "--fixed-ports",
            "router.image", "--router-image",
            "router.name", "--router-name",
            "containerPort", "--port",
            "engine", "--engine",
            RegistryLoginRefusedException.FIELD, "--registry-user/--registry-password-stdin/--registry-password-env");

    private FlagNames() {
    }

    /** The refusal's message, starting with the flag instead of the engine's field name where they differ. */
    static String message(BadInput refusal, String message) {
        String flag = FLAGS.get(refusal.field());
        String prefix = refusal.field() + ": ";
        return flag != null && message.startsWith(prefix) ? flag + ": " + message.substring(prefix.length()) : message;
    }
}
