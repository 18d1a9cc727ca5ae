import { ApiObject, Lazy } from 'cdk8s';
import { KpackValidator } from '../validation';

/**
 * Declares, on the object's metadata, the buildpack ids a store or buildpack provides, so the rule engine can
 * check builder order entries against them. `ids()` returns undefined when the list is not known completely.
 */
export function declareBuildpackIds(apiObject: ApiObject, ids: () => string[] | undefined): void {
  apiObject.metadata.addAnnotation(KpackValidator.BUILDPACK_IDS_ANNOTATION, Lazy.any({
    produce: () => {
      const list = ids();
      return list === undefined ? undefined : [...new Set(list)].join(',');
    },
  }));
}
