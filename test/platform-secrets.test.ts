import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Build, BuildBuilder, NamespacedBuilder, BuildpackRef, ClusterBuildpack, ClusterStack, Image, ImageSource, KpackPlatform, KpackPlatformProps, KpackVersion } from '../src';
import { controllerOf, find, platformManifests } from './platform-util';
import { redact } from '../src/platform/settings';

/**
 * Passwords (each with a marker no manifest or message holds otherwise) in the shapes that escaped redaction
 * before: `@`, `/`, `:`, `%`-escapes, `#`, `?`, spaces, `$(...)`, non-ASCII.
 */
const PASSWORDS = [
  'Zq7p@ss/w:rd',
  'Zq7%2Fx%40y',
  'Zq7a#b?c',
  'Zq7x@y@z',
  'Zq7 spaced out',
  'Zq7$(HOME)',
  'Zq7ünï©ødé',
  'Zq7%zz',
  'Zq7/a/b@',
];
const USER = 'Uk9proxyuser';

/** Every form a password could leak in: as given, URL-encoded, decoded, base64. */
function forms(secret: string): string[] {
  const result = new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]);
  try {
    result.add(decodeURIComponent(secret));
  } catch {
    // not decodable: nothing else to look for
  }
  return [...result];
}

/** Where a secret shows in a text: the markers alone catch any part of it that kept its start. */
function leaks(text: string, secrets: string[]): string[] {
  return secrets.flatMap(forms).concat(['Zq7', 'Uk9']).filter(f => text.includes(f));
}

/** An app with a platform (props from `platformProps`) and kpack objects in its chart and in another chart. */
function platformApp(outdir: string, platformProps: (chart: Chart) => KpackPlatformProps): App {
  const app = new App({ outdir });
  const kpackChart = new Chart(app, 'kpack');
  const apps = new Chart(app, 'apps');
  for (const chart of [kpackChart, apps]) {
    const namespace = chart === apps ? 'apps' : 'team';
    const stack = new ClusterStack(chart, 'stack', { metadata: { name: `base-${chart.node.id}` }, stackId: 'io.buildpacks.stacks.jammy', buildImage: 'paketobuildpacks/build-jammy-base', runImage: 'paketobuildpacks/run-jammy-base' });
    const java = new ClusterBuildpack(chart, 'java', { metadata: { name: `java-${chart.node.id}` }, image: 'paketobuildpacks/java' });
    const builder = new NamespacedBuilder(chart, 'builder', { metadata: { name: 'java', namespace }, tag: 'registry.internal/builders/java', stack, order: [{ group: [BuildpackRef.fromClusterBuildpack(java)] }] });
    new Image(chart, 'image', { metadata: { name: 'app', namespace }, tag: 'registry.internal/apps/app', builder, source: ImageSource.fromGit('https://git.internal/app', 'main') });
    new Build(chart, 'build', { metadata: { name: 'once', namespace }, tags: ['registry.internal/apps/once'], builder: BuildBuilder.fromImage('registry.internal/builders/java:v1'), source: ImageSource.fromGit('https://git.internal/app', 'abc') });
  }
  new KpackPlatform(kpackChart, 'kpack', platformProps(kpackChart));
  return app;
}

/** What an attempt wrote: its error message (if any), every line written to stdout/stderr or the console, the files. */
function attempt(build: (outdir: string) => App): { error?: string; messages: string; output: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpack-secrets-'));
  const written: string[] = [];
  const capture = (...args: unknown[]) => {
    written.push(args.map(String).join(' '));
    return true;
  };
  const spies = [
    jest.spyOn(process.stderr, 'write').mockImplementation(capture as any),
    jest.spyOn(process.stdout, 'write').mockImplementation(capture as any),
    ...(['log', 'warn', 'error', 'info', 'debug'] as const).map(m => jest.spyOn(console, m).mockImplementation(capture)),
  ];
  let error: string | undefined;
  try {
    build(outdir).synth();
  } catch (e) {
    error = `${(e as Error).message}\n${(e as Error).stack ?? ''}`;
  } finally {
    spies.forEach(s => s.mockRestore());
  }
  const output = fs.readdirSync(outdir).map(f => fs.readFileSync(path.join(outdir, f), 'utf-8')).join('\n');
  fs.rmSync(outdir, { recursive: true, force: true });
  return { error, messages: [error ?? '', ...written].join('\n'), output };
}

const PROXY = 'http://proxy.internal:3128';

describe('proxy credentials come from a Secret', () => {
  test.each(KpackVersion.all())('$tag: the controller reads them through secretKeyRef, before the URLs that use them', version => {
    const chart = Testing.chart();
    new KpackPlatform(chart, 'kpack', {
      version,
      httpProxy: PROXY,
      httpsProxy: 'https://proxy.internal:3129',
      noProxy: ['.internal'],
      proxyCredentials: kplus.Secret.fromSecretName(chart, 'proxy', 'proxy-credentials'),
    });
    const manifests = Testing.synth(chart);
    const env = controllerOf(manifests).container.env;
    const proxyEnv = env.slice(env.findIndex((e: any) => e.name === 'KPACK_PROXY_USERNAME'));
    expect(proxyEnv).toEqual([
      { name: 'KPACK_PROXY_USERNAME', valueFrom: { secretKeyRef: { name: 'proxy-credentials', key: 'username' } } },
      { name: 'KPACK_PROXY_PASSWORD', valueFrom: { secretKeyRef: { name: 'proxy-credentials', key: 'password' } } },
      { name: 'HTTP_PROXY', value: 'http://$(KPACK_PROXY_USERNAME):$(KPACK_PROXY_PASSWORD)@proxy.internal:3128' },
      { name: 'HTTPS_PROXY', value: 'https://$(KPACK_PROXY_USERNAME):$(KPACK_PROXY_PASSWORD)@proxy.internal:3129' },
      { name: 'NO_PROXY', value: '.internal,$(KUBERNETES_SERVICE_HOST)' },
    ]);
    // no Secret with data, and nothing of the sort on the webhook
    expect(manifests.filter(m => m.kind === 'Secret').map(m => m.data ?? m.stringData)).toEqual([undefined]);
    expect(find(manifests, 'Deployment', 'kpack-webhook').spec.template.spec.containers[0].env.map((e: any) => e.name)).not.toContain('HTTP_PROXY');
  });

  /**
   * The kubelet's `$(VAR)` expansion (k8s.io/kubernetes third_party/forked/golang/expansion): `$$` is `$`, `$(NAME)`
   * of a variable defined earlier in the list (or a service variable) is its value, any other reference stays as it
   * is; substituted values are not expanded again.
   */
  function kubeletEnv(env: any[], secret: { [key: string]: string }, service: { [name: string]: string }): { [name: string]: string } {
    const defined: { [name: string]: string } = {};
    for (const e of env) {
      if (e.value !== undefined && e.value !== '') {
        defined[e.name] = e.value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m: string, name?: string) =>
          name === undefined ? '$' : defined[name] ?? service[name] ?? m);
      } else if (e.valueFrom?.secretKeyRef) {
        defined[e.name] = secret[e.valueFrom.secretKeyRef.key];
      } else {
        defined[e.name] = '';
      }
    }
    return defined;
  }

  test.each(PASSWORDS)('password %j, percent-encoded in the Secret, reaches the proxy URL the controller parses', password => {
    const { container } = controllerOf(platformManifests({ httpsProxy: PROXY, proxyCredentials: kplus.Secret.fromSecretName(Testing.chart(), 'p', 'proxy') }));
    const secret = { username: encodeURIComponent(USER), password: encodeURIComponent(password) };
    const env = kubeletEnv(container.env, secret, { KUBERNETES_SERVICE_HOST: '10.96.0.1' });
    // Go's url.Parse, like the WHATWG parser, splits userinfo at the last "@" and percent-decodes it.
    const url = new URL(env.HTTPS_PROXY);
    expect([decodeURIComponent(url.username), decodeURIComponent(url.password), url.host]).toEqual([USER, password, 'proxy.internal:3128']);
    expect(env.NO_PROXY).toBe('10.96.0.1');
  });

  test.each([
    ['httpProxy', 'http://user:p@ss/w:rd@proxy.internal:3128'],
    ['httpsProxy', 'https://u:Zq7%40x@proxy.internal'],
    ['httpsProxy', 'user:secret@proxy.internal:3128'],
    ['httpProxy', 'http://token@proxy.internal:3128'],
  ])('%s with credentials in the URL is refused, saying how to pass them', (option, url) => {
    expect(() => new KpackPlatform(Testing.chart(), 'kpack', { [option]: url }))
      .toThrow(new RegExp(`^KpackPlatform "[^"]+": ${option} ".*\\*\\*\\*@proxy\\.internal(:3128)?" holds credentials \\(user:password@, not shown\\): they would be written into the Deployment as plain text\\. Give the proxy without them, e\\.g\\. "http://proxy\\.internal:3128", and the credentials as proxyCredentials: a kubernetes\\.io/basic-auth Secret in the kpack namespace`));
  });

  test('proxyCredentials needs a proxy, and a Secret of the kpack namespace', () => {
    const chart = Testing.chart();
    expect(() => new KpackPlatform(chart, 'a', { proxyCredentials: kplus.Secret.fromSecretName(chart, 's', 'proxy') }))
      .toThrow(/proxyCredentials is set without httpProxy or httpsProxy/);
    const elsewhere = new kplus.Secret(chart, 'elsewhere', { metadata: { name: 'proxy', namespace: 'apps' } });
    expect(() => new KpackPlatform(Testing.chart(), 'b', { httpProxy: PROXY, proxyCredentials: elsewhere }))
      .toThrow(/proxyCredentials is Secret "proxy" in namespace "apps": kpack's pods can only use Secrets of their own namespace, "kpack"/);
    const pull = new kplus.Secret(chart, 'pull', { metadata: { name: 'pull', namespace: 'default' } });
    expect(() => new KpackPlatform(Testing.chart(), 'c', { imagePullSecrets: [pull] })).toThrow(/imagePullSecrets\[0\] is Secret "pull" in namespace "default"/);
    const inKpack = new kplus.Secret(chart, 'ok', { metadata: { name: 'proxy', namespace: 'kpack' } });
    expect(() => new KpackPlatform(Testing.chart(), 'd', { httpProxy: PROXY, proxyCredentials: inKpack })).not.toThrow();
  });

  test('builds cannot get proxy credentials: proxyBuilds and proxyEnv refuse them, saying why', () => {
    const chart = Testing.chart();
    const proxyCredentials = kplus.Secret.fromSecretName(chart, 's', 'proxy');
    expect(() => new KpackPlatform(chart, 'a', { httpsProxy: PROXY, proxyCredentials, proxyBuilds: true }))
      .toThrow(/^KpackPlatform "[^"]+": proxyBuilds cannot be used with proxyCredentials: kpack's build env takes no Secret reference \(its webhook refuses valueFrom.secretKeyRef\), so the password would be written into every Image and Build as plain text, readable by every tenant/);
    const platform = new KpackPlatform(Testing.chart(), 'b', { httpsProxy: PROXY, proxyCredentials });
    expect(() => platform.proxyEnv).toThrow(/^KpackPlatform "test\/b": proxyEnv is not available with proxyCredentials: kpack's build env takes no Secret reference/);
  });
});

describe('redaction', () => {
  test.each(PASSWORDS)('hides the whole userinfo of a URL with password %j', password => {
    for (const url of [`http://user:${password}@proxy.internal:3128`, `user:${password}@proxy.internal:3128`, `socks5://${password}@proxy.internal`]) {
      const shown = redact(url);
      expect(leaks(shown, [password])).toEqual([]);
      expect(shown).toMatch(/\*\*\*@proxy\.internal/);
    }
  });

  test('keeps what is not userinfo: an image digest, a URL without credentials', () => {
    const digest = `registry.internal/kpack/controller@sha256:${'a'.repeat(64)}`;
    expect(redact(digest)).toBe(JSON.stringify(digest));
    expect(redact(PROXY)).toBe(JSON.stringify(PROXY));
    expect(redact(`u:p@registry.internal/kpack/controller@sha256:${'a'.repeat(64)}`)).toBe(JSON.stringify(`***@registry.internal/kpack/controller@sha256:${'a'.repeat(64)}`));
  });
});

describe('no secret in any manifest or message of a platform app', () => {
  /** Every way a platform's props can carry a password in, each with every password. */
  const cases: Array<[string, (password: string) => (chart: Chart) => KpackPlatformProps]> = [
    ['httpProxy', pw => () => ({ httpProxy: `http://${USER}:${pw}@proxy.internal:3128` })],
    ['httpsProxy', pw => () => ({ httpsProxy: `https://${USER}:${pw}@proxy.internal:3128`, proxyBuilds: true })],
    ['httpsProxy without scheme', pw => () => ({ httpsProxy: `${USER}:${pw}@proxy.internal:3128` })],
    ['httpsProxy with a path', pw => () => ({ httpsProxy: `http://${USER}:${pw}@proxy.internal:3128/x` })],
    ['noProxy', pw => () => ({ httpProxy: PROXY, noProxy: [`${USER}:${pw}@host`] })],
    ['imageRegistry', pw => () => ({ imageRegistry: `${USER}:${pw}@registry.internal/kpack` })],
    ['images.controller', pw => () => ({ images: { controller: `https://${USER}:${pw}@registry.internal/kpack/controller:1` } })],
    ['kpConfig.defaultRepository', pw => () => ({ kpConfig: { defaultRepository: `${USER}:${pw}@registry.internal/kpack` } })],
    ['an annotation value next to a bad key', pw => () => ({ controller: { podAnnotations: { 'example.com/bad key': `${USER}:${pw}` } } })],
    ['an annotation value of the wrong type', pw => () => ({ webhook: { podAnnotations: { 'example.com/token': [`${USER}:${pw}`] as any } } })],
  ];

  test.each(cases)('%s with a password in it is refused, and neither output nor any message holds it', (_, props) => {
    for (const password of PASSWORDS) {
      const result = attempt(outdir => platformApp(outdir, props(password)));
      expect(result.error).toBeDefined();
      expect(leaks(result.messages, [password, USER])).toEqual([]);
      expect(leaks(result.output, [password, USER])).toEqual([]);
    }
  });

  test.each(KpackVersion.all())('$tag: an app with proxy credentials, every other option and kpack objects in two charts synthesizes with none', version => {
    const result = attempt(outdir => platformApp(outdir, chart => ({
      version,
      httpProxy: PROXY,
      httpsProxy: PROXY,
      noProxy: ['.internal'],
      proxyCredentials: kplus.Secret.fromSecretName(chart, 'proxy', 'proxy-credentials'),
      registryCredentials: kplus.Secret.fromSecretName(chart, 'creds', 'registry-credentials'),
      imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull', 'pull')],
      kpConfig: { defaultRepository: 'registry.internal/kpack' },
    })));
    expect(result.error).toBeUndefined();
    expect(result.output).toContain('$(KPACK_PROXY_USERNAME):$(KPACK_PROXY_PASSWORD)@proxy.internal:3128');
    expect(result.output).toContain('kind: Image');
    // the only userinfo in the whole output is the one the kubelet fills in from the Secret
    expect(result.output.match(/\/\/[^\s/]*@/g)).toEqual(Array(2).fill('//$(KPACK_PROXY_USERNAME):$(KPACK_PROXY_PASSWORD)@'));
    expect(leaks(result.messages + result.output, PASSWORDS)).toEqual([]);
  });
});
