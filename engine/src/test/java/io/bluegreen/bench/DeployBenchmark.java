package io.bluegreen.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.Phase;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.health.HealthGate;
import io.bluegreen.health.HealthTarget;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.DeployFixture;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.TestBed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the deploy figures as markdown, in the order they run: blue-green deploys under steady load;
 * their switch held against a bare host nginx switching on this machine in the same run; an idle
 * app's deploy through the CLI of the previous release and of this one; and, for contrast, the
 * write-up's stop-then-start. Arguments: deploys per method, output file, then the previous
 * release's commit and CLI jar, then this commit and its CLI jar.
 */
public final class DeployBenchmark {
    /** The switch phase is the switch time, its own column. */
    private static final List<Phase> SHOWN = List.of(Phase.CREATE, Phase.START, Phase.STAGE, Phase.HEALTHY, Phase.DRAIN,
            Phase.STOP);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);
    private static final int FLOOR_SWITCHES = 20;
    private static final int IDLE_DEPLOYS = 5;
    /** The phases a CLI deploy logs that an idle app's deploy waits for, in order; the previous release has no stage. */
    private static final List<Phase> PHASES_LOGGED = List.of(Phase.LOCK, Phase.CREATE, Phase.START, Phase.STAGE,
            Phase.HEALTHY, Phase.SWITCH, Phase.DRAIN, Phase.STOP);
    /** A phase line of the CLI's output, e.g. {@code [shop] drain    blue     0.24s  no request in flight}. */
    private static final Pattern PHASE_LINE = Pattern.compile("(?m)^\\[[a-z0-9-]+\\] ("
            + PHASES_LOGGED.stream().map(Phase::label).collect(Collectors.joining("|")) + ") +\\S+ +([0-9.]+)s");
    /** The goal: our median switch at most this many times the bare nginx reload's. */
    private static final double GOAL = 1.5;

    private final DeployFixture fixture = new DeployFixture();
    private final DockerClient docker = fixture.docker;
    private final StringBuilder report = new StringBuilder();

    /** A CLI jar, and which release it is. */
    private record Cli(String label, Path jar) {
    }

    public static void main(String[] args) throws Exception {
        int deploys = Integer.parseInt(args[0]);
        Cli previous = new Cli("previous release " + args[2], Path.of(args[3]));
        Cli current = new Cli("this change " + args[4], Path.of(args[5]));
        DeployBenchmark benchmark = new DeployBenchmark();
        try {
            benchmark.run(deploys, Path.of(args[1]), previous, current);
        } finally {
            benchmark.fixture.cleanUp();
        }
        System.exit(0);
    }

    private void run(int deploys, Path output, Cli previous, Cli current) throws Exception {
        DeploySpec settings = fixture.spec("bench", TestBed.APP_V1);
        report.append("# Deploy benchmark\n\n")
                .append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Docker ").append(docker.versionCmd().exec().getVersion())
                .append(". **The machine was loaded** (load average ").append(loadAverage())
                .append(" at the start): other builds and Docker tests ran beside this one, so the figures are noisy;")
                .append(" read the medians, and the maxima as what a busy machine does.\n\n")
                .append("App: busybox httpd (").append(TestBed.APP_V1).append(" / v2); 3 threads of GET /version, a new")
                .append(" connection per request, the whole time. A failed request is any I/O error, non-200 or wrong body.")
                .append(" The drain waits until the router counts no request in flight to the old colour, at most ")
                .append(settings.drainTimeout().toSeconds()).append(" s; stop timeout ").append(settings.stopTimeout().toSeconds())
                .append(" s (busybox ignores SIGTERM).\n\n");
        List<Duration> switchTimes = blueGreen(deploys);
        switchAgainstNginx(switchTimes);
        idleDeploys(previous, current);
        naive(deploys);
        report.append("\nLoad average at the end: ").append(loadAverage()).append(".\n");
        Files.createDirectories(output.getParent());
        Files.writeString(output, report.toString());
        System.out.println(report);
    }

    /** Returns each deploy's switch time. */
    private List<Duration> blueGreen(int deploys) throws Exception {
        String app = fixture.newApp("bench-bg");
        BlueGreenDeploy deployer = new BlueGreenDeploy(docker, OperatorLog.to(System.out));
        deployer.deploy(fixture.spec(app, TestBed.APP_V1));
        report.append("## Blue-green through the nginx router\n\n")
                .append("Stage runs beside healthy: the router loads the new colour's upstream while traffic stays on the old")
                .append(" one. The switch time is the switch phase: the flag flip and its proof through the router.\n\n")
                .append("| # | create | start | stage | healthy | drain | stop | switch time | failed requests | requests |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        List<Duration> switchTimes = new ArrayList<>();
        long totalFailed = 0;
        try (LoadGenerator load = fixture.load(app).start()) {
            load.awaitAnswers(20);
            for (int n = 1; n <= deploys; n++) {
                String image = n % 2 == 1 ? TestBed.APP_V2 : TestBed.APP_V1;
                int failedBefore = load.failures().size();
                long requestsBefore = load.requests();
                DeployResult result = deployer.deploy(fixture.spec(app, image));
                int failed = load.failures().size() - failedBefore;
                totalFailed += failed;
                switchTimes.add(result.switchTime());
                report.append("| ").append(n);
                SHOWN.forEach(phase -> report.append(" | ").append(seconds(result.phase(phase))));
                report.append(" | ").append(seconds(result.switchTime())).append(" | ").append(failed)
                        .append(" | ").append(load.requests() - requestsBefore).append(" |\n");
            }
            DeployResult rollback = deployer.rollback(fixture.spec(app, TestBed.APP_V1));
            deployer.deploy(fixture.spec(app, TestBed.APP_V1).withStandby(true));
            deployer.deploy(fixture.spec(app, TestBed.APP_V2).withStandby(true));
            DeployResult standbyRollback = deployer.rollback(fixture.spec(app, TestBed.APP_V1).withStandby(true));
            load.close();
            report.append("\nFailed requests over all blue-green deploys and rollbacks: **").append(load.failures().size())
                    .append("** of ").append(load.requests()).append(" (during the ").append(deploys).append(" deploys: ")
                    .append(totalFailed).append(").\n\n")
                    .append("| rollback | switch time | until the old version serves | total incl. drain and stop |\n|---|---|---|---|\n")
                    .append("| to the kept, stopped colour (start, health, switch) | ").append(seconds(rollback.switchTime()))
                    .append(" | ").append(seconds(rollback.untilServing())).append(" | ").append(seconds(rollback.total())).append(" |\n")
                    .append("| to a running standby colour (`--standby`) | ").append(seconds(standbyRollback.switchTime()))
                    .append(" | ").append(seconds(standbyRollback.untilServing())).append(" | ")
                    .append(seconds(standbyRollback.total())).append(" |\n\n");
        }
        return switchTimes;
    }

    /**
     * The goal: our switch no slower than 1.5 times nginx's own reload on the same machine.
     * Our proof waits for one answer from the new colour, the floor for five in a row; what the four
     * more cost on loopback is bounded by the flag-file flip, whose time includes all five.
     */
    private void switchAgainstNginx(List<Duration> ours) throws IOException {
        Spread reload;
        Spread flag;
        try (NginxFloor floor = new NginxFloor()) {
            reload = Spread.of(floor.reloadSwitches(FLOOR_SWITCHES));
            flag = Spread.of(floor.flagFlips(FLOOR_SWITCHES));
        }
        Spread switches = Spread.of(ours);
        double toReload = ratio(switches.median(), reload.median());
        report.append("## The switch against a bare nginx on this machine\n\n")
                .append("The floor: a host nginx (Debian's nginx-light, `").append(nginxVersion())
                .append("`, started by this benchmark with a config of its own) in front of two loopback backends answering")
                .append(" v1 and v2. Each switch is timed from its first change until ").append(NginxFloor.IN_A_ROW)
                .append(" answers in a row, each on a new connection and sent back to back, are the new version.")
                .append(" Ours is `DeployResult.switchTime()` of the ").append(ours.size())
                .append(" deploys above: the flag flip in the router and its proof through the published port.\n\n")
                .append("| switch | how | median | max | switches |\n|---|---|---:|---:|---:|\n")
                .append("| bare nginx, reload | rewrite the upstream file, `nginx -t`, `nginx -s reload`, until ")
                .append(NginxFloor.IN_A_ROW).append(" answers in a row are new | ").append(millis(reload.median()))
                .append(" | ").append(millis(reload.max())).append(" | ").append(FLOOR_SWITCHES).append(" |\n")
                .append("| bare nginx, flag-file flip | create or remove the file an `if (-f …)` checks per request, until ")
                .append(NginxFloor.IN_A_ROW).append(" answers in a row are new | ").append(millis(flag.median()))
                .append(" | ").append(millis(flag.max())).append(" | ").append(FLOOR_SWITCHES).append(" |\n")
                .append("| ours | flag flip in the router container, then one request through the router answered by the new")
                .append(" colour | ").append(millis(switches.median())).append(" | ").append(millis(switches.max()))
                .append(" | ").append(ours.size()).append(" |\n\n")
                .append(String.format(Locale.ROOT, "Our median switch / the reload floor's median: **%.2f×** (goal: at most"
                        + " %.1f×, %s). Our median / the flag-file flip's median: **%.2f×**.%n%n", toReload, GOAL,
                        toReload <= GOAL ? "met" : "not met", ratio(switches.median(), flag.median())));
    }

    /**
     * An idle app deployed with the CLI's default settings, the way an operator runs it, by the previous
     * release (a fixed 2 s drain) and by this one (a drain that counts requests, so it ends at once).
     * The app exits at once on SIGTERM, so the stop is not busybox's ignored SIGTERM. Each release gets
     * a router and an app of its own, as this one upgrades the router's config, and the two take turns
     * so that both meet the same load on this shared machine.
     */
    private void idleDeploys(Cli previous, Cli current) throws Exception {
        String v1 = fixture.slowApp("v1");
        String v2 = fixture.slowApp("v2");
        List<IdleApp> apps = List.of(new IdleApp(previous, "fixed 2 s"), new IdleApp(current, "counted, at most 30 s"));
        try {
            for (IdleApp app : apps) {
                app.deploy(v1);
            }
            for (int n = 1; n <= IDLE_DEPLOYS; n++) {
                for (IdleApp app : apps) {
                    app.timedDeploy(n % 2 == 1 ? v2 : v1);
                }
            }
        } finally {
            apps.forEach(app -> app.own.cleanUp());
        }
        report.append("## Deploy of an idle app through the CLI, before and after the counted drain\n\n")
                .append("`bluegreen deploy APP --image IMG --port 8080 --health-path /health` and a router of its own,")
                .append(" default drain and stop settings otherwise; ").append(IDLE_DEPLOYS)
                .append(" deploys each, alternating v1 and v2, after a first deploy that has nothing to stop; the two")
                .append(" releases take turns. The app exits at once on SIGTERM. Timed from the call to the moment the")
                .append(" old colour's container exited (Docker's FinishedAt), and the CLI process's wall time (JVM start")
                .append(" and the prune after the stop included).\n\n")
                .append("| CLI | default drain | call → old colour stopped, median | max | CLI wall time, median | max |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        for (IdleApp app : apps) {
            Spread stop = Spread.of(app.untilStopped);
            Spread wall = Spread.of(app.wallTimes);
            report.append("| ").append(app.cli.label()).append(" | ").append(app.drain).append(" | ")
                    .append(seconds(stop.median())).append(" | ").append(seconds(stop.max())).append(" | ")
                    .append(seconds(wall.median())).append(" | ").append(seconds(wall.max())).append(" |\n");
        }
        report.append("\nWhere that time goes: the median of each phase as the CLI logged it. Stage runs beside healthy, so")
                .append(" the slower of the two holds the deploy; the previous release reloaded nginx inside its switch")
                .append(" instead. Stop includes the router's settle, a reload that leaves only the live colour in the")
                .append(" app's file, in both releases.\n\n| CLI |");
        PHASES_LOGGED.forEach(phase -> report.append(" ").append(phase).append(" |"));
        report.append("\n|---|").append("---:|".repeat(PHASES_LOGGED.size())).append("\n");
        for (IdleApp app : apps) {
            report.append("| ").append(app.cli.label()).append(" |");
            PHASES_LOGGED.forEach(phase -> report.append(" ").append(app.phases.containsKey(phase)
                    ? seconds(Spread.of(app.phases.get(phase)).median()) : "–").append(" |"));
            report.append("\n");
        }
        report.append("\n");
    }

    /** One release's CLI deploying its own app on its own router, with what each timed deploy took. */
    private final class IdleApp {
        private final Cli cli;
        private final String drain;
        private final DeployFixture own = new DeployFixture();
        private final String app = own.newApp("bench-idle");
        private final List<Duration> untilStopped = new ArrayList<>();
        private final List<Duration> wallTimes = new ArrayList<>();
        private final Map<Phase, List<Duration>> phases = new EnumMap<>(Phase.class);

        IdleApp(Cli cli, String drain) {
            this.cli = cli;
            this.drain = drain;
        }

        void timedDeploy(String image) throws IOException, InterruptedException {
            List<String> old = own.containersOf(app).stream().filter(c -> "running".equals(c.getState()))
                    .map(Container::getId).toList();
            Instant called = Instant.now();
            long start = System.nanoTime();
            String output = deploy(image);
            wallTimes.add(Duration.ofNanos(System.nanoTime() - start));
            Instant stopped = old.stream().map(id -> Instant.parse(docker.inspectContainerCmd(id).exec().getState()
                    .getFinishedAt())).max(Instant::compareTo).orElseThrow();
            untilStopped.add(Duration.between(called, stopped));
            Matcher line = PHASE_LINE.matcher(output);
            while (line.find()) {
                phases.computeIfAbsent(Phase.valueOf(line.group(1).toUpperCase(Locale.ROOT)), phase -> new ArrayList<>())
                        .add(Duration.ofNanos((long) (Double.parseDouble(line.group(2)) * 1e9)));
            }
        }

        String deploy(String image) throws IOException, InterruptedException {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(java, "-jar", cli.jar().toString(), "deploy", app, "--image", image,
                    "--port", String.valueOf(TestBed.APP_PORT), "--health-path", "/health",
                    "--router-name", own.routerName, "--router-image", TestBed.NGINX,
                    "--publish", "127.0.0.1:" + own.routerPort, "--network", own.network)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(cli.label() + ": deploy " + app + " " + image + " failed:\n" + output);
            }
            System.out.print(output);
            return output;
        }
    }

    /** The write-up's deploy: one container on a published port; stop it, then start the new one. */
    private void naive(int deploys) throws Exception {
        String app = fixture.newApp("bench-naive");
        int port = DeployFixture.freePort();
        startNaive(app, port, TestBed.APP_V1);
        awaitHealthy(app, port);
        report.append("## Naive stop-then-start on one published port (for contrast)\n\n")
                .append("| # | stop | create | start | healthy | failed requests | requests |\n|---|---|---|---|---|---|---|\n");
        try (LoadGenerator load = new LoadGenerator("127.0.0.1", port, app, "/version", Set.of("v1", "v2"), 3).start()) {
            load.awaitAnswers(20);
            for (int n = 1; n <= deploys; n++) {
                String image = n % 2 == 1 ? TestBed.APP_V2 : TestBed.APP_V1;
                int failedBefore = load.failures().size();
                long requestsBefore = load.requests();
                Duration stop = timed(() -> {
                    docker.stopContainerCmd(app).withTimeout((int) STOP_TIMEOUT.toSeconds()).exec();
                    docker.removeContainerCmd(app).exec();
                    return null;
                });
                Duration create = timed(() -> createNaive(app, port, image));
                Duration start = timed(() -> {
                    docker.startContainerCmd(app).exec();
                    return null;
                });
                Duration healthy = timed(() -> {
                    awaitHealthy(app, port);
                    return null;
                });
                load.awaitAnswers(20);
                report.append("| ").append(n).append(" | ").append(seconds(stop)).append(" | ").append(seconds(create))
                        .append(" | ").append(seconds(start)).append(" | ").append(seconds(healthy)).append(" | ")
                        .append(load.failures().size() - failedBefore).append(" | ").append(load.requests() - requestsBefore).append(" |\n");
            }
            load.close();
            report.append("\nFailed requests over all naive deploys: **").append(load.failures().size()).append("** of ")
                    .append(load.requests()).append(".\n");
        } finally {
            try {
                docker.removeContainerCmd(app).withForce(true).exec();
            } catch (NotFoundException gone) {
                // removed mid-deploy
            }
        }
    }

    private void startNaive(String app, int port, String image) {
        createNaive(app, port, image);
        docker.startContainerCmd(app).exec();
    }

    private String createNaive(String app, int port, String image) {
        return docker.createContainerCmd(image).withName(app)
                .withLabels(java.util.Map.of("io.bluegreen.app", app))
                .withExposedPorts(ExposedPort.tcp(TestBed.APP_PORT))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(PortBinding.parse("127.0.0.1:" + port + ":" + TestBed.APP_PORT)))
                .exec().getId();
    }

    private void awaitHealthy(String app, int port) {
        new HealthGate(docker, HealthCheckSpec.http("/health").withInterval(Duration.ofMillis(50)))
                .awaitHealthy(List.of(new HealthTarget(app, app, "127.0.0.1", port, app)));
    }

    private static Duration timed(Supplier<Object> work) {
        long start = System.nanoTime();
        work.get();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toNanos() / 1e9);
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
    }

    private static double ratio(Duration part, Duration whole) {
        return (double) part.toNanos() / whole.toNanos();
    }

    /** The median (of an even count, the mean of the middle two) and the maximum of some timings. */
    private record Spread(Duration median, Duration max) {
        static Spread of(List<Duration> times) {
            List<Duration> sorted = times.stream().sorted().toList();
            int middle = sorted.size() / 2;
            Duration median = sorted.size() % 2 == 1 ? sorted.get(middle)
                    : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
            return new Spread(median, sorted.get(sorted.size() - 1));
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static String nginxVersion() throws IOException {
        Process process = new ProcessBuilder("nginx", "-v").redirectErrorStream(true).start();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
