/** ClusterBuildpack (CBP-1..CBP-3), Buildpack (BP-1) and ClusterLifecycle (CL-1..CL-3) rules. */
import { Obj, str } from '../json';
import { checkImage, missing } from './common';
import { RuleContext } from './context';
import { checkServiceAccountRef } from './service-account-ref';

const BUILDPACKAGE = 'a buildpackage image, e.g. gcr.io/paketo-buildpacks/java';

export function checkClusterBuildpack(spec: Obj, ctx: RuleContext): void {
  checkServiceAccountRef(spec, ctx, ['CBP-1', 'CBP-2'], false, 'whose secrets pull the image');
  checkImage(ctx, 'CBP-3', 'spec.image', str(spec, 'image'), 'reference', BUILDPACKAGE);
}

export function checkBuildpack(spec: Obj, ctx: RuleContext): void {
  checkImage(ctx, 'BP-1', 'spec.image', str(spec, 'image'), 'reference', BUILDPACKAGE);
}

export function checkClusterLifecycle(spec: Obj, ctx: RuleContext): void {
  checkServiceAccountRef(spec, ctx, ['CL-1', 'CL-2'], false, 'whose secrets pull the image');
  // kpack only checks that the image is given, it does not parse it (kpack-api.md §16.8).
  if (str(spec, 'image') === '') missing(ctx, 'CL-3', 'spec.image', 'the CNB lifecycle image, e.g. buildpacksio/lifecycle');
}
