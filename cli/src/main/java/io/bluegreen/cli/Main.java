package io.bluegreen.cli;

import io.bluegreen.targets.EngineUnreachableException;
import io.bluegreen.validation.BadInput;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bluegreen}: the engine from a terminal or a script. Exit codes scripts can rely on:
 * 0 done, 1 the operation failed, 2 bad input (nothing was changed), 3 engine unreachable.
 */
@Command(name = "bluegreen", mixinStandardHelpOptions = true, version = "bluegreen 0.1.0",
        description = "Build, push and retag Docker images, and deploy them blue-green.",
        subcommands = {BuildCommand.class, PushCommand.class, RetagCommand.class, DeployCommand.class,
                PromoteCommand.class, AbortCommand.class, RollbackCommand.class,
                StatusCommand.class, HistoryCommand.class, UnlockCommand.class,
                WebhookCommand.class})
public final class Main {
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int UNREACHABLE = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof BadInput refusal) {
                cmd.getErr().println("error: " + FlagNames.message(refusal, e.getMessage()));
                return BAD_INPUT;
            }
            cmd.getErr().println("error: " + e.getMessage());
            return e instanceof EngineUnreachableException ? UNREACHABLE : FAILED;
        });
        commandLine.setExitCodeExceptionMapper(e -> BAD_INPUT);
        return commandLine.execute(args);
    }
}
