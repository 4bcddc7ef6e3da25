package io.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.image.ImagePuller;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.RouterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A target of one Docker engine: the single-host blue-green deploy ({@link BlueGreenDeploy}) and its promotion. */
public final class EngineTarget implements Target {
    private final DockerClient docker;
    private final String label;
    private final OperatorLog log;
    private final BlueGreenDeploy deploy;
    private RegistryCredentials credentials;

    /** {@code docker} is the target's from now on: closing the target closes it. */
    public EngineTarget(DockerClient docker, String label, OperatorLog log) {
        this.docker = docker;
        this.label = label;
        this.log = log;
        this.deploy = new BlueGreenDeploy(docker, log);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public EngineTarget withListener(DeployListener listener) {
        deploy.withListener(listener);
        return this;
    }

    @Override
    public EngineTarget pullingWith(RegistryCredentials credentials) {
        this.credentials = credentials;
        return this;
    }

    @Override
    public RolloutResult deploy(DeploySpec spec) {
        pullIfAsked(spec);
        return RolloutResult.ofOne(label, deploy.deploy(spec));
    }

    @Override
    public RolloutResult deploySameAs(LiveImage tested, DeploySpec spec) {
        return RolloutResult.ofOne(label, deploy.deploySameAs(tested, spec,
                credentials == null ? RegistryCredentials.anonymous() : credentials));
    }

    @Override
    public RolloutResult rollback(DeploySpec spec) {
        return RolloutResult.ofOne(label, deploy.rollback(spec));
    }

    @Override
    public LiveImage liveImage(String app, RouterSettings router) {
        return LiveImage.of(docker, label, app, router);
    }

    @Override
    public TargetStatus status(String app, RouterSettings router) {
        return new TargetStatus(app, List.of(new TargetStatus.HostStatus(label, new AppInspector(docker).status(app, router), null)));
    }

    @Override
    public Optional<WaitingColour> awaiting(String app, RouterSettings router) {
        return new AppInspector(docker).awaiting(app, router);
    }

    @Override
    public String preview(WaitingColour waiting, RouterSettings router) {
        return waiting.previewCommand(router.reachAddress(), router.publishPort());
    }

    @Override
    public WaitingColour deployWithoutSwitch(DeploySpec spec, PromotionTerms terms) {
        pullIfAsked(spec);
        return deploy.deployWithoutSwitch(spec, terms);
    }

    @Override
    public boolean awaitDecision(DeploySpec spec, WaitingColour waiting) {
        return deploy.awaitDecision(spec, waiting);
    }

    @Override
    public RolloutResult promote(DeploySpec spec) {
        return RolloutResult.ofOne(label, deploy.promote(spec));
    }

    @Override
    public void abort(DeploySpec spec) {
        deploy.abort(spec);
    }

    @Override
    public Map<String, String> lockHolders(String app) {
        return DeployLock.holder(docker, app).map(holder -> Map.of(label, EngineLock.describe(holder))).orElse(Map.of());
    }

    @Override
    public List<String> forceUnlock(String app) {
        return DeployLock.forceUnlock(docker, app) ? List.of(label) : List.of();
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pullIfAsked(DeploySpec spec) {
        if (credentials != null) {
            new ImagePuller(docker, log).pullIfAbsent(spec.image(), "image", credentials);
        }
    }
}
