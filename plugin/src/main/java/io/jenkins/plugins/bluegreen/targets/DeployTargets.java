package io.jenkins.plugins.bluegreen.targets;

import hudson.Extension;
import hudson.ExtensionList;
import io.bluegreen.validation.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/** The targets an administrator set up under Manage Jenkins; also what JCasC reads and writes. */
@Extension
@Symbol("blueGreenTargets")
public class DeployTargets extends GlobalConfiguration {
    private List<DeployTarget> targets = new ArrayList<>();

    public DeployTargets() {
        load();
    }

    public static DeployTargets get() {
        return ExtensionList.lookupSingleton(DeployTargets.class);
    }

    public List<DeployTarget> getTargets() {
        return targets;
    }

    @DataBoundSetter
    public void setTargets(List<DeployTarget> targets) {
        this.targets = targets == null ? new ArrayList<>() : new ArrayList<>(targets);
        save();
    }

    /** The target called {@code name}; the error lists the names that exist. */
    public DeployTarget named(String name) {
        return targets.stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow(() ->
                new InvalidInputException("target", "no target is called '" + name + "'",
                        "use one of " + targets.stream().map(DeployTarget::getName).toList()
                                + " or add it under Manage Jenkins > System > Blue-green deploy targets"));
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) {
        // An emptied list is absent from the form's JSON; bindJSON would keep the old one.
        setTargets(new ArrayList<>());
        req.bindJSON(this, json);
        return true;
    }
}
