import type { JsonObject, JsonValue } from '../model/types.js';
import { isObject } from './json.js';
import { isUnresolved } from './template.js';

/**
 * Values that cannot be known from the files: a Terraform expression that needs state, a data source or a
 * remote module; a CloudFormation intrinsic that needs a deploy-time parameter or another stack. Loaders keep
 * them as markers (`{ "$unknown": "<expression as written>" }`) or, for CloudFormation, as the intrinsic
 * object itself. Rules must treat them as unknown: never safe, never unsafe.
 */
export const UNKNOWN_KEY = '$unknown';

export function unknownValue(expression: string): JsonObject {
  return { [UNKNOWN_KEY]: expression };
}

const CFN_INTRINSIC = /^(Ref|Condition|Fn::[A-Za-z]+)$/;

export function isUnknown(value: JsonValue | undefined): boolean {
  if (isUnresolved(value)) return true;
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === UNKNOWN_KEY || CFN_INTRINSIC.test(keys[0] ?? ''));
}

/** The expression an unknown marker was written as (`var.x`), or the value's JSON text (a string with `${...}`, an intrinsic). */
export function unknownExpression(value: JsonValue): string {
  const marker = isObject(value) ? value[UNKNOWN_KEY] : undefined;
  return typeof marker === 'string' ? marker : typeof value === 'string' ? value : JSON.stringify(value);
}

/** `var.x`, `local.x`, `random_password.db.result`, `module.m.out[0]`: an unresolved Terraform value that is a plain reference. */
export function isPlainReference(expression: string): boolean {
  return /^[A-Za-z_][\w-]*(?:\.[\w-]+|\[[^\]]*\])+$/.test(expression);
}
