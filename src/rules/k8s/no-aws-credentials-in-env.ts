import { accessKeyUsedAt } from '../../graph/access-keys.js';
import { annotationsOf, forEachContainer, isWorkload, namespaceKey, podField, runEnvironments, type PodTemplate } from '../../graph/kubernetes.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { JsonObject, JsonValue, NodePath, Resource } from '../../model/types.js';
import { containsAwsAccessKeyId, isPlaceholder } from '../../secrets/detectors.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';
import { AWS_CREDENTIAL_VARIABLES } from '../../secrets/aws-credentials.js';
import { isUnresolved } from '../../util/template.js';

/**
 * Endpoint variables that point the SDK at an emulator or an S3-compatible service (LocalStack, DynamoDB Local,
 * MinIO, Ceph): `AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_S3`, `S3_ENDPOINT`, `..._DYNAMODB_ENDPOINT`, ...
 */
const ENDPOINT_VARIABLE = /(^|_)(AWS|S3|DYNAMO(DB)?|SQS|SNS|KINESIS|MINIO|LOCALSTACK|SECRETSMANAGER|SSM|STS)(_[A-Z0-9]+)*_ENDPOINT(_URL|_OVERRIDE)?(_[A-Z0-9]+)?$|^AWS_ENDPOINT_URL(_[A-Z0-9]+)?$/;

const FIX =
  'Remove the static credentials and give the pod an IAM role: EKS Pod Identity (a pod identity association for the service account) or IRSA (`eks.amazonaws.com/role-arn` on the service account), with a least-privilege policy. Deactivate and delete the IAM user access key.';

const SES_FIX =
  'Send email with the SES API (`ses:SendEmail`), which a pod role (EKS Pod Identity or IRSA) can authorize, instead of SMTP credentials derived from an IAM user access key. Deactivate and delete the key.';

export default createRule({
  meta: {
    id: 'k8s/no-aws-credentials-in-env',
    title: 'Pods must get AWS credentials from an IAM role, not static access keys in the environment',
    severity: 'high',
    seedPoints: ['IAM-1', 'IAM-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports containers (init and ephemeral included; a Tekton run\'s `podTemplate.env` counts for every step and sidecar) that set `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` or `AWS_SESSION_TOKEN` (or the legacy `AWS_ACCESS_KEY`, `AWS_SECRET_KEY`, `AWS_SECURITY_TOKEN`) whether as a literal or from a Secret / ConfigMap, that import such keys with `envFrom` from a Secret or ConfigMap of the scan, or whose environment, `command` or `args` holds an AWS access key ID under any name, or, in objects written in Terraform, the key ID or secret of an `aws_iam_access_key` (`${aws_iam_access_key.ci.secret}`) under any name.',
    rationale:
      'Access keys in the environment are long-lived IAM user credentials shared by every replica: they do not expire, are not tied to the workload, cannot be scoped per pod, and leak through `kubectl describe`, crash dumps and child processes. They also take precedence over IRSA and Pod Identity in the SDK credential chain, silently bypassing the role attached to the service account. EKS issues short-lived, per-service-account credentials instead.',
    remediation: FIX,
    limitations:
      'Containers that point the SDK at an emulator or S3-compatible service (`AWS_ENDPOINT_URL`, `S3_ENDPOINT`, `*_DYNAMODB_ENDPOINT`, ... with a host outside amazonaws.com, in `env` or in an imported ConfigMap of the scan) are skipped: LocalStack, DynamoDB Local or MinIO keys are not AWS credentials (a literal is still reported by `k8s/no-plaintext-secret-env` / `k8s/no-secrets-in-configmap`). Keys imported with `envFrom` are only seen when the Secret or ConfigMap is part of the scan. Credentials files mounted from a Secret (`AWS_SHARED_CREDENTIALS_FILE`, `~/.aws/credentials`) are not detected.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'CIS EKS Benchmark 1.2', id: '5.2.1 Prefer using dedicated EKS Service Accounts' },
        { framework: 'AWS EKS Best Practices', id: 'Identity and Access Management: use IRSA or EKS Pod Identity' },
      ],
      links: [
        'https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html',
        'https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html',
      ],
    },
  },
  appliesTo: isWorkload,
  check({ resource, report, graph }) {
    forEachContainer(resource, ({ container, name: containerName, path: containerPath, pod }) => {
      const pending = envCredentials(container.env, [...containerPath, 'env'], { sets: `Container "${containerName}"`, of: `of container "${containerName}"` }, resource);
      asArray(container.envFrom).forEach((item, index) => {
        const entry = asObject(item);
        if (!entry) return;
        const imported = importedCredentials(entry, resource, graph);
        if (!imported) return;
        pending.push({
          path: [...containerPath, 'envFrom', index],
          message: `Container "${containerName}" imports ${imported.names.join(', ')} from ${imported.source} with envFrom: static IAM credentials instead of a pod role.`,
        });
      });
      for (const field of ['command', 'args'] as const) {
        asArray(container[field]).forEach((item, index) => {
          if (typeof item !== 'string' || !containsAwsAccessKeyId(item)) return;
          pending.push({
            path: [...containerPath, field, index],
            secret: true,
            message: `Container "${containerName}" passes an AWS access key ID in ${field} item ${index}: static IAM credentials instead of a pod role.`,
          });
        });
      }
      if (pending.length === 0 || usesNonAwsEndpoint(environmentOf(container, resource, graph))) return;
      const role = roleHint(resource, pod, graph);
      for (const finding of pending) report({ ...finding, message: `${finding.message}${role}`, container: containerName, fix: finding.fix ?? FIX });
    });
    // A Tekton run's pod template gives its variables to every step and sidecar.
    for (const { env, path, pod } of runEnvironments(resource)) {
      const pending = envCredentials(env, path, { sets: 'The pod template', of: 'of the pod template' }, resource);
      if (pending.length === 0 || usesNonAwsEndpoint(environmentOf({ env }, resource, graph))) continue;
      const role = roleHint(resource, pod, graph);
      for (const finding of pending) report({ ...finding, message: `${finding.message}${role}`, fix: finding.fix ?? FIX });
    }
  },
});

interface PendingFinding {
  path: NodePath;
  message: string;
  secret?: boolean;
  fix?: string;
}

/**
 * The static credentials in one `env` list (a container's or a pod template's). Collected first: the endpoint and
 * role look-ups are only worth doing for lists with findings.
 */
function envCredentials(env: JsonValue | undefined, envPath: NodePath, owner: { sets: string; of: string }, resource: Resource): PendingFinding[] {
  const pending: PendingFinding[] = [];
  asArray(env).forEach((item, index) => {
    const entry = asObject(item);
    if (!entry) return;
    const envName = asString(entry.name) ?? '';
    const kind = AWS_CREDENTIAL_VARIABLES.get(envName.toUpperCase());
    const entryPath = [...envPath, index];
    const value = entry.value;
    const accessKey = isUnresolved(value) ? accessKeyUsedAt(resource, [...entryPath, 'value'], value) : undefined;
    if (accessKey) {
      pending.push({
        path: [...entryPath, 'value'],
        message: `${owner.sets} sets ${envName} to the ${accessKey.part} of the IAM user access key ${accessKey.key}: static IAM credentials instead of a pod role.`,
        ...(accessKey.part === 'SES SMTP password' ? { fix: SES_FIX } : {}),
      });
      return;
    }
    if (kind !== undefined) {
      if (typeof value === 'string' && value.trim() !== '') {
        if (isUnresolved(value)) return;
        const literal = isPlaceholder(value) ? `a placeholder for an AWS ${kind} (whatever replaces it is a static credential)` : `a literal AWS ${kind}`;
        pending.push({ path: [...entryPath, 'value'], secret: true, message: `${owner.sets} sets ${envName} to ${literal}: static IAM credentials instead of a pod role.` });
        return;
      }
      const source = describeSource(asObject(entry.valueFrom));
      if (source) pending.push({ path: [...entryPath, 'valueFrom'], message: `${owner.sets} reads ${envName} from ${source}: static IAM credentials instead of a pod role.` });
      return;
    }
    if (typeof value === 'string' && containsAwsAccessKeyId(value)) {
      pending.push({
        path: [...entryPath, 'value'],
        secret: true,
        message: `Environment variable "${envName}" ${owner.of} contains an AWS access key ID: static IAM credentials instead of a pod role.`,
      });
    }
  });
  return pending;
}

function describeSource(valueFrom: JsonObject | undefined): string | undefined {
  if (!valueFrom) return undefined;
  // `optional: true` (the EBS CSI driver's, for clusters outside AWS): the keys win over the pod role whenever the object exists.
  const optional = (reference: JsonObject): string => (reference.optional === true ? ' (optional: used whenever it exists, ahead of the pod role)' : '');
  const secret = asObject(valueFrom.secretKeyRef);
  if (secret) return `Secret "${asString(secret.name) ?? '?'}"${optional(secret)}`;
  const configMap = asObject(valueFrom.configMapKeyRef);
  if (configMap) return `ConfigMap "${asString(configMap.name) ?? '?'}"${optional(configMap)}`;
  return undefined;
}

/** Literal environment of a container: its `env` values and the data of ConfigMaps / Secrets of the scan it imports. */
function environmentOf(container: JsonObject, resource: Resource, graph: ResourceGraph): Array<[string, string]> {
  const variables: Array<[string, string]> = [];
  for (const item of asArray(container.envFrom)) {
    const entry = asObject(item);
    if (!entry) continue;
    const prefix = asString(entry.prefix) ?? '';
    const configMap = asString(asObject(entry.configMapRef)?.name);
    if (configMap === undefined) continue;
    const target = graph.named('kubernetes', 'ConfigMap', configMap).find((candidate) => sameNamespace(candidate, resource));
    for (const [key, value] of Object.entries(asObject(target?.body.data) ?? {})) {
      if (typeof value === 'string') variables.push([`${prefix}${key}`, value]);
    }
  }
  for (const item of asArray(container.env)) {
    const entry = asObject(item);
    const name = asString(entry?.name);
    const value = asString(entry?.value);
    if (name !== undefined && value !== undefined) variables.push([name, value]);
  }
  return variables;
}

function usesNonAwsEndpoint(variables: ReadonlyArray<[string, string]>): boolean {
  for (const [rawName, rawValue] of variables) {
    const name = rawName.toUpperCase();
    const value = rawValue.trim();
    if (!ENDPOINT_VARIABLE.test(name) || value === '' || isUnresolved(value)) continue;
    const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(value)?.[1] ?? value.split(/[/:]/)[0] ?? '';
    if (host !== '' && !/(^|\.)amazonaws\.com(\.cn)?$/i.test(host) && !/(^|\.)api\.aws$/i.test(host)) return true;
  }
  return false;
}

/** Keys named like AWS credentials in the Secret / ConfigMap an `envFrom` entry imports, when it is in the scan. */
function importedCredentials(entry: JsonObject, resource: Resource, graph: ResourceGraph): { names: string[]; source: string } | undefined {
  const prefix = asString(entry.prefix) ?? '';
  for (const [field, type] of [
    ['secretRef', 'Secret'],
    ['configMapRef', 'ConfigMap'],
  ] as const) {
    const name = asString(asObject(entry[field])?.name);
    if (name === undefined) continue;
    const target = graph.named('kubernetes', type, name).find((candidate) => sameNamespace(candidate, resource));
    if (!target) continue;
    const keys = new Set<string>();
    for (const dataField of ['data', 'stringData', 'binaryData']) {
      for (const [key, value] of Object.entries(asObject(target.body[dataField]) ?? {})) {
        if (typeof value !== 'string' || value === '') continue;
        keys.add(`${prefix}${key}`);
      }
    }
    const names = [...keys].filter((key) => AWS_CREDENTIAL_VARIABLES.has(key.toUpperCase())).sort();
    if (names.length > 0) return { names, source: `${type} "${name}"` };
  }
  return undefined;
}

/** Unset namespaces match any: manifests are often applied with `-n` or given a namespace by Kustomize. */
function sameNamespace(a: Resource, b: Resource): boolean {
  return a.namespace === undefined || b.namespace === undefined || namespaceKey(a) === namespaceKey(b);
}

/** Mentions the IRSA role the static keys shadow, when the pod's service account in the scan has one. */
function roleHint(resource: Resource, pod: PodTemplate, graph: ResourceGraph): string {
  const accountName = asString(podField(pod, 'serviceAccountName')?.value) ?? asString(podField(pod, 'serviceAccount')?.value) ?? 'default';
  const account = graph.named('kubernetes', 'ServiceAccount', accountName).find((candidate) => sameNamespace(candidate, resource));
  if (!account) return '';
  const role = annotationsOf(account)['eks.amazonaws.com/role-arn'];
  return role ? ` They take precedence over the IRSA role of service account "${accountName}".` : '';
}
