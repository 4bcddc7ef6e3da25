package io.bluegreen.bench;

import io.bluegreen.deploy.HostOutcome;
import io.bluegreen.deploy.RolloutPlan;
import io.bluegreen.deploy.RolloutResult;
import io.bluegreen.deploy.WaveDeploy;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.targets.HostsTarget;
import io.bluegreen.testbed.HostsFixture;
import io.bluegreen.testbed.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Wall time of a rollout to 1, 2, 4 and 8 namespace hosts with different wave plans, each host a
 * real engine over TLS. Plans that split a target into the same waves are run once. Arguments:
 * rollouts per combination, output file. Needs {@code testbed/hosts.sh up 8}.
 */
public final class WavesBenchmark {
    private static final int[] HOST_COUNTS = {1, 2, 4, 8};
    private static final String[] IMAGES = {TestHosts.image("app:v1"), TestHosts.image("app:v2")};

    private final HostsFixture fixture = new HostsFixture(8);
    private final StringBuilder report = new StringBuilder();
    private final OperatorLog quiet = OperatorLog.silent();

    public static void main(String[] args) throws Exception {
        WavesBenchmark benchmark = new WavesBenchmark();
        try {
            benchmark.run(Integer.parseInt(args[0]), Path.of(args[1]));
        } finally {
            benchmark.fixture.cleanUp();
        }
        System.exit(0);
    }

    private static Map<String, RolloutPlan> plans() {
        Map<String, RolloutPlan> plans = new LinkedHashMap<>();
        plans.put("all at once", RolloutPlan.allAtOnce());
        plans.put("canary, then 50%", RolloutPlan.defaults().withWavePercent(50));
        plans.put("canary, then 2", RolloutPlan.canaryThenWavesOf(2));
        plans.put("one at a time", RolloutPlan.canaryThenWavesOf(1).withCanary(false));
        return plans;
    }

    private void run(int rollouts, Path output) throws Exception {
        report.append("# Wave rollout benchmark\n\n")
                .append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores. Each host is a Docker engine in its own network namespace, reached over TCP+TLS, pulling from")
                .append(" the test bed's registry (images already cached after the first rollout). App: busybox httpd, one")
                .append(" container per colour, nginx router per host; health gate on GET /health, drain 500 ms, stop timeout 1 s.")
                .append(" Wall time runs from the call to the result: connect, pull, lock, waves; no pause between waves.")
                .append(" Each figure is the mean of ").append(rollouts).append(" rollout(s) alternating v1/v2.\n\n")
                .append("| hosts | plan | waves | wall time | per wave (mean) | one host's deploy (mean) |\n")
                .append("|---:|---|---|---:|---:|---:|\n");
        for (int hostCount : HOST_COUNTS) {
            HostsTarget target = new HostsTarget(IntStream.rangeClosed(1, hostCount).mapToObj(HostsFixture::host).toList());
            String app = fixture.newApp("bgb-waves" + hostCount);
            new WaveDeploy(target, RolloutPlan.allAtOnce(), quiet).deploy(fixture.spec(app, IMAGES[0], "v1"));
            int deployed = 1;
            Set<List<Integer>> shapesRun = new HashSet<>();
            for (Map.Entry<String, RolloutPlan> plan : plans().entrySet()) {
                List<Integer> shape = plan.getValue().waves(target.hosts()).stream().map(List::size).toList();
                if (!shapesRun.add(shape)) {
                    continue;
                }
                List<RolloutResult> results = new ArrayList<>();
                for (int i = 0; i < rollouts; i++, deployed++) {
                    String image = IMAGES[deployed % 2];
                    String commit = "v" + (1 + deployed % 2);
                    results.add(new WaveDeploy(target, plan.getValue(), quiet)
                            .deploy(fixture.spec(app, image, commit)));
                }
                row(hostCount, plan.getKey(), shape, results);
            }
        }
        report.append("\nReading: with every host in one wave the wall time stays near one host's deploy as hosts grow")
                .append(" (the hosts work in parallel; on this 2-core machine all engines share the CPUs, so it still rises);")
                .append(" one host at a time grows linearly with the hosts; a canary adds one host's deploy before the rest.\n");
        Files.createDirectories(output.getParent());
        Files.writeString(output, report);
        System.out.println(report);
    }

    private void row(int hosts, String plan, List<Integer> shape, List<RolloutResult> results) {
        double wall = results.stream().mapToDouble(r -> seconds(r.total())).average().orElseThrow();
        double perWave = results.stream().flatMap(r -> r.waveDurations().stream()).mapToDouble(WavesBenchmark::seconds)
                .average().orElseThrow();
        double perHost = results.stream().flatMap(r -> r.hosts().stream()).map(HostOutcome::deploy)
                .mapToDouble(d -> seconds(d.total())).average().orElseThrow();
        String line = String.format(Locale.ROOT, "| %d | %s | %s | %.1f s | %.1f s | %.1f s |%n", hosts, plan,
                String.join("+", shape.stream().map(String::valueOf).toList()), wall, perWave, perHost);
        System.out.print(line);
        report.append(line);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
