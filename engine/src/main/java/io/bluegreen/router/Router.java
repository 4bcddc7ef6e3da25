package io.bluegreen.router;

import io.bluegreen.health.HealthTarget;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides which colour of an app receives traffic. One implementation per way of routing:
 * {@link NginxRouter} (an nginx container we manage) and {@link FixedPortRouter} (the team's own
 * load balancer in front of one fixed host port per colour).
 */
public interface Router {

    /** Makes the router ready for an app on {@code network} (creating what is absent); idempotent. */
    void prepare(String app, String network);

    /** The colour whose containers receive the app's traffic now; empty before the first deploy. */
    Optional<Colour> liveColour(String app);

    /**
     * Where a health probe reaches one new container the way traffic will. A router whose port is
     * public opens that container's port to this deploy alone, until {@link #closePreviews}.
     */
    HealthTarget healthTarget(String app, Colour colour, String containerId, String containerName, int containerPort);

    /**
     * Opens one container to requests carrying {@code key}, until {@link #closePreviews}: how a person or a
     * check looks at a colour awaiting promotion, from any process that knows the key.
     */
    HealthTarget openPreview(String app, Colour colour, String containerId, String containerName, int containerPort,
                             String key);

    /**
     * Also opens one container on a host port of its own, {@code address:port}, to requests carrying {@code key},
     * until {@link #closePreviews}: for whoever cannot set a Host header. A router without previews refuses it.
     */
    void openPreviewPort(String app, String containerName, int containerPort, String key, String address, int port);

    /** Refuses a preview port that is taken, before anything changes. */
    void requirePreviewPortFree(String app, int port);

    /** Takes back what {@link #healthTarget} opened for the app's containers, this deploy's and any a dead deploy left. */
    void closePreviews(String app);

    /**
     * Stops sending anything to the idle colour, so its containers may stop or be replaced; also
     * repairs what a deploy killed midway left behind. Traffic stays on the live colour.
     */
    void settle(String app);

    /** Host ports a colour's containers must publish their port on; empty when the router needs none. */
    Optional<Integer> hostPort(Colour colour);

    /**
     * Prepares everything a switch to {@code route} needs while traffic stays on the live colour, so
     * the switch itself is a flip; runs while the new colour's health is being proven. A config the
     * router rejects fails here, before any traffic moves.
     */
    void stage(AppRoute route);

    /**
     * Sends the app's traffic to {@code route} and returns only once a request through the router
     * proved it; on failure traffic stays where it was and {@link RouterRejectedException} says why.
     */
    void switchTo(AppRoute route);

    /**
     * Makes a switch back to {@code back}, the colour live now, ready before traffic moves away from it, so a
     * failure found right after that move is undone by a flip alone. Used by the next {@link #switchTo} to
     * {@code back}; dropped by {@link #drain} or {@link #settle}. A router whose switch is no flip needs nothing.
     */
    void armSwitchBack(AppRoute back);

    /**
     * After a switch away from {@code colour}: returns once no request routed to it is still running,
     * or once {@code timeout} has passed (zero: at once). The router sees the traffic, so it knows.
     */
    DrainReport drain(String app, Colour colour, Duration timeout);
}
