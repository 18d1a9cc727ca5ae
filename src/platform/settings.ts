/** Checks and renderings of KpackPlatform settings that are not about images. */

import * as kplus from 'cdk8s-plus-27';

/** The proxy props of a KpackPlatform. */
export interface ProxyProps {
  readonly httpProxy?: string;
  readonly httpsProxy?: string;
  readonly noProxy?: string[];
}

/**
 * Where a value holds userinfo (`user:password@`): the index of the `@` that ends it, or -1. That is the last `@`
 * that does not start an image digest (`@sha256:<hex>`), so a password holding `@`, `/`, `:`, `#`, `?` or `%`-escapes
 * is covered whole: everything from the start (after a `scheme://`) to that `@` is userinfo.
 */
function userinfoEnd(value: string): number {
  let at = value.lastIndexOf('@');
  while (at >= 0 && /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/.test(value.slice(at + 1))) at = at === 0 ? -1 : value.lastIndexOf('@', at - 1);
  return at;
}

/** Whether a URL-like value holds userinfo (`user:password@`). */
export function hasUserinfo(value: string): boolean {
  return userinfoEnd(value) >= 0;
}

/**
 * A URL-like value for messages: any userinfo (`user:password@`) becomes `***@`, whatever characters the password
 * holds (`@`, `/`, `:`, `%`-escapes, ...). Quoted as JSON.
 */
export function redact(value: string): string {
  const at = userinfoEnd(value);
  if (at < 0) return JSON.stringify(value);
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(value)?.[0] ?? '';
  const start = scheme.length <= at ? scheme.length : 0;
  return JSON.stringify(`${value.slice(0, start)}***${value.slice(at)}`);
}

/**
 * `http://`, `https://` or `socks5://` with a host and no path, as Go's http.ProxyFromEnvironment takes it. A URL
 * with credentials is refused: they would be written into the manifest as plain text.
 */
export function checkProxyUrl(option: string, value: string): void {
  if (typeof value !== 'string') throw new Error(`${option} must be a string such as "http://proxy.internal:3128", got ${typeof value}`);
  if (hasUserinfo(value)) {
    throw new Error(`${option} ${redact(value)} holds credentials (user:password@, not shown): they would be written `
      + 'into the Deployment as plain text. Give the proxy without them, e.g. "http://proxy.internal:3128", and the '
      + 'credentials as proxyCredentials: a kubernetes.io/basic-auth Secret in the kpack namespace (keys username '
      + 'and password), which the controller reads through secretKeyRef');
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:', 'socks5:'].includes(url.protocol) || url.hostname === '' || (url.pathname !== '/' && url.pathname !== '')
    || url.search !== '' || url.hash !== '') {
    throw new Error(`${option} ${redact(value)} is not a proxy URL: use http://host:port (or https://, socks5://)`);
  }
}

/**
 * Refuses a registry, repository or image reference with credentials in it (`user:password@host/...`), without
 * showing them: registries take credentials from Secrets.
 */
export function refuseUserinfo(option: string, value: string, how: string): void {
  if (typeof value !== 'string') throw new Error(`${option} must be a string, got ${value === null ? 'null' : typeof value}`);
  if (hasUserinfo(value)) {
    throw new Error(`${option} ${redact(value)} holds credentials (user:password@, not shown): they would be written `
      + `into the manifests as plain text. ${how}`);
  }
}

/** The env vars the controller reads the proxy credentials from, before the proxy URLs that use them. */
export const PROXY_USERNAME_ENV = 'KPACK_PROXY_USERNAME';
export const PROXY_PASSWORD_ENV = 'KPACK_PROXY_PASSWORD';

/**
 * The proxy environment of the controller, in order: with `credentials`, first the username and password from the
 * Secret (`valueFrom.secretKeyRef`), then `HTTP_PROXY`/`HTTPS_PROXY` with `$(KPACK_PROXY_USERNAME):$(KPACK_PROXY_PASSWORD)@`
 * as userinfo. The kubelet expands a `$(VAR)` in a value from the variables defined before it in the list,
 * `valueFrom` ones included, and does not expand the values it substitutes again, so the Secret's values reach Go's
 * proxy URL as they are and never appear in the manifest. `NO_PROXY` always holds the Kubernetes API address
 * (`$(KUBERNETES_SERVICE_HOST)`, a service variable the kubelet defines), since client-go honours the proxy too.
 */
export function controllerProxyEnv(p: ProxyProps, credentials: kplus.ISecret | undefined): any[] {
  if (p.httpProxy === undefined && p.httpsProxy === undefined) return [];
  const env: any[] = [];
  let userinfo = '';
  if (credentials) {
    env.push({ name: PROXY_USERNAME_ENV, valueFrom: { secretKeyRef: { name: credentials.name, key: 'username' } } });
    env.push({ name: PROXY_PASSWORD_ENV, valueFrom: { secretKeyRef: { name: credentials.name, key: 'password' } } });
    userinfo = `$(${PROXY_USERNAME_ENV}):$(${PROXY_PASSWORD_ENV})@`;
  }
  const withUserinfo = (url: string) => url.replace(/^([a-z0-9]+:\/\/)/, `$1${userinfo}`);
  if (p.httpProxy) env.push({ name: 'HTTP_PROXY', value: withUserinfo(p.httpProxy) });
  if (p.httpsProxy) env.push({ name: 'HTTPS_PROXY', value: withUserinfo(p.httpsProxy) });
  const noProxy = [...p.noProxy ?? []];
  if (!noProxy.includes('$(KUBERNETES_SERVICE_HOST)')) noProxy.push('$(KUBERNETES_SERVICE_HOST)');
  env.push({ name: 'NO_PROXY', value: noProxy.join(',') });
  return env;
}

/**
 * The proxy environment of builds: `HTTP_PROXY`, `HTTPS_PROXY`, `NO_PROXY` in both cases (curl reads only
 * lower-case `http_proxy`), `NO_PROXY` as given. Never credentials: the proxy URLs hold none.
 */
export function buildProxyEnv(p: ProxyProps): { [name: string]: string } {
  if (p.httpProxy === undefined && p.httpsProxy === undefined) return {};
  const env: { [name: string]: string } = {};
  const put = (name: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    env[name] = value;
    env[name.toLowerCase()] = value;
  };
  put('HTTP_PROXY', p.httpProxy);
  put('HTTPS_PROXY', p.httpsProxy);
  put('NO_PROXY', (p.noProxy ?? []).join(','));
  return env;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

/**
 * One or more PEM certificates (text around the blocks, such as openssl's comments, is allowed). The value is
 * not shown when it holds a private key.
 */
export function checkPem(option: string, value: string): void {
  const allowed = 'one or more "-----BEGIN CERTIFICATE-----" ... "-----END CERTIFICATE-----" blocks';
  if (/PRIVATE KEY/.test(value)) {
    throw new Error(`${option} holds a private key (not shown): give only ${allowed}, the CA certificates`);
  }
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  let count = 0;
  for (const m of value.matchAll(BLOCK)) {
    const [, begin, body, end] = m;
    const base64 = body.replace(/\s+/g, '');
    const der = /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? Buffer.from(base64, 'base64') : undefined;
    if (begin !== 'CERTIFICATE' || end !== 'CERTIFICATE' || !der || der.length < 16 || der[0] !== 0x30) {
      throw new Error(`${option} block ${count + 1} ("${begin}") is not a PEM certificate: give ${allowed}`);
    }
    count++;
  }
  if (count === 0) throw new Error(`${option} ${shown} is not PEM: give ${allowed}`);
}
