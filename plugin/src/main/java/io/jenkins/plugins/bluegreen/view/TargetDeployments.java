package io.jenkins.plugins.bluegreen.view;

import jenkins.security.stapler.StaplerAccessibleType;

/**
 * {@code /deployments/target/T/}: only a step on the way to {@code app/A/}, one app's history there. It has
 * no web method of its own, so it says it is meant to be routed through.
 */
@StaplerAccessibleType
public final class TargetDeployments {
    private final String target;

    TargetDeployments(String target) {
        this.target = target;
    }

    public AppHistory getApp(String app) {
        return AppHistory.read(target, app);
    }
}
