/** Checks and renderings of KpackPlatform settings that are not about images. */

/** The proxy props of a KpackPlatform. */
export interface ProxyProps {
  readonly httpProxy?: string;
  readonly httpsProxy?: string;
  readonly noProxy?: string[];
}

/** A proxy URL for messages: any `user:password@` is hidden. */
function redact(url: string): string {
  return JSON.stringify(url.replace(/\/\/[^@/]*@/, '//***@'));
}

/** `http://`, `https://` or `socks5://` with a host, as Go's http.ProxyFromEnvironment takes it. */
export function checkProxyUrl(option: string, value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:', 'socks5:'].includes(url.protocol) || url.hostname === '' || (url.pathname !== '/' && url.pathname !== '')) {
    throw new Error(`${option} ${redact(value)} is not a proxy URL: use http://host:port (or https://, socks5://)`);
  }
}

/**
 * The proxy environment. For the controller: upper-case names, and NO_PROXY always holds the Kubernetes API
 * address (`$(KUBERNETES_SERVICE_HOST)`, expanded by the kubelet), since client-go honours the proxy too. For
 * builds: both cases (curl reads only lower-case `http_proxy`), NO_PROXY as given.
 */
export function proxyEnv(p: ProxyProps, controller: boolean): { [name: string]: string } {
  if (p.httpProxy === undefined && p.httpsProxy === undefined) return {};
  const env: { [name: string]: string } = {};
  const noProxy = [...p.noProxy ?? []];
  if (controller && !noProxy.includes('$(KUBERNETES_SERVICE_HOST)')) noProxy.push('$(KUBERNETES_SERVICE_HOST)');
  const put = (name: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    env[name] = value;
    if (!controller) env[name.toLowerCase()] = value;
  };
  put('HTTP_PROXY', p.httpProxy);
  put('HTTPS_PROXY', p.httpsProxy);
  put('NO_PROXY', noProxy.join(','));
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
