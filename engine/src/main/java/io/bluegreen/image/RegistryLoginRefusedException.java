package io.bluegreen.image;

import io.bluegreen.validation.BadInput;

/**
 * A registry refused our credentials (or their absence). Bad input: the user fixes the login, and
 * nothing was changed. Still a {@link RegistryHttpException}, so callers that judge a registry's
 * answer by its status go on doing so.
 */
public final class RegistryLoginRefusedException extends RegistryHttpException implements BadInput {
    public static final String FIELD = "registry credentials";
    private static final String FIX = "check the registry user and password or token, and that the user may pull"
            + " and push there";

    RegistryLoginRefusedException(int status, String registry, RegistryCredentials credentials, String what) {
        super(status, FIELD + ": registry " + registry + " refused " + credentials + " " + what
                + "; nothing was changed (fix: " + FIX + ")");
    }

    @Override
    public String field() {
        return FIELD;
    }

    @Override
    public String fix() {
        return FIX;
    }
}
