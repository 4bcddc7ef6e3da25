package io.bluegreen.cli;

import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.validation.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/**
 * Registry login flags. The password (or token) comes from standard input or an environment
 * variable, never from the command line, where ps and shell history would show it.
 */
public final class RegistryOptions {
    @Option(names = "--registry-user", paramLabel = "USER",
            description = "registry user (GitLab: gitlab-ci-token with CI_JOB_TOKEN, or a deploy token's user)")
    String user;

    @Option(names = "--registry-password-stdin", description = "read the password or token from the first line of stdin")
    boolean passwordFromStdin;

    @Option(names = "--registry-password-env", paramLabel = "VAR",
            description = "read the password or token from environment variable VAR")
    String passwordVariable;

    public RegistryCredentials credentials() {
        InvalidInputException.require(!(passwordFromStdin && passwordVariable != null),
                "--registry-password-stdin/--registry-password-env", "both were given", "give one of them");
        String password = null;
        if (passwordFromStdin) {
            password = firstLineOfStdin();
        } else if (passwordVariable != null) {
            password = Secrets.fromEnv(passwordVariable, "--registry-password-env");
        }
        return user == null && password == null ? RegistryCredentials.anonymous() : RegistryCredentials.of(user, password);
    }

    private static String firstLineOfStdin() {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            InvalidInputException.require(line != null, "--registry-password-stdin", "standard input was empty",
                    "pipe the password in, e.g. printf %s \"$TOKEN\" | bluegreen ...");
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from standard input", e);
        }
    }
}
