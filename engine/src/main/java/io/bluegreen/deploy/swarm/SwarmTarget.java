package io.bluegreen.deploy.swarm;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.deploy.DeployListener;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.LiveImage;
import io.bluegreen.deploy.PromotionTerms;
import io.bluegreen.deploy.RolloutResult;
import io.bluegreen.deploy.Target;
import io.bluegreen.deploy.TargetStatus;
import io.bluegreen.deploy.WaitingColour;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Docker Swarm, reached through one manager: each colour is a service ({@link SwarmBlueGreenDeploy}). It
 * is a target of one for results and status: the Swarm, not this process, spreads the work over its nodes.
 */
public final class SwarmTarget implements Target {
    private final DockerClient manager;
    private final String label;
    private final SwarmBlueGreenDeploy deploy;

    /** {@code manager} is the target's from now on: closing the target closes it. */
    public SwarmTarget(DockerClient manager, String label, OperatorLog log) {
        this.manager = manager;
        this.label = label;
        this.deploy = new SwarmBlueGreenDeploy(manager, log);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public SwarmTarget withListener(DeployListener listener) {
        deploy.withListener(listener);
        return this;
    }

    /** The nodes pull the image themselves, by its registry address, when they start a task. */
    @Override
    public SwarmTarget pullingWith(RegistryCredentials credentials) {
        return this;
    }

    @Override
    public RolloutResult deploy(DeploySpec spec) {
        return RolloutResult.ofOne(label, deploy.deploy(spec));
    }

    @Override
    public RolloutResult deploySameAs(LiveImage tested, DeploySpec spec) {
        return deploy(tested.deployedBy(spec));
    }

    @Override
    public RolloutResult rollback(DeploySpec spec) {
        return RolloutResult.ofOne(label, deploy.rollback(spec));
    }

    @Override
    public LiveImage liveImage(String app, RouterSettings router) {
        return deploy.liveImage(label, app);
    }

    @Override
    public TargetStatus status(String app, RouterSettings router) {
        return new TargetStatus(app, List.of(new TargetStatus.HostStatus(label, deploy.status(app), null)));
    }

    /** Nothing can wait here: a deploy without the switch is refused on a Swarm. */
    @Override
    public Optional<WaitingColour> awaiting(String app, RouterSettings router) {
        return Optional.empty();
    }

    @Override
    public String preview(WaitingColour waiting, RouterSettings router) {
        throw noWaitingColour();
    }

    @Override
    public WaitingColour deployWithoutSwitch(DeploySpec spec, PromotionTerms terms) {
        throw noWaitingColour();
    }

    @Override
    public boolean awaitDecision(DeploySpec spec, WaitingColour waiting) {
        throw noWaitingColour();
    }

    @Override
    public RolloutResult promote(DeploySpec spec) {
        throw noWaitingColour();
    }

    @Override
    public void abort(DeploySpec spec) {
        throw noWaitingColour();
    }

    private InvalidInputException noWaitingColour() {
        return new InvalidInputException("promotion", "'" + label + "' is a Swarm; a colour waiting for promotion works on"
                + " one engine or many hosts so far",
                "deploy with the switch, or promote between targets (from staging), which works on every kind");
    }

    @Override
    public Map<String, String> lockHolders(String app) {
        return deploy.status(app).lockHolder().map(holder -> Map.of(label, holder)).orElse(Map.of());
    }

    @Override
    public List<String> forceUnlock(String app) {
        return deploy.forceUnlock(app) ? List.of(label) : List.of();
    }

    @Override
    public void close() {
        try {
            manager.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
