import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { KPACK_GROUP } from '../validation/kinds';

/**
 * Orders an app's kpack objects after its KpackPlatform at a cost that does not grow with the number of objects.
 *
 * How cdk8s orders (cdk8s `App`, `DependencyGraph`): a chart's file lists its ApiObjects in the topological order
 * of the dependency graph of the chart's constructs, found by a depth-first walk that starts from the graph's roots
 * (constructs nothing depends on) in construct-tree pre-order, each root's dependencies first. Before that, cdk8s
 * turns every dependency between two constructs into one between each ApiObject below the one and each ApiObject
 * below the other (and between their charts when they differ): a kpack object depending on the platform costs 38
 * dependencies, 10,000 of them 380,000, and the walk follows each again for every object.
 *
 * The chart is the first construct of its own pre-order and nothing depends on it, so it is always the first
 * root: whatever it depends on is written first. The platform's chart therefore depends on one anchor, a construct
 * without ApiObjects of its own (so cdk8s adds no ApiObject dependencies for either edge), which depends on every
 * ApiObject of the platform: the platform's objects open the file, before any other object of the chart. That is
 * 1 + (number of platform objects) dependencies, whatever the app holds.
 *
 * Another chart with kpack objects gets one dependency on the platform's chart, so cdk8s writes it later
 * (`0000-kpack.k8s.yaml`, `0001-builds.k8s.yaml`) and lists it later in `app.charts`.
 */
export class PlatformOrdering {
  private readonly anchor: Construct;
  private readonly ordered = new Set<Chart>();

  /** @param platform the KpackPlatform; call `seal` once its ApiObjects exist */
  public constructor(private readonly platform: Construct) {
    this.anchor = new Construct(platform, 'ChartOrder');
    Chart.of(platform).node.addDependency(this.anchor);
  }

  /** Puts every ApiObject below the platform (those that exist now) at the start of its chart's file. */
  public seal(): void {
    const objects = this.platform.node.findAll().filter(c => ApiObject.isApiObject(c) && Chart.of(c) === Chart.of(this.platform));
    this.anchor.node.addDependency(...objects);
  }

  /**
   * Makes every other chart of the app that holds a kpack object depend on the platform's chart (once per chart).
   * @returns errors for kpack objects that cannot be ordered after the platform: in a chart nested in the
   * platform's chart, which cdk8s writes before its parent
   */
  public orderOtherCharts(): string[] {
    const home = Chart.of(this.platform);
    const mine = new Set<IConstruct>(this.platform.node.findAll());
    const errors: string[] = [];
    for (const c of this.platform.node.root.node.findAll()) {
      if (!ApiObject.isApiObject(c) || c.apiGroup !== KPACK_GROUP || mine.has(c)) continue;
      const chart = Chart.of(c);
      if (chart === home || this.ordered.has(chart)) continue;
      this.ordered.add(chart);
      if (chart.node.scopes.includes(home)) {
        errors.push(`chart "${chart.node.path}" holds kpack objects and is nested in the platform's chart `
          + `"${home.node.path}": cdk8s writes a nested chart before its parent, so they would be applied before kpack `
          + 'is installed; move them to a chart that is not inside the platform\'s');
      } else if (!home.node.scopes.includes(chart) && !dependsOn(home, chart)) {
        // A chart the platform's chart is nested in comes after it anyway (cdk8s orders parents after children).
        chart.node.addDependency(home);
      }
    }
    return errors;
  }
}

/** Whether `a` depends on `b`, directly or through other constructs' dependencies. */
function dependsOn(a: IConstruct, b: IConstruct, seen = new Set<IConstruct>()): boolean {
  if (a === b) return true;
  if (seen.has(a)) return false;
  seen.add(a);
  return a.node.dependencies.some(d => dependsOn(d, b, seen));
}
