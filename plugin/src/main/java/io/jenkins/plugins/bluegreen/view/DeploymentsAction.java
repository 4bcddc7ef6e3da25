package io.jenkins.plugins.bluegreen.view;

import hudson.Extension;
import hudson.model.Api;
import hudson.model.RootAction;
import jenkins.model.Jenkins;

/**
 * {@code /deployments/}: every app on every target at a glance, read live from the engines, with
 * {@code api/json} for other tools; {@code /deployments/target/T/app/A/} is one app's history on one
 * target. The link shows to anyone with Overall/Read; what the page lists follows Item/Read per job.
 */
@Extension
public class DeploymentsAction implements RootAction {
    static final String URL_NAME = "deployments";

    /** Read per request: the page is about now. */
    public DeploymentsTable getTable() {
        return DeploymentsTable.read();
    }

    public Api getApi() {
        return new Api(getTable());
    }

    /** {@code target/T/}: the first half of a history page's address. */
    public TargetDeployments getTarget(String name) {
        return new TargetDeployments(name);
    }

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? "/plugin/blue-green-deploy/images/bluegreen.svg" : null;
    }

    @Override
    public String getDisplayName() {
        return "Deployments";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }
}
