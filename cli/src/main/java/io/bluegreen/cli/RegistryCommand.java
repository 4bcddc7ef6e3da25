package io.bluegreen.cli;

import io.bluegreen.log.OperatorLog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the image commands share: an engine, a registry login, and a terminal where progress lines
 * appear one by one as they happen (flushed, so a pipe or a CI log sees them at once).
 */
abstract class RegistryCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    RegistryOptions registry;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    OperatorLog log() {
        PrintWriter out = out();
        return text -> {
            out.println(text);
            out.flush();
        };
    }
}
