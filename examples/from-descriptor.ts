/**
 * Migrating from kp without rewriting the dependencies: the kp dependency descriptor examples/kp-descriptor.yaml
 * becomes the ClusterLifecycle, ClusterBuildpack, ClusterStore, ClusterStacks and ClusterBuilders `kp import` would
 * create (with kp's `default` copies and `<repository>:clusterbuilder-<name>` tags), next to the `kp-config`
 * ConfigMap so `kp` keeps working on the cluster, and an Image built by kp's `default` ClusterBuilder.
 * The images are pinned by examples/images.lock.yaml.
 */
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { BuildServiceAccount, Image, ImageLock, ImageSource, KpConfig, KpDescriptor, RegistryCredential } from '../src';

export class FromDescriptorChart extends Chart {
  constructor(scope: App, id: string) {
    super(scope, id, { disableResourceNameHashes: true });

    // The service account kp names in every serviceAccountRef, with the credentials for the default repository
    // (an existing Secret, created outside the app, e.g. by External Secrets).
    const kpServiceAccount = new BuildServiceAccount(this, 'kp-sa', {
      metadata: { name: 'kp-default-repository-serviceaccount', namespace: 'kpack' },
      credentials: [RegistryCredential.fromSecretName(this, 'kp-registry', 'registry-example-com', { registry: 'registry.example.com', namespaceName: 'kpack' })],
    });
    const kpConfig = new KpConfig(this, 'kp-config', {
      defaultRepository: 'registry.example.com/kpack',
      serviceAccount: kpServiceAccount,
    });

    const deps = KpDescriptor.fromFile(this, 'deps', path.join(__dirname, 'kp-descriptor.yaml'), {
      defaultRepository: kpConfig.defaultRepository,
      serviceAccount: kpConfig.serviceAccount,
    });

    const appServiceAccount = new BuildServiceAccount(this, 'app-sa', {
      metadata: { name: 'petclinic-builds', namespace: 'apps' },
      credentials: [RegistryCredential.fromSecretName(this, 'app-registry', 'registry-example-com', { registry: 'registry.example.com', namespaceName: 'apps' })],
    });
    new Image(this, 'image', {
      metadata: { name: 'petclinic', namespace: 'apps' },
      tag: 'registry.example.com/apps/petclinic',
      serviceAccount: appServiceAccount,
      builder: deps.findClusterBuilder('default'),
      source: ImageSource.fromGit('https://github.com/spring-projects/spring-petclinic', 'main'),
    });
  }
}

/** Adds the from-descriptor chart to an app, with the examples' image lock. */
export function fromDescriptor(app: App): void {
  new FromDescriptorChart(app, 'from-descriptor');
  ImageLock.fromFile(path.join(__dirname, 'images.lock.yaml')).applyTo(app);
}
