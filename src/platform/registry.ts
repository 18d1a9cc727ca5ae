import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import type { KpackVersion } from './version';

const PLATFORM = Symbol.for('cdk8s-kpack.KpackPlatform');

/** What the rest of the library needs to know about the app's KpackPlatform. */
export interface RegisteredPlatform {
  readonly node: IConstruct['node'];
  /** The kpack version it installs. */
  readonly version: KpackVersion;
  /** Environment variables every Image and Build in the app gets (e.g. the proxy), by name. */
  readonly _buildEnvForApp: { [name: string]: string };
}

/** Registers the app's one KpackPlatform on the app root. */
export function registerPlatform(scope: IConstruct, platform: RegisteredPlatform): void {
  const root = scope.node.root as any;
  const existing: RegisteredPlatform | undefined = root[PLATFORM];
  if (existing) {
    throw new Error(`an app installs kpack once: a KpackPlatform already exists at "${existing.node.path}" `
      + '(put the platform in one chart and let every chart use it)');
  }
  Object.defineProperty(root, PLATFORM, { value: platform });
}

/** The app's KpackPlatform, if it has one. */
export function platformOf(scope: IConstruct): RegisteredPlatform | undefined {
  return (scope.node.root as any)[PLATFORM];
}

/** The build environment the app's platform gives every Image and Build (empty without a platform). */
export function platformBuildEnv(scope: IConstruct): { [name: string]: kplus.EnvValue } {
  const env: { [name: string]: kplus.EnvValue } = {};
  for (const [name, value] of Object.entries(platformOf(scope)?._buildEnvForApp ?? {})) {
    env[name] = kplus.EnvValue.fromValue(value);
  }
  return env;
}
