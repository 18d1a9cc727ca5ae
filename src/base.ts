import { ApiObject, ApiObjectMetadata, Chart, GroupVersionKind, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { AppChecks } from './private/checks';
import { ClusterScopedApiObject, KpackApiObject } from './private/imported';

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
  private _namespaced = false;

  /** @internal */
  protected constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  /** The namespace of a namespaced object (always explicit); undefined for a cluster-scoped one. */
  public get namespaceName(): string | undefined {
    return this._namespaced ? this.apiObject.metadata.namespace : undefined;
  }

  /**
   * Creates the L1 child. `renderSpec` runs at synth, so mutators called after construction are honoured.
   * Cluster-scoped objects never carry a namespace, even in a chart that has one.
   * @internal
   */
  protected _createApiObject(gvk: GroupVersionKind, metadata: ApiObjectMetadata | undefined, namespaced: boolean,
    renderSpec: () => any): ApiObject {
    const props = {
      ...gvk,
      metadata: namespaced
        ? { ...metadata, namespace: metadata?.namespace ?? Chart.of(this).namespace ?? 'default' }
        : metadata,
      spec: Lazy.any({ produce: renderSpec }),
    };
    this._namespaced = namespaced;
    const apiObject = namespaced ? new KpackApiObject(this, 'Resource', props) : new ClusterScopedApiObject(this, 'Resource', props);
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
