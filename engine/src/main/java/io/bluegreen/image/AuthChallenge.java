package io.bluegreen.image;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate} answer: either {@code Basic realm=...} (htpasswd registries)
 * or {@code Bearer realm=...,service=...,scope=...} (GitLab, Docker Hub, Harbor), which sends us to
 * a token service first.
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {

    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

    static AuthChallenge parse(String header) {
        String text = header == null ? "" : header.trim();
        int space = text.indexOf(' ');
        String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new HashMap<>();
        Matcher matcher = PARAMETER.matcher(space < 0 ? "" : text.substring(space + 1));
        while (matcher.find()) {
            parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
        }
        return new AuthChallenge(scheme, Map.copyOf(parameters));
    }

    boolean isBearer() {
        return scheme.equals("bearer") && parameters.containsKey("realm");
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }

    String parameter(String name) {
        return parameters.get(name);
    }
}
