/**
 * kpack's JSON names that the typed API (src/imports/kpack.ts) gives other names: reserved words of a jsii language
 * (`namespace`, `ref` and `operator` in C#) and `build` (it clashes with Java's generated builders). The generator
 * (projenrc/gen-kpack-api.ts) reads this table; the `toJson_Xxx` functions write kpack's names.
 */
import { isArray } from '../validation/json';
import { isPlainObject, Problem } from '../validation/kubernetes/problem';

/** kpack's JSON name to the typed API's name. */
export const TYPED_NAMES: { readonly [json: string]: string } = {
  build: 'imageBuild',
  namespace: 'namespaceName',
  ref: 'builderRef',
  operator: 'matchOperator',
};

const SWAP = new Map<string, string>();
for (const [json, typed] of Object.entries(TYPED_NAMES)) {
  SWAP.set(json, typed);
  SWAP.set(typed, json);
}
const SEGMENT = new RegExp(`\\.(${[...SWAP.keys()].join('|')})\\b`, 'g');
const WORD = new RegExp(`\\b(${[...SWAP.keys()].join('|')})\\b`, 'g');
const FIELD_LIST = 'the fields are ';

/**
 * The problems of a prop given in the typed API (e.g. `tolerations: kpack.Toleration[]`), found by a check of
 * Kubernetes JSON: the check sees kpack's names (`operator` for `matchOperator`), and its messages name the typed
 * fields again. A JSON name written in the typed API (`operator`) is an unknown field there, and named so.
 */
export function typedProblems(path: string, value: unknown, check: (path: string, json: unknown) => Problem[]): Problem[] {
  return check(path, swapNames(value)).map(p => {
    const renamed = path + p.path.slice(path.length).replace(SEGMENT, (_, name: string) => `.${SWAP.get(name)}`);
    let message = p.message.startsWith(p.path) ? renamed + p.message.slice(p.path.length) : p.message;
    const list = p.type === 'unknown-field' ? message.indexOf(FIELD_LIST) : -1;
    if (list >= 0) message = message.slice(0, list) + message.slice(list).replace(WORD, name => SWAP.get(name)!);
    return { ...p, path: renamed, message };
  });
}

/** A copy of plain objects and lists with each renamed key and its other name swapped; other values as they are. */
function swapNames(value: unknown): unknown {
  if (isArray(value)) return value.map(swapNames);
  if (!isPlainObject(value)) return value;
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) {
    const name = SWAP.get(key) ?? key;
    Object.defineProperty(out, name, { value: swapNames(value[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
