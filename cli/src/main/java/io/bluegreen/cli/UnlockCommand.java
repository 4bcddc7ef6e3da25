package io.bluegreen.cli;

import io.bluegreen.deploy.DeployLock;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.OperatorLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Show who holds APP's deploy lock; with --force, remove it (only when that deploy is dead).")
public final class UnlockCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Parameters(index = "0", paramLabel = "APP")
    String app;

    @Option(names = "--force", description = "remove the lock whoever holds it")
    boolean force;

    @Override
    public Integer call() {
        var docker = engine.connect(OperatorLog.to(System.err));
        var holder = DeployLock.holder(docker, app);
        if (holder.isEmpty()) {
            System.out.println(app + ": not locked");
            return 0;
        }
        System.out.println(app + ": locked by " + EngineLock.describe(holder.get()));
        if (!force) {
            System.out.println("not removed; if that deploy is dead, run again with --force");
            return Main.FAILED;
        }
        DeployLock.forceUnlock(docker, app);
        System.out.println(app + ": lock removed");
        return 0;
    }
}
