/**
 * The `docgen` task: API.md and API.kpack.md from the .jsii assembly, with jsii-docgen.
 *
 * - API.md: a table of contents (every type, with its summary, experimental ones marked), then the constructs,
 *   structs, classes, protocols and enums of the package itself, in jsii-docgen's order.
 * - API.kpack.md: the `kpack` submodule, the L1 types generated from kpack's OpenAPI document (all experimental).
 *
 * Links between the two files point at each other. Deterministic: the same assembly gives the same files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Documentation, JsiiEntity, Language, MarkdownRenderer, Schema } from 'jsii-docgen';

const ROOT = path.join(__dirname, '..');
const MAIN = 'API.md';
const L1 = 'API.kpack.md';
const L1_SUBMODULE = 'kpack';

const assembly = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
const PACKAGE: string = assembly.name;

function stability(fqn: string): string | undefined {
  return assembly.types[fqn]?.docs?.stability;
}

/** The file a type of this package is documented in. */
function fileOf(type: JsiiEntity): string {
  return type.submodule ? L1 : MAIN;
}

/** Links to a type of this package in whichever file documents it; other packages' types stay plain text. */
function linkFormatter(here: string) {
  return (type: JsiiEntity): string => {
    if (type.packageName !== PACKAGE) return type.fqn;
    const file = fileOf(type);
    return `<a href="${file === here ? '' : `./${file}`}#${type.id.replace(/ /g, '-')}">${type.displayName}</a>`;
  };
}

const SECTIONS: Array<{ key: 'constructs' | 'structs' | 'classes' | 'interfaces' | 'enums'; title: string }> = [
  { key: 'constructs', title: 'Constructs' },
  { key: 'structs', title: 'Structs' },
  { key: 'classes', title: 'Classes' },
  { key: 'interfaces', title: 'Protocols' },
  { key: 'enums', title: 'Enums' },
];

/** A table of contents: each section, and each type of it with its summary (and whether it is experimental, unless all are). */
function contents(schema: Schema): string[] {
  const all = SECTIONS.flatMap(({ key }) => schema.apiReference![key] as Array<{ id: string }>);
  const markEach = !all.every(type => stability(type.id) === 'experimental');
  const lines = ['## Contents', ''];
  for (const { key, title } of SECTIONS) {
    const types = schema.apiReference![key] as Array<{ id: string; displayName: string; docs: { summary?: string } }>;
    if (types.length === 0) continue;
    lines.push(`- [${title}](#${title}) (${types.length})`);
    for (const type of types) {
      const tag = markEach && stability(type.id) === 'experimental' ? ' *(experimental)*' : '';
      const summary = (type.docs.summary ?? '').replace(/\s+/g, ' ').trim();
      lines.push(`  - [${type.displayName}](#${type.id})${tag}${summary ? `: ${summary}` : ''}`);
    }
  }
  return lines;
}

function count(schema: Schema): number {
  return SECTIONS.reduce((n, { key }) => n + schema.apiReference![key].length, 0);
}

/** Marks the heading of every experimental type in a rendered file. */
function markExperimental(markdown: string): string {
  return markdown.replace(/^(### .* id="([^"]+)"><\/a>\n)/gm, (heading, _line, fqn) =>
    stability(fqn) === 'experimental' ? `${heading}\n*Experimental*: may change in any release.\n` : heading);
}

async function main() {
  const docs = await Documentation.forProject(ROOT);
  try {
    const language = Language.TYPESCRIPT;
    const root = (await docs.toJson({ language, allSubmodules: false })).content;
    const l1 = (await docs.toJson({ language, submodule: `${PACKAGE}.${L1_SUBMODULE}`, allSubmodules: false })).content;

    const mainMd = MarkdownRenderer.fromSchema(root, {
      linkFormatter: linkFormatter(MAIN),
      header: { title: 'API Reference', id: 'api-reference' },
    }).render();
    const [title, ...rest] = mainMd.split('\n');
    fs.writeFileSync(path.join(ROOT, MAIN), markExperimental([title, '',
      `The API of ${PACKAGE} ${assembly.version}: the constructs first, then structs, classes, protocols (interfaces)`
      + ` and enums. The ${count(l1)} L1 types generated from kpack's OpenAPI document (the \`${L1_SUBMODULE}\``
      + ` submodule: \`${L1_SUBMODULE}.KpackImage\` and the like) are in [${L1}](./${L1}).`,
      '',
      'Types marked *experimental* may change in any release; as the version is 0.x, so may the others in a minor'
      + ' release.',
      '', ...contents(root), '', ...rest].join('\n')));

    const l1Md = MarkdownRenderer.fromSchema(l1, {
      linkFormatter: linkFormatter(L1),
      header: { title: `The ${L1_SUBMODULE} submodule: generated L1 types`, id: `${PACKAGE}.${L1_SUBMODULE}` },
    }).render();
    const [l1Title, ...l1Rest] = l1Md.split('\n');
    fs.writeFileSync(path.join(ROOT, L1), [l1Title, '',
      `The L1 types of ${PACKAGE} ${assembly.version}, generated from kpack's OpenAPI document: one \`ApiObject\``
      + ' class per kpack kind (`KpackImage`, `KpackBuilder`, ...) and the structs of their specs. All are'
      + ' *experimental*: they follow kpack\'s API and may change with any kpack release. The constructs are in'
      + ` [${MAIN}](./${MAIN}).`,
      '', ...contents(l1), '', ...l1Rest].join('\n'));
  } finally {
    await docs.cleanup();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
