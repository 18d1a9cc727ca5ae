export * from './base';
export * from './cluster-stack';
export * from './cluster-store';
export * from './cluster-buildpack';
export * from './buildpack';
export * from './cluster-lifecycle';
export * from './builder-order';
export * from './builder-options';
export * from './cluster-builder';
export * from './builder';
export * from './image-source';
export * from './image-cache';
export * from './build-settings';
export * from './image';
export * from './build';
export * from './platform/version';
export * from './validation';

export * as kpack from './imports/kpack';
