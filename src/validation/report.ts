import { ruleInfo, RuleId, RULES } from './catalogue';
import { Finding, Severity, Stage } from './finding';
import { get, Obj, raw, redactText } from './json';

/** Identity of the object findings are about, copied into each finding. */
export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

/** The severity of a stage: admission and runtime problems are errors, advice is a warning. */
export function severityOf(stage: Stage): Severity {
  return stage === Stage.ADVICE ? Severity.WARNING : Severity.ERROR;
}

/**
 * Collects the findings about one object. Nearly every object has none, so the list and the subject (copied into
 * each finding) are made with the first finding: one small object per manifest instead of three.
 */
export class Report {
  private list: Finding[] | undefined;
  private about: Subject | undefined;
  private admission = false;

  public constructor(private readonly doc: Obj) {}

  /** The findings so far (a shared, frozen empty list when there are none). */
  public get findings(): Finding[] {
    return this.list ?? NO_FINDINGS;
  }

  /** Whether a finding says kpack's webhooks (or the API server) refuse the object. */
  public get refused(): boolean {
    return this.admission;
  }

  /** Kind, name and namespace of the object, as written. */
  public get subject(): Subject {
    this.about ??= subjectOf(this.doc);
    return this.about;
  }

  /** Reports a finding of `rule`; its stage and severity are the catalogue's. */
  public add(rule: RuleId, path: string, message: string): void {
    const stage = RULES[rule].stage;
    const { kind, name, namespace } = this.subject;
    const severity = severityOf(stage);
    if (stage === Stage.ADMISSION) this.admission = true;
    message = redactText(message);
    const finding: Finding = namespace === undefined
      ? { severity, stage, kind, name, path, message, rule }
      : { severity, stage, kind, name, namespaceName: namespace, path, message, rule };
    (this.list ??= []).push(finding);
  }
}

/** A finding as the strict options make it: advice promoted to an error. */
export function promoted(f: Finding, strict: boolean, strictReferences: boolean): Finding {
  if (f.severity === Severity.ERROR) return f;
  if (strict || (strictReferences && ruleInfo(f.rule)?.reference)) return { ...f, severity: Severity.ERROR };
  return f;
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
