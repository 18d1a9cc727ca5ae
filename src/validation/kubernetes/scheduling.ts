/**
 * Where a pod may run: tolerations, node selectors and affinity, as the API server checks them on pod create.
 * Ported from k8s.io/kubernetes v1.34.3 `pkg/apis/core/validation/validation.go` (`ValidateTolerations`,
 * `validateTaintEffect`, `validateAffinity`, `ValidateNodeSelector*`, `ValidatePreferredSchedulingTerms`,
 * `validatePodAffinityTerm`, `ValidateMatchLabelKeysAndMismatchLabelKeys`) and k8s.io/apimachinery v0.34.3
 * `pkg/apis/meta/v1/validation/validation.go` (`ValidateLabelSelector`, `ValidateLabelSelectorRequirement`).
 * On create, invalid label values are never allowed (`AllowInvalidLabelValueIn*` is only set for updates of pods
 * that already had them), except in preferred node affinity terms, which Kubernetes always lets through.
 */
import { validateLabelKey, validateLabels, validateLabelValue } from './metadata';
import { NAMESPACE_NAME, validateName, isDns1123Subdomain } from './names';
import { child, invalid, item, joined, list, oneOf, Problem, problem, required, strings, struct, structs, text, wrongType } from './problem';

/** The well-known node label of the operating system, which kpack sets on build pods and its own pods. */
export const OS_LABEL = 'kubernetes.io/os';

const TOLERATION_FIELDS = ['key', 'operator', 'value', 'effect', 'tolerationSeconds'];
const TOLERATION_OPERATORS = ['Equal', 'Exists'];
/** validation.go `validateTaintEffect` (NoScheduleNoAdmit is not implemented in 1.34). */
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validation.go `ValidateTolerations`. */
export function validateTolerations(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  structs(value, path, out).forEach((element, i) => {
    const at = item(path, i);
    const t = struct(element, at, 'Toleration', TOLERATION_FIELDS, out);
    if (!t) return;
    const key = text(t.key, child(at, 'key'), out);
    const operator = text(t.operator, child(at, 'operator'), out);
    const tolerated = text(t.value, child(at, 'value'), out);
    const effect = text(t.effect, child(at, 'effect'), out);
    const seconds = t.tolerationSeconds;
    if (key) out.push(...validateLabelKey(child(at, 'key'), key, 'toleration key (a label key)'));
    if (key === '' && operator !== undefined && operator !== 'Exists') {
      out.push(invalid(child(at, 'operator'), operator, 'must be "Exists" when key is empty, which means "match all values and all keys"'));
    }
    if (seconds !== undefined && seconds !== null) {
      if (typeof seconds !== 'number' || !Number.isInteger(seconds)) {
        out.push(wrongType(child(at, 'tolerationSeconds'), seconds, 'a whole number of seconds'));
      } else if (effect !== undefined && effect !== 'NoExecute') {
        out.push(invalid(child(at, 'effect'), effect, 'must be "NoExecute" when tolerationSeconds is set'));
      }
    }
    if (operator === 'Equal' || operator === '') {
      if (tolerated !== undefined) {
        const errs = validateLabelValue(child(at, 'value'), tolerated, 'toleration value (a label value)');
        out.push(...errs);
      }
    } else if (operator === 'Exists') {
      if (tolerated) out.push(invalid(child(at, 'value'), tolerated, 'must be empty when operator is "Exists"'));
    } else if (operator !== undefined) {
      out.push(problem('not-supported', child(at, 'operator'), `${JSON.stringify(operator)} is not supported: use ${oneOf(TOLERATION_OPERATORS)} (or leave it out for "Equal")`));
    }
    if (effect) {
      if (!TAINT_EFFECTS.includes(effect)) {
        out.push(problem('not-supported', child(at, 'effect'), `${JSON.stringify(effect)} is not supported: use ${oneOf(TAINT_EFFECTS)} (or leave it out for all effects)`));
      }
    }
  });
  return out;
}

/** validation.go `ValidatePodSpec`: `unversionedvalidation.ValidateLabels(spec.NodeSelector, ...)`. */
export function validateNodeSelector(path: string, value: unknown): Problem[] {
  return validateLabels(path, value, 'node selector');
}

const AFFINITY_FIELDS = ['nodeAffinity', 'podAffinity', 'podAntiAffinity'];
const NODE_AFFINITY_FIELDS = ['requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution'];
const POD_AFFINITY_FIELDS = NODE_AFFINITY_FIELDS;

/** validation.go `validateAffinity`. */
export function validateAffinity(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const a = struct(value, path, 'Affinity', AFFINITY_FIELDS, out);
  if (!a) return out;
  const node = struct(a.nodeAffinity, child(path, 'nodeAffinity'), 'NodeAffinity', NODE_AFFINITY_FIELDS, out);
  if (node) {
    const at = child(path, 'nodeAffinity');
    if (node.requiredDuringSchedulingIgnoredDuringExecution !== undefined && node.requiredDuringSchedulingIgnoredDuringExecution !== null) {
      out.push(...validateNodeSelectorTerms(child(at, 'requiredDuringSchedulingIgnoredDuringExecution'), node.requiredDuringSchedulingIgnoredDuringExecution));
    }
    out.push(...validatePreferredSchedulingTerms(child(at, 'preferredDuringSchedulingIgnoredDuringExecution'), node.preferredDuringSchedulingIgnoredDuringExecution));
  }
  for (const key of ['podAffinity', 'podAntiAffinity'] as const) {
    const at = child(path, key);
    const pod = struct(a[key], at, key === 'podAffinity' ? 'PodAffinity' : 'PodAntiAffinity', POD_AFFINITY_FIELDS, out);
    if (!pod) continue;
    const requiredAt = child(at, 'requiredDuringSchedulingIgnoredDuringExecution');
    structs(pod.requiredDuringSchedulingIgnoredDuringExecution, requiredAt, out).forEach((term, i) => {
      out.push(...validatePodAffinityTerm(item(requiredAt, i), term));
    });
    const preferredAt = child(at, 'preferredDuringSchedulingIgnoredDuringExecution');
    structs(pod.preferredDuringSchedulingIgnoredDuringExecution, preferredAt, out).forEach((weighted, i) => {
      const wAt = item(preferredAt, i);
      const w = struct(weighted, wAt, 'WeightedPodAffinityTerm', ['weight', 'podAffinityTerm'], out);
      if (!w) return;
      out.push(...validateWeight(child(wAt, 'weight'), w.weight));
      out.push(...validatePodAffinityTerm(child(wAt, 'podAffinityTerm'), w.podAffinityTerm ?? {}));
    });
  }
  return out;
}

/** `weight`: 1-100 (validateWeightedPodAffinityTerms, ValidatePreferredSchedulingTerms); a missing weight is 0. */
function validateWeight(path: string, weight: unknown): Problem[] {
  if (weight !== undefined && weight !== null && (typeof weight !== 'number' || !Number.isInteger(weight))) {
    return [wrongType(path, weight, 'a whole number from 1 to 100')];
  }
  const w = typeof weight === 'number' ? weight : 0;
  return w <= 0 || w > 100 ? [invalid(path, w, 'must be in the range 1-100')] : [];
}

/** validation.go `ValidateNodeSelector`: at least one term, each term's requirements valid. */
function validateNodeSelectorTerms(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const selector = struct(value, path, 'NodeSelector', ['nodeSelectorTerms'], out);
  if (!selector) return out;
  const termsAt = child(path, 'nodeSelectorTerms');
  const given = selector.nodeSelectorTerms;
  const terms = list(given, termsAt, out);
  if (!terms || terms.length === 0) {
    if (terms !== undefined || given === undefined || given === null) out.push(required(termsAt, 'must have at least one node selector term'));
    return out;
  }
  terms.forEach((term, i) => out.push(...validateNodeSelectorTerm(item(termsAt, i), term ?? {}, false)));
  return out;
}

/** validation.go `ValidatePreferredSchedulingTerms`: weight 1-100; invalid label values are allowed here. */
function validatePreferredSchedulingTerms(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  structs(value, path, out).forEach((term, i) => {
    const at = item(path, i);
    const t = struct(term, at, 'PreferredSchedulingTerm', ['weight', 'preference'], out);
    if (!t) return;
    out.push(...validateWeight(child(at, 'weight'), t.weight));
    out.push(...validateNodeSelectorTerm(child(at, 'preference'), t.preference ?? {}, true));
  });
  return out;
}

const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

/** validation.go `ValidateNodeSelectorTerm`. */
function validateNodeSelectorTerm(path: string, value: unknown, allowInvalidLabelValue: boolean): Problem[] {
  const out: Problem[] = [];
  const term = struct(value, path, 'NodeSelectorTerm', ['matchExpressions', 'matchFields'], out);
  if (!term) return out;
  const exprAt = child(path, 'matchExpressions');
  structs(term.matchExpressions, exprAt, out).forEach((req, j) => {
    out.push(...validateNodeSelectorRequirement(item(exprAt, j), req, allowInvalidLabelValue));
  });
  const fieldsAt = child(path, 'matchFields');
  structs(term.matchFields, fieldsAt, out).forEach((req, j) => {
    out.push(...validateNodeFieldSelectorRequirement(item(fieldsAt, j), req));
  });
  return out;
}

/** validation.go `ValidateNodeSelectorRequirement`. */
function validateNodeSelectorRequirement(path: string, value: unknown, allowInvalidLabelValue: boolean): Problem[] {
  const out: Problem[] = [];
  const rq = struct(value, path, 'NodeSelectorRequirement', ['key', 'operator', 'values'], out);
  if (!rq) return out;
  const operator = text(rq.operator, child(path, 'operator'), out);
  const values = strings(rq.values, child(path, 'values'), out);
  const valuesAt = child(path, 'values');
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) out.push(required(valuesAt, 'must be specified when operator is "In" or "NotIn"'));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) out.push(problem('forbidden', valuesAt, 'may not be specified when operator is "Exists" or "DoesNotExist"'));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) out.push(required(valuesAt, 'must be a single value when operator is "Gt" or "Lt"'));
      break;
    case undefined:
      break;
    default:
      out.push(invalid(child(path, 'operator'), operator, `is not a valid selector operator: use ${oneOf(NODE_SELECTOR_OPERATORS)}`));
  }
  const key = text(rq.key, child(path, 'key'), out);
  if (key !== undefined) out.push(...validateLabelKey(child(path, 'key'), key));
  if (!allowInvalidLabelValue) values.forEach((v, i) => out.push(...validateLabelValue(item(valuesAt, i), v)));
  return out;
}

/** validation.go `ValidateNodeFieldSelectorRequirement`: only `metadata.name`, with In/NotIn and one node name. */
function validateNodeFieldSelectorRequirement(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const rq = struct(value, path, 'NodeSelectorRequirement', ['key', 'operator', 'values'], out);
  if (!rq) return out;
  const operator = text(rq.operator, child(path, 'operator'), out);
  const values = strings(rq.values, child(path, 'values'), out);
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length !== 1) out.push(required(child(path, 'values'), 'must be only one value when operator is "In" or "NotIn" for node field selector'));
  } else if (operator !== undefined) {
    out.push(invalid(child(path, 'operator'), operator, 'is not a valid selector operator for a node field selector: use "In" or "NotIn"'));
  }
  const key = text(rq.key, child(path, 'key'), out);
  if (key !== undefined && key !== 'metadata.name') {
    out.push(invalid(child(path, 'key'), key, 'is not a valid field selector key: the only one is "metadata.name"'));
  } else if (key === 'metadata.name') {
    values.forEach((v, i) => {
      const errs = isDns1123Subdomain(v);
      if (errs.length > 0) out.push(invalid(item(child(path, 'values'), i), v, `is not a valid node name: ${joined(errs)}`));
    });
  }
  return out;
}

const POD_AFFINITY_TERM_FIELDS = ['labelSelector', 'namespaceSelector', 'namespaces', 'topologyKey', 'matchLabelKeys', 'mismatchLabelKeys'];

/** validation.go `validatePodAffinityTerm`. */
function validatePodAffinityTerm(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const term = struct(value, path, 'PodAffinityTerm', POD_AFFINITY_TERM_FIELDS, out);
  if (!term) return out;
  out.push(...validateLabelSelector(child(path, 'labelSelector'), term.labelSelector));
  out.push(...validateLabelSelector(child(path, 'namespaceSelector'), term.namespaceSelector));
  strings(term.namespaces, child(path, 'namespaces'), out).forEach((ns, i) => {
    out.push(...validateName(item(child(path, 'namespaces'), i), ns, NAMESPACE_NAME));
  });
  out.push(...validateMatchLabelKeys(path, term));
  const topologyKey = text(term.topologyKey, child(path, 'topologyKey'), out);
  if (topologyKey === '') out.push(required(child(path, 'topologyKey'), 'can not be empty: name the node label that defines the topology, e.g. "kubernetes.io/hostname"'));
  else if (topologyKey !== undefined) out.push(...validateLabelKey(child(path, 'topologyKey'), topologyKey, 'topology key (a label key)'));
  return out;
}

/**
 * validation.go `ValidateMatchLabelKeysAndMismatchLabelKeys`: valid label keys, only with a labelSelector, a key not in
 * both lists, and (the API server merges matchLabelKeys into the selector first, then refuses a key the selector
 * already had) a matchLabelKeys key not also in the labelSelector.
 */
function validateMatchLabelKeys(path: string, term: Record<string, unknown>): Problem[] {
  const out: Problem[] = [];
  const selector = term.labelSelector;
  const hasSelector = selector !== undefined && selector !== null;
  const lists: Array<['matchLabelKeys' | 'mismatchLabelKeys', string[]]> = [
    ['matchLabelKeys', strings(term.matchLabelKeys, child(path, 'matchLabelKeys'), out)],
    ['mismatchLabelKeys', strings(term.mismatchLabelKeys, child(path, 'mismatchLabelKeys'), out)],
  ];
  for (const [name, keys] of lists) {
    if (keys.length === 0) continue;
    if (!hasSelector) {
      out.push(problem('forbidden', child(path, name), 'must not be specified when labelSelector is not set'));
      continue;
    }
    keys.forEach((k, i) => out.push(...validateLabelKey(item(child(path, name), i), k)));
  }
  const [match, mismatch] = [lists[0][1], lists[1][1]];
  if (hasSelector && typeof selector === 'object') {
    const s = selector as Record<string, unknown>;
    const selectorKeys = new Set<string>(s.matchLabels && typeof s.matchLabels === 'object' ? Object.keys(s.matchLabels) : []);
    if (Array.isArray(s.matchExpressions)) {
      for (const e of s.matchExpressions) if (e && typeof (e as any).key === 'string') selectorKeys.add((e as any).key);
    }
    match.forEach((k, i) => {
      if (selectorKeys.has(k)) out.push(invalid(item(child(path, 'matchLabelKeys'), i), k, 'exists in both matchLabelKeys and labelSelector'));
    });
  }
  const mismatchSet = new Set(mismatch);
  match.forEach((k, i) => {
    if (mismatchSet.has(k)) out.push(invalid(item(child(path, 'matchLabelKeys'), i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  return out;
}

const LABEL_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** meta/v1 validation.go `ValidateLabelSelector` (unknown operators and invalid values refused, as on create). */
export function validateLabelSelector(path: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const s = struct(value, path, 'LabelSelector', ['matchLabels', 'matchExpressions'], out);
  if (!s) return out;
  out.push(...validateLabels(child(path, 'matchLabels'), s.matchLabels));
  const exprAt = child(path, 'matchExpressions');
  structs(s.matchExpressions, exprAt, out).forEach((e, i) => {
    const at = item(exprAt, i);
    const r = struct(e, at, 'LabelSelectorRequirement', ['key', 'operator', 'values'], out);
    if (!r) return;
    const operator = text(r.operator, child(at, 'operator'), out);
    const values = strings(r.values, child(at, 'values'), out);
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) out.push(required(child(at, 'values'), 'must be specified when operator is "In" or "NotIn"'));
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) out.push(problem('forbidden', child(at, 'values'), 'may not be specified when operator is "Exists" or "DoesNotExist"'));
    } else if (operator !== undefined) {
      out.push(invalid(child(at, 'operator'), operator, `is not a valid selector operator: use ${oneOf(LABEL_SELECTOR_OPERATORS)}`));
    }
    const key = text(r.key, child(at, 'key'), out);
    if (key !== undefined) out.push(...validateLabelKey(child(at, 'key'), key));
    values.forEach((v, j) => out.push(...validateLabelValue(item(child(at, 'values'), j), v)));
  });
  return out;
}
