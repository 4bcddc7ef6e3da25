package io.bluegreen.deploy.swarm;

import io.bluegreen.deploy.DeployResult;
import io.bluegreen.deploy.Phase;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.testbed.LoadGenerator;
import io.bluegreen.testbed.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deploys alternating versions to the test bed's Swarm (3 replicas over 3 nodes) under load through
 * every node's router and reports each deploy's phases. Arguments: output file, number of deploys.
 */
public final class SwarmBenchmark {
    private static final List<Phase> SHOWN = List.of(Phase.CREATE, Phase.HEALTHY, Phase.SWITCH, Phase.DRAIN, Phase.STOP);

    private SwarmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        int deploys = Integer.parseInt(args[1]);
        List<String> rows = new ArrayList<>();
        long requests;
        long failed;
        try (SwarmFixture swarm = new SwarmFixture()) {
            SwarmBlueGreenDeploy deploy = new SwarmBlueGreenDeploy(swarm.manager, OperatorLog.to(System.out));
            deploy.deploy(swarm.spec("v1"));
            List<LoadGenerator> load = swarm.loadOnEveryNode();
            try {
                for (int n = 1; n <= deploys; n++) {
                    DeployResult result = deploy.deploy(swarm.spec(n % 2 == 1 ? "v2" : "v1"));
                    rows.add(row(n, result));
                }
            } finally {
                for (LoadGenerator node : load) {
                    node.close();
                }
            }
            requests = load.stream().mapToLong(LoadGenerator::requests).sum();
            failed = load.stream().mapToLong(node -> node.failures().size()).sum();
        }
        String table = """
                # Swarm blue-green deploy: phases

                %s, test bed Swarm of %d nodes (namespace engines on one 2-core machine), app `bluegreen-test/app`
                with %d replicas over the nodes, health check in the tasks every 200 ms, drain 1 s, stop grace 5 s
                (the busybox app ignores SIGTERM, so stop waits out the grace). Load: 2 threads per node through
                that node's router, each GET /version on a new connection.

                | deploy | colour | create | healthy | switch | drain | stop | total |
                |---|---|---|---|---|---|---|---|
                %s

                Requests through the routers during the deploys: %d, failed: %d.

                *switch* = the marker service's task running (the Swarm schedules it) + every node's router
                flipping its flag + one request per node answered by the new colour through the published port.
                """.formatted(LocalDate.now(), TestHosts.SWARM_SIZE, TestHosts.SWARM_SIZE, String.join("\n", rows),
                requests, failed);
        System.out.println(table);
        Files.createDirectories(output.getParent());
        Files.writeString(output, table);
    }

    private static String row(int n, DeployResult result) {
        StringBuilder row = new StringBuilder("| " + n + " | " + result.liveColour() + " |");
        for (Phase phase : SHOWN) {
            row.append(seconds(result.phase(phase))).append(" |");
        }
        return row.append(seconds(result.total())).append(" |").toString();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, " %.2f s", duration.toNanos() / 1e9);
    }
}
