/** How the engine's verdict is compared with kpack's (the oracle's): pure functions, tested in compare.test.ts. */
import { OracleError, OracleLine, OracleRuntime } from './oracle-client';
import { goFold } from '../../src/validation/schema';

/**
 * The oracles whose runtime disagreements count. The build Pod is validated by the cluster's Kubernetes, whatever
 * kpack's version, and the engine applies Kubernetes 1.34's rules (src/validation/kubernetes); the v0.16.1 oracle links
 * k8s.io/kubernetes v1.29 (what its module graph builds with), whose environment variable names are stricter and whose
 * required node affinity values are not checked. Its runtime disagreements are reported by class, not counted.
 */
export const RUNTIME_COUNTED_VERSIONS: ReadonlySet<string> = new Set(['v0.17.2']);

/** The namespace of the platform's pods, labelled to enforce Pod Security "restricted" (KpackPlatform). */
export const RESTRICTED_NAMESPACE = 'kpack';

/** A finding as the recorder keeps it. */
export interface RecordedFinding {
  readonly position: number;
  readonly stage: string;
  readonly path: string;
  readonly rule: string;
}

/**
 * A manifest the oracle judges one to one: a kpack.io object with a kind. (Documents with a top-level `items` are
 * lists to kubectl and are expanded; they are not kpack objects.)
 */
export function isJudgeable(manifest: unknown): boolean {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return false;
  const m = manifest as Record<string, unknown>;
  return typeof m.apiVersion === 'string' && m.apiVersion.startsWith('kpack.io/') && typeof m.kind === 'string' && m.kind !== ''
    && !Object.prototype.hasOwnProperty.call(m, 'items');
}

/**
 * A built-in Kubernetes object (any apiVersion outside kpack.io, with a kind, not a list): the oracle judges it with
 * Kubernetes' own validation when it knows the kind.
 */
export function isKubernetesObject(manifest: unknown): boolean {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return false;
  const m = manifest as Record<string, unknown>;
  return typeof m.apiVersion === 'string' && !m.apiVersion.startsWith('kpack.io/') && typeof m.kind === 'string' && m.kind !== ''
    && !Object.prototype.hasOwnProperty.call(m, 'items');
}

/**
 * Runtime rules the oracle cannot referee: about what it replaces with stand-ins (other objects of the app, the
 * cluster's contents, the registry: kpack's build pod generator looks these up, the oracle does not), or about
 * failures inside the build's containers (the lifecycle parsing an image reference, the prepare step writing env files), which it does not run.
 */
export const ORACLE_BLIND_RUNTIME_RULES: ReadonlySet<string> = new Set([
  'ref-kind', 'ref-builder-namespace', 'ref-name', 'ref-cluster-builder-buildpack', 'ref-buildpack-id', 'ref-forbidden-secret',
  'source-resolver-wrong-type', 'image-cache-tag', 'build-run-image', 'build-env-file',
]);

/**
 * The engine expects kpack's controllers to make valid objects of an admitted Image or Build when none of its
 * findings has the stage `runtime` (rules the oracle cannot referee aside).
 */
export function engineRuntimeAdmits(findings: readonly RecordedFinding[]): boolean {
  return !findings.some(f => f.stage === 'runtime' && !ORACLE_BLIND_RUNTIME_RULES.has(f.rule));
}

/** A path without list indices, map keys as plain segments: `spec.build.env[2].name` -> `spec.build.env.name`. */
export function pathClass(path: string): string {
  return path.replace(/\[\d+\]/g, '[]').replace(/\["(?:[^"\\]|\\.)*"\]/g, '[key]').replace(/\[(?!\]|key\])[^\]]*\]/g, '[key]');
}

/**
 * The classes of the oracle's runtime errors, to count disagreements by: the object and the manifest's field
 * (indices and keys dropped), or the created object's field when the error comes from no field of the manifest.
 */
export function runtimeClasses(runtime: OracleRuntime | undefined): string[] {
  const out = new Set<string>();
  for (const e of runtime?.errors ?? []) {
    if (e.paths.length > 0) {
      for (const p of e.paths) out.add(`${e.object} <- ${pathClass(p)}`);
    } else {
      out.add(`${e.object} ${e.objectPaths.map(pathClass).join(', ') || '(no path)'} <- (no field of the manifest)`);
    }
  }
  return [...out].sort();
}

/** The engine admits an object when none of its findings has the stage `admission`. */
export function engineAdmits(findings: readonly RecordedFinding[]): boolean {
  return !findings.some(f => f.stage === 'admission');
}

/**
 * A path with list indices dropped and map keys as plain segments, as Go's JSON errors name fields, and folded as Go
 * matches names (the engine names a field as written, `spec.Tag`; kpack by its Go name, `spec.tag`).
 */
export function normalizePath(path: string): string {
  const plain = path.replace(/\[\d+\]/g, '').replace(/\["((?:[^"\\]|\\.)*)"\]/g, (_, key) => `.${JSON.parse(`"${key}"`)}`);
  return goFold(plain.startsWith('.') ? plain.slice(1) : plain);
}

/** `path` is `parent` or below it; kpack's B-6 path is a sentence that starts with the field. */
function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`) || parent.startsWith(`${path} `);
}

/**
 * Whether an engine finding at `ours` names the place of a kpack error with `paths`: the same field or one below it
 * ("finer"). kpack's ClusterBuilder errors of the shared builder spec lack the `spec.` prefix, so that is accepted
 * too; an error with several paths (one-of) is also named by their common parent; an error with no path by any.
 */
export function covers(ours: string, paths: readonly string[]): boolean {
  if (paths.length === 0) return true;
  const mine = normalizePath(ours);
  for (const p of paths) {
    // kpack names BD-8 (a Build's spec changed) at `spec.spec`: it means the spec.
    const theirs = normalizePath(p === 'spec.spec' ? 'spec' : p);
    if (within(mine, theirs) || within(mine, `SPEC.${theirs}`)) return true;
  }
  const under = (p: string) => p.startsWith(`${mine}.`) || `SPEC.${p}`.startsWith(`${mine}.`);
  return paths.length > 1 && mine !== '' && paths.every(p => under(normalizePath(p)));
}

/** kpack's errors that no admission finding of the engine names (same path or finer). */
export function unnamedErrors(findings: readonly RecordedFinding[], errors: readonly OracleError[]): OracleError[] {
  const admission = findings.filter(f => f.stage === 'admission');
  return errors.filter(e => !admission.some(f => covers(f.path, e.paths)));
}

/**
 * How kpack's stored object differs from what we wrote, as a list of paths; empty when kpack changes nothing.
 * The status (a subresource, reset on create), a null creationTimestamp (the API server sets it) and managedFields
 * (the API server's field manager rewrites them before admission, with an entry of its own for the request: who
 * manages which field, not what kpack stores of the manifest) are not ours.
 */
export function persistedChanges(ours: unknown, persisted: unknown): string[] {
  const mine = JSON.parse(JSON.stringify(ours));
  const stored = JSON.parse(JSON.stringify(persisted ?? null));
  for (const o of [mine, stored]) {
    if (o && typeof o === 'object') {
      delete o.status;
      if (o.metadata && o.metadata.creationTimestamp === null) delete o.metadata.creationTimestamp;
      if (o.metadata && typeof o.metadata === 'object') delete o.metadata.managedFields;
    }
  }
  const out: string[] = [];
  diff(mine, stored, '', out);
  return out;
}

/**
 * Whether kpack stores the spec differently from what was written in a way a manifest shows: a field written and
 * dropped, or written and stored with another value (a quantity in another form too: `1024Mi` stored as `1Gi`; a
 * written null is "not set"). What kpack only adds (defaults) does not count: that is what the engine's
 * `stored-differently` advice reports.
 */
export function specDropsOrChanges(written: unknown, persisted: unknown): boolean {
  const spec = (o: unknown) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>).spec : undefined);
  return dropsOrChanges(JSON.parse(JSON.stringify(spec(written) ?? null)), spec(persisted));
}

function dropsOrChanges(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || a === b) return false;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (b === undefined) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length !== b.length || a.some((x, i) => dropsOrChanges(x, b[i]));
  if (isObj(a) && isObj(b)) return Object.keys(a).some(k => dropsOrChanges(a[k], b[k]));
  return true;
}

function diff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (out.length >= 20) return;
  if (a === b) return;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path || '.'}: ${a.length} items written, ${b.length} stored`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) diff(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (isObj(a) && isObj(b) && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const p = path === '' ? k : `${path}.${k}`;
      if (!(k in b)) out.push(`${p}: written, dropped by kpack`);
      else if (!(k in a)) out.push(`${p}: added by kpack (${JSON.stringify(b[k]).slice(0, 80)})`);
      else diff(a[k], b[k], p, out);
    }
    return;
  }
  out.push(`${path || '.'}: written ${JSON.stringify(a)?.slice(0, 80)}, stored ${JSON.stringify(b)?.slice(0, 80)}`);
}

/**
 * Why a built-in object the library synthesized breaks the Pod Security promise: a pod template in the platform's
 * namespace (which enforces "restricted") that Pod Security admission's own evaluator finds violations in; undefined
 * otherwise.
 */
export function podSecurityProblem(manifest: unknown, line: OracleLine): string | undefined {
  const namespace = (manifest as any)?.metadata?.namespace;
  const violations = line.podSecurity?.violations ?? [];
  if (namespace !== RESTRICTED_NAMESPACE || violations.length === 0) return undefined;
  return `Pod Security "${line.podSecurity!.level}" (${line.podSecurity!.version}), enforced on namespace ${RESTRICTED_NAMESPACE}, refuses the pods `
    + `of ${line.kind} "${line.name}": ${violations.map(v => v.detail ? `${v.reason} (${v.detail})` : v.reason).join('; ')}`;
}

/** What the oracle refuses of one object the library synthesized: the class of failure and what was said. */
export interface SynthesizedProblem {
  readonly kind: 'kpack' | 'changed' | 'runtime' | 'kubernetes' | 'pod-security';
  readonly detail: string;
}

/**
 * The promise for every object the library synthesizes: kpack admits each kpack object and stores it unchanged, and
 * Kubernetes accepts the build Pod, cache PVC and Build kpack makes of an admitted Image or Build (on the oracles of
 * RUNTIME_COUNTED_VERSIONS); Kubernetes accepts each built-in object, and the platform's pods pass Pod Security
 * "restricted". The problems of one object (none: it keeps the promise, or the oracle has no judge for it).
 */
export function synthesizedProblems(manifest: unknown, line: OracleLine, version: string): SynthesizedProblem[] {
  const errors = (list: readonly { message: string; paths: string[] }[]) => list.map(e => `${e.paths.join(', ') || '(no path)'}: ${e.message}`).join('; ');
  const out: SynthesizedProblem[] = [];
  if (isJudgeable(manifest)) {
    if (!line.judged) return out;
    if (!line.admitted) {
      out.push({ kind: 'kpack', detail: `kpack refuses the ${line.kind} "${line.name}" (${line.refusedBy ?? 'webhook'}): ${line.message ?? errors(line.errors)}` });
      return out;
    }
    const changes = persistedChanges(manifest, line.persisted);
    if (changes.length > 0) out.push({ kind: 'changed', detail: `kpack stores the ${line.kind} "${line.name}" differently: ${changes.join('; ')}` });
    if (line.runtime && !line.runtime.admitted && RUNTIME_COUNTED_VERSIONS.has(version)) {
      out.push({
        kind: 'runtime',
        detail: `Kubernetes refuses what kpack makes of the ${line.kind} "${line.name}": `
          + line.runtime.errors.map(e => `${e.object}: ${e.message} (${e.paths.length ? `from ${e.paths.join(', ')}` : `at ${e.objectPaths.join(', ')}`})`).join('; '),
      });
    }
    return out;
  }
  if (!isKubernetesObject(manifest) || !line.judged) return out;
  if (!line.admitted) out.push({ kind: 'kubernetes', detail: `Kubernetes refuses the ${line.kind} "${line.name}": ${errors(line.errors)}` });
  const psa = podSecurityProblem(manifest, line);
  if (psa) out.push({ kind: 'pod-security', detail: psa });
  return out;
}
