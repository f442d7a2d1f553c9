import type { JsonValue } from '../model/types.js';
import { isObject } from './json.js';

/**
 * Template expressions left in by the tools that render manifests and templates: Helm / Go templates
 * `{{ }}`, Terraform and CloudFormation `${}`, envsubst and Kubernetes `$(VAR)`, Puppet/Chef `%{}` `<% %>`,
 * Ruby/Octopus `#{}`, Jinja-like `[[ ]]`. A value holding one is unknown: rules neither pass nor fail it.
 */
const TEMPLATE_EXPRESSION = /\{\{.*?\}\}|\$\{[^}]*\}|\$\([^)]*\)|%\{[^}]*\}|<%.*?%>|#\{[^}]*\}|\[\[.*?\]\]/s;

/** Replaces every template expression in `text` (the image parser masks them before parsing). */
export function replaceTemplates(text: string, replacer: () => string): string {
  return text.replace(new RegExp(TEMPLATE_EXPRESSION.source, 'gs'), replacer);
}

export function containsTemplate(text: string): boolean {
  return TEMPLATE_EXPRESSION.test(text);
}

/** A value the controller generates (a workflow run's name): a template expression, so unknown to rules. */
export const GENERATED_NAME = '{{generated name}}';

/** The text before the first template expression (all of it when there is none). */
export function literalPrefix(text: string): string {
  const at = text.search(TEMPLATE_EXPRESSION);
  if (at === -1) return text;
  // `{{-` trims the white space before it.
  return text.startsWith('{{-', at) ? text.slice(0, at).trimEnd() : text.slice(0, at);
}

/** A string value that still holds a template expression. */
export function isUnresolved(value: JsonValue | undefined): boolean {
  return typeof value === 'string' && TEMPLATE_EXPRESSION.test(value);
}

/** True when any string inside `value` (keys included) holds a template expression. */
export function containsUnresolved(value: JsonValue | undefined): boolean {
  if (typeof value === 'string') return TEMPLATE_EXPRESSION.test(value);
  if (Array.isArray(value)) return value.some(containsUnresolved);
  if (isObject(value)) return Object.entries(value).some(([key, item]) => TEMPLATE_EXPRESSION.test(key) || containsUnresolved(item));
  return false;
}
