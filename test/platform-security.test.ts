import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CloudIdentity, KpackPlatform, KpackPlatformProps, KpackVersion, LogLevel } from '../src';
import { find, key, tagValues, upstreamRelease } from './platform-util';

const CA = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUW1WQ3c5mSdWd4rJzq4H0mE0xJ7cwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n';

/** Every option set at once. */
function everything(chart: any, version: KpackVersion): KpackPlatformProps {
  const pod = {
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(1) },
      memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
    },
    nodeSelector: { pool: 'system' },
    tolerations: [{ key: 'system', operator: 'Exists', effect: 'NoSchedule' }],
    affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'kpack-webhook' } } } }] } },
    priorityClassName: 'system-cluster-critical',
    podLabels: { team: 'platform' },
    podAnnotations: { note: 'x' },
  };
  return {
    version,
    imageRegistry: 'registry.internal/kpack',
    images: { lifecycle: 'registry.internal/lifecycle:0.20.5' },
    controller: { ...pod, replicas: 1 },
    webhook: { ...pod, replicas: 2 },
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

function synthEverything(version: KpackVersion): any[] {
  const chart = Testing.chart();
  new KpackPlatform(chart, 'kpack', everything(chart, version));
  return Testing.synth(chart);
}

const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/** The violations of Pod Security "restricted" (Kubernetes v1.25 profile) by a pod spec. */
function restrictedViolations(pod: any): string[] {
  const v: string[] = [];
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) v.push('host namespaces');
  for (const vol of pod.volumes ?? []) {
    const type = Object.keys(vol).find(k => k !== 'name');
    if (!ALLOWED_VOLUMES.includes(type!)) v.push(`volume type ${type}`);
  }
  const podSc = pod.securityContext ?? {};
  if (podSc.runAsUser === 0) v.push('pod runAsUser 0');
  for (const c of [...pod.initContainers ?? [], ...pod.containers, ...pod.ephemeralContainers ?? []]) {
    const sc = c.securityContext ?? {};
    if (sc.privileged) v.push(`${c.name}: privileged`);
    if (sc.allowPrivilegeEscalation !== false) v.push(`${c.name}: allowPrivilegeEscalation`);
    if (!(sc.runAsNonRoot === true || (sc.runAsNonRoot === undefined && podSc.runAsNonRoot === true))) v.push(`${c.name}: runAsNonRoot`);
    if (sc.runAsUser === 0) v.push(`${c.name}: runAsUser 0`);
    const seccomp = (sc.seccompProfile ?? podSc.seccompProfile)?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') v.push(`${c.name}: seccompProfile`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) v.push(`${c.name}: capabilities.drop ALL`);
    for (const cap of sc.capabilities?.add ?? []) if (cap !== 'NET_BIND_SERVICE') v.push(`${c.name}: adds ${cap}`);
    for (const p of c.ports ?? []) if (p.hostPort) v.push(`${c.name}: hostPort`);
  }
  return v;
}

describe.each(KpackVersion.all())('$tag with every option set', version => {
  const manifests = synthEverything(version);

  test('every pod passes Pod Security "restricted"', () => {
    const pods = manifests.filter(m => m.kind === 'Deployment').map(m => m.spec.template.spec);
    expect(pods).toHaveLength(2);
    for (const pod of pods) expect(restrictedViolations(pod)).toEqual([]);
    expect(find(manifests, 'Deployment', 'kpack-controller').spec.template.spec.containers[0].volumeMounts.every((m: any) => m.readOnly)).toBe(true);
  });

  test('the kpack namespace still enforces "restricted"', () => {
    expect(find(manifests, 'Namespace', 'kpack').metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.25',
    });
  });

  test('RBAC is exactly upstream\'s', () => {
    const rbac = (list: any[]) => list.filter(m => /^(Cluster)?Role(Binding)?$/.test(m.kind)).map(m => [key(m), m.rules, m.aggregationRule, m.subjects, m.roleRef]).sort();
    const upstream = rbac(upstreamRelease(version, tagValues(version)));
    expect(rbac(manifests)).toEqual(upstream);
    expect(upstream.length).toBe(10);
  });

  test('no Secret carries data, and the only Secret is upstream\'s empty webhook-certs', () => {
    const secrets = manifests.filter(m => m.kind === 'Secret');
    expect(secrets).toEqual([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'webhook-certs', namespace: 'kpack' } }]);
  });

  test('the options did reach the output', () => {
    const controller = find(manifests, 'Deployment', 'kpack-controller');
    expect(controller.spec.template.spec.volumes).toHaveLength(2);
    expect(controller.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(find(manifests, 'PodDisruptionBudget', 'kpack-webhook').spec.minAvailable).toBe(1);
  });
});
