package io.bluegreen.testbed;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The one place that decides whether the test bed is there; see {@link RequiresTestBed}. */
public final class TestBedCheck implements BeforeAllCallback {
    static final String REQUIRED_ENV = "BLUEGREEN_TESTBED_REQUIRED";

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final AtomicBoolean TOLD = new AtomicBoolean();


    @Override
    public void beforeAll(ExtensionContext context) {
        String missing = Probe.MISSING;
        if (missing == null) {
            return;
        }
        String message = "the test bed is not up (" + missing + "); bring it up with testbed/up.sh";
        if (Boolean.parseBoolean(System.getenv(REQUIRED_ENV))) {
            throw new IllegalStateException(message + " (" + REQUIRED_ENV + " is set: the test bed must be there)");
        }
        if (TOLD.compareAndSet(false, true)) {
            // Surefire drops a class-level assumption's reason from its report and counts the class as 0 tests:
            // say it once in the build log, or a developer never learns why those tests did not run.
            System.err.println("WARNING: " + message + "; every test class that needs it is skipped");
        }
        Assumptions.abort(message);
    }

    /** Asked once per test JVM: the answer does not change while tests run, and a dead socket is slow to say so. */
    private static final class Probe {
        static final String MISSING = probe();
    }

    private static String probe() {
        Path socket = Path.of(TestBed.localEngine().uri().getPath());
        if (!Files.exists(socket)) {
            return "no Docker socket at " + socket;
        }
        try (DockerClient docker = TestBed.docker()) {
            docker.pingCmd().exec();
        } catch (IOException | RuntimeException e) {
            return "the Docker engine at " + socket + " does not answer: " + e.getMessage();
        }
        try (Socket registry = new Socket()) {
            String[] hostPort = TestBed.REGISTRY.split(":");
            registry.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            return "no registry on " + TestBed.REGISTRY;
        }
        return null;
    }
}
