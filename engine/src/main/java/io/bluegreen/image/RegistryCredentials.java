package io.bluegreen.image;

import com.github.dockerjava.api.model.AuthConfig;
import io.bluegreen.validation.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who we are to a registry. A token (a GitLab job or deploy token, a personal access token) is a
 * password here, paired with the user name the registry expects (GitLab: gitlab-ci-token for
 * CI_JOB_TOKEN). The secret never appears in {@link #toString()}.
 */
public record RegistryCredentials(String username, String secret) {

    private static final RegistryCredentials ANONYMOUS = new RegistryCredentials(null, null);

    public RegistryCredentials {
        InvalidInputException.require((username == null) == (secret == null), "registry-user",
                username == null ? "a password was given without a user" : "user '" + username + "' has no password",
                "give both the user and the password (or token), or neither");
        InvalidInputException.require(username == null || !username.isBlank() && !username.contains(":"),
                "registry-user", "is blank or contains ':'", "give the registry user name");
        InvalidInputException.require(secret == null || !secret.isEmpty(), "registry-password", "is empty",
                "give the password or token");
    }

    public static RegistryCredentials anonymous() {
        return ANONYMOUS;
    }

    public static RegistryCredentials of(String username, String passwordOrToken) {
        return new RegistryCredentials(username, passwordOrToken);
    }

    public boolean isAnonymous() {
        return username == null;
    }

    /** The engine's form, for push and pull; null when anonymous so the engine sends nothing. */
    AuthConfig authConfig(String registry) {
        return isAnonymous() ? null : new AuthConfig().withUsername(username).withPassword(secret).withRegistryAddress(registry);
    }

    /** An HTTP Basic {@code Authorization} header value. */
    String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return isAnonymous() ? "anonymous" : "user " + username;
    }
}
