package io.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal a user can cause, from the command line against the real engine: each exits with 2,
 * names the flag or field and the fix, leaks no raw engine answer, and leaves the engine as it was
 * (no container, lock, router or network of ours appears or goes).
 */
@RequiresTestBed
class RefusalsTest {
    private static final DockerClient DOCKER = TestBed.docker();
    /** Every name this test can make on the engine starts with it, so the before/after lists are ours alone. */
    private static final String PREFIX = TestBed.uniqueName("bgt-refuse");
    private static final String ROUTER = PREFIX + "-router";
    private static final String NETWORK = PREFIX + "-net";
    /** Free when the test starts; no refused deploy binds it. */
    private static final int FREE_PORT = freePort();

    @TempDir
    static Path dir;

    /** One refusal: what the user typed (after setting the scene), what must come back. */
    private record Refusal(String kind, Scene scene, List<String> args, String stdin, List<String> message) {
    }

    /** Sets the scene for one refusal; closing it tidies up. */
    @FunctionalInterface
    private interface Scene {
        AutoCloseable arrange() throws Exception;
    }

    private static final Scene NOTHING = () -> () -> { };

    @AfterAll
    static void removeLeftovers() {
        ours().forEach(name -> DOCKER.removeContainerCmd(name).withForce(true).exec());
    }

    @Test
    void everyRefusalExitsWithTwoNamesTheFieldAndTheFixAndChangesNothing() throws Exception {
        int busyPort;
        List<Refusal> refusals;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            busyPort = taken.getLocalPort();
            refusals = List.of(
                    // An engine that cannot be reached: the reference is refused before any engine is asked.
                    new Refusal("bad reference", NOTHING, withUnreachableEngine(deploy("bad-ref", "repo:no such tag")), "",
                            List.of("image: tag 'no such tag' is not legal", "fix: use a tag such as 1.0")),
                    new Refusal("unknown image", NOTHING, deploy("no-image", TestBed.REGISTRY + "/" + PREFIX + "/app:v1"), "",
                            List.of("image: no image of " + TestBed.REGISTRY + "/" + PREFIX + "/app is on the engine",
                                    "fix: check the name, or build or pull")),
                    new Refusal("unknown tag", NOTHING, deploy("no-tag", "bluegreen-test/app:v999"), "",
                            List.of("image: 'bluegreen-test/app:v999' is not on the engine, which has bluegreen-test/app only as",
                                    "v1", "v2", "fix: check the tag")),
                    new Refusal("port already in use", NOTHING,
                            deployPublishing("port", TestBed.APP_V1, "127.0.0.1:" + busyPort), "",
                            List.of("--publish: host port " + busyPort + " is already taken by a process outside Docker",
                                    "fix: choose a free port or stop that process")),
                    new Refusal("name conflict: a colour's name", () -> stranger(PREFIX + "-clash-blue-1"),
                            deploy("clash", TestBed.APP_V1), "",
                            List.of("app: container name '" + PREFIX + "-clash-blue-1' is taken by a container that is not"
                                    + " a colour of " + PREFIX + "-clash", "fix: remove or rename that container")),
                    new Refusal("name conflict: the router's name", () -> stranger(ROUTER),
                            deploy("router-clash", TestBed.APP_V1), "",
                            List.of("--router-name: container name '" + ROUTER + "' is taken by a container that is not"
                                    + " a bluegreen router", "fix: give another router name")),
                    new Refusal("registry authentication failure", NOTHING,
                            List.of("retag", TestBed.AUTH_REGISTRY + "/bluegreen-test/app:v1", PREFIX,
                                    "--registry-user", TestBed.AUTH_USER, "--registry-password-stdin"), "not-the-password\n",
                            List.of("--registry-user/--registry-password-stdin/--registry-password-env: registry " + TestBed.AUTH_REGISTRY
                                    + " refused user " + TestBed.AUTH_USER, "nothing was changed",
                                    "fix: check the registry user and password")));
            for (Refusal refusal : refusals) {
                assertRefused(refusal);
            }
        }
        assertPermissionDeniedIsRefused();
    }

    private static void assertRefused(Refusal refusal) throws Exception {
        try (AutoCloseable scene = refusal.scene().arrange()) {
            Set<String> before = snapshot();

            CliRun run = CliRun.withStdin(refusal.stdin(), refusal.args().toArray(String[]::new));

            String label = refusal.kind() + ": " + String.join(" ", refusal.args()) + "\n" + run.out() + run.err();
            assertThat(run.exitCode()).as(label).isEqualTo(Main.BAD_INPUT);
            assertThat(run.err()).as(label).startsWith("error: ");
            for (String part : refusal.message()) {
                assertThat(run.err()).as(label).contains(part);
            }
            assertThat(run.out() + run.err()).as(label).doesNotContain("Status 4").doesNotContain("Status 5")
                    .doesNotContain("{\"message\"").doesNotContain("not-the-password");
            assertThat(snapshot()).as(label + "\nthe engine after the refusal").isEqualTo(before);
            System.out.println("refused (" + refusal.kind() + "): " + run.err().strip());
        }
    }

    /**
     * The engine's socket is root's and the docker group's; the test runs as root, who may open
     * anything, so this refusal runs the command line in a process of user nobody.
     */
    private static void assertPermissionDeniedIsRefused() throws IOException, InterruptedException {
        Set<String> before = snapshot();
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", readableClassPath(),
                Main.class.getName(), "status", PREFIX + "-perm", "--engine", "unix:///var/run/docker.sock"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isEqualTo(Main.BAD_INPUT);
        assertThat(output).contains("error: --engine: permission denied on unix:///var/run/docker.sock")
                .contains("fix: run as root or as a member of the group that owns the socket");
        assertThat(snapshot()).isEqualTo(before);
        System.out.println("refused (permission denied): " + output.strip());
    }

    private static List<String> deploy(String app, String image) {
        return deployPublishing(app, image, "127.0.0.1:" + FREE_PORT);
    }

    private static List<String> deployPublishing(String app, String image, String publish) {
        return List.of("deploy", PREFIX + "-" + app, "--image", image, "--port", String.valueOf(TestBed.APP_PORT),
                "--router-name", ROUTER, "--router-image", TestBed.NGINX, "--publish", publish, "--network", NETWORK);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> withUnreachableEngine(List<String> args) {
        List<String> withEngine = new ArrayList<>(args);
        withEngine.addAll(List.of("--engine", "tcp://127.0.0.1:" + FREE_PORT));
        return withEngine;
    }

    /** A container that is not ours, holding {@code name}. */
    private static AutoCloseable stranger(String name) {
        DOCKER.createContainerCmd(TestBed.BUSYBOX).withName(name).withCmd("true").exec();
        return () -> DOCKER.removeContainerCmd(name).withForce(true).exec();
    }

    /** Our containers (colours, locks, router) with their state, and whether our network exists. */
    private static Set<String> snapshot() {
        Set<String> state = new TreeSet<>();
        for (Container container : DOCKER.listContainersCmd().withShowAll(true).exec()) {
            for (String name : container.getNames()) {
                if (name.contains(PREFIX)) {
                    state.add(name + " " + container.getId() + " " + container.getState());
                }
            }
        }
        DOCKER.listNetworksCmd().withNameFilter(NETWORK).exec().forEach(network -> state.add("network " + network.getName()));
        return state;
    }

    private static List<String> ours() {
        return DOCKER.listContainersCmd().withShowAll(true).exec().stream()
                .flatMap(container -> Stream.of(container.getNames()))
                .filter(name -> name.contains(PREFIX)).map(name -> name.substring(1)).toList();
    }

    /** The test's class path, copied where user nobody may read it. */
    private static String readableClassPath() throws IOException {
        Path copies = Files.createDirectories(dir.resolve("classpath"));
        List<String> entries = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int n = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = copies.resolve(n++ + "-" + source.getFileName());
            try (Stream<Path> tree = Files.walk(source)) {
                for (Path path : (Iterable<Path>) tree::iterator) {
                    Path target = copy.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            entries.add(copy.toString());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
