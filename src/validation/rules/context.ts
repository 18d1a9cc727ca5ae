import { Obj } from '../json';
import { Report } from '../report';
import { KpackFeatures } from '../versions';

/** What a kind's admission rules get: the object as kpack decodes it (not yet defaulted) and where to report. */
export interface RuleContext {
  /** kpack version whose rules apply, e.g. `v0.17.2`. */
  readonly version: string;
  /** What that version does differently. */
  readonly features: KpackFeatures;
  /** The whole object (`metadata` included). */
  readonly doc: Obj;
  readonly report: Report;
  /** Whether the cluster has a default StorageClass; undefined when not known. */
  readonly defaultStorageClass: boolean | undefined;
  /** Notes that the object's admission depends on a default StorageClass that is not known (said once per run). */
  readonly reliesOnDefaultStorageClass: () => void;
  /** For an update: the object as it exists (as kpack decoded it); undefined for a create. */
  readonly previous?: Obj;
}

/** Checks the spec of one kind. `spec` is `{}` when the object has none (kpack validates the zero spec). */
export type KindRules = (spec: Obj, ctx: RuleContext) => void;
