package io.bluegreen.cli;

import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Secrets never come as flag values (they would show in `ps` and shell history): the flags name an
 * environment variable or a file that holds them.
 */
final class Secrets {
    private Secrets() {
    }

    static String fromEnv(String variable, String flag) {
        String value = System.getenv(variable);
        InvalidInputException.require(value != null && !value.isBlank(), flag,
                "environment variable " + variable + " is not set or empty", "export " + variable + " with the secret");
        return value.strip();
    }

    static String fromFile(Path file, String flag) {
        return read(file, flag).strip();
    }

    /** Exactly one of the two when {@code required}; otherwise at most one, and null for neither. */
    static String fromEnvOrFile(String variable, Path file, String envFlag, String fileFlag, boolean required) {
        InvalidInputException.require(variable == null || file == null, envFlag + "/" + fileFlag,
                "both were given", "give one of them");
        InvalidInputException.require(!required || variable != null || file != null, envFlag + "/" + fileFlag,
                "neither was given", "give " + envFlag + " VAR or " + fileFlag + " FILE");
        if (variable != null) {
            return fromEnv(variable, envFlag);
        }
        return file == null ? null : fromFile(file, fileFlag);
    }

    static String read(Path file, String flag) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(flag, "cannot read " + file + " as UTF-8 text ("
                    + e.getClass().getSimpleName() + ")", "give a readable UTF-8 file");
        }
    }
}
