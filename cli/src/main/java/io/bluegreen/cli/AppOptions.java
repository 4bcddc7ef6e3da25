package io.bluegreen.cli;

import io.bluegreen.router.RouterSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which app, and how its traffic is routed: shared by every deploy command. */
public final class AppOptions {
    @Parameters(index = "0", paramLabel = "APP", description = "app name: lower-case letters, digits and '-'")
    String app;

    @Option(names = "--router-name", paramLabel = "NAME", description = "nginx router container (default: ${DEFAULT-VALUE})",
            defaultValue = RouterSettings.DEFAULT_NAME)
    String routerName;

    @Option(names = "--router-image", paramLabel = "IMAGE", description = "nginx image (default: ${DEFAULT-VALUE})",
            defaultValue = RouterSettings.DEFAULT_IMAGE)
    String routerImage;

    @Option(names = "--publish", paramLabel = "ADDRESS:PORT",
            description = "where the router listens on the host (default: ${DEFAULT-VALUE})", defaultValue = "0.0.0.0:80")
    String publish;

    @Option(names = "--reach", paramLabel = "ADDRESS",
            description = "address at which this machine reaches published ports (default: ${DEFAULT-VALUE})",
            defaultValue = "127.0.0.1")
    String reach;

    @Option(names = "--fixed-ports", paramLabel = "BLUE,GREEN", split = ",",
            description = "no nginx: blue publishes on BLUE, green on GREEN, behind your own load balancer")
    List<Integer> fixedPorts;

    @Option(names = "--server-name", paramLabel = "HOST", description = "host names the app answers to (repeatable)")
    List<String> serverNames = new ArrayList<>();

    @Option(names = "--nginx-directive", paramLabel = "DIRECTIVE",
            description = "raw directive for the app's server block, e.g. 'client_max_body_size 50m;' (repeatable)")
    List<String> directives = new ArrayList<>();

    RouterSettings router() {
        int colon = publish.lastIndexOf(':');
        String address = colon < 0 ? "0.0.0.0" : publish.substring(0, colon);
        int port = Integer.parseInt(publish.substring(colon + 1));
        RouterSettings settings = fixedPorts != null && fixedPorts.size() == 2
                ? RouterSettings.fixedPorts(fixedPorts.get(0), fixedPorts.get(1))
                : RouterSettings.nginx().withName(routerName).withImage(routerImage);
        return settings.withPublish(address, port).withReachAddress(reach)
                .withServerNames(serverNames.toArray(String[]::new))
                .withDirectives(String.join("\n", directives));
    }
}
