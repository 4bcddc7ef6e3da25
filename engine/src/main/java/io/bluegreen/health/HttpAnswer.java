package io.bluegreen.health;

import java.util.Map;

/** One HTTP response as read off the wire: status, headers (names in lower case) and body. */
public record HttpAnswer(int status, Map<String, String> headers, String body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
