import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KpackPlatform, KpackVersion } from '../src';
import { everyPlatformOption, find, key, tagValues, upstreamRelease } from './platform-util';


function synthEverything(version: KpackVersion): any[] {
  const chart = Testing.chart();
  new KpackPlatform(chart, 'kpack', everyPlatformOption(chart, version));
  return Testing.synth(chart);
}

const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const SAFE_SYSCTLS = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

/**
 * The violations of Pod Security "restricted" by a pod template: every check of k8s.io/pod-security-admission's
 * `policy` package at v1.34, both those that read the pod spec and those that read pod metadata (AppArmor
 * annotations; seccomp annotations, which policies before v1.19 read and the API server matches against the fields).
 */
function restrictedViolations(metadata: any, pod: any): string[] {
  const v: string[] = [];
  for (const [name, value] of Object.entries<string>(metadata.annotations ?? {})) {
    if (name.startsWith('container.apparmor.security.beta.kubernetes.io/') && !(value === '' || value === 'runtime/default' || value.startsWith('localhost/'))) v.push(`annotation ${name}=${value}`);
    if ((name === 'seccomp.security.alpha.kubernetes.io/pod' || name.startsWith('container.seccomp.security.alpha.kubernetes.io/'))
      && !(value === 'runtime/default' || value === 'docker/default')) v.push(`annotation ${name}=${value}`);
  }
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) v.push('host namespaces');
  for (const sysctl of pod.securityContext?.sysctls ?? []) if (!SAFE_SYSCTLS.includes(sysctl.name)) v.push(`sysctl ${sysctl.name}`);
  if (pod.securityContext?.windowsOptions?.hostProcess) v.push('windows hostProcess');
  for (const vol of pod.volumes ?? []) {
    const type = Object.keys(vol).find(k => k !== 'name');
    if (!ALLOWED_VOLUMES.includes(type!)) v.push(`volume type ${type}`);
  }
  const podSc = pod.securityContext ?? {};
  if (podSc.runAsUser === 0) v.push('pod runAsUser 0');
  const badAppArmor = (p: any) => p !== undefined && p.type !== 'RuntimeDefault' && p.type !== 'Localhost';
  const badSeLinux = (o: any) => o !== undefined && (!SELINUX_TYPES.includes(o.type ?? '') || (o.user ?? '') !== '' || (o.role ?? '') !== '');
  if (badAppArmor(podSc.appArmorProfile)) v.push('pod appArmorProfile');
  if (badSeLinux(podSc.seLinuxOptions)) v.push('pod seLinuxOptions');
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
    if (badAppArmor(sc.appArmorProfile)) v.push(`${c.name}: appArmorProfile`);
    if (badSeLinux(sc.seLinuxOptions)) v.push(`${c.name}: seLinuxOptions`);
    if ((sc.procMount ?? 'Default') !== 'Default') v.push(`${c.name}: procMount`);
    if (sc.windowsOptions?.hostProcess) v.push(`${c.name}: windows hostProcess`);
    for (const handler of [c.livenessProbe, c.readinessProbe, c.startupProbe, c.lifecycle?.postStart, c.lifecycle?.preStop]) {
      if (handler?.httpGet?.host || handler?.tcpSocket?.host) v.push(`${c.name}: probe or lifecycle host`);
    }
  }
  return v;
}

describe.each(KpackVersion.all())('$tag with every option set', version => {
  const manifests = synthEverything(version);

  test('every pod passes Pod Security "restricted"', () => {
    const pods = manifests.filter(m => m.kind === 'Deployment').map(m => m.spec.template);
    expect(pods).toHaveLength(2);
    for (const pod of pods) expect(restrictedViolations(pod.metadata, pod.spec)).toEqual([]);
    // the profile annotations that keep it restricted did reach the pods
    expect(pods.map(p => Object.keys(p.metadata.annotations).filter(k => /apparmor|seccomp/.test(k)).length)).toEqual([2, 2]);
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

describe('options that would weaken Pod Security "restricted" are refused', () => {
  test.each([
    ['controller', 'container.apparmor.security.beta.kubernetes.io/controller', 'unconfined', /controller.podAnnotations sets "container.apparmor.security.beta.kubernetes.io\/controller" to "unconfined": use "runtime\/default" or "localhost\/<profile>" \(Pod Security "restricted", enforced on the kpack namespace, refuses other profiles such as "unconfined"\)/],
    ['webhook', 'container.apparmor.security.beta.kubernetes.io/webhook', 'localhost/', /webhook.podAnnotations sets .* to "localhost\/": use "runtime\/default" or "localhost\/<profile>"/],
    ['webhook', 'container.apparmor.security.beta.kubernetes.io/webhook', '', /webhook.podAnnotations sets .* to "": use "runtime\/default"/],
    ['controller', 'container.apparmor.security.beta.kubernetes.io/sidecar', 'runtime/default', /controller.podAnnotations sets "container.apparmor.security.beta.kubernetes.io\/sidecar" to "runtime\/default": it names container "sidecar", which the pod does not have \(its containers: "controller"\)/],
    ['controller', 'seccomp.security.alpha.kubernetes.io/pod', 'unconfined', /controller.podAnnotations sets "seccomp.security.alpha.kubernetes.io\/pod" to "unconfined": kpack's pods set seccompProfile RuntimeDefault, which Pod Security "restricted" requires/],
    ['webhook', 'container.seccomp.security.alpha.kubernetes.io/webhook', 'localhost/profile.json', /webhook.podAnnotations sets "container.seccomp.security.alpha.kubernetes.io\/webhook" to "localhost\/profile.json": .*only "runtime\/default"/],
    ['controller', 'container.seccomp.security.alpha.kubernetes.io/controller', 'unconfined', /controller.podAnnotations sets "container.seccomp/],
  ])('%s: %s = %j', (component, name, value, message) => {
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', { [component]: { podAnnotations: { [name]: value } } })).toThrow(message);
  });

  test.each(KpackVersion.all())('$tag: an unconfined AppArmor or seccomp annotation, had it been written, would break "restricted"', version => {
    const manifests = synthEverything(version);
    const controller = find(manifests, 'Deployment', 'kpack-controller').spec.template;
    for (const [name, value] of [['container.apparmor.security.beta.kubernetes.io/controller', 'unconfined'], ['seccomp.security.alpha.kubernetes.io/pod', 'unconfined']]) {
      expect(restrictedViolations({ annotations: { [name]: value } }, controller.spec)).toEqual([`annotation ${name}=${value}`]);
    }
  });

  test('scheduling, priority, resources and labels do not reach what Pod Security reads', () => {
    const options: any = {
      tolerations: [{ key: 'a', matchOperator: 'Exists' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', matchOperator: 'Exists' }] }] } } },
      priorityClassName: 'system-node-critical',
      resources: { cpu: { request: kplus.Cpu.millis(1) } },
      podLabels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
    };
    const chart = Testing.chart();
    new KpackPlatform(chart, 'kpack', { controller: options, webhook: options });
    const manifests = Testing.synth(chart);
    for (const d of manifests.filter(m => m.kind === 'Deployment')) {
      expect(restrictedViolations(d.spec.template.metadata, d.spec.template.spec)).toEqual([]);
    }
    expect(find(manifests, 'Namespace', 'kpack').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test.each([
    ['tolerations', [{ key: 'a', matchOperator: 'Exists', securityContext: { privileged: true } }], /controller.tolerations\[0\].securityContext is not a field of Toleration/],
    ['affinity', { hostNetwork: true }, /controller.affinity.hostNetwork is not a field of Affinity/],
    ['resources', { cpu: { request: '100m' } }, /controller.resources.cpu.request "100m" is not a Cpu/],
  ])('JavaScript callers cannot slip pod fields in through %s: unknown fields are refused', (option, value, message) => {
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', { controller: { [option]: value } as any })).toThrow(message);
  });
});
