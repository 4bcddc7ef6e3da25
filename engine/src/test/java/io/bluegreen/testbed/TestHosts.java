package io.bluegreen.testbed;

import io.bluegreen.targets.EngineEndpoint;
import io.bluegreen.targets.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What {@code testbed/hosts.sh up 4} and {@code hosts.sh swarm} brought up: Docker engines in
 * network namespaces, each at its own address with TLS, the registry they all pull from, and the
 * three-node Swarm (host 1 manages). Tests reach these engines only at these addresses.
 */
public final class TestHosts {
    /** How many hosts the test command brings up. */
    public static final int COUNT = 4;
    /** Hosts 1..SWARM_SIZE form the Swarm; host 1 is its manager. */
    public static final int SWARM_SIZE = 3;
    public static final int ENGINE_PORT = 2376;

    private static final String NETWORK = "10.231.0.";
    private static final Path STATE = Path.of("/var/lib/bluegreen-testbed/hosts");

    private TestHosts() {
    }

    /** The engines of hosts 1..COUNT, reached over TCP with the test bed's client certificate. */
    public static List<EngineEndpoint> hosts() {
        return IntStream.rangeClosed(1, COUNT).mapToObj(TestHosts::host).toList();
    }

    public static EngineEndpoint host(int number) {
        return EngineEndpoint.of("tcp://" + address(number) + ":" + ENGINE_PORT, clientTls());
    }

    /** The host's own address in its namespace; ports its engine publishes answer there. */
    public static String address(int number) {
        if (number < 1 || number > 8) {
            throw new IllegalArgumentException("the test bed has hosts 1..8, not " + number);
        }
        return NETWORK + (10 + number);
    }

    /** The name each host's engine reports (its namespace's name), also its Swarm node hostname. */
    public static String hostname(int number) {
        return "bghost" + number;
    }

    public static EngineEndpoint swarmManager() {
        return host(1);
    }

    /** The registry every namespace engine pulls from; holds what 127.0.0.1:5000 holds. */
    public static String registry() {
        return NETWORK + "1:5000";
    }

    /** A test image by the address the hosts pull it from: "app:v1" gives REGISTRY/bluegreen-test/app:v1. */
    public static String image(String nameAndTag) {
        return registry() + "/bluegreen-test/" + nameAndTag;
    }

    public static TlsMaterial clientTls() {
        return TlsMaterial.fromDirectory(STATE.resolve("tls"));
    }

    /** Where the client's ca.pem, cert.pem and key.pem are, for tools that take files. */
    public static Path clientTlsDirectory() {
        return STATE.resolve("tls");
    }

    /** Trusts the hosts' CA but presents a client certificate from a CA they do not know. */
    public static TlsMaterial untrustedClientTls() {
        return TlsMaterial.fromDirectory(STATE.resolve("tls-untrusted"));
    }

    /** The right client certificate, but trusting only a CA that did not sign the hosts' certificates. */
    public static TlsMaterial foreignCaTls() {
        TlsMaterial client = clientTls();
        return new TlsMaterial(read(STATE.resolve("untrusted-ca/ca.pem")), client.certPem(), client.keyPem());
    }

    /** The host "goes away": its engine stops (and with it its containers) until startEngine. */
    public static void stopEngine(int number) {
        runScript("stop-engine", Integer.toString(number));
    }

    public static void startEngine(int number) {
        runScript("start-engine", Integer.toString(number));
    }

    private static void runScript(String... arguments) {
        Path script = script();
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Tests run from a module directory; the script sits in the repository root's testbed/. */
    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testbed/hosts.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("testbed/hosts.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("run 'bash testbed/hosts.sh up' first", e);
        }
    }
}
