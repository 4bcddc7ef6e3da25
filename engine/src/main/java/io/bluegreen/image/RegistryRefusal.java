package io.bluegreen.image;

import java.util.Locale;

/** Words an operator needs when a registry says no: was it the credentials? */
final class RegistryRefusal {
    private RegistryRefusal() {
    }

    static boolean isAuthentication(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return text.contains("unauthorized") || text.contains("authentication required")
                || text.contains("denied") || text.contains("401");
    }
}
