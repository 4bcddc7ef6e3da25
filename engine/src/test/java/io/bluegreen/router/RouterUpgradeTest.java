package io.bluegreen.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A router last written by the previous release (its main config with a fixed default server, app files
 * without doors) is brought up to date by the next deploy, under traffic, without a failed request.
 */
@RequiresTestBed
class RouterUpgradeTest {
    private static final DeployFixture fixture = new DeployFixture();

    /** The previous release's main config, as it wrote it. */
    private static final String PREVIOUS_MAIN = """
            worker_processes auto;
            pid /tmp/bluegreen-nginx.pid;
            error_log stderr warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                server_tokens off;
                server_names_hash_bucket_size 128;
                proxy_http_version 1.1;
                proxy_set_header Connection "";
                proxy_set_header Host $host;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_set_header X-Forwarded-Proto $scheme;
                server {
                    listen 80 default_server;
                    return 404;
                }
                server {
                    listen 80;
                    server_name ~^(?<bg_container>[a-z0-9][a-z0-9-]*-(blue|green)-[0-9]+)\\.(?<bg_port>[0-9]+)\\.preview$;
                    resolver 127.0.0.11 valid=1s ipv6=off;
                    location / {
                        proxy_pass http://$bg_container:$bg_port;
                    }
                }
                include /etc/bluegreen/apps/*.conf;
            }
            """;

    /** The previous release's app file for an app live on blue: no doors, traffic straight to the upstream. */
    private static String previousAppFile(String app, String server) {
        return """
                # bluegreen app=%1$s
                upstream bluegreen-%1$s-blue {
                    server %2$s max_fails=0;
                }
                upstream bluegreen-%1$s-green {
                    server %2$s max_fails=0;
                }
                server {
                    listen 80;
                    server_name %1$s %1$s.example.test;
                    set $bg_colour blue;
                    if (-f /etc/bluegreen/live/%1$s.green) {
                        set $bg_colour green;
                    }
                    add_header X-Bluegreen-Colour $bg_colour always;
                    location = /.bluegreen/colour {
                        add_header X-Bluegreen-Colour $bg_colour always;
                        add_header X-Bluegreen-Config 0123456789abcdef always;
                        default_type text/plain;
                        return 200 "$bg_colour\\n";
                    }
                    location / {
                        proxy_pass http://bluegreen-%1$s-$bg_colour;
                    }
                }
                """.formatted(app, server);
    }

    /** Until ten answers in a row come from the previous release's file, so no worker of the newer one is left. */
    private static void awaitPreviousFilesServing(String app) throws Exception {
        int inARow = 0;
        for (int attempt = 0; attempt < 500 && inARow < 10; attempt++) {
            HttpAnswer answer = PlainHttp.get("127.0.0.1", fixture.routerPort, app, NginxConfig.COLOUR_PATH, Duration.ofSeconds(2));
            inARow = "0123456789abcdef".equals(answer.header(NginxConfig.CONFIG_HEADER)) ? inARow + 1 : 0;
            Thread.sleep(20);
        }
        assertThat(inARow).as("the previous release's files serve").isEqualTo(10);
    }

    @AfterAll
    static void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void theNextDeployBringsAPreviousReleasesRouterUpToDateWithoutAFailedRequest() throws Exception {
        String app = fixture.newApp("bgt-upgrade");
        List<String> lines = new ArrayList<>();
        BlueGreenDeploy deployer = new BlueGreenDeploy(fixture.docker, line -> {
            System.out.println(line);
            lines.add(line);
        });
        deployer.deploy(fixture.spec(app, TestBed.APP_V1));
        ContainerFiles files = new ContainerFiles(fixture.docker, fixture.routerName);
        files.write(NginxConfig.DIRECTORY, Map.of("nginx.conf", PREVIOUS_MAIN,
                "apps/" + NginxConfig.appFile(app), previousAppFile(app, app + "-blue-1:" + TestBed.APP_PORT)));
        assertThat(ContainerExec.run(fixture.docker, fixture.routerName, "nginx", "-c", NginxConfig.MAIN, "-s", "reload")
                .succeeded()).isTrue();
        awaitPreviousFilesServing(app);

        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            DeployResult upgraded = deployer.deploy(fixture.spec(app, TestBed.APP_V2));
            load.awaitAnswers(20);
            load.close();
            assertThat(load.failures()).as("failed requests out of " + load.requests()).isEmpty();
            assertThat(upgraded.liveColour()).isEqualTo(Colour.GREEN);
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("main config brought up to date"));
        assertThat(files.read(NginxConfig.MAIN)).contains(NginxConfig.main());
        assertThat(files.read(NginxConfig.APPS + "/" + NginxConfig.appFile(app))).hasValueSatisfying(
                config -> assertThat(NginxConfig.hasDoors(config)).isTrue());
    }
}
