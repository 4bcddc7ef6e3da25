package io.bluegreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.targets.EngineEndpoint;
import io.bluegreen.targets.Host;
import io.bluegreen.targets.HostsTarget;
import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How plans split a target into waves, and the input they refuse; no engine involved. */
class RolloutPlanTest {

    @Test
    void aCanaryThenWavesOfAtMostNInTheTargetsOrder() {
        assertThat(shape(RolloutPlan.canaryThenWavesOf(2), 4)).containsExactly(List.of("h1"), List.of("h2", "h3"), List.of("h4"));
        assertThat(shape(RolloutPlan.canaryThenWavesOf(3), 8))
                .containsExactly(List.of("h1"), List.of("h2", "h3", "h4"), List.of("h5", "h6", "h7"), List.of("h8"));
        assertThat(shape(RolloutPlan.canaryThenWavesOf(2), 1)).containsExactly(List.of("h1"));
    }

    @Test
    void aPercentageIsOfTheWholeTargetRoundedUpToWholeHosts() {
        assertThat(shape(RolloutPlan.defaults().withWaves("25%"), 10)).extracting(List::size).containsExactly(1, 3, 3, 3);
        assertThat(shape(RolloutPlan.defaults().withWaves("1%"), 3)).extracting(List::size).containsExactly(1, 1, 1);
        assertThat(shape(RolloutPlan.allAtOnce(), 5)).extracting(List::size).containsExactly(5);
        assertThat(shape(RolloutPlan.defaults().withCanary(false).withWaves("3"), 5)).extracting(List::size).containsExactly(3, 2);
    }

    @Test
    void badPlansAreRefusedNamingTheField() {
        assertThatThrownBy(() -> RolloutPlan.defaults().withWaves("lots")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("waveSize"));
        assertThatThrownBy(() -> RolloutPlan.canaryThenWavesOf(0).validate()).hasMessageContaining("waveSize");
        assertThatThrownBy(() -> RolloutPlan.defaults().withWaves("150%").validate()).hasMessageContaining("more than the whole");
        assertThatThrownBy(() -> RolloutPlan.defaults().withPause(Duration.ofSeconds(-1)).validate()).hasMessageContaining("pause");
    }

    @Test
    void locksAreTakenInHostNameOrderWhateverTheRolloutOrder() {
        HostsTarget target = HostsTarget.of(host("web-c"), host("web-a"), host("web-b"));
        assertThat(target.inLockOrder()).extracting(Host::name).containsExactly("web-a", "web-b", "web-c");
        assertThatThrownBy(() -> HostsTarget.of(host("web-a"), host("web-a"))).hasMessageContaining("given twice");
        assertThat(HostsTarget.of(host("web-a").inGroups("web"), host("worker-a").inGroups("worker")).inGroup("worker").hosts())
                .extracting(Host::name).containsExactly("worker-a");
    }

    private static List<List<String>> shape(RolloutPlan plan, int hosts) {
        List<Host> target = IntStream.rangeClosed(1, hosts).mapToObj(i -> host("h" + i)).toList();
        return plan.waves(target).stream().map(wave -> wave.stream().map(Host::name).toList()).toList();
    }

    private static Host host(String name) {
        return new Host(name, EngineEndpoint.of("tcp://" + name + ".example:2376"), Set.of());
    }
}
