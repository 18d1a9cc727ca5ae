/** Checks shared by several kinds: required strings and image references. */
import { RuleId } from '../catalogue';
import { ImageReference, parseReference, parseTag } from '../image-reference';
import { get, isAbsent, isObj, Obj, show } from '../json';
import { KPACK_MISSING, kpackInvalid } from '../report';
import { RuleContext } from './context';

/** Reports `<path> is required: <what>` with kpack's `missing field(s)`. */
export function missing(ctx: RuleContext, rule: RuleId, path: string, what: string): void {
  ctx.report.add(rule, path, `${path} is required: ${what}${KPACK_MISSING}`);
}

/** Reports `<path> "<value>" <problem>` with kpack's `invalid value: <value>`. */
export function invalid(ctx: RuleContext, rule: RuleId, path: string, value: unknown, problem: string): void {
  ctx.report.add(rule, path, `${path} ${show(value)} ${problem}${kpackInvalid(value)}`);
}

/**
 * Checks an image reference field. `tag` mode is kpack's tag grammar (where kpack writes images), `reference`
 * mode also accepts sha256 digests (images kpack reads). `value` undefined means a wrong JSON type: skipped.
 * Returns the parsed reference when it is valid (so a rule that needs it does not parse it again).
 */
export function checkImage(
  ctx: RuleContext, rule: RuleId, path: string, value: string | undefined,
  mode: 'tag' | 'reference', what: string | undefined,
): ImageReference | undefined {
  if (value === undefined) return undefined;
  if (value === '') {
    if (what !== undefined) missing(ctx, rule, path, what);
    return undefined;
  }
  // The version's features say how its go-containerregistry parses (KpackFeatures is a ReferenceGrammar).
  const parsed = mode === 'tag' ? parseTag(value, ctx.features) : parseReference(value, ctx.features);
  if (!parsed.ok) invalid(ctx, rule, path, value, `is not a valid image reference: ${parsed.reason}`);
  return parsed.ok ? parsed.reference : undefined;
}

/**
 * The element of a list as Go decodes it: `null` becomes the zero struct `{}`; another non-object (already
 * reported as `wrong-type`) gives undefined.
 */
export function element(value: unknown): Obj | undefined {
  if (isAbsent(value)) return {};
  return isObj(value) ? value : undefined;
}

/** A struct-valued field (Go value, not pointer): absent gives `{}`, a wrong type gives undefined. */
export function struct(parent: Obj, key: string): Obj | undefined {
  return element(get(parent, key));
}
