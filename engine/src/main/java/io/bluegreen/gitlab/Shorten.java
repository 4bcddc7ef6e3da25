package io.bluegreen.gitlab;

/** Keeps caller-supplied text short enough to echo in a one-line HTTP reason or log line. */
final class Shorten {
    private static final int REASON_LIMIT = 80;

    private Shorten() {
    }

    static String forReason(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() <= REASON_LIMIT ? oneLine : oneLine.substring(0, REASON_LIMIT) + "…";
    }
}
