package io.bluegreen.cli;

import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.log.OperatorLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Start IMAGE as the idle colour of APP, prove it healthy, switch traffic to it, drain and stop the old one.")
public final class DeployCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    SpecOptions spec;

    @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "image on the engine to deploy")
    String image;

    @Option(names = "--commit", paramLabel = "SHA", description = "default: the image's org.opencontainers.image.revision label")
    String commit;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        new BlueGreenDeploy(engine.connect(log), log).deploy(spec.spec(image).withCommit(commit));
        return 0;
    }
}
