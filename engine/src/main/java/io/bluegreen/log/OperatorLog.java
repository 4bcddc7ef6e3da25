package io.bluegreen.log;

import java.io.PrintStream;

/**
 * Where the engine tells an operator what it is doing: a Jenkins console, a terminal, a test.
 * One call is one line; callers never pass secrets.
 */
@FunctionalInterface
public interface OperatorLog {
    void line(String text);

    default void warn(String text) {
        line("WARNING: " + text);
    }

    static OperatorLog to(PrintStream out) {
        return out::println;
    }

    static OperatorLog silent() {
        return text -> { };
    }
}
