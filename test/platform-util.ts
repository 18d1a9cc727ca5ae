import * as fs from 'fs';
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parseAllDocuments, visit } from 'yaml';
import { CloudIdentity, KpackPlatform, KpackPlatformProps, KpackVersion, LogLevel } from '../src';

/** kpack's release registry, as the README documents it. */
export const RELEASE_REPO = 'ghcr.io/buildpacks-community/kpack';

/**
 * kpack's release of `version`, rendered here without the library's renderer: every YAML value that is empty and
 * carries a `#@ data.values.<key>` comment (ytt's syntax) is set from `values`, through the YAML syntax tree.
 */
export function upstreamRelease(version: KpackVersion, values: { [key: string]: string }): any[] {
  const dir = path.join(__dirname, '..', 'imports', 'kpack', version.tag, 'config');
  const objects: any[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (file === 'schema.yaml') continue;
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf-8'))) {
      visit(doc, {
        Scalar(_, node) {
          const m = /^@ data\.values\.(.+)$/.exec(node.comment ?? '');
          if (m && node.value === null) {
            if (values[m[1]] === undefined) throw new Error(`no value for ${m[1]}`);
            node.value = values[m[1]];
          }
        },
      });
      const o = doc.toJS();
      if (o) objects.push(o);
    }
  }
  return objects;
}

/** The data values of a release by tag from kpack's registry. */
export function tagValues(version: KpackVersion, repo = RELEASE_REPO): { [key: string]: string } {
  const values: { [key: string]: string } = { kpack_version: version.version };
  for (const [key, name] of [['controller', 'controller'], ['webhook', 'webhook'], ['build_init', 'build-init'],
    ['build_waiter', 'build-waiter'], ['rebase', 'rebase'], ['completion', 'completion'], ['lifecycle', 'lifecycle'],
    ['build_init_windows', 'build-init-windows'], ['completion_windows', 'completion-windows']]) {
    values[`${key}.image`] = `${repo}/${name}:${version.version}`;
  }
  return values;
}

/** Synthesizes a platform in a fresh chart. */
export function platformManifests(props: KpackPlatformProps = {}, namespace?: string): any[] {
  const chart = new Chart(Testing.app(), 'kpack', { namespace });
  new KpackPlatform(chart, 'kpack', props);
  return Testing.synth(chart);
}

export function find(manifests: any[], kind: string, name: string): any {
  const found = manifests.filter(m => m.kind === kind && m.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0];
}

export const key = (m: any) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;

/** The manifests as a map by kind/namespace/name. */
export function byKey(manifests: any[]): { [key: string]: any } {
  return Object.fromEntries(manifests.map(m => [key(m), m]));
}

export function controllerOf(manifests: any[]): { pod: any; container: any; env: { [name: string]: any } } {
  const pod = find(manifests, 'Deployment', 'kpack-controller').spec.template.spec;
  const container = pod.containers[0];
  return { pod, container, env: Object.fromEntries(container.env.map((e: any) => [e.name, e.value ?? e.valueFrom])) };
}

export const CA = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUW1WQ3c5mSdWd4rJzq4H0mE0xJ7cwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n';

/** Every option of KpackPlatform set at once (the security test and the construct fuzz start from it). */
export function everyPlatformOption(chart: Chart, version: KpackVersion): KpackPlatformProps {
  const pod = {
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(1) },
      memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
    },
    nodeSelector: { pool: 'system' },
    tolerations: [{ key: 'system', matchOperator: 'Exists', effect: 'NoSchedule' }],
    affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'kpack-webhook' } } } }] } },
    priorityClassName: 'system-cluster-critical',
    podLabels: { team: 'platform' },
    podAnnotations: { note: 'x' },
  };
  return {
    version,
    imageRegistry: 'registry.internal/kpack',
    images: { lifecycle: 'registry.internal/lifecycle:0.20.5' },
    controller: { ...pod, replicas: 1, podAnnotations: { ...pod.podAnnotations, 'container.apparmor.security.beta.kubernetes.io/controller': 'runtime/default', 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } },
    webhook: { ...pod, replicas: 2, podAnnotations: { ...pod.podAnnotations, 'container.apparmor.security.beta.kubernetes.io/webhook': 'localhost/kpack-webhook', 'container.seccomp.security.alpha.kubernetes.io/webhook': 'runtime/default' } },
    imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull', 'pull')],
    enablePriorityClasses: true,
    injectedSidecarSupport: true,
    generateSlsaAttestation: true,
    insecureSshTrustUnknownHosts: false,
    scalingFactor: 2,
    gitResolverUseShallowClone: true,
    maximumPlatformApiVersion: '0.9',
    httpProxy: 'http://proxy.internal:3128',
    httpsProxy: 'http://proxy.internal:3128',
    noProxy: ['.internal'],
    proxyBuilds: true,
    caCertificates: CA,
    registryCredentials: kplus.Secret.fromSecretName(chart, 'creds', 'creds'),
    controllerIdentity: CloudIdentity.azureWorkloadIdentity('11111111-2222-3333-4444-555555555555'),
    logLevel: LogLevel.DEBUG,
  };
}
