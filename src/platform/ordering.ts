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
 * below the other (and between their charts when they differ; a dependency between two charts becomes one between
 * each pair of their own ApiObjects): a kpack object depending on the platform costs 38 dependencies, 10,000 of them
 * 380,000, and the walk follows each again for every object.
 *
 * In the platform's chart: the chart is the first construct of its own pre-order and nothing depends on it, so it
 * is always the first root: whatever it depends on is written first. The platform's chart therefore depends on one
 * anchor, a construct without ApiObjects of its own (so cdk8s adds no ApiObject dependencies for either edge), which
 * depends on every ApiObject of the platform: the platform's objects open the file, before any other object of the
 * chart. That is 1 + (number of platform objects) dependencies, whatever the app holds.
 *
 * Across charts: another chart with kpack objects must come after the platform's chart, in `app.charts` and in the
 * files cdk8s writes (`0000-kpack.k8s.yaml` before `0002-builds.k8s.yaml`; cdk8s numbers the files only when a
 * chart depends on another). A dependency of that chart on the platform's would cost one dependency per pair of
 * their ApiObjects (10,000 Images: 422,000, and twice the synth time of the app without the platform); any
 * dependency between the two charts, of any of their constructs, becomes that chart dependency. So the charts are
 * ordered through a relay: a chart of its own, without ApiObjects, at the top of the app (`kpack-ordering` for a
 * platform in the chart `kpack`), which depends on the platform's chart, and on which each other chart with kpack
 * objects depends: cdk8s expands both into no ApiObject dependency at all. Its file is empty
 * (`0001-kpack-ordering.k8s.yaml`); it exists only when the platform has a chart to order, so an app in one chart
 * is written as before.
 */
export class PlatformOrdering {
  private readonly anchor: Construct;
  private readonly ordered = new Set<Chart>();
  private relayChart?: Chart;

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
   * Makes every other chart of the app that holds a kpack object come after the platform's chart (once per chart),
   * through the relay chart.
   * @returns errors for kpack objects that cannot be ordered after the platform: in a chart nested in the
   * platform's chart, which cdk8s writes before its parent
   */
  public orderOtherCharts(): string[] {
    // cdk8s validates the whole app once per synth and once more per chart it writes: one walk of the tree, which
    // knows the chart of each construct as it goes down, and skips the platform's own objects.
    const home = Chart.of(this.platform);
    const errors: string[] = [];
    const visit = (c: IConstruct, chart: Chart | undefined): void => {
      if (c === this.platform) return;
      if (Chart.isChart(c)) {
        chart = c;
      } else if (chart !== undefined && chart !== home && !this.ordered.has(chart) && ApiObject.isApiObject(c) && c.apiGroup === KPACK_GROUP) {
        this.ordered.add(chart);
        this.order(chart, home, errors);
      }
      for (const child of c.node.children) visit(child, chart);
    };
    visit(this.platform.node.root, undefined);
    return errors;
  }

  /** Orders `chart`, which holds kpack objects, after the platform's chart `home`. */
  private order(chart: Chart, home: Chart, errors: string[]): void {
    if (chart.node.scopes.includes(home)) {
      errors.push(`chart "${chart.node.path}" holds kpack objects and is nested in the platform's chart `
        + `"${home.node.path}": cdk8s writes a nested chart before its parent, so they would be applied before kpack `
        + 'is installed; move them to a chart that is not inside the platform\'s');
    } else if (!home.node.scopes.includes(chart) && !dependsOn(home, chart)) {
      // A chart the platform's chart is nested in comes after it anyway (cdk8s orders parents after children).
      chart.node.addDependency(this.relay(home));
    }
  }

  /**
   * The relay chart: created with the first chart to order (during validation; cdk8s's synth lists the app's
   * constructs before it, and the relay's dependency costs nothing either way), at the top of the app.
   */
  private relay(home: Chart): Chart {
    if (!this.relayChart) {
      const root = home.node.root;
      let id = `${home.node.id}-ordering`;
      for (let n = 2; root.node.tryFindChild(id); n++) id = `${home.node.id}-ordering-${n}`;
      this.relayChart = new RelayChart(root, id);
      this.relayChart.node.addDependency(home);
    }
    return this.relayChart;
  }
}

/**
 * The relay: a chart without objects. Its JSON is empty without asking cdk8s, whose `Chart.toJson` resolves the
 * dependencies of the whole app and validates it again for every chart (the other charts' do that anyway).
 */
class RelayChart extends Chart {
  public toJson(): any[] {
    return [];
  }
}

/** Whether `a` depends on `b`, directly or through other constructs' dependencies. */
function dependsOn(a: IConstruct, b: IConstruct, seen = new Set<IConstruct>()): boolean {
  if (a === b) return true;
  if (seen.has(a)) return false;
  seen.add(a);
  return a.node.dependencies.some(d => dependsOn(d, b, seen));
}
