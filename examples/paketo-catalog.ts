/**
 * Building with Paketo without looking up ids and image names: catalog stacks (Jammy and Noble) and buildpacks, a
 * store that declares the buildpack ids it provides (so the builders' orders are checked against it at synth), and
 * every image pinned to a digest by examples/images.lock.yaml.
 */
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import {
  BuildServiceAccount, ClusterBuilder, Image, ImageLock, ImageSource, PaketoBuildpack, PaketoClusterStack, PaketoClusterStore,
  PaketoStack, RegistryCredential,
} from '../src';

export class PaketoCatalogChart extends Chart {
  constructor(scope: App, id: string) {
    super(scope, id, { disableResourceNameHashes: true });

    const jammy = new PaketoClusterStack(this, 'jammy', { metadata: { name: 'paketo-jammy-base' }, stack: PaketoStack.JAMMY_BASE });
    const noble = new PaketoClusterStack(this, 'noble', { metadata: { name: 'paketo-noble-base' }, stack: PaketoStack.NOBLE_BASE });
    const store = new PaketoClusterStore(this, 'store', {
      metadata: { name: 'paketo-catalog' },
      buildpacks: [PaketoBuildpack.JAVA, PaketoBuildpack.NODEJS, PaketoBuildpack.GO, PaketoBuildpack.PROCFILE],
    });

    // Registry credentials are existing Secrets (created outside the app, e.g. by External Secrets).
    const builderServiceAccount = new BuildServiceAccount(this, 'builder-sa', {
      metadata: { name: 'builder', namespace: 'kpack' },
      credentials: [RegistryCredential.fromSecretName(this, 'builder-registry', 'registry-example-com', { registry: 'registry.example.com', namespaceName: 'kpack' })],
    });
    const builder = (name: string, stack: PaketoClusterStack) => new ClusterBuilder(this, name, {
      metadata: { name },
      tag: `registry.example.com/builders/${name}`,
      stack,
      store,
      serviceAccount: builderServiceAccount,
      order: [
        { group: [PaketoBuildpack.JAVA.toRef()] },
        { group: [PaketoBuildpack.NODEJS.toRef()] },
        { group: [PaketoBuildpack.GO.toRef()] },
        { group: [PaketoBuildpack.PROCFILE.toRef()] },
      ],
    });
    builder('paketo-jammy', jammy);
    const nobleBuilder = builder('paketo-noble', noble);

    const appServiceAccount = new BuildServiceAccount(this, 'app-sa', {
      metadata: { name: 'catalog-builds', namespace: 'apps' },
      credentials: [RegistryCredential.fromSecretName(this, 'app-registry', 'registry-example-com', { registry: 'registry.example.com', namespaceName: 'apps' })],
    });
    new Image(this, 'image', {
      metadata: { name: 'node-app', namespace: 'apps' },
      tag: 'registry.example.com/apps/node-app',
      serviceAccount: appServiceAccount,
      builder: nobleBuilder,
      source: ImageSource.fromGit('https://github.com/paketo-buildpacks/samples', 'main', { subPath: 'nodejs/npm' }),
    });
  }
}

/** Adds the paketo-catalog chart to an app, with the examples' image lock. */
export function paketoCatalog(app: App): void {
  new PaketoCatalogChart(app, 'paketo-catalog');
  ImageLock.fromFile(path.join(__dirname, 'images.lock.yaml')).applyTo(app);
}
