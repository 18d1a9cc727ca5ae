/**
 * Rules on what kpack copies into build pods, shared by Image (`spec.build.*`) and Build (`spec.*`): ENV-1, NS-1,
 * and the deprecated fields only kpack's controller may set (CNB-0, NOT-0). The controller-only rules CNB-1..6 and
 * NOT-1..2 are unreachable for manifests we check, since CNB-0 / NOT-0 reject the whole field first.
 */
import { arr, isSet, obj, Obj } from '../json';
import { OS_LABEL } from '../kubernetes/scheduling';
import { kpack } from '../report';
import { element } from './common';
import { RuleContext } from './context';

/** ENV-1 (I-12, BD-11): no `valueFrom.secretKeyRef` in build env; new in kpack v0.17.2. */
export function checkEnv(owner: Obj, path: string, ctx: RuleContext): void {
  if (!ctx.features.buildEnvSecretRefused) return;
  (arr(owner, 'env') ?? []).forEach((value, i) => {
    const env = element(value);
    const from = env && obj(env, 'valueFrom');
    if (from && isSet(from, 'secretKeyRef')) {
      const at = `${path}[${i}].valueFrom.secretKeyRef`;
      ctx.report.add('ENV-1', at, `${at} is not allowed: kpack does not pass Secrets as build environment variables, `
        + 'bind the Secret as a service instead' + kpack('secretKeyRef is not supported for build environment variables'));
    }
  });
}

/** NS-1 (I-8, BD-10): the `kubernetes.io/os` node selector is kpack's to set. */
export function checkNodeSelector(owner: Obj, path: string, ctx: RuleContext): void {
  const selector = obj(owner, 'nodeSelector');
  if (selector && Object.prototype.hasOwnProperty.call(selector, OS_LABEL)) {
    ctx.report.add('NS-1', `${path}["${OS_LABEL}"]`, `${path} must not use the key "${OS_LABEL}": kpack determines the `
      + `operating system of build pods itself${kpack(`invalid key name "${OS_LABEL}": os is determined automatically`)}`);
  }
}

/** CNB-0 (I-11, BD-9): any CNB binding, since only kpack's controller may write them in v1alpha2. */
export function checkCnbBindings(owner: Obj, path: string, ctx: RuleContext): void {
  const bindings = arr(owner, 'cnbBindings');
  if (bindings && bindings.length > 0) {
    ctx.report.add('CNB-0', path, `${path} is deprecated and reserved to kpack's controller in kpack.io/v1alpha2: `
      + 'bind services with services instead'
      + kpack('use of this field has been deprecated in v1alpha2, please use v1alpha1 for CNB bindings'));
  }
}

/** NOT-0 (I-18, BD-12): any notary config, reserved to kpack's controller in v1alpha2. */
export function checkNotary(owner: Obj, path: string, ctx: RuleContext): void {
  if (isSet(owner, 'notary')) {
    ctx.report.add('NOT-0', path, `${path} is deprecated and reserved to kpack's controller in kpack.io/v1alpha2: `
      + 'sign images with cosign (spec.cosign and cosign secrets of the service account) instead'
      + kpack('use of this field has been deprecated in v1alpha2, please use v1alpha1 for notary image signing'));
  }
}
