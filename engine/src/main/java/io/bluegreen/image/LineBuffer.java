package io.bluegreen.image;

import java.util.function.Consumer;

/**
 * Turns the engine's output chunks, which split and join lines arbitrarily, into whole lines as
 * soon as each one is complete.
 */
final class LineBuffer {
    private final StringBuilder pending = new StringBuilder();
    private final Consumer<String> lines;

    LineBuffer(Consumer<String> lines) {
        this.lines = lines;
    }

    synchronized void append(String chunk) {
        if (chunk == null) {
            return;
        }
        pending.append(chunk);
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            emit(pending.substring(0, newline));
            pending.delete(0, newline + 1);
        }
    }

    synchronized void flush() {
        if (pending.length() > 0) {
            emit(pending.toString());
            pending.setLength(0);
        }
    }

    private void emit(String line) {
        String text = line.stripTrailing();
        if (!text.isEmpty()) {
            lines.accept(text);
        }
    }
}
