import type { LoadedDocument, Resource } from '../../model/types.js';
import { isObject } from '../../util/json.js';

/** Type of the resources that stand for variable files. */
export const TFVARS_TYPE = 'tfvars';

/**
 * A variable file (`.tfvars`, `.tfvars.json`) as a resource of type `tfvars` named by its path, whose body is its
 * values: what it assigns is written in the repository, so rules check it (a committed password).
 */
export function variableFileResource(document: LoadedDocument): Resource {
  const body = isObject(document.data) ? document.data : {};
  return { artifact: 'terraform', type: TFVARS_TYPE, name: document.file.path, body, document, basePath: [] };
}

/** Type of the resources that stand for a variable's default (`variable "x" { default = ... }`). */
export const VARIABLE_DEFAULT_TYPE = 'variable';

/** A variable's default as a resource named `var.<name>` (the document's key), whose body is `{ default }`. */
export function variableDefaultResource(document: LoadedDocument, key: string): Resource {
  const entry = isObject(document.data) ? document.data[key] : undefined;
  return { artifact: 'terraform', type: VARIABLE_DEFAULT_TYPE, name: key, body: isObject(entry) ? entry : {}, document, basePath: [key] };
}

/** A variable file or a variable default: checked like a resource, counted as none. */
export function isTerraformInput(resource: Resource): boolean {
  return resource.artifact === 'terraform' && (resource.type === TFVARS_TYPE || resource.type === VARIABLE_DEFAULT_TYPE);
}

/** Types of the resources that stand for a `provider` block and a backend (`terraform { backend "s3" {} }`, `cloud {}`). */
export const PROVIDER_TYPE = 'provider';
export const BACKEND_TYPE = 'backend';

/** A setting block as a resource named by its address (`provider.aws.west`, `terraform.backend.s3`), whose body is its arguments. */
export function settingResource(document: LoadedDocument, key: string, type: typeof PROVIDER_TYPE | typeof BACKEND_TYPE): Resource {
  const entry = isObject(document.data) ? document.data[key] : undefined;
  return { artifact: 'terraform', type, name: key, body: isObject(entry) ? entry : {}, document, basePath: [key] };
}

/** A provider or backend block: configuration of Terraform itself, checked like a resource, counted as none. */
export function isTerraformSetting(resource: Resource): boolean {
  return resource.artifact === 'terraform' && (resource.type === PROVIDER_TYPE || resource.type === BACKEND_TYPE);
}

/** Inputs and settings: what a Terraform configuration writes besides resources, checked like resources and counted as none. */
export function isTerraformNonResource(resource: Resource): boolean {
  return isTerraformInput(resource) || isTerraformSetting(resource);
}

/** The AWS provider (`provider.aws`, `provider.aws.west`, in a module too) or the S3 backend: what Terraform deploys with. */
export function isAwsSetting(resource: Resource): boolean {
  return isTerraformSetting(resource) && /(^|\.)(provider\.aws(\.[\w-]+)?|terraform\.backend\.s3)( @ |$)/.test(resource.name);
}

const LOCAL_ENDPOINT = /^https?:\/\/([\w.-]*\.)?(localhost|localhost\.localstack\.cloud|127\.\d+\.\d+\.\d+|0\.0\.0\.0|localstack|host\.docker\.internal|\[::1\])([:/]|$)/i;

/**
 * An AWS provider or backend pointed at a local emulator (LocalStack, moto): an endpoint on this machine. Its keys are
 * placeholders (`test`), not credentials. (`skip_credentials_validation` alone is no sign: S3-compatible stores such as
 * R2 or MinIO set it with real keys.)
 */
export function emulatesAws(resource: Resource): boolean {
  if (!isAwsSetting(resource)) return false;
  const body = resource.body;
  const endpoints = [body.endpoint, ...(Array.isArray(body.endpoints) ? body.endpoints : [body.endpoints])].flatMap((entry) => (isObject(entry) ? Object.values(entry) : [entry]));
  return endpoints.some((value) => typeof value === 'string' && LOCAL_ENDPOINT.test(value.trim()));
}
