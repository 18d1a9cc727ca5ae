import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CloudIdentity, KpackPlatform, KpackVersion, LogLevel } from '../src';
import { byKey, controllerOf, find, key, platformManifests, tagValues, upstreamRelease } from './platform-util';
import { setZapLevel } from '../src/platform/logging';

describe('default installation', () => {
  test.each(KpackVersion.all())('is kpack\'s own release of $tag, object for object', version => {
    const manifests = platformManifests({ version });
    const upstream = upstreamRelease(version, tagValues(version));
    expect(manifests.map(key).sort()).toEqual(upstream.map(key).sort());
    expect(byKey(manifests)).toEqual(byKey(upstream));
  });

  test.each(KpackVersion.all())('$tag: namespace and CRDs come first', version => {
    const manifests = platformManifests({ version });
    const crds = manifests.filter(m => m.kind === 'CustomResourceDefinition').length;
    expect(crds).toBe(version.hasClusterLifecycle ? 10 : 9);
    expect(manifests.slice(0, crds + 1).map(m => m.kind).sort()).toEqual(['Namespace', ...Array(crds).fill('CustomResourceDefinition')].sort());
  });

  test('v0.17.2 has the 38 objects of its release and a default ClusterLifecycle', () => {
    const manifests = platformManifests();
    expect(manifests).toHaveLength(38);
    expect(find(manifests, 'ClusterLifecycle', 'default-lifecycle').spec).toEqual({ image: 'ghcr.io/buildpacks-community/kpack/lifecycle:0.17.2' });
    expect(manifests.filter(m => m.metadata.name === 'lifecycle-image')).toEqual([]);
  });

  test('v0.16.1 has a lifecycle ConfigMap and Windows images instead of a ClusterLifecycle', () => {
    const manifests = platformManifests({ version: KpackVersion.V0_16_1 });
    expect(manifests.filter(m => m.kind === 'ClusterLifecycle')).toEqual([]);
    expect(find(manifests, 'ConfigMap', 'lifecycle-image').data).toEqual({ image: 'ghcr.io/buildpacks-community/kpack/lifecycle:0.16.1' });
    expect(find(manifests, 'ConfigMap', 'build-init-windows-image').data.image).toBe('ghcr.io/buildpacks-community/kpack/build-init-windows:0.16.1');
  });

  test('cluster-scoped objects carry no namespace in a chart that has one; namespaced ones stay in kpack', () => {
    const manifests = platformManifests({}, 'apps');
    const clusterScoped = ['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass',
      'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ClusterLifecycle'];
    for (const m of manifests) {
      expect([m.kind, m.metadata.namespace]).toEqual([m.kind, clusterScoped.includes(m.kind) ? undefined : 'kpack']);
    }
  });

  test('exposes the version, namespace and installed images', () => {
    const chart = Testing.chart();
    const platform = new KpackPlatform(chart, 'kpack', { version: KpackVersion.V0_16_1 });
    expect(platform.version).toBe(KpackVersion.V0_16_1);
    expect(KpackPlatform.NAMESPACE).toBe('kpack');
    expect(platform.images.completionWindows).toBe('ghcr.io/buildpacks-community/kpack/completion-windows:0.16.1');
    expect(Object.keys(platform.images)).toHaveLength(9);
  });
});

describe('controller and webhook pods', () => {
  const tolerations = [{ key: 'dedicated', matchOperator: 'Equal', value: 'system', effect: 'NoSchedule' }];
  const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', matchOperator: 'In', values: ['system'] }] }] } } };

  test.each(['controller', 'webhook'] as const)('%s: resources, scheduling, priority, labels and annotations', component => {
    const manifests = platformManifests({
      [component]: {
        resources: {
          cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(512), limit: Size.gibibytes(2) },
        },
        nodeSelector: { pool: 'system' },
        tolerations,
        affinity,
        priorityClassName: 'system-cluster-critical',
        podLabels: { team: 'platform' },
        podAnnotations: { 'example.com/scrape': 'false' },
      },
    });
    const deployment = find(manifests, 'Deployment', `kpack-${component}`);
    const pod = deployment.spec.template.spec;
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '50m', memory: '512Mi' }, limits: { cpu: '500m', memory: '2Gi' } });
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'pool': 'system' });
    // Written with kpack's (Kubernetes') names: `operator` for the typed API's `matchOperator`.
    expect(pod.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'system', effect: 'NoSchedule' }]);
    expect(pod.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['system'] }] }] } } });
    expect(pod.priorityClassName).toBe('system-cluster-critical');
    expect(deployment.spec.template.metadata.labels).toMatchObject({ app: `kpack-${component}`, version: '0.17.2', team: 'platform' });
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'example.com/scrape': 'false' });
    expect(deployment.spec.selector.matchLabels).toEqual({ app: `kpack-${component}` });
    // the other component keeps kpack's settings
    const other = find(manifests, 'Deployment', component === 'controller' ? 'kpack-webhook' : 'kpack-controller').spec.template.spec;
    expect([other.nodeSelector, other.priorityClassName, other.tolerations]).toEqual([{ 'kubernetes.io/os': 'linux' }, 'kpack-control-plane', undefined]);
  });

  test('imagePullSecrets go on both pods', () => {
    const chart = Testing.chart();
    new KpackPlatform(chart, 'kpack', { imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull', 'mirror-pull')] });
    const manifests = Testing.synth(chart);
    for (const name of ['kpack-controller', 'kpack-webhook']) {
      expect(find(manifests, 'Deployment', name).spec.template.spec.imagePullSecrets).toEqual([{ name: 'mirror-pull' }]);
    }
  });

  test('more than one webhook replica adds a PodDisruptionBudget', () => {
    const manifests = platformManifests({ webhook: { replicas: 3 } });
    expect(find(manifests, 'Deployment', 'kpack-webhook').spec.replicas).toBe(3);
    expect(find(manifests, 'PodDisruptionBudget', 'kpack-webhook')).toEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'kpack-webhook', namespace: 'kpack' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'kpack-webhook' } } },
    });
    expect(platformManifests({ webhook: { replicas: 1 } }).filter(m => m.kind === 'PodDisruptionBudget')).toEqual([]);
  });

  test.each([
    [{ controller: { replicas: 2 } }, /controller.replicas is 2: kpack's controller has no leader election, so it must run as exactly 1 replica/],
    [{ webhook: { replicas: 0 } }, /webhook.replicas is 0: use a whole number from 1 \(without a webhook/],
    // found by the construct fuzz: a Deployment's replicas are an int32
    [{ webhook: { replicas: 2 ** 53 } }, /webhook.replicas is 9007199254740992: use a whole number from 1 .* to 2147483647 \(a Deployment's replicas are a 32-bit integer\)$/],
    [{ controller: { nodeSelector: { 'kubernetes.io/os': 'windows' } } }, /controller.nodeSelector "kubernetes.io\/os" is "windows": kpack's images are linux only/],
    [{ webhook: { podLabels: { role: 'x' } } }, /webhook.podLabels sets the label "role" to "x": kpack uses "app", "role", "version" itself/],
    [{ controller: { priorityClassName: '' } }, /controller.priorityClassName must not be empty/],
  ])('rejects %j', (props, message) => {
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', props)).toThrow(message);
  });

  describe('pod options are checked with Kubernetes\' rules, naming the option, the value and what is allowed', () => {
    test.each([
      [{ controller: { resources: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.units(1) } } } },
        /^KpackPlatform "[^"]+": controller.resources.cpu.request "2" must be less than or equal to the cpu limit "1"$/],
      [{ webhook: { resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } } } },
        /^KpackPlatform "[^"]+": webhook.resources.memory.request "2Gi" must be less than or equal to the memory limit "1Gi"$/],
      [{ controller: { resources: { cpu: { request: kplus.Cpu.millis(-5) } } } }, /^KpackPlatform "[^"]+": controller.resources.cpu.request "-5m" must be greater than or equal to 0$/],
      [{ controller: { resources: { cpu: { limit: kplus.Cpu.units(NaN) } } } }, /^KpackPlatform "[^"]+": controller.resources.cpu.limit "NaN" .*quantit/],
      [{ controller: { resources: { memory: { limit: '2 GB' } } } }, /^KpackPlatform "[^"]+": controller.resources.memory.limit "2 GB" is not a Size \(e.g. Size.mebibytes\(512\)\)$/],
      [{ controller: { nodeSelector: { 'bad key!': 'x' } } }, /^KpackPlatform "[^"]+": controller.nodeSelector "bad key!" is not a valid node selector key: name part must consist of alphanumeric characters/],
      [{ webhook: { nodeSelector: { pool: 'system pool' } } }, /^KpackPlatform "[^"]+": webhook.nodeSelector.pool "system pool" is not a valid node selector value: a valid label must be an empty string or consist of alphanumeric characters/],
      [{ controller: { nodeSelector: { pool: 3 } } }, /^KpackPlatform "[^"]+": controller.nodeSelector.pool must be a string, got an integer 3$/],
      [{ controller: { tolerations: [{ key: 'dedicated', matchOperator: 'Equals', value: 'system' }] } }, /^KpackPlatform "[^"]+": controller.tolerations\[0\].matchOperator "Equals" is not supported: use "Equal" or "Exists"/],
      [{ controller: { tolerations: [{ key: 'dedicated', matchOperator: 'Exists', effect: 'NoSchedul' }] } }, /^KpackPlatform "[^"]+": controller.tolerations\[0\].effect "NoSchedul" is not supported: use "NoSchedule", "PreferNoSchedule" or "NoExecute"/],
      [{ webhook: { tolerations: [{ key: 'a', matchOperator: 'Exists', value: 'b' }] } }, /^KpackPlatform "[^"]+": webhook.tolerations\[0\].value "b" must be empty when operator is "Exists"/],
      [{ controller: { tolerations: 'all' } }, /^KpackPlatform "[^"]+": controller.tolerations must be a list, got a string "all"/],
      [{ controller: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', matchOperator: 'Is', values: ['a'] }] }] } } } } },
        /^KpackPlatform "[^"]+": controller.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms\[0\].matchExpressions\[0\].matchOperator "Is" is not a valid selector operator: use "In", "NotIn", "Exists", "DoesNotExist", "Gt" or "Lt"$/],
      [{ controller: { priorityClassName: 'Critical_Class' } }, /^KpackPlatform "[^"]+": controller.priorityClassName "Critical_Class" is not a valid PriorityClass name: a lowercase RFC 1123 subdomain/],
      [{ webhook: { podLabels: { 'team/a/b': 'x' } } }, /^KpackPlatform "[^"]+": webhook.podLabels "team\/a\/b" is not a valid pod label key/],
      [{ webhook: { podLabels: { team: 'a'.repeat(64) } } }, /^KpackPlatform "[^"]+": webhook.podLabels.team "a{20,}.*" is not a valid pod label value: must be no more than 63 characters/],
      [{ controller: { podAnnotations: { 'example.com/bad key': 'secret-value' } } }, /^KpackPlatform "[^"]+": controller.podAnnotations "example.com\/bad key" is not a valid annotation key/],
    ])('rejects case %#', (props, message) => {
      expect(() => new KpackPlatform(Testing.chart(), 'kpack', props as any)).toThrow(message);
    });

    test('every problem is reported at once', () => {
      expect(() => new KpackPlatform(Testing.chart(), 'kpack', { controller: { nodeSelector: { 'a b': 'c' }, priorityClassName: 'X' } }))
        .toThrow(/^KpackPlatform "[^"]+": 2 problems:\n {2}controller.nodeSelector "a b" is not a valid node selector key.*\n {2}controller.priorityClassName "X" is not a valid PriorityClass name/);
    });

    test('an annotation value is never shown', () => {
      let message = '';
      try {
        new KpackPlatform(Testing.chart(), 'kpack', { controller: { podAnnotations: { 'example.com/token': 7 as any } } });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^KpackPlatform "[^"]+": controller.podAnnotations\["example.com\/token"\] must be a string, got a number \(the value is not shown\)$/);
    });

    test.each([
      [{ imagePullSecrets: [kplus.Secret.fromSecretName(Testing.chart(), 'p', 'Pull_Secret')] }, /^KpackPlatform "[^"]+": imagePullSecrets\[0\].name "Pull_Secret" is not a valid Secret name: a lowercase RFC 1123 subdomain/],
      [{ imagePullSecrets: 'pull' }, /^KpackPlatform "[^"]+": imagePullSecrets must be a list of Secrets, got a string "pull"/],
      [{ registryCredentials: kplus.Secret.fromSecretName(Testing.chart(), 'r', '') }, /^KpackPlatform "[^"]+": registryCredentials.name is required: a Secret name must not be empty/],
      [{ httpProxy: 'http://proxy:3128', proxyCredentials: kplus.Secret.fromSecretName(Testing.chart(), 'c', 'proxy creds') }, /^KpackPlatform "[^"]+": proxyCredentials.name "proxy creds" is not a valid Secret name/],
    ])('rejects Secrets with names Kubernetes refuses (%#)', (props, message) => {
      expect(() => new KpackPlatform(Testing.chart(), 'kpack', props as any)).toThrow(message);
    });

    test('valid options pass unchanged', () => {
      const manifests = platformManifests({ controller: { resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(100) } }, nodeSelector: { 'node.example.com/pool': 'system' }, podLabels: { 'app.kubernetes.io/part-of': 'kpack' } } });
      const pod = find(manifests, 'Deployment', 'kpack-controller').spec.template;
      expect(pod.spec.containers[0].resources).toEqual({ requests: { cpu: '100m' }, limits: { cpu: '100m' } });
      expect(pod.metadata.labels['app.kubernetes.io/part-of']).toBe('kpack');
    });
  });

  test('controller replicas of 1 is accepted', () => {
    expect(find(platformManifests({ controller: { replicas: 1 } }), 'Deployment', 'kpack-controller').spec.replicas).toBe(1);
  });
});

describe('feature flags', () => {
  test('defaults are kpack\'s', () => {
    const { env } = controllerOf(platformManifests());
    expect([env.ENABLE_PRIORITY_CLASSES, env.INJECTED_SIDECAR_SUPPORT, env.EXPERIMENTAL_GENERATE_SLSA_ATTESTATION,
      env.INSECURE_SSH_TRUST_UNKNOWN_HOSTS, env.SCALING_FACTOR]).toEqual(['false', 'false', 'false', 'true', '1']);
    expect(env.GIT_RESOLVER_USE_SHALLOW_CLONE).toBeUndefined();
    expect(env.MAXIMUM_PLATFORM_API_VERSION).toBeUndefined();
  });

  test.each(KpackVersion.all())('$tag: every flag reaches the controller env, in place', version => {
    const before = controllerOf(platformManifests({ version })).container.env.map((e: any) => e.name);
    const { container, env } = controllerOf(platformManifests({
      version,
      enablePriorityClasses: true,
      injectedSidecarSupport: true,
      generateSlsaAttestation: true,
      insecureSshTrustUnknownHosts: false,
      scalingFactor: 4,
      gitResolverUseShallowClone: true,
      maximumPlatformApiVersion: '0.9',
    }));
    expect([env.ENABLE_PRIORITY_CLASSES, env.INJECTED_SIDECAR_SUPPORT, env.EXPERIMENTAL_GENERATE_SLSA_ATTESTATION,
      env.INSECURE_SSH_TRUST_UNKNOWN_HOSTS, env.SCALING_FACTOR, env.GIT_RESOLVER_USE_SHALLOW_CLONE,
      env.MAXIMUM_PLATFORM_API_VERSION]).toEqual(['true', 'true', 'true', 'false', '4', 'true', '0.9']);
    expect(container.env.map((e: any) => e.name)).toEqual([...before, 'GIT_RESOLVER_USE_SHALLOW_CLONE', 'MAXIMUM_PLATFORM_API_VERSION']);
  });

  test.each([
    [{ scalingFactor: 0 }, /scalingFactor is 0: use a whole number of at least 1/],
    [{ scalingFactor: 1.5 }, /scalingFactor is 1.5/],
    [{ maximumPlatformApiVersion: 'v0.9' }, /maximumPlatformApiVersion "v0.9" is not a CNB platform API version: use <major>.<minor>/],
  ])('rejects %j', (props, message) => {
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', props)).toThrow(message);
  });

  describe.each(KpackVersion.all())('$tag: log level', version => {
    const zap = (manifests: any[]) => JSON.parse(find(manifests, 'ConfigMap', 'config-logging').data['zap-logger-config']);
    const upstream = zap(upstreamRelease(version, tagValues(version)));

    test('kpack\'s template holds a zap configuration at level info', () => {
      expect(upstream.level).toBe('info');
      expect(zap(platformManifests({ version }))).toEqual(upstream);
    });

    test.each([LogLevel.DEBUG, LogLevel.WARN, LogLevel.ERROR])('%s takes effect in config-logging, the rest is kpack\'s', level => {
      const config = zap(platformManifests({ version, logLevel: level }));
      expect(config).toEqual({ ...upstream, level });
    });
  });

  test('the zap configuration is parsed, not matched as text: any formatting of kpack\'s JSON works', () => {
    const configMap = { data: { 'zap-logger-config': '{"encoding":"json","level":"info"}' } };
    setZapLevel(configMap, 'debug', 'kpack v9');
    expect(JSON.parse(configMap.data['zap-logger-config'])).toEqual({ encoding: 'json', level: 'debug' });
  });

  test.each([
    [{ data: {} }, /ConfigMap config-logging of kpack v9 has no data."zap-logger-config": the log level cannot be set/],
    [{ data: { 'zap-logger-config': '{level: info' } }, /data."zap-logger-config" is not JSON \(.*\): the log level cannot be set/],
    [{ data: { 'zap-logger-config': '{"encoding":"json"}' } }, /is not a zap configuration with a "level"/],
  ])('a zap configuration the level cannot be set in is an error, not ignored (%#)', (configMap, message) => {
    expect(() => setZapLevel(configMap, 'debug', 'kpack v9')).toThrow(message);
  });

  test('a log level that is not one of LogLevel is refused', () => {
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', { logLevel: 'verbose' as LogLevel }))
      .toThrow(/logLevel "verbose" is not a kpack log level: use one of debug, info, warn, error/);
  });
});

describe('proxy, CA and credentials', () => {
  const CA = [
    '# Issuer: CN=Example Root',
    '-----BEGIN CERTIFICATE-----',
    'MIIBszCCAVmgAwIBAgIUW1WQ3c5mSdWd4rJzq4H0mE0xJ7cwCgYIKoZIzj0EAwIw',
    'EjEQMA4GA1UEAwwHcm9vdC1jYTAeFw0yNDAxMDEwMDAwMDBaFw0zNDAxMDEwMDAw',
    '-----END CERTIFICATE-----',
    '',
  ].join('\n');

  test('proxy env on the controller, with the Kubernetes API exempt', () => {
    const manifests = platformManifests({ httpProxy: 'http://proxy.internal:3128', httpsProxy: 'http://proxy.internal:3128', noProxy: ['.internal', '10.0.0.0/8'] });
    expect(controllerOf(manifests).env).toMatchObject({
      HTTP_PROXY: 'http://proxy.internal:3128',
      HTTPS_PROXY: 'http://proxy.internal:3128',
      NO_PROXY: '.internal,10.0.0.0/8,$(KUBERNETES_SERVICE_HOST)',
    });
    const webhookEnv = find(manifests, 'Deployment', 'kpack-webhook').spec.template.spec.containers[0].env.map((e: any) => e.name);
    expect(webhookEnv).not.toContain('HTTPS_PROXY');
  });

  test.each([
    [{ httpsProxy: 'proxy.internal:3128' }, /httpsProxy "proxy.internal:3128" is not a proxy URL: use http:\/\/host:port/],
    [{ httpProxy: 'http://user:secret@proxy internal' }, /httpProxy "http:\/\/\*\*\*@proxy internal" holds credentials \(user:password@, not shown\).*as proxyCredentials/],
    [{ httpsProxy: 'http://proxy.internal:3128/path' }, /httpsProxy "http:\/\/proxy.internal:3128\/path" is not a proxy URL/],
    [{ httpProxy: 'http://p:1', noProxy: ['a,b'] }, /noProxy entry "a,b" is not a host, domain or CIDR/],
    [{ noProxy: ['.internal'] }, /noProxy is set without httpProxy or httpsProxy/],
    [{ proxyBuilds: true }, /proxyBuilds is true without httpProxy or httpsProxy/],
    [{ httpsProxy: 3128 }, /^KpackPlatform "[^"]+": httpsProxy must be a string such as "http:\/\/proxy.internal:3128", got number$/],
    [{ imageRegistry: ['registry.internal'] }, /^KpackPlatform "[^"]+": imageRegistry must be a string, got object$/],
    [{ images: { controller: 7 } }, /^KpackPlatform "[^"]+": images.controller must be a string, got number$/],
  ])('rejects %j', (props, message) => {
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', props as any)).toThrow(message);
  });

  // Found by the construct fuzz (test/fuzz): each was a TypeError, an error without the platform's path, or output
  // that Kubernetes refuses.
  const sa = (chart: Chart) => kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'kp');
  test.each<[string, (chart: Chart) => object, RegExp]>([
    ['kpConfig.serviceAccount not a ServiceAccount', () => ({ kpConfig: { defaultRepository: 'registry.io/kp', serviceAccount: Size.gibibytes(1) } }),
      /^KpackPlatform "test\/kpack": kpConfig.serviceAccount must be a ServiceAccount .*, got a Size$/],
    ['kpConfig.defaultRepository missing', c => ({ kpConfig: { serviceAccount: sa(c) } }), /^KpackPlatform "test\/kpack": kpConfig.defaultRepository is required/],
    ['kpConfig not an object', () => ({ kpConfig: '-1' }), /^KpackPlatform "test\/kpack": kpConfig must be an object \(KpConfigProps\)/],
    ['controllerIdentity not a CloudIdentity', () => ({ controllerIdentity: 'Bad Name!' }), /^KpackPlatform "test\/kpack": controllerIdentity must be a CloudIdentity/],
    ['noProxy not a list', () => ({ httpProxy: 'http://p:1', noProxy: 'a.internal' }), /^KpackPlatform "test\/kpack": noProxy must be a list of strings, got a string/],
    ['noProxy entry not a string', () => ({ httpProxy: 'http://p:1', noProxy: [{ host: 'a.internal' }] }),
      /^KpackPlatform "test\/kpack": noProxy\[0\] must be a non-empty string, got an object$/],
    ['a flag not a boolean', () => ({ enablePriorityClasses: 'yes' }), /^KpackPlatform "test\/kpack": enablePriorityClasses must be true or false, got a string "yes"$/],
    ['logLevel a construct', c => ({ logLevel: sa(c) }), /^KpackPlatform "test\/kpack": logLevel an object is not a kpack log level/],
    ['version a construct', c => ({ version: sa(c) }), /^KpackPlatform "test\/kpack": version must be a KpackVersion .*, got ServiceAccount "kp"$/],
    ['a release file of another version', () => ({ releaseFile: path.join(__dirname, 'fixtures', 'release-0.16.1.yaml') }),
      /^KpackPlatform "test\/kpack": releaseFile ".*release-0.16.1.yaml" is the release of kpack "0.16.1"/],
    ['proxyCredentials a list', () => ({ httpProxy: 'http://p:1', proxyCredentials: [] }),
      /^KpackPlatform "test\/kpack": proxyCredentials must be a Secret \(e.g. Secret.fromSecretName\(this, "id", "name"\)\), got a list$/],
    ['registryCredentials a list', () => ({ registryCredentials: [] }), /^KpackPlatform "test\/kpack": registryCredentials must be a Secret .*, got a list$/],
    ['a toleration left out', () => ({ controller: { tolerations: [undefined] } }),
      /^KpackPlatform "test\/kpack": controller.tolerations\[0\].matchOperator "" must be "Exists" when key is empty/],
  ])('%s: a clear error', (_name, props, message) => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => new KpackPlatform(chart, 'kpack', props(chart) as any)).toThrow(message);
  });

  test('null props and null fields are "not set" (as from JavaScript)', () => {
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', null as any)).not.toThrow();
    expect(platformManifests({ caCertificates: null, images: undefined } as any)).toEqual(platformManifests());
    const manifests = platformManifests({ controller: { affinity: { nodeAffinity: null, podAntiAffinity: null } } as any });
    expect(controllerOf(manifests).pod.affinity).toEqual({});
  });

  test('a proxy password never appears in an error message', () => {
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', { httpProxy: 'ftp://user:s3cret@proxy:21' })).toThrow(/^(?!.*s3cret)/);
  });

  test('a CA bundle is mounted read-only into the controller and trusted through SSL_CERT_DIR', () => {
    const manifests = platformManifests({ caCertificates: CA });
    expect(find(manifests, 'ConfigMap', 'kpack-ca-certificates')).toEqual({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kpack-ca-certificates', namespace: 'kpack' }, data: { 'ca-certificates.crt': CA },
    });
    const { pod, container, env } = controllerOf(manifests);
    expect(pod.volumes).toEqual([{ name: 'ca-certificates', configMap: { name: 'kpack-ca-certificates' } }]);
    expect(container.volumeMounts).toEqual([{ name: 'ca-certificates', mountPath: '/etc/kpack/ca-certificates', readOnly: true }]);
    expect(env.SSL_CERT_DIR).toBe('/etc/ssl/certs:/etc/kpack/ca-certificates');
  });

  test.each([
    ['not a certificate', /caCertificates "not a certificate" is not PEM: give one or more "-----BEGIN CERTIFICATE-----"/],
    ['-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----', /caCertificates block 1 \("CERTIFICATE"\) is not a PEM certificate/],
    ['-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----', /caCertificates block 1 \("PUBLIC KEY"\) is not a PEM certificate/],
  ])('rejects the CA %j', (ca, message) => {
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', { caCertificates: ca })).toThrow(message);
  });

  test('a private key passed as CA is refused without showing it', () => {
    const privateKey = '-----BEGIN PRIVATE KEY-----\nTOPSECRETKEYMATERIAL\n-----END PRIVATE KEY-----';
    let message = '';
    try {
      new KpackPlatform(Testing.chart(), 'kpack', { caCertificates: privateKey });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/caCertificates holds a private key \(not shown\)/);
    expect(message).not.toContain('TOPSECRET');
  });

  test('registry credentials are mounted for the controller\'s keychain', () => {
    const chart = Testing.chart();
    new KpackPlatform(chart, 'kpack', { registryCredentials: kplus.Secret.fromSecretName(chart, 'creds', 'registry-creds') });
    const { pod, container, env } = controllerOf(Testing.synth(chart));
    expect(pod.volumes).toEqual([{ name: 'registry-credentials', secret: { secretName: 'registry-creds' } }]);
    expect(container.volumeMounts).toEqual([{ name: 'registry-credentials', mountPath: '/var/kpack/credentials', readOnly: true }]);
    expect(env.CREDENTIAL_PROVIDER_SECRET_PATH).toBe('/var/kpack/credentials');
  });
});

describe('cloud identity', () => {
  test.each([
    [CloudIdentity.awsIamRole('arn:aws:iam::123456789012:role/kpack-ecr'), { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/kpack-ecr' }, {}],
    [CloudIdentity.gcpServiceAccount('kpack-gar@my-project.iam.gserviceaccount.com'), { 'iam.gke.io/gcp-service-account': 'kpack-gar@my-project.iam.gserviceaccount.com' }, {}],
    [CloudIdentity.azureWorkloadIdentity('11111111-2222-3333-4444-555555555555', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'),
      { 'azure.workload.identity/client-id': '11111111-2222-3333-4444-555555555555', 'azure.workload.identity/tenant-id': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' },
      { 'azure.workload.identity/use': 'true' }],
  ])('annotates the controller ServiceAccount (%#)', (identity, annotations, labels) => {
    const manifests = platformManifests({ controllerIdentity: identity });
    expect(find(manifests, 'ServiceAccount', 'controller').metadata).toEqual({ name: 'controller', namespace: 'kpack', annotations });
    expect(find(manifests, 'Deployment', 'kpack-controller').spec.template.metadata.labels).toEqual({ app: 'kpack-controller', version: '0.17.2', ...labels });
    expect(find(manifests, 'ServiceAccount', 'webhook').metadata.annotations).toBeUndefined();
  });

  test.each([
    [() => CloudIdentity.awsIamRole('kpack-ecr'), /the IAM role ARN "kpack-ecr" is not of the form arn:aws:iam::<12-digit account>:role\/<name>/],
    [() => CloudIdentity.gcpServiceAccount('kpack@gmail.com'), /the Google service account "kpack@gmail.com" is not of the form/],
    [() => CloudIdentity.azureWorkloadIdentity('abc'), /the Azure client id "abc" is not a GUID/],
  ])('rejects a malformed identity (%#)', (make, message) => {
    expect(make).toThrow(message);
  });
});

test('two platforms in one app are an error', () => {
  const app = Testing.app();
  new KpackPlatform(new Chart(app, 'a'), 'kpack');
  expect(() => new KpackPlatform(new Chart(app, 'b'), 'kpack', { version: KpackVersion.V0_16_1 }))
    .toThrow(/an app installs kpack once: a KpackPlatform already exists at "a\/kpack"/);
});

test('a version the package does not ship is refused with the versions it does', () => {
  expect(() => new KpackPlatform(Testing.chart(), 'kpack', { version: KpackVersion.of('v0.15.0') }))
    .toThrow(/kpack version "v0.15.0" is not shipped with cdk8s-kpack: use one of v0.17.2, v0.16.1/);
});

test('kpConfig writes kp-config in the kpack namespace, after the namespace', () => {
  const chart = Testing.chart();
  new KpackPlatform(chart, 'kpack', { kpConfig: { defaultRepository: 'registry.example.com/kpack' } });
  const manifests = Testing.synth(chart);
  const index = manifests.findIndex(m => m.kind === 'ConfigMap' && m.metadata.name === 'kp-config');
  expect(manifests[index].metadata.namespace).toBe('kpack');
  expect(manifests[index].data['default.repository']).toBe('registry.example.com/kpack');
  expect(index).toBeGreaterThan(manifests.findIndex(m => m.kind === 'Namespace'));
  expect(platformManifests().some(m => m.metadata.name === 'kp-config')).toBe(false);
});
