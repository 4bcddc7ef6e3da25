package io.bluegreen.cli;

import io.bluegreen.deploy.Target;
import io.bluegreen.log.OperatorLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Show who holds APP's deploy lock, on every --host of many; with --force, remove it (only when that"
                + " deploy is dead).")
public final class UnlockCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Option(names = "--force", description = "remove the lock whoever holds it")
    boolean force;

    @Override
    public Integer call() {
        try (Target locked = target.open(OperatorLog.to(System.err), null)) {
            Map<String, String> holders = locked.lockHolders(app);
            if (holders.isEmpty()) {
                System.out.println(app + ": not locked");
                return 0;
            }
            holders.forEach((where, holder) -> System.out.println(app + ": locked by " + holder + " (" + where + ")"));
            if (!force) {
                System.out.println("not removed; if that deploy is dead, run again with --force");
                return Main.FAILED;
            }
            List<String> removed = locked.forceUnlock(app);
            System.out.println(app + ": lock removed (" + String.join(", ", removed) + ")");
            return 0;
        }
    }
}
