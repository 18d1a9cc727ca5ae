/**
 * The classic kpack getting-started setup, as one cdk8s chart: a stack, a store with the Paketo .NET Core, Java
 * and Node.js buildpacks, a Builder with a group for each, a build ServiceAccount that holds the registry
 * credential (under `secrets` for kpack and `imagePullSecrets`, as kpack's tutorial has it), and an Image that
 * builds the AccuWeather sample app.
 *
 * The registry credential Secret is created outside the app, so no secret material lands in dist/; the app says
 * which registry it is for, so synth checks that the tags can be pushed with it:
 *   kubectl create secret docker-registry registry-credentials \
 *     --docker-server=https://index.docker.io/v1/ --docker-username=<user> --docker-password=<token>
 */
import { App, Chart } from 'cdk8s';
import {
  BuildpackRef, BuildServiceAccount, ClusterStack, ClusterStore, Image, ImageSource, NamespacedBuilder, RegistryCredential,
} from '../src';

/** The registry repository the builder and the app image are pushed to. */
const REPOSITORY = 'index.docker.io/my-dockerhub-user';

export class GettingStartedChart extends Chart {
  constructor(scope: App, id: string) {
    super(scope, id, { disableResourceNameHashes: true });

    const stack = new ClusterStack(this, 'stack', {
      metadata: { name: 'base' },
      stackId: 'io.buildpacks.stacks.jammy',
      buildImage: 'paketobuildpacks/build-jammy-base',
      runImage: 'paketobuildpacks/run-jammy-base',
    });

    const store = new ClusterStore(this, 'store', {
      metadata: { name: 'default' },
      sources: [
        { image: 'paketobuildpacks/dotnet-core', buildpackIds: ['paketo-buildpacks/dotnet-core'] },
        { image: 'paketobuildpacks/java', buildpackIds: ['paketo-buildpacks/java'] },
        { image: 'paketobuildpacks/nodejs', buildpackIds: ['paketo-buildpacks/nodejs'] },
      ],
    });

    const credentials = RegistryCredential.fromSecretName(this, 'registry-credentials', 'registry-credentials', {
      registry: 'index.docker.io',
    });
    const serviceAccount = new BuildServiceAccount(this, 'service-account', {
      metadata: { name: 'kpack-service-account', namespace: 'default' },
      credentials: [credentials],
    });

    const builder = new NamespacedBuilder(this, 'builder', {
      metadata: { name: 'my-builder', namespace: 'default' },
      tag: `${REPOSITORY}/builder:v1`,
      serviceAccount,
      stack,
      store,
      order: [
        { group: [BuildpackRef.fromId('paketo-buildpacks/dotnet-core')] },
        { group: [BuildpackRef.fromId('paketo-buildpacks/java')] },
        { group: [BuildpackRef.fromId('paketo-buildpacks/nodejs')] },
      ],
    });

    new Image(this, 'image', {
      metadata: { name: 'sample-image', namespace: 'default' },
      tag: `${REPOSITORY}/accuweather`,
      serviceAccount,
      builder,
      source: ImageSource.fromGit('https://github.com/PradeepLoganathan/AccuWeather', '96976f0f4d9b5fceda838fb55c3235961dae4e6c'),
    });
  }
}

/** Adds the getting-started chart to an app. */
export function gettingStarted(app: App): void {
  new GettingStartedChart(app, 'getting-started');
}
