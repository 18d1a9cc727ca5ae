package gettingstarted;

import org.cdk8s.App;

/** Synthesizes the getting-started chart to cdk8s' default output folder (dist/), or CDK8S_OUTDIR. */
public final class Main {
    public static void main(final String[] args) {
        App app = new App();
        new GettingStartedChart(app, "getting-started");
        app.synth();
    }
}
