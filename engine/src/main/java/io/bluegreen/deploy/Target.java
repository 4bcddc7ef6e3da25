package io.bluegreen.deploy;

import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.router.RouterSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a deploy goes, whatever its kind: one engine ({@link EngineTarget}), many hosts in waves
 * ({@link ManyHostsTarget}) or a Swarm ({@code SwarmTarget}). The CLI and the plugin both deploy, roll back,
 * read and promote through this, so each verb is written once per kind, here, and neither front end asks a
 * target its kind. A verb a kind cannot do is refused before anything changes, saying what to do instead.
 * <p>
 * Each host of a target has its own router, reached at that host's address; the target sets that on its
 * copy of the spec, so callers give one spec for the whole target.
 */
public interface Target extends AutoCloseable {

    /** How the target shows up in logs and results: its name, or its engine's address. */
    String label();

    /** Told once per change of the whole target, never once per host. */
    Target withListener(DeployListener listener);

    /**
     * Who the target's engines are to the registry when they pull the image. One engine pulls an image it
     * lacks only when given this (a local image is used as it is); the hosts of many always pull; a
     * Swarm's nodes pull for themselves.
     */
    Target pullingWith(RegistryCredentials credentials);

    /** Puts {@code spec.image()} live on every host; what each host did, one engine or a Swarm being a target of one. */
    RolloutResult deploy(DeploySpec spec);

    /** Deploys exactly the image another target runs live, by digest, recording where it came from. */
    RolloutResult deploySameAs(LiveImage tested, DeploySpec spec);

    /** Every host back to the colour it served before its last change. */
    RolloutResult rollback(DeploySpec spec);

    /** What {@code app} runs live here, pinned by digest, for another target to get the same; refused unless it runs healthy. */
    LiveImage liveImage(String app, RouterSettings router);

    /** The app on every host, read from the engines; changes nothing. */
    TargetStatus status(String app, RouterSettings router);

    /** The colour awaiting promotion, when one does. */
    Optional<WaitingColour> awaiting(String app, RouterSettings router);

    /** How this machine reaches {@code waiting}'s preview, as a curl command with its key: on many hosts, the canary's. */
    String preview(WaitingColour waiting, RouterSettings router);

    /**
     * Up to the switch: the new colour waits, healthy, on a preview, for {@link #promote} or {@link #abort} from any
     * process. A kind that cannot do this yet refuses it, and the other promotion verbs, before anything changes.
     */
    WaitingColour deployWithoutSwitch(DeploySpec spec, PromotionTerms terms);

    /** Waits with the colour until another process decides, or its deadline applies its terms; whether it went live. */
    boolean awaitDecision(DeploySpec spec, WaitingColour waiting);

    /** Switches to the waiting colour, with its pre- and post-promotion checks. */
    RolloutResult promote(DeploySpec spec);

    /** Removes the waiting colour; nothing else changes. */
    void abort(DeploySpec spec);

    /** Who holds the app's deploy lock, by host, where someone does: how a dead deploy is found. */
    Map<String, String> lockHolders(String app);

    /** Removes the app's deploy lock wherever it is held, whoever holds it (only for a dead deploy); where it was. */
    List<String> forceUnlock(String app);

    @Override
    void close();
}
