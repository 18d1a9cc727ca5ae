/** ClusterStore rules ST-1..ST-4. */
import { parseReference } from '../image-reference';
import { arr, Obj, raw, show, str } from '../json';
import { kpack } from '../report';
import { element, missing } from './common';
import { RuleContext } from './context';
import { checkServiceAccountRef } from './service-account-ref';

export function checkClusterStore(spec: Obj, ctx: RuleContext): void {
  checkServiceAccountRef(spec, ctx, ['ST-1', 'ST-2'], false, 'whose secrets pull the buildpackage images');
  const sources = arr(spec, 'sources');
  if (sources === undefined) return;
  if (sources === null || sources.length === 0) {
    missing(ctx, 'ST-3', 'spec.sources', 'at least one buildpackage image, e.g. [{image: gcr.io/paketo-buildpacks/java}]');
    return;
  }
  sources.forEach((value, i) => {
    const source = element(value);
    const image = source && str(source, 'image');
    if (image === undefined) return;
    const parsed = parseReference(image, ctx.features);
    if (!parsed.ok) {
      const path = `spec.sources[${i}].image`;
      ctx.report.add('ST-4', path, `${path} ${show(image)} is not a valid image reference: ${parsed.reason}`
        + kpack(`invalid value: {${raw(image)}}`));
    }
  });
}
