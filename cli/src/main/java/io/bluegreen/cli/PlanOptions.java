package io.bluegreen.cli;

import io.bluegreen.deploy.RolloutPlan;
import io.bluegreen.validation.InvalidInputException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How a change goes over many hosts: the canary, the waves, and what stops it; a deploy and a rollback go alike. */
public final class PlanOptions {
    @Option(names = "--canary", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "change the first host alone first (default: ${DEFAULT-VALUE})")
    boolean canary;

    @Option(names = "--wave-size", paramLabel = "N|P%", defaultValue = "25%",
            description = "hosts per wave after the canary: a number, or a share of the target (default: ${DEFAULT-VALUE})")
    String waveSize;

    @Option(names = "--pause", paramLabel = "SECONDS", defaultValue = "0", description = "wait between waves (default: ${DEFAULT-VALUE})")
    long pauseSeconds;

    @Option(names = "--on-failure", paramLabel = "revert|leave", defaultValue = "revert",
            description = "what happens to hosts already switched when a host fails (default: ${DEFAULT-VALUE})")
    String onFailure;

    @Option(names = "--unreachable", paramLabel = "fail|skip", defaultValue = "fail",
            description = "a host whose engine does not answer stops the change, or is skipped and listed (default: ${DEFAULT-VALUE})")
    String unreachable;

    RolloutPlan plan() {
        return RolloutPlan.defaults().withCanary(canary).withWaves(waveSize)
                .withPause(Duration.ofSeconds(pauseSeconds))
                .onFailure(choice(RolloutPlan.OnFailure.class, onFailure, "--on-failure"))
                .onUnreachable(choice(RolloutPlan.OnUnreachable.class, unreachable, "--unreachable"));
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field) {
        String[] names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + value + "' is not a choice", "give one of " + String.join(", ", names));
        }
    }
}
