import { decodeBase64Text, describeSecretMatches, detectSecrets, firstMatchOffset, isAllowListed, isPlaceholder, isEncryptedValue, isSopsEncryptedObject, literalExemption, secretNameMatch } from '../../secrets/detectors.js';
import { asObject } from '../../util/json.js';
import { createRule } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

const FIX =
  'Move the value into a Secret (mounted as a file or referenced with `secretKeyRef`), or keep it in AWS Secrets Manager / SSM Parameter Store and sync it with External Secrets Operator or the Secrets Store CSI driver. For configuration files that need a secret, template the file at start-up from a mounted Secret or an environment variable. Rotate the value: it has been committed.';

export default createRule({
  meta: {
    id: 'k8s/no-secrets-in-configmap',
    title: 'ConfigMaps must not hold secrets',
    severity: 'high',
    seedPoints: ['RUN-4'],
    artifacts: ['kubernetes'],
    description:
      'Reports ConfigMap `data` and `binaryData` entries whose key is named like a secret (`db_password`, `AWS_SECRET_ACCESS_KEY`, `apiKey`, `client-secret`, ...) and holds a literal value, or whose value contains a secret: a PEM private key, a cloud or SaaS token, a URL or connection string with a password, HTTP `Authorization` credentials (`Bearer` token, `Basic` user:password), a high-entropy token, or a literal assigned to a secret-looking key inside an embedded configuration file (`REDIS_PASSWORD=...`, `password: ...`, `"apiKey": "..."`; Redis `requirepass` / `masterauth` and Sentinel `auth-pass` directives, secret-named `Key value` entries of a Fluent Bit configuration such as `HTTP_Passwd`). `binaryData` is base64-decoded first.',
    rationale:
      'ConfigMaps are meant for non-confidential data: they are never encrypted at rest, are readable by many roles (every `view` binding, most operators and log shippers), are printed by `kubectl describe` and are routinely committed and diffed. A secret placed there is exposed to everyone who can read configuration.',
    remediation: FIX,
    limitations:
      'Keys that look secret but are not can be allowed with `secretAllowList` (exact key names or `/regex/`). Empty values, unresolved templates (`{{ }}`, `${VAR}`), booleans, paths, URLs without credentials and references to external secret stores are not reported; placeholders such as `changeme` are (see `k8s/no-plaintext-secret-env`). Inside embedded files only one-line assignments are understood, and the finding points at the ConfigMap key, not at the line inside the block.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0109' },
        { tool: 'polaris', id: 'polaris:sensitiveConfigmapContent' },
        { tool: 'kubescape', id: 'C-0012' },
      ],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Secrets' },
        { framework: 'OWASP Kubernetes Top 10', id: 'K08: Secrets Management Failures' },
      ],
      links: ['https://kubernetes.io/docs/concepts/configuration/configmap/'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.type === 'ConfigMap' && /^v1$/.test(resource.apiVersion ?? 'v1'),
  check({ resource, report, settings }) {
    if (isSopsEncryptedObject(resource.body)) return;
    for (const field of ['data', 'binaryData'] as const) {
      const entries = asObject(resource.body[field]);
      if (!entries) continue;
      for (const [key, raw] of Object.entries(entries)) {
        if (typeof raw !== 'string' || raw.trim() === '') continue;
        if (isAllowListed(key, settings.secretAllowList) || isEncryptedValue(raw)) continue;
        const binary = field === 'binaryData';
        const text = binary ? decodeBase64Text(raw) : raw;
        const path = [field, key];
        const where = `ConfigMap key "${key}"`;
        const nameMatch = secretNameMatch(key);
        if (nameMatch && (text === undefined || (!isUnresolved(text) && literalExemption(text, { numeric: nameMatch.whole }) === undefined))) {
          const placeholder = text !== undefined && isPlaceholder(text) ? ' The value looks like a placeholder: whatever replaces it would still be stored in the ConfigMap.' : '';
          report({
            path,
            secret: true,
            message: `${where} holds a literal ${binary ? 'binary value' : 'value'} although its name says it is a secret ("${nameMatch.said}").${placeholder}`,
            fix: FIX,
          });
          continue;
        }
        if (text === undefined) continue;
        const matches = detectSecrets(text, { assignments: true, entropy: nameMatch === undefined });
        if (matches.length === 0) continue;
        report({ path, secret: true, message: `${where} contains ${describeSecretMatches(matches)}.`, fix: FIX, textOffset: binary ? undefined : firstMatchOffset(matches) });
      }
    }
  },
});
