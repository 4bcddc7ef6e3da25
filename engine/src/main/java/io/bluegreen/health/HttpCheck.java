package io.bluegreen.health;

import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One check a colour must pass around its promotion: a GET of {@code path} answered with {@code status},
 * and, when given, a body containing {@code bodyContains}. Written as {@code GET /health 200 contains ok}
 * ({@code GET} and the {@code contains} part optional), which is also how it is kept in the engine's labels.
 */
public record HttpCheck(String path, int status, String bodyContains) {
    private static final Pattern GRAMMAR = Pattern.compile("(?:GET\\s+)?(/\\S*)\\s+(\\d{3})(?:\\s+contains\\s+(.+))?");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Parses the written form; {@code field} names the setting in the refusal. */
    public static HttpCheck parse(String text, String field) {
        Matcher check = GRAMMAR.matcher(text == null ? "" : text.strip());
        InvalidInputException.require(check.matches(), field, "'" + text + "' is not a check",
                "write 'GET /path STATUS' or 'GET /path STATUS contains TEXT', e.g. 'GET /health 200 contains ok'");
        return new HttpCheck(check.group(1), Integer.parseInt(check.group(2)), check.group(3));
    }

    /** What went wrong with the answer at {@code host} through {@code address:port}; empty when the check passed. */
    public Optional<String> problem(String address, int port, String host, Map<String, String> headers) {
        try {
            HttpAnswer answer = PlainHttp.get(address, port, host, headers, path, TIMEOUT);
            if (answer.status() != status) {
                return Optional.of(this + ": answered " + answer.status());
            }
            if (bodyContains != null && !answer.body().contains(bodyContains)) {
                return Optional.of(this + ": the body does not contain '" + bodyContains + "' (it starts '"
                        + answer.body().strip().lines().findFirst().orElse("") + "')");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(this + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GET %s %d", path, status) + (bodyContains == null ? "" : " contains " + bodyContains);
    }
}
