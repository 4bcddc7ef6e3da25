package io.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One {@code bluegreen ...} invocation through {@link Main#run}, with what it printed and its exit code. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return withStdin("", args);
    }

    /** Runs {@code args}, echoes what they printed for the test log, and returns standard output; fails unless the exit code is 0. */
    static String succeeding(List<String> args) {
        CliRun run = of(args.toArray(String[]::new));
        System.out.print(run.out());
        System.err.print(run.err());
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run.out();
    }

    static synchronized CliRun withStdin(String stdin, String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        InputStream originalIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exitCode = Main.run(args);
            return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            System.setIn(originalIn);
        }
    }
}
