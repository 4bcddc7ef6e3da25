package io.bluegreen.bench;

import io.bluegreen.clock.Pause;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.testbed.DeployFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast nginx itself moves traffic on this machine, the floor our switch is held against. A host
 * nginx (Debian's nginx-light, run with a config and pid file of its own, never the system service)
 * serves two tiny backends on loopback that answer "v1" and "v2", and two fronts: one proxies to an
 * upstream named in a file, the other picks the backend per request by a flag file, as our router does.
 * A switch is timed from the first change until {@value #IN_A_ROW} answers in a row, each on a new
 * connection and sent back to back, are the new version.
 */
final class NginxFloor implements AutoCloseable {
    static final int IN_A_ROW = 5;
    private static final String ADDRESS = "127.0.0.1";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final Path directory;
    private final Path config;
    private final Path upstream;
    private final Path flag;
    private final int[] backends = {DeployFixture.freePort(), DeployFixture.freePort()};
    private final int reloadFront = DeployFixture.freePort();
    private final int flagFront = DeployFixture.freePort();
    private final Process nginx;

    NginxFloor() throws IOException {
        directory = Files.createTempDirectory("bench-nginx");
        // The workers run as nobody and must see the flag, so the directory may not stay private.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        config = directory.resolve("nginx.conf");
        upstream = directory.resolve("upstream.conf");
        flag = directory.resolve("v2.flag");
        pointUpstreamAt(0);
        Files.writeString(config, """
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    server { listen %2$s:%3$d; return 200 "v1\\n"; }
                    server { listen %2$s:%4$d; return 200 "v2\\n"; }
                    upstream v1 { server %2$s:%3$d; }
                    upstream v2 { server %2$s:%4$d; }
                    include %5$s;
                    server {
                        listen %2$s:%6$d;
                        location / { proxy_pass http://reload_target; }
                    }
                    server {
                        listen %2$s:%7$d;
                        set $version v1;
                        if (-f %8$s) {
                            set $version v2;
                        }
                        location / { proxy_pass http://$version; }
                    }
                }
                """.formatted(directory, ADDRESS, backends[0], backends[1], upstream, reloadFront, flagFront, flag));
        nginx = new ProcessBuilder("nginx", "-c", config.toString(), "-e", directory.resolve("error.log").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(directory.resolve("stdout").toFile()).start();
        awaitAnswering(reloadFront);
        awaitAnswering(flagFront);
    }

    /** The way a plain nginx deploy switches: rewrite the upstream, {@code nginx -t}, reload. */
    List<Duration> reloadSwitches(int switches) throws IOException {
        List<Duration> times = new ArrayList<>();
        for (int n = 1; n <= switches; n++) {
            int next = n % 2;
            long start = System.nanoTime();
            pointUpstreamAt(next);
            nginx("-t", "-q");
            nginx("-s", "reload");
            awaitInARow(reloadFront, next);
            times.add(Duration.ofNanos(System.nanoTime() - start));
        }
        return times;
    }

    /** The way our router switches: one file operation that every worker checks per request. */
    List<Duration> flagFlips(int switches) throws IOException {
        List<Duration> times = new ArrayList<>();
        for (int n = 1; n <= switches; n++) {
            int next = n % 2;
            long start = System.nanoTime();
            if (next == 1) {
                Files.writeString(flag, "");
            } else {
                Files.delete(flag);
            }
            awaitInARow(flagFront, next);
            times.add(Duration.ofNanos(System.nanoTime() - start));
        }
        return times;
    }

    private void pointUpstreamAt(int backend) throws IOException {
        Files.writeString(upstream, "upstream reload_target { server %s:%d; }\n".formatted(ADDRESS, backends[backend]));
    }

    private void nginx(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("nginx", "-c", config.toString(), "-e",
                directory.resolve("error.log").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running nginx", e);
        }
    }

    private static void awaitInARow(int port, int backend) throws IOException {
        String wanted = "v" + (backend + 1);
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos() * 5;
        int inARow = 0;
        while (inARow < IN_A_ROW) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the bench nginx on port " + port + " never answered " + wanted + " " + IN_A_ROW
                        + " times in a row");
            }
            inARow = PlainHttp.get(ADDRESS, port, "floor", "/", REQUEST_TIMEOUT).body().trim().equals(wanted) ? inARow + 1 : 0;
        }
    }

    private static void awaitAnswering(int port) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                PlainHttp.get(ADDRESS, port, "floor", "/", REQUEST_TIMEOUT);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the bench nginx does not answer on " + ADDRESS + ":" + port, notYet);
                }
                Pause.of(Duration.ofMillis(20));
            }
        }
    }

    @Override
    public void close() throws IOException {
        nginx.destroy();
        try {
            nginx.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }
}
