/**
 * Kubernetes' string formats, ported from k8s.io/apimachinery v0.34.3 `pkg/util/validation/validation.go` (the
 * version kpack v0.17.2 compiles): each `is...` function returns Kubernetes' own messages, word for word, and an
 * empty list for a valid value. Lengths are counted in UTF-8 bytes, as Go's `len()` does. The `validate...`
 * functions wrap them as problems that name the field, show the value and say what is allowed.
 *
 * Tested against vectors produced by Kubernetes' own code (test/validation/kubernetes/vectors).
 */
import { exceedsBytes, invalid, joined, Problem, required, wrongType } from './problem';

const QNAME_CHAR = '[A-Za-z0-9]';
const QNAME_EXT_CHAR = '[-A-Za-z0-9_.]';
const QUALIFIED_NAME_FMT = `(${QNAME_CHAR}${QNAME_EXT_CHAR}*)?${QNAME_CHAR}`;
const QUALIFIED_NAME_ERR = 'must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character';
const QUALIFIED_NAME_MAX = 63;
const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FMT}$`);

const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_ERR = 'a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character';
/** apimachinery `LabelValueMaxLength`. */
export const LABEL_VALUE_MAX_LENGTH = 63;
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_ERR = 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character';
/** apimachinery `DNS1123LabelMaxLength`. */
export const DNS1123_LABEL_MAX_LENGTH = 63;
const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);

const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR = 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character';
/** apimachinery `DNS1123SubdomainMaxLength`. */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_ERR = 'a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character';
const DNS1035_LABEL = new RegExp(`^${DNS1035_LABEL_FMT}$`);

const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_NAME_ERR = 'a valid environment variable name must consist of alphabetic characters, digits, \'_\', \'-\', or \'.\', and must not start with a digit';
const RELAXED_ENV_VAR_NAME_ERR = 'a valid environment variable name must consist only of printable ASCII characters other than \'=\'';
const ENV_VAR_NAME = new RegExp(`^${ENV_VAR_NAME_FMT}$`);

/** validation.go `MaxLenError`. */
function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** validation.go `RegexError`. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map(e => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/** validation.go `EmptyError`. */
const EMPTY_ERROR = 'must be non-empty';

/** validation.go `IsQualifiedName`: label keys, annotation keys (lower-cased first), resource names. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) {
      errs.push(`prefix part ${EMPTY_ERROR}`);
    } else {
      errs.push(...isDns1123Subdomain(prefix).map(m => `prefix part ${m}`));
    }
  } else {
    return [`a qualified name ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`
      + ' with an optional DNS subdomain prefix and \'/\' (e.g. \'example.com/MyName\')'];
  }
  if (name.length === 0) {
    errs.push(`name part ${EMPTY_ERROR}`);
  } else if (exceedsBytes(name, QUALIFIED_NAME_MAX)) {
    errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX)}`);
  }
  if (!QUALIFIED_NAME.test(name)) {
    errs.push(`name part ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/** validation.go `IsValidLabelValue`. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (exceedsBytes(value, LABEL_VALUE_MAX_LENGTH)) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE.test(value)) errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** validation.go `IsDNS1123Label`: namespace names. */
export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (exceedsBytes(value, DNS1123_LABEL_MAX_LENGTH)) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL.test(value)) {
    if (DNS1123_SUBDOMAIN.test(value)) {
      // a valid subdomain and not a valid label: since the length was checked, it must be dots
      errs.push('must not contain dots');
    } else {
      errs.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
    }
  }
  return errs;
}

/** validation.go `IsDNS1123Subdomain`: most object names. */
export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (exceedsBytes(value, DNS1123_SUBDOMAIN_MAX_LENGTH)) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** validation.go `IsDNS1035Label`: Service names. */
export function isDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (exceedsBytes(value, DNS1123_LABEL_MAX_LENGTH)) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1035_LABEL.test(value)) errs.push(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** validation.go `hasChDirPrefix`. */
function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ['must not be \'.\''];
  if (value === '..') return ['must not be \'..\''];
  if (value.startsWith('..')) return ['must not start with \'..\''];
  return [];
}

/**
 * validation.go `IsEnvVarName`: the strict rule, which the API server applies when the RelaxedEnvironmentVariable
 * Validation feature is off (Kubernetes before 1.32 by default).
 */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!ENV_VAR_NAME.test(value)) errs.push(regexError(ENV_VAR_NAME_ERR, ENV_VAR_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  errs.push(...hasChDirPrefix(value));
  return errs;
}

/**
 * validation.go `IsRelaxedEnvVarName`: printable ASCII except `=`. Kubernetes 1.34 always applies it
 * (RelaxedEnvironmentVariableValidation is GA and locked on; beta, on by default, since 1.32).
 */
export function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push(`environment variable name ${EMPTY_ERROR}`);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x3d) {
      errs.push(RELAXED_ENV_VAR_NAME_ERR);
      break;
    }
  }
  return errs;
}

const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY_ERR = 'a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'';
const CONFIG_MAP_KEY = new RegExp(`^${CONFIG_MAP_KEY_FMT}$`);

/** validation.go `IsConfigMapKey`: keys of ConfigMaps and Secrets. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (exceedsBytes(value, DNS1123_SUBDOMAIN_MAX_LENGTH)) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!CONFIG_MAP_KEY.test(value)) errs.push(regexError(CONFIG_MAP_KEY_ERR, CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  errs.push(...hasChDirPrefix(value));
  return errs;
}

/** How a name is checked, and how messages call it. */
export interface NameRule {
  /** What the name names, in messages: `Secret name`, `namespace name`. */
  readonly what: string;
  readonly check: (value: string) => string[];
}

/** apimachinery `NameIsDNSSubdomain`: ServiceAccounts, Secrets, PriorityClasses, RuntimeClasses, StorageClasses, ... */
export function dnsSubdomainName(what: string): NameRule {
  return { what, check: isDns1123Subdomain };
}

/** apimachinery `NameIsDNSLabel` / `ValidateNamespaceName`. */
export function dnsLabelName(what: string): NameRule {
  return { what, check: isDns1123Label };
}

/**
 * An object name (`metadata.name` or a reference to one): required and of the rule's format, or a wrong-type problem.
 * (`ValidateObjectMetaAccessor`, apimachinery pkg/api/validation/objectmeta.go.)
 */
export function validateName(path: string, value: unknown, rule: NameRule): Problem[] {
  if (typeof value !== 'string') {
    return [value === undefined || value === null ? required(path, `give a ${rule.what}`) : wrongType(path, value, `a ${rule.what} (a string)`)];
  }
  if (value.length === 0) return [required(path, `a ${rule.what} must not be empty`)];
  const errs = rule.check(value);
  return errs.length === 0 ? [] : [invalid(path, value, `is not a valid ${rule.what}: ${joined(errs)}`)];
}

/** A name that may be absent (an optional reference); otherwise as `validateName`. */
export function validateOptionalName(path: string, value: unknown, rule: NameRule): Problem[] {
  return value === undefined || value === null || value === '' ? [] : validateName(path, value, rule);
}

/** ServiceAccount names (core validation.go `ValidateServiceAccountName` = `NameIsDNSSubdomain`). */
export const SERVICE_ACCOUNT_NAME = dnsSubdomainName('ServiceAccount name');
/** Secret names (core validation.go `ValidateSecretName`). */
export const SECRET_NAME = dnsSubdomainName('Secret name');
/** Namespace names (core validation.go `ValidateNamespaceName` = `NameIsDNSLabel`). */
export const NAMESPACE_NAME = dnsLabelName('namespace name');
/** PriorityClass names (core validation.go `ValidatePriorityClassName`). */
export const PRIORITY_CLASS_NAME = dnsSubdomainName('PriorityClass name');
/** RuntimeClass names (core validation.go `ValidateRuntimeClassName`). */
export const RUNTIME_CLASS_NAME = dnsSubdomainName('RuntimeClass name');
/** StorageClass names (core validation.go `ValidateClassName`, applied to a PVC's `storageClassName`). */
export const STORAGE_CLASS_NAME = dnsSubdomainName('StorageClass name');
/** Names of most objects: Pods, ConfigMaps, PersistentVolumeClaims, custom resources (`NameIsDNSSubdomain`). */
export const OBJECT_NAME = dnsSubdomainName('object name');
