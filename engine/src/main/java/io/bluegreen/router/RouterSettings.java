package io.bluegreen.router;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.validation.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * How an app's traffic is routed: through the host's nginx router (default), or to one fixed host
 * port per colour behind the team's own load balancer. Host-wide settings (router container,
 * image, published port) and the app's own (server names, extra nginx directives) live together
 * because a deploy needs both.
 */
public final class RouterSettings {
    public static final String DEFAULT_NAME = "bluegreen-router";
    public static final String DEFAULT_IMAGE = "nginx:stable-alpine";

    private final boolean nginx;
    private String name = DEFAULT_NAME;
    private String image = DEFAULT_IMAGE;
    private String publishAddress = "0.0.0.0";
    private int publishPort = 80;
    private String reachAddress = "127.0.0.1";
    private final List<String> serverNames = new ArrayList<>();
    private String directives = "";
    private int bluePort;
    private int greenPort;

    private RouterSettings(boolean nginx) {
        this.nginx = nginx;
    }

    public static RouterSettings nginx() {
        return new RouterSettings(true);
    }

    /** The write-up's first approach: blue always on {@code bluePort}, green on {@code greenPort}. */
    public static RouterSettings fixedPorts(int bluePort, int greenPort) {
        RouterSettings settings = new RouterSettings(false);
        settings.bluePort = bluePort;
        settings.greenPort = greenPort;
        return settings;
    }

    /** The router container's name; one router per engine serves many apps. */
    public RouterSettings withName(String name) {
        this.name = name;
        return this;
    }

    public RouterSettings withImage(String image) {
        this.image = image;
        return this;
    }

    /** Where the router (or, in fixed-port mode, each colour) publishes on the host. */
    public RouterSettings withPublish(String address, int port) {
        this.publishAddress = address;
        this.publishPort = port;
        return this;
    }

    /** Where this process reaches published ports: 127.0.0.1 for a local engine, the host for a remote one. */
    public RouterSettings withReachAddress(String address) {
        this.reachAddress = address;
        return this;
    }

    /**
     * These settings as one host of many sees them: the same router, reached at that host's address. A copy,
     * because the settings are built once for the whole target and every host reads them at once.
     */
    public RouterSettings reachedAt(String address) {
        RouterSettings copy = new RouterSettings(nginx);
        copy.name = name;
        copy.image = image;
        copy.publishAddress = publishAddress;
        copy.publishPort = publishPort;
        copy.reachAddress = address;
        copy.serverNames.addAll(serverNames);
        copy.directives = directives;
        copy.bluePort = bluePort;
        copy.greenPort = greenPort;
        return copy;
    }

    /** Host names the app answers to besides its own name. */
    public RouterSettings withServerNames(String... names) {
        serverNames.addAll(List.of(names));
        return this;
    }

    /** Raw nginx directives for the app's server block, e.g. {@code client_max_body_size 50m;}. */
    public RouterSettings withDirectives(String directives) {
        this.directives = directives;
        return this;
    }

    public boolean isNginx() {
        return nginx;
    }

    public String name() {
        return name;
    }

    public String image() {
        return image;
    }

    public String publishAddress() {
        return publishAddress;
    }

    public int publishPort() {
        return publishPort;
    }

    public String reachAddress() {
        return reachAddress;
    }

    public List<String> serverNames() {
        return List.copyOf(serverNames);
    }

    public String directives() {
        return directives;
    }

    public int portOf(Colour colour) {
        return colour == Colour.BLUE ? bluePort : greenPort;
    }

    /** The host ports this router publishes, for the "already taken" check before a deploy. */
    public List<Integer> hostPorts() {
        return nginx ? List.of(publishPort) : List.of(bluePort, greenPort);
    }

    public void validate() {
        for (int port : hostPorts()) {
            InvalidInputException.require(port >= 1 && port <= 65535, nginx ? "router.port" : "router.colourPorts",
                    port + " is not a TCP port", "give a port between 1 and 65535");
        }
        InvalidInputException.require(nginx || bluePort != greenPort, "router.colourPorts",
                "blue and green both use " + bluePort, "give each colour its own host port");
        InvalidInputException.require(name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*"), "router.name",
                "'" + name + "' is not a container name", "use letters, digits, '-', '_' and '.'");
        for (String serverName : serverNames) {
            InvalidInputException.require(serverName.matches("[A-Za-z0-9*.-]+"), "router.serverNames",
                    "'" + serverName + "' is not a host name", "give names like shop.example.com");
        }
    }

    public Router open(DockerClient docker, OperatorLog log) {
        return nginx ? new NginxRouter(docker, this, log) : new FixedPortRouter(docker, this);
    }
}
