/**
 * kpack for several teams on one cluster: a platform chart with the shared stack, store and ClusterBuilder, and
 * one `Tenant` chart per team. Team A builds on the shared ClusterBuilder; team B has its own Builder (its own
 * order, Go first, pushed with its own credential) and a ResourceQuota.
 *
 * No secret material is written: every credential is an existing Secret (managed by External Secrets or Sealed
 * Secrets, created before the manifests are applied), declared with the registry or git host it is for, so the
 * synth-time checks can still tell whether each build will find its credentials:
 *   kpack/platform-registry     dockerconfigjson for registry.example.com (push the ClusterBuilder image)
 *   team-a/registry             dockerconfigjson for ghcr.io, team A's app images
 *   team-a/github-ssh           ssh-auth key annotated kpack.io/git: git@github.com (team A clones over ssh)
 *   team-a/platform-pull        dockerconfigjson for registry.example.com (pull the private ClusterBuilder image)
 *   team-b/registry             dockerconfigjson for registry.example.com, team B's builder and app images
 *   team-b/gitlab               basic-auth annotated kpack.io/git: https://gitlab.example.com
 */
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  BuildpackRef, BuildServiceAccount, ClusterBuilder, ClusterStack, ClusterStore, GitCredential, GitSshCredential, ImageSource,
  RegistryCredential, Tenant, TenantBuilder,
} from '../src';

const PLATFORM_REGISTRY = 'registry.example.com';

export class MultiTeamApp {
  public readonly platform: Chart;
  public readonly teamA: Tenant;
  public readonly teamB: Tenant;

  constructor(app: App) {
    // The platform: what every team shares.
    this.platform = new Chart(app, 'platform', { disableResourceNameHashes: true });
    const stack = new ClusterStack(this.platform, 'stack', {
      metadata: { name: 'platform-jammy' },
      stackId: 'io.buildpacks.stacks.jammy',
      buildImage: 'paketobuildpacks/build-jammy-base',
      runImage: 'paketobuildpacks/run-jammy-base',
    });
    const store = new ClusterStore(this.platform, 'store', {
      metadata: { name: 'platform' },
      sources: [
        { image: 'paketobuildpacks/java', buildpackIds: ['paketo-buildpacks/java'] },
        { image: 'paketobuildpacks/nodejs', buildpackIds: ['paketo-buildpacks/nodejs'] },
        { image: 'paketobuildpacks/go', buildpackIds: ['paketo-buildpacks/go'] },
      ],
    });
    const platformAccount = new BuildServiceAccount(this.platform, 'builder-account', {
      metadata: { name: 'platform-builder', namespace: 'kpack' },
      credentials: [RegistryCredential.fromSecretName(this.platform, 'platform-registry', 'platform-registry', {
        registry: PLATFORM_REGISTRY, namespaceName: 'kpack',
      })],
    });
    const clusterBuilder = new ClusterBuilder(this.platform, 'cluster-builder', {
      metadata: { name: 'default' },
      tag: `${PLATFORM_REGISTRY}/platform/builder:jammy`,
      serviceAccount: platformAccount,
      stack,
      store,
      order: [
        { group: [BuildpackRef.fromId('paketo-buildpacks/java')] },
        { group: [BuildpackRef.fromId('paketo-buildpacks/nodejs')] },
      ],
    });

    // Team A: the shared ClusterBuilder, whose image is private, so its pull secret must be in team A's namespace.
    this.teamA = new Tenant(app, 'team-a', {
      name: 'team-a',
      builder: TenantBuilder.fromBuilder(clusterBuilder),
      groups: ['team-a-developers'],
      builderPullSecrets: [RegistryCredential.fromSecretName(app, 'team-a-platform-pull', 'platform-pull', {
        registry: PLATFORM_REGISTRY, namespaceName: 'team-a',
      })],
    });
    this.teamA.addCredential(RegistryCredential.fromSecretName(this.teamA, 'registry', 'registry', { registry: 'ghcr.io' }));
    this.teamA.addCredential(GitSshCredential.fromSecretName(this.teamA, 'github-ssh', 'github-ssh', { url: 'git@github.com' }));
    this.teamA.addImage('web', {
      metadata: { name: 'web' },
      tag: 'ghcr.io/team-a/web',
      source: ImageSource.fromGit('git@github.com:team-a/web.git', 'main'),
    });
    this.teamA.addImage('api', {
      metadata: { name: 'api' },
      tag: 'ghcr.io/team-a/api',
      source: ImageSource.fromGit('git@github.com:team-a/api.git', 'main'),
      resources: { cpu: { request: kplus.Cpu.millis(500) }, memory: { request: Size.gibibytes(1), limit: Size.gibibytes(3) } },
    });

    // Team B: its own Builder (Go and Node.js), pushed to the platform registry with the team's credential.
    this.teamB = new Tenant(app, 'team-b', {
      name: 'team-b',
      groups: ['team-b-developers'],
      builder: TenantBuilder.ownBuilder({
        tag: `${PLATFORM_REGISTRY}/team-b/builder:jammy`,
        stack,
        store,
        order: [
          { group: [BuildpackRef.fromId('paketo-buildpacks/go')] },
          { group: [BuildpackRef.fromId('paketo-buildpacks/nodejs')] },
        ],
      }),
      quota: { requestsCpu: kplus.Cpu.units(8), requestsMemory: Size.gibibytes(16), limitsMemory: Size.gibibytes(32), pods: 10 },
    });
    this.teamB.addCredential(RegistryCredential.fromSecretName(this.teamB, 'registry', 'registry', { registry: PLATFORM_REGISTRY }));
    this.teamB.addCredential(GitCredential.fromSecretName(this.teamB, 'gitlab', 'gitlab', { url: 'https://gitlab.example.com' }));
    this.teamB.addImage('service', {
      metadata: { name: 'service' },
      tag: `${PLATFORM_REGISTRY}/team-b/service`,
      source: ImageSource.fromGit('https://gitlab.example.com/team-b/service.git', 'main'),
    });
  }
}

/** Adds the platform chart and the two tenants to an app. */
export function multiTeam(app: App): void {
  new MultiTeamApp(app);
}
