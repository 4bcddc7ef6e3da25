package io.bluegreen.validation;

/**
 * Input that the engine refuses before it touches anything. The message always names the field,
 * what was wrong with the value and how to fix it, because the reader is usually a person
 * looking at a failed build.
 */
public class InvalidInputException extends IllegalArgumentException implements BadInput {
    private final String field;
    private final String fix;

    public InvalidInputException(String field, String problem, String fix) {
        super(field + ": " + problem + " (fix: " + fix + ")");
        this.field = field;
        this.fix = fix;
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public String fix() {
        return fix;
    }

    /** Throws when {@code condition} is false; keeps the call sites to one line per rule. */
    public static void require(boolean condition, String field, String problem, String fix) {
        if (!condition) {
            throw new InvalidInputException(field, problem, fix);
        }
    }
}
