/** ClusterStack rules CS-1..CS-5. */
import { Obj, str } from '../json';
import { checkImage, missing, struct } from './common';
import { RuleContext } from './context';
import { checkServiceAccountRef } from './service-account-ref';

export function checkClusterStack(spec: Obj, ctx: RuleContext): void {
  checkServiceAccountRef(spec, ctx, ['CS-1', 'CS-2'], false, 'whose secrets pull the stack images');
  if (str(spec, 'id') === '') missing(ctx, 'CS-3', 'spec.id', 'the stack id, e.g. io.buildpacks.stacks.jammy');
  for (const [field, rule] of [['buildImage', 'CS-4'], ['runImage', 'CS-5']] as const) {
    const image = struct(spec, field);
    if (image) {
      checkImage(ctx, rule, `spec.${field}.image`, str(image, 'image'), 'reference',
        `the ${field === 'buildImage' ? 'build' : 'run'} image of the stack`);
    }
  }
}
