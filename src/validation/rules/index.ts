/**
 * The admission rules of each kind kpack's validating webhook checks. Rule IDs are those of kpack-api.md; where a
 * kind delegates to a shared rule set (I-7 → SRC-*, BD-4 → BB-*, I-10 → S-*, I-8 → NS-1, ...), the shared ID is used.
 */
import { checkBuildSpec } from './build';
import { checkBuilder, checkClusterBuilder } from './builder';
import { checkBuildpack, checkClusterBuildpack, checkClusterLifecycle } from './buildpack';
import { checkClusterStack } from './cluster-stack';
import { checkClusterStore } from './cluster-store';
import { KindRules } from './context';
import { checkImageSpec } from './image';

export const KIND_RULES: ReadonlyMap<string, KindRules> = new Map<string, KindRules>([
  ['ClusterStack', checkClusterStack],
  ['ClusterStore', checkClusterStore],
  ['ClusterBuildpack', checkClusterBuildpack],
  ['Buildpack', checkBuildpack],
  ['ClusterLifecycle', checkClusterLifecycle],
  ['Builder', checkBuilder],
  ['ClusterBuilder', checkClusterBuilder],
  ['Image', checkImageSpec],
  ['Build', checkBuildSpec],
]);
