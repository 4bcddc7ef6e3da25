package io.bluegreen.cli;

import io.bluegreen.deploy.AppInspector;
import io.bluegreen.log.OperatorLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the deploys of APP the engine still holds, newest first (live, then the one rollback returns to).")
public final class HistoryCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    AppOptions app;

    @Override
    public Integer call() {
        StatusCommand.print(new AppInspector(engine.connect(OperatorLog.to(System.err))).status(app.app, app.router()).history());
        return 0;
    }
}
