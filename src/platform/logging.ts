/**
 * kpack's logging settings: the `zap-logger-config` JSON of ConfigMap `kpack/config-logging`, which the
 * controller and the webhook read through knative (`logging.NewConfigFromMap`: the JSON is a zap.Config).
 */

/** The key of the zap configuration in `config-logging`. */
export const ZAP_CONFIG_KEY = 'zap-logger-config';

/**
 * Sets the level of a `config-logging` ConfigMap's zap configuration: the JSON is parsed, `level` set and the
 * JSON written back (two-space indent, a final newline, as kpack writes it). A ConfigMap whose zap
 * configuration is missing, is not a JSON object or has no `level` is refused, so a change of kpack's template
 * cannot make the setting do nothing in silence.
 */
export function setZapLevel(configMap: any, level: string, source: string): void {
  const text = configMap?.data?.[ZAP_CONFIG_KEY];
  const where = `ConfigMap config-logging of ${source}`;
  if (typeof text !== 'string') throw new Error(`${where} has no data."${ZAP_CONFIG_KEY}": the log level cannot be set`);
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where}: data."${ZAP_CONFIG_KEY}" is not JSON (${(e as Error).message}): the log level cannot be set`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config) || typeof (config as any).level !== 'string') {
    throw new Error(`${where}: data."${ZAP_CONFIG_KEY}" is not a zap configuration with a "level": the log level cannot be set`);
  }
  (config as any).level = level;
  configMap.data[ZAP_CONFIG_KEY] = `${JSON.stringify(config, undefined, 2)}\n`;
}
