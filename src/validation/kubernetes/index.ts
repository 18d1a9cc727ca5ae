/**
 * Kubernetes' own API validation rules, ported from Kubernetes 1.34 (k8s.io/apimachinery v0.34.3 and
 * k8s.io/kubernetes v1.34.3, the versions kpack v0.17.2 compiles): pure functions over plain JSON values, each
 * returning a list of problems in the style of Kubernetes' `field.ErrorList`. The constructs check their props with
 * them, and the rule engine can check manifests with them. Not part of the public (jsii) API.
 */
export * from './problem';
export * from './names';
export * from './quantity';
export * from './metadata';
export * from './managed-fields';
export * from './resources';
export * from './scheduling';
export * from './pod';
export * from './build-pod';
