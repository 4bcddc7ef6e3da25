package io.bluegreen.testbed;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.targets.EngineConnector;
import io.bluegreen.targets.EngineEndpoint;
import java.util.UUID;

/**
 * What {@code testbed/up.sh} brought up: the local engine, the registries and the images built
 * there. Tests use only these; nothing is ever pulled from outside.
 */
public final class TestBed {
    public static final String REGISTRY = "127.0.0.1:5000";
    public static final String AUTH_REGISTRY = "127.0.0.1:5001";
    public static final String AUTH_USER = "testuser";
    public static final String AUTH_PASSWORD = "testpass";

    /** scratch + busybox; the base that test Dockerfiles build FROM. */
    public static final String BUSYBOX = "bluegreen-test/busybox:latest";
    /** busybox httpd on 8080; GET /version answers "v1" or "v2", GET /health answers 200. */
    public static final String APP_V1 = "bluegreen-test/app:v1";
    public static final String APP_V2 = "bluegreen-test/app:v2";
    public static final int APP_PORT = 8080;
    /** nginx-light from Debian, made by debootstrap + docker import. */
    public static final String NGINX = "bluegreen-test/nginx:latest";

    private TestBed() {
    }

    public static EngineEndpoint localEngine() {
        return EngineEndpoint.of(EngineEndpoint.DEFAULT_SOCKET);
    }

    public static DockerClient docker() {
        return EngineConnector.connect(localEngine(), OperatorLog.silent());
    }

    /** A name no earlier run used, so leftovers never collide with this run. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
