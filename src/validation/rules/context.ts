import { Obj } from '../json';
import { Report } from '../report';

/** What a kind's admission rules get: the object as kpack decodes it (not yet defaulted) and where to report. */
export interface RuleContext {
  /** kpack version whose rules apply, e.g. `v0.17.2`. */
  readonly version: string;
  /** The whole object (`metadata` included). */
  readonly doc: Obj;
  readonly report: Report;
  /** Whether the cluster has a default StorageClass; undefined when not known. */
  readonly defaultStorageClass: boolean | undefined;
  /** Notes that the object's admission depends on a default StorageClass that is not known (said once per run). */
  readonly reliesOnDefaultStorageClass: () => void;
}

/** Checks the spec of one kind. `spec` is `{}` when the object has none (kpack validates the zero spec). */
export type KindRules = (spec: Obj, ctx: RuleContext) => void;

const compared = new Map<string, boolean>();

/** Whether `version` (`vX.Y.Z`) is at least `minimum`. */
export function atLeast(version: string, minimum: string): boolean {
  const key = `${version} ${minimum}`;
  let result = compared.get(key);
  if (result === undefined) compared.set(key, result = compareVersions(version, minimum));
  return result;
}

function compareVersions(version: string, minimum: string): boolean {
  const a = version.replace(/^v/, '').split('.').map(Number);
  const b = minimum.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}
