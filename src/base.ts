import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppChecks, namespaceIn } from './private/checks';
import { SpecOwner, SpecToken } from './private/fast-json';
import { ClusterScopedApiObject, KpackApiObject } from './private/imported';
import { givenMetadata } from './private/render';
import { kpackKind } from './validation/kinds';

/** Props every kpack resource construct takes. */
export interface KpackResourceProps {
  /**
   * Metadata of the object: name, labels, annotations, and (for namespaced kinds) namespace.
   *
   * @default - a name generated from the construct path; namespaced kinds get the chart's namespace, or
   * `default`, written out explicitly
   */
  readonly metadata?: ApiObjectMetadata;
}

/** A kpack object, created in this app or imported by name. */
export interface IKpackResource extends kplus.IResource {
  /**
   * The namespace of a namespaced object.
   * @default - cluster-scoped
   */
  readonly namespaceName?: string;
}

/**
 * Base of the kpack resource constructs: one ApiObject child with the id `Resource`, rendered lazily from the
 * construct's state and checked by the rule engine at synth.
 */
export abstract class KpackResource extends kplus.Resource implements IKpackResource {
  /** @internal */
  protected constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** The kind's resource name, e.g. `clusterstacks` (what RBAC rules name). */
  public get resourceType(): string {
    return kpackKind(this.apiObject.kind).plural;
  }

  /** The namespace of a namespaced object (always explicit); undefined for a cluster-scoped one. */
  public get namespaceName(): string | undefined {
    return kpackKind(this.apiObject.kind).clusterScoped ? undefined : this.apiObject.metadata.namespace;
  }

  /**
   * Creates the L1 child of a kind of the kind table (src/validation/kinds.ts). Its spec is `toJsonSpec(this._toKube())`,
   * produced when the object is rendered, so mutators called after construction are honoured. A namespaced object
   * gets its namespace written out (its chart's, else `default`); a cluster-scoped one never carries one, even in a
   * chart that has one.
   * @internal
   */
  protected _createApiObject(gvk: GroupVersionKind, given: ApiObjectMetadata | undefined, toJsonSpec: (spec: any) => any): ApiObject {
    const metadata = givenMetadata(given);
    const cluster = kpackKind(gvk.kind).clusterScoped;
    // One literal: every object's props share a shape (a spread of gvk gives each its own hidden class).
    const props = {
      apiVersion: gvk.apiVersion,
      kind: gvk.kind,
      metadata: cluster ? metadata : { ...metadata, namespace: namespaceIn(this, metadata?.namespace) },
      spec: new SpecToken(this as unknown as SpecOwner, toJsonSpec),
    };
    const apiObject = cluster ? new ClusterScopedApiObject(this, 'Resource', props) : new KpackApiObject(this, 'Resource', props);
    AppChecks.of(this).own(this, apiObject);
    return apiObject;
  }
}

/** Options for importing a namespaced kpack object by name. */
export interface FromNamespacedNameOptions {
  /**
   * Namespace of the object.
   * @default - the chart's namespace, else `default`
   */
  readonly namespaceName?: string;
}
