import { Finding, Severity } from './finding';
import { get, Obj, raw } from './json';

/** Identity of the object findings are about, copied into each finding. */
export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

/**
 * Collects the findings about one object. Nearly every object has none, so the list and the subject (copied into
 * each finding) are made with the first finding: one small object per manifest instead of three.
 */
export class Report {
  private list: Finding[] | undefined;
  private about: Subject | undefined;

  public constructor(private readonly doc: Obj) {}

  /** The findings so far (a shared, frozen empty list when there are none). */
  public get findings(): Finding[] {
    return this.list ?? NO_FINDINGS;
  }

  /** Kind, name and namespace of the object, as written. */
  public get subject(): Subject {
    this.about ??= subjectOf(this.doc);
    return this.about;
  }

  public error(rule: string, path: string, message: string): void {
    this.add(Severity.ERROR, rule, path, message);
  }

  public warning(rule: string, path: string, message: string): void {
    this.add(Severity.WARNING, rule, path, message);
  }

  public add(severity: Severity, rule: string, path: string, message: string): void {
    const { kind, name, namespace } = this.subject;
    const finding: Finding = namespace === undefined
      ? { severity, kind, name, path, message, rule }
      : { severity, kind, name, namespace, path, message, rule };
    (this.list ??= []).push(finding);
  }
}

function subjectOf(doc: Obj): Subject {
  const kind = get(doc, 'kind');
  const metadata = get(doc, 'metadata');
  const name = get(metadata, 'name');
  const namespace = get(metadata, 'namespace');
  return {
    kind: typeof kind === 'string' ? kind : '',
    name: typeof name === 'string' ? name : '',
    namespace: typeof namespace === 'string' && namespace !== '' ? namespace : undefined,
  };
}

/** kpack's own error text, appended to messages of admission rules. */
export function kpack(text: string): string {
  return ` (kpack: ${text})`;
}

/** `... (kpack: missing field(s))`. */
export const KPACK_MISSING = kpack('missing field(s)');

/** `... (kpack: invalid value: <v>)`. */
export function kpackInvalid(value: unknown): string {
  return kpack(`invalid value: ${raw(value)}`);
}
