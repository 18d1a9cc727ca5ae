/**
 * The outputs of `cdk8s-kpack validate`: text for people, and JSON, JUnit XML, SARIF 2.1.0 and GitHub Actions
 * workflow commands for CI. Every format carries each finding's severity, stage and rule, and every format reports
 * input that cannot be read (then nothing is checked).
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { location } from './input';
import { InputError, ManifestDocument } from '../manifests';
import { isKpackDocument, LocatedFinding, objectName } from '../manifests/check';
import { ruleInfo } from '../validation/catalogue';
import { Severity, Stage } from '../validation/finding';

/** The values of `-o/--output`. */
export const OUTPUT_FORMATS = ['text', 'json', 'junit', 'sarif', 'github'] as const;
export type OutputFormat = typeof OUTPUT_FORMATS[number];

/**
 * Text and GitHub output print at most this many warnings of one rule (the first, in input order); the others of
 * that rule are counted on one line. Errors are always all printed; JSON, JUnit and SARIF list every finding.
 */
export const WARNINGS_PER_RULE = 3;

/** Where the rules are described (SARIF's helpUri). */
const RULES_DOC = 'https://github.com/cdk8s-kpack/cdk8s-kpack/blob/main/docs/rules.md';
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** What one run of validate found, for any format. */
export interface ValidateReport {
  readonly toolVersion: string;
  readonly kpackVersion: string;
  /** The findings reported (rules skipped with `--skip-rule` are not among them), in input order. */
  readonly findings: readonly LocatedFinding[];
  /** For each finding, the index of its document in `documents`. */
  readonly findingDocuments: readonly number[];
  readonly documents: readonly ManifestDocument[];
  /** The files read. */
  readonly files: readonly string[];
  /** Input that could not be read: when there is any, nothing was checked. */
  readonly inputErrors: readonly InputError[];
  /** What the check assumed of the cluster. */
  readonly assumptions: readonly string[];
  /** How many findings `--skip-rule` left out. */
  readonly skipped: number;
  /** Errors only (`--quiet`). */
  readonly quiet: boolean;
}

/** What a format writes: to standard output and to standard error. */
export interface Rendered {
  readonly out: string;
  readonly err: string;
}

export function render(format: OutputFormat, report: ValidateReport): Rendered {
  switch (format) {
    case 'json': return { out: renderJson(report), err: inputSummary(report) };
    case 'sarif': return { out: renderSarif(report), err: inputSummary(report) };
    case 'junit': return { out: renderJunit(report), err: inputSummary(report) };
    case 'github': return { out: renderGithub(report), err: '' };
    default: return renderText(report);
  }
}

// ----- shared

/** The message of a finding, starting with its field path unless it already names it. */
export function findingMessage(f: LocatedFinding): string {
  return f.path === '' || f.message.startsWith(f.path) || f.message.includes(` ${f.path}`) ? f.message : `${f.path}: ${f.message}`;
}

/** One line: `file:line: error (admission): Image team-a/app: spec.tag "x" is not ... [I-1]`. */
export function formatFinding(f: LocatedFinding): string {
  return `${location(f.file, f.line)}: ${f.severity} (${f.stage}): ${objectName(f)}: ${findingMessage(f)} [${f.rule}]`;
}

/** 1234567 as `1,234,567`, whatever the locale. */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

function errorCount(r: ValidateReport): number {
  return r.findings.filter(f => f.severity === Severity.ERROR).length;
}

function listed(r: ValidateReport): LocatedFinding[] {
  return r.quiet ? r.findings.filter(f => f.severity === Severity.ERROR) : [...r.findings];
}

function kpackObjects(r: ValidateReport): number {
  return r.documents.filter(d => isKpackDocument(d.value)).length;
}

/** `cdk8s-kpack validate: 2 errors, 1 warning in 9 kpack objects (12 documents in 2 files, kpack v0.17.2)`. */
function summaryLine(r: ValidateReport): string {
  const errors = errorCount(r);
  const warnings = r.findings.length - errors;
  const result = r.findings.length === 0 ? 'no problems' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  const skipped = r.skipped > 0 ? `; --skip-rule left out ${plural(r.skipped, 'finding')}` : '';
  return `cdk8s-kpack validate: ${result} in ${plural(kpackObjects(r), 'kpack object')} `
    + `(${plural(r.documents.length, 'document')} in ${plural(r.files.length, 'file')}, kpack ${r.kpackVersion})${skipped}`;
}

function inputProblemsLine(r: ValidateReport): string {
  return `cdk8s-kpack validate: ${plural(r.inputErrors.length, 'input problem')}, nothing checked`;
}

/** For the machine formats: the one-line summary of input problems on stderr (their details are in stdout). */
function inputSummary(r: ValidateReport): string {
  return r.inputErrors.length > 0 ? `${inputProblemsLine(r)}\n` : '';
}

/**
 * The findings text and GitHub output print, in order: every error, and the first WARNINGS_PER_RULE warnings of
 * each rule; then, per rule with more, how many were not printed (in the order the rules first appear).
 */
function printed(r: ValidateReport): { shown: LocatedFinding[]; more: Array<{ rule: string; n: number }> } {
  const seen = new Map<string, number>();
  const more = new Map<string, number>();
  const shown: LocatedFinding[] = [];
  for (const f of listed(r)) {
    if (f.severity === Severity.WARNING) {
      const n = seen.get(f.rule) ?? 0;
      seen.set(f.rule, n + 1);
      if (n >= WARNINGS_PER_RULE) {
        more.set(f.rule, (more.get(f.rule) ?? 0) + 1);
        continue;
      }
    }
    shown.push(f);
  }
  return { shown, more: [...more].map(([rule, n]) => ({ rule, n })) };
}

function moreLine(m: { rule: string; n: number }): string {
  return `... and ${plural(m.n, 'more warning')} [${m.rule}] (-o json lists every finding)`;
}

// ----- text

function renderText(r: ValidateReport): Rendered {
  if (r.inputErrors.length > 0) {
    const lines = r.inputErrors.map(p => `${location(p.file, p.line)}: ${p.message}\n`);
    return { out: '', err: `${lines.join('')}${inputProblemsLine(r)}\n` };
  }
  if (r.quiet && errorCount(r) === 0) return { out: '', err: '' };
  const { shown, more } = printed(r);
  const lines = shown.map(formatFinding);
  lines.push(...more.map(moreLine));
  if (!r.quiet) lines.push(...r.assumptions.map(a => `cdk8s-kpack validate: note: ${a}`));
  lines.push(summaryLine(r));
  return { out: lines.map(l => `${l}\n`).join(''), err: '' };
}

// ----- JSON

function renderJson(r: ValidateReport): string {
  const errors = errorCount(r);
  const doc = {
    tool: 'cdk8s-kpack',
    version: r.toolVersion,
    kpackVersion: r.kpackVersion,
    findings: listed(r),
    inputErrors: r.inputErrors.map(p => ({ file: p.file, line: p.line ?? null, message: p.message })),
    assumptions: r.assumptions,
    summary: {
      errors,
      warnings: r.findings.length - errors,
      skipped: r.skipped,
      inputErrors: r.inputErrors.length,
      kpackObjects: kpackObjects(r),
      documents: r.documents.length,
      files: r.files.length,
    },
  };
  return JSON.stringify(doc, undefined, 2) + '\n';
}

// ----- SARIF 2.1.0

/** A file as a SARIF URI reference: relative paths stay relative (encoded per segment), absolute ones become file URIs. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).map(segment => encodeURIComponent(segment)).join('/');
}

function sarifLevel(stage: string): 'error' | 'warning' {
  return stage === Stage.ADVICE ? 'warning' : 'error';
}

function renderSarif(r: ValidateReport): string {
  const findings = listed(r);
  const ruleIds = [...new Set(findings.map(f => f.rule))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map(id => {
    const info = ruleInfo(id);
    return {
      id,
      ...info ? {
        shortDescription: { text: `${info.stage}: ${info.kpack}` },
        fullDescription: { text: `${info.kpack} (${info.source})` },
        defaultConfiguration: { level: sarifLevel(info.stage) },
        properties: { stage: info.stage, source: info.source },
      } : {},
      helpUri: RULES_DOC,
    };
  });
  const results = findings.map(f => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule)!,
    level: f.severity === Severity.ERROR ? 'error' : 'warning',
    message: { text: `${f.severity} (${f.stage}): ${objectName(f)}: ${findingMessage(f)}` },
    locations: [{
      physicalLocation: { artifactLocation: { uri: artifactUri(f.file) }, region: { startLine: Math.max(1, f.line) } },
      logicalLocations: [{ name: f.name, fullyQualifiedName: objectName(f), kind: 'object' }],
    }],
    properties: { stage: f.stage, kind: f.kind, name: f.name, namespace: f.namespace, path: f.path },
  }));
  const notifications = r.inputErrors.map(p => ({
    level: 'error',
    message: { text: `${location(p.file, p.line)}: ${p.message}` },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: artifactUri(p.file) },
        ...p.line !== undefined ? { region: { startLine: Math.max(1, p.line) } } : {},
      },
    }],
    descriptor: { id: 'input' },
    properties: { stage: 'input' },
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-kpack',
          version: r.toolVersion,
          informationUri: 'https://github.com/cdk8s-kpack/cdk8s-kpack',
          rules,
        },
      },
      invocations: [{
        executionSuccessful: r.inputErrors.length === 0,
        ...notifications.length > 0 ? { toolExecutionNotifications: notifications } : {},
      }],
      results,
      properties: { kpackVersion: r.kpackVersion, skipped: r.skipped, assumptions: r.assumptions },
    }],
  };
  return JSON.stringify(log, undefined, 2) + '\n';
}

// ----- GitHub Actions workflow commands

/** Escapes the message of a workflow command (as @actions/core does). */
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property of a workflow command (file, title). */
function ghProperty(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function ghCommand(command: string, properties: { [key: string]: string | number | undefined }, message: string): string {
  const props = Object.entries(properties).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${ghProperty(String(v))}`);
  return `::${command}${props.length > 0 ? ` ${props.join(',')}` : ''}::${ghData(message)}`;
}

function renderGithub(r: ValidateReport): string {
  const lines: string[] = [];
  if (r.inputErrors.length > 0) {
    for (const p of r.inputErrors) lines.push(ghCommand('error', { file: p.file, line: p.line, title: 'cdk8s-kpack: input problem' }, p.message));
    lines.push(inputProblemsLine(r));
    return lines.map(l => `${l}\n`).join('');
  }
  if (r.quiet && errorCount(r) === 0) return '';
  const { shown, more } = printed(r);
  for (const f of shown) {
    lines.push(ghCommand(f.severity === Severity.ERROR ? 'error' : 'warning',
      { file: f.file, line: f.line, title: `${f.rule} (${f.stage}): ${objectName(f)}` }, findingMessage(f)));
  }
  for (const m of more) lines.push(ghCommand('notice', { title: `cdk8s-kpack: ${m.rule}` }, moreLine(m)));
  if (!r.quiet) for (const a of r.assumptions) lines.push(ghCommand('notice', { title: 'cdk8s-kpack: assumption' }, a));
  lines.push(summaryLine(r));
  return lines.map(l => `${l}\n`).join('');
}

// ----- JUnit XML

/**
 * Text for XML 1.0: markup characters escaped; characters XML cannot hold at all (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) written as `\uXXXX`.
 */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

function attrs(values: { [name: string]: string | number }): string {
  return Object.entries(values).map(([k, v]) => ` ${k}="${xmlText(String(v)).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;')}"`).join('');
}

/** When the report was made, as the JUnit schemas want it (UTC, no zone); SOURCE_DATE_EPOCH fixes it. */
function timestamp(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = epoch !== undefined && /^[0-9]{1,12}$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return date.toISOString().slice(0, 19);
}

interface TestCase {
  readonly name: string;
  readonly classname: string;
  /** `<failure>` (findings that are errors) or `<error>` (input that cannot be read). */
  readonly problem?: { readonly element: 'failure' | 'error'; readonly type: string; readonly message: string; readonly text: string };
}

interface Suite {
  readonly name: string;
  readonly cases: TestCase[];
  readonly out: string[];
}

/**
 * JUnit XML valid against both common schemas (Jenkins' junit-10.xsd and the Apache Ant schema of windyroad):
 * one testsuite per file, one testcase per kpack object (and per other object with a finding); a testcase with
 * error findings has one `<failure>` listing them, warnings go to the suite's `<system-out>`. Input that cannot
 * be read is one testcase with an `<error>` per problem.
 */
function renderJunit(r: ValidateReport): string {
  const suites = new Map<string, Suite>();
  const suite = (file: string) => {
    let s = suites.get(file);
    if (!s) suites.set(file, s = { name: file, cases: [], out: [] });
    return s;
  };
  if (r.inputErrors.length > 0) {
    for (const p of r.inputErrors) {
      suite(p.file).cases.push({
        name: p.line === undefined ? 'read the file' : `read line ${p.line}`,
        classname: p.file,
        problem: { element: 'error', type: 'input', message: p.message, text: `${location(p.file, p.line)}: ${p.message}` },
      });
    }
  } else {
    for (const file of r.files) suite(file);
    const byDocument = new Map<number, LocatedFinding[]>();
    const all = listed(r);
    const allDocuments = r.quiet ? r.findingDocuments.filter((_, i) => r.findings[i].severity === Severity.ERROR) : r.findingDocuments;
    all.forEach((f, i) => {
      const list = byDocument.get(allDocuments[i]) ?? [];
      list.push(f);
      byDocument.set(allDocuments[i], list);
    });
    r.documents.forEach((doc, i) => {
      const findings = byDocument.get(i) ?? [];
      if (!isKpackDocument(doc.value) && findings.length === 0) return;
      const s = suite(doc.file);
      const errors = findings.filter(f => f.severity === Severity.ERROR);
      for (const w of findings.filter(f => f.severity === Severity.WARNING)) s.out.push(formatFinding(w));
      const metadata = doc.value.metadata as { name?: unknown; namespace?: unknown } | undefined;
      const name = objectName({
        kind: typeof doc.value.kind === 'string' ? doc.value.kind : '',
        name: typeof metadata?.name === 'string' ? metadata.name : '',
        namespace: typeof metadata?.namespace === 'string' ? metadata.namespace : undefined,
      });
      s.cases.push({
        name,
        classname: doc.file,
        ...errors.length > 0 ? {
          problem: {
            element: 'failure',
            type: [...new Set(errors.map(e => `${e.rule} (${e.stage})`))].join(', '),
            message: `${findingMessage(errors[0])}${errors.length > 1 ? ` (and ${plural(errors.length - 1, 'more error')})` : ''}`,
            text: errors.map(formatFinding).join('\n'),
          },
        } : {},
      });
    });
  }
  const stamp = timestamp();
  const xml = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>'];
  [...suites.values()].forEach((s, id) => {
    const failures = s.cases.filter(c => c.problem?.element === 'failure').length;
    const errors = s.cases.filter(c => c.problem?.element === 'error').length;
    xml.push(`  <testsuite${attrs({
      name: s.name,
      tests: s.cases.length,
      failures,
      errors,
      skipped: 0,
      time: '0',
      timestamp: stamp,
      hostname: 'localhost',
      package: 'cdk8s-kpack',
      id,
    })}>`);
    xml.push('    <properties>');
    xml.push(`      <property${attrs({ name: 'kpack version', value: r.kpackVersion })}/>`);
    if (r.skipped > 0) xml.push(`      <property${attrs({ name: 'findings left out by --skip-rule', value: r.skipped })}/>`);
    for (const a of r.assumptions) xml.push(`      <property${attrs({ name: 'assumption', value: a })}/>`);
    xml.push('    </properties>');
    for (const c of s.cases) {
      const head = `    <testcase${attrs({ name: c.name, classname: c.classname, time: '0' })}`;
      if (!c.problem) {
        xml.push(`${head}/>`);
        continue;
      }
      xml.push(`${head}>`);
      xml.push(`      <${c.problem.element}${attrs({ type: c.problem.type, message: c.problem.message })}>${xmlText(c.problem.text)}</${c.problem.element}>`);
      xml.push('    </testcase>');
    }
    xml.push(`    <system-out>${xmlText(s.out.map(l => `${l}\n`).join(''))}</system-out>`);
    xml.push('    <system-err></system-err>');
    xml.push('  </testsuite>');
  });
  xml.push('</testsuites>');
  return xml.join('\n') + '\n';
}
