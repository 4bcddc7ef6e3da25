package io.bluegreen.cli;

import io.bluegreen.deploy.Target;
import io.bluegreen.log.OperatorLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Switch APP back to its previous colour (started and health-checked first), or redeploy the previous image;"
                + " over many --host in the same waves as a deploy.")
public final class RollbackCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Mixin
    SpecOptions spec;

    @Mixin
    PlanOptions plan;

    @Mixin
    NotifyOptions notify;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        try (Target back = target.open(log, plan).withListener(notify.notifications(log).asRollback())) {
            back.rollback(spec.spec(null));
        }
        return 0;
    }
}
