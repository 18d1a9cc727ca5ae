import { Chart, Testing } from 'cdk8s';

/** The synthesized manifests of a chart's app, of one kind. */
export function manifestsOf(chart: Chart, kind: string): any[] {
  return Testing.synth(chart).filter(m => m.kind === kind);
}

/** The single manifest of a kind. */
export function manifestOf(chart: Chart, kind: string): any {
  const found = manifestsOf(chart, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

/** The synth-time validation error message, or undefined when synth passes. */
export function synthError(chart: Chart): string | undefined {
  try {
    Testing.synth(chart);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
