import { forEachContainer, isWorkload, runEnvironments } from '../../graph/kubernetes.js';
import type { JsonValue, NodePath } from '../../model/types.js';
import { describeSecretMatches, detectSecrets, firstMatchOffset, isAllowListed, isPlaceholder, isEncryptedValue, literalExemption, secretNameMatch } from '../../secrets/detectors.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';
import { isUnresolved } from '../../util/template.js';
import { isPlainReference, UNKNOWN_KEY } from '../../util/unknown.js';

const FIX =
  'Move the value into a Secret and reference it with `valueFrom.secretKeyRef` (or mount it as a file). On EKS, keep the source of truth in AWS Secrets Manager or SSM Parameter Store and sync it with External Secrets Operator or the Secrets Store CSI driver; rotate the value, since it has been committed.';

/**
 * A value that is one template expression a chart or a deploy script fills in (`{{ .Values.db.password }}`,
 * `{{ .Values.token | quote }}`, `${DB_PASSWORD}`), not Kubernetes' own `$(VAR)` reference to another variable (which
 * may come from a Secret), nor one that names the secret (`{{ .Values.existingSecretName }}`, `...Arn`, `...Path`).
 */
function isRenderedSecret(value: string): boolean {
  const text = value.trim();
  const expression = /^\{\{-?\s*([^{}]*?)\s*-?\}\}$/.exec(text)?.[1] ?? /^\$\{([A-Za-z_][\w.[\]"-]*)\}$/.exec(text)?.[1];
  if (expression === undefined) return false;
  const subject = expression.split('|')[0]?.trim() ?? '';
  return /^[.$]?[\w.$[\]"-]+$/.test(subject) && !/(name|arn|id|ref|file|path)$/i.test(subject) && !/existingSecret/i.test(subject);
}

export default createRule({
  meta: {
    id: 'k8s/no-plaintext-secret-env',
    title: 'Container environment variables must not hold literal secrets',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['RUN-4'],
    artifacts: ['kubernetes'],
    description:
      'Reports every `env` entry (init, regular and ephemeral containers of any pod template, and a Tekton run\'s `podTemplate.env`, which every step and sidecar gets) with a literal `value` when the variable is named like a secret (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `API_KEY`, `PRIVATE_KEY`, `*CREDENTIALS*`, ...) or when the value itself matches a secret detector (AWS access key, PEM private key, JWT, GitHub / GitLab / Slack / Stripe / ... tokens, URL or connection string with a password, HTTP `Authorization` credentials such as `Bearer <token>`, `password=...` assignments, high-entropy token). `valueFrom` (Secret, ConfigMap, field or resource references) is never reported. A value that is one template expression a chart or deploy script fills in (`{{ .Values.db.password }}`, `${DB_PASSWORD}`; in Terraform, a plain reference such as `var.db_password`) under a name that says it is the secret itself is medium: whatever it renders to lands in the pod spec.',
    rationale:
      'A literal in the pod spec is stored unencrypted in etcd (Secrets can be envelope-encrypted with KMS), is readable by anyone allowed to `get` the workload, is copied into `kubectl.kubernetes.io/last-applied-configuration`, ReplicaSets and GitOps diffs, and lives forever in the repository history. It also cannot be rotated without a redeploy of the manifest.',
    remediation: FIX,
    limitations:
      'Names that look secret but hold something else can be allowed with `secretAllowList` (exact names or `/regex/`). Not reported, because they cannot be known to be secret: empty values, unresolved templates under other names, templates that name a secret (`{{ .Values.existingSecret }}`, `...Name`, `...Arn`) and Kubernetes `$(VAR)` references to other variables, booleans, file paths (absolute, `./`, or relative ones in lower case or ending in a key or configuration file extension such as `secrets/db-password.txt`), URLs without credentials, ARNs and references to external secret stores (`vault:`, `ref+...://`, Secrets Manager / Parameter Store ARNs), and pure numbers unless the name is the secret itself. Placeholders such as `changeme` are reported under a secret-looking name: the secret is designed to be written into the manifest. Under other names, the value detectors skip the example keys of the AWS documentation (access keys and secret keys containing `EXAMPLE`). Secrets in `command` / `args` are not checked by this rule.',
    references: {
      peers: [
        { tool: 'polaris', id: 'polaris:sensitiveContainerEnvVar' },
        { tool: 'kube-linter', id: 'env-var-secret' },
        { tool: 'kubescape', id: 'C-0012' },
      ],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Secrets' },
        { framework: 'OWASP Kubernetes Top 10', id: 'K08: Secrets Management Failures' },
      ],
      links: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report, settings }) {
    const checkEnv = (env: JsonValue | undefined, envPath: NodePath, owner: string, container?: string): void => {
      asArray(env).forEach((item, index) => {
        const entry = asObject(item);
        const raw = entry?.value;
        // A Kubernetes object written in Terraform: `value = var.db_password` is an unresolved reference.
        const reference = asString(asObject(raw)?.[UNKNOWN_KEY])?.trim();
        const value = typeof raw === 'string' ? raw : reference !== undefined && isPlainReference(reference) ? `\${${reference}}` : undefined;
        if (!entry || value === undefined || value.trim() === '') return;
        const envName = asString(entry.name) ?? `env[${index}]`;
        if (isAllowListed(envName, settings.secretAllowList)) return;
        if (isEncryptedValue(value)) return;
        const path = [...envPath, index, 'value'];
        const where = `Environment variable "${envName}" of ${owner}`;
        const located = { path, secret: true, fix: FIX, ...(container !== undefined ? { container } : {}) };
        const nameMatch = secretNameMatch(envName);
        if (nameMatch?.whole && isRenderedSecret(value) && !/[-_]id$/i.test(envName)) {
          report({
            ...located,
            severity: 'medium',
            message: `${where} takes the templated value ${value.trim()}, and its name says it is the secret ("${nameMatch.said}"): whatever it renders to is stored in the pod spec in plain text (etcd, \`kubectl get\`, last-applied-configuration). Reference a Secret with valueFrom.secretKeyRef.`,
          });
          return;
        }
        if (nameMatch && !isUnresolved(value) && literalExemption(value, { numeric: nameMatch.whole }) === undefined) {
          const placeholder = isPlaceholder(value)
            ? ' The value looks like a placeholder: deployed as-is it is a well-known credential, and whatever replaces it would still be a literal in the pod spec.'
            : '';
          report({ ...located, message: `${where} has a literal value although its name says it is a secret ("${nameMatch.said}").${placeholder}` });
          return;
        }
        const matches = detectSecrets(value, { assignments: true, entropy: nameMatch === undefined });
        if (matches.length === 0) return;
        report({ ...located, message: `${where} has a literal value that contains ${describeSecretMatches(matches)}.`, textOffset: firstMatchOffset(matches) });
      });
    };
    forEachContainer(resource, ({ container, name, path }) => checkEnv(container.env, [...path, 'env'], `container "${name}"`, name));
    for (const { env, path } of runEnvironments(resource)) checkEnv(env, path, 'the pod template (every step and sidecar gets it)');
  },
});
