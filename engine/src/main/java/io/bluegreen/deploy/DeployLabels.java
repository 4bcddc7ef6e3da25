package io.bluegreen.deploy;

/**
 * The labels that hold a deploy's state in the engine itself. There are no local files: any process
 * on any machine reads the state of a target from these (and from the router).
 */
public final class DeployLabels {
    public static final String APP = "io.bluegreen.app";
    public static final String COLOUR = "io.bluegreen.colour";
    public static final String COMMIT = "io.bluegreen.commit";
    public static final String DIGEST = "io.bluegreen.digest";
    public static final String IMAGE = "io.bluegreen.image";
    public static final String DEPLOY_ID = "io.bluegreen.deploy-id";
    public static final String DEPLOYED_AT = "io.bluegreen.deployed-at";
    public static final String ROLE = "io.bluegreen.role";
    public static final String PORT = "io.bluegreen.port";
    /** The image the colour replaced, so a rollback can redeploy it when no previous colour is kept. */
    public static final String PREVIOUS_IMAGE = "io.bluegreen.previous-image";
    /** Where a promoted image came from: the source target, app and deploy id whose live colour ran it. */
    public static final String PROMOTED_FROM = "io.bluegreen.promoted-from";

    /** Role of the containers that serve the app (others: lock, router, route). */
    public static final String ROLE_APP = "app";
    public static final String ROLE_LOCK = "lock";

    private DeployLabels() {
    }
}
