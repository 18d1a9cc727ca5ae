import { Finding, Severity } from './finding';
import { raw } from './json';

/** Identity of the object findings are about, copied into each finding. */
export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** Collects the findings about one object. */
export class Report {
  public readonly findings: Finding[] = [];

  public constructor(public readonly subject: Subject) {}

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
    this.findings.push(finding);
  }
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
