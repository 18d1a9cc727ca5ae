import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import type * as Yaml from 'yaml';

/**
 * A renderer for the subset of ytt that kpack's release templates (`imports/kpack/<version>/config`) use: plain
 * YAML where a value may be `#@ data.values.<key>[.<key>]` (an image reference or `kpack_version`). `#@ load`
 * lines are comments to a YAML parser, and `schema.yaml` renders to nothing. Any other `#@` annotation is
 * refused, so a template that needs more of ytt cannot be rendered wrongly in silence.
 */

/**
 * The `yaml` package, loaded when first used: `require('cdk8s-kpack')` does not load it (cdk8s has its own copy,
 * so loading ours up front is a second YAML library in every app; `npm run bench` measures the require time).
 */
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml');
}

const EXPRESSION = /#@\s*data\.values\.([a-z_]+(?:\.[a-z_]+)*)\s*$/gm;
const LOAD = /^#@ load\("@ytt:data", "data"\)\s*$/gm;

/** Where the release templates of a kpack release tag (`v0.17.2`) are, from src/platform or lib/platform. */
export function templateDir(tag: string): string {
  return path.join(__dirname, '..', '..', 'imports', 'kpack', tag, 'config');
}

/**
 * Renders the release of kpack `tag` with `values` (ytt data values by their dotted key, e.g.
 * `controller.image`, `kpack_version`): the objects of every template, files in name order.
 */
export function renderReleaseTemplates(tag: string, values: { [key: string]: string }): any[] {
  const dir = templateDir(tag);
  const files = readdirSync(dir).filter(f => f.endsWith('.yaml') && f !== 'schema.yaml').sort();
  const objects: any[] = [];
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf-8')
      .replace(LOAD, '')
      .replace(EXPRESSION, (_, key: string) => {
        const value = values[key];
        if (value === undefined) throw new Error(`kpack ${tag} template ${file} uses data value "${key}", which has no value`);
        return JSON.stringify(value);
      });
    if (text.includes('#@')) throw new Error(`kpack ${tag} template ${file} uses a ytt feature this renderer does not support`);
    for (const doc of yaml().parseAllDocuments(text)) {
      if (doc.errors.length > 0) throw new Error(`kpack ${tag} template ${file}: ${doc.errors[0].message}`);
      const object = doc.toJS();
      if (object !== null && object !== undefined) objects.push(object);
    }
  }
  return objects;
}
