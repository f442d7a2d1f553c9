import { decodeBase64Text, detectSecrets, findPrivateKey, isConfigFileName, isFillInMarker, isEncryptedValue, isSopsEncryptedObject, nameTokens, secretNameMatch } from '../../secrets/detectors.js';
import { asObject, asString } from '../../util/json.js';
import { isUnresolved } from '../../util/template.js';
import { createRule } from '../rule.js';

const FIX =
  'Keep the value in AWS Secrets Manager or SSM Parameter Store and sync it into the cluster (External Secrets Operator, or the Secrets Store CSI driver with its Secret sync), or commit it encrypted (SOPS with a KMS key, Sealed Secrets). Rotate the committed values: they stay in the repository history.';

/** Public material: PEM certificates and public keys only (a CA bundle in a Secret is not a secret). */
const PUBLIC_PEM = /^(?:\s*-----BEGIN (?:[A-Z0-9 ]*CERTIFICATE|[A-Z0-9 ]*PUBLIC KEY)-----[\s\S]*?-----END [A-Z0-9 ]+-----)+\s*$/;

const MAX_NAMED_KEYS = 5;

/** Last words of keys that name where or as whom to connect, not a credential: `DB_USER`, `PGHOST`-style `db-host`, `port`. */
const IDENTIFIER_WORDS: ReadonlySet<string> = new Set(['user', 'username', 'login', 'host', 'hostname', 'port', 'database', 'db', 'dbname', 'endpoint', 'region', 'email', 'schema']);

function isIdentifierKey(key: string): boolean {
  const words = nameTokens(key);
  return IDENTIFIER_WORDS.has(words[words.length - 1] ?? '');
}

/**
 * Secret types whose every value but the user name is a credential, whatever its key is called: volume plugins'
 * keys (`key` of a Ceph RBD secret, a GlusterFS or ScaleIO password), basic and SSH auth, iSCSI CHAP, a token.
 */
const CREDENTIAL_TYPES: ReadonlySet<string> = new Set([
  'kubernetes.io/basic-auth',
  'kubernetes.io/ssh-auth',
  'kubernetes.io/service-account-token',
  'bootstrap.kubernetes.io/token',
  'kubernetes.io/rbd',
  'kubernetes.io/glusterfs',
  'kubernetes.io/quobyte',
  'kubernetes.io/scaleio',
  'kubernetes.io/storageos',
  'kubernetes.io/iscsi-chap',
]);

/** Keys of a Secret type that hold no secret: the token controller adds the cluster's CA certificate and the namespace name beside the token. */
const PUBLIC_KEYS_OF_TYPE: ReadonlyMap<string, ReadonlySet<string>> = new Map([['kubernetes.io/service-account-token', new Set(['ca.crt', 'namespace'])]]);

/**
 * Keys of an Argo CD repository, repository-credentials or cluster Secret (labelled `argocd.argoproj.io/secret-type`)
 * that describe the repository or cluster rather than authenticate to it: Argo CD reads them from the Secret, so a
 * declarative setup commits them; the credentials (`password`, `sshPrivateKey`, `githubAppPrivateKey`,
 * `tlsClientCertKey`, `gcpServiceAccountKey`, a cluster's `config`) can come from elsewhere.
 */
const ARGOCD_SETTINGS: ReadonlySet<string> = new Set([
  'type', 'url', 'name', 'project', 'enableOCI', 'enableLfs', 'insecure', 'insecureIgnoreHostKey', 'forceHttpBasicAuth', 'proxy', 'noProxy',
  'githubAppID', 'githubAppInstallationID', 'githubAppEnterpriseBaseUrl', 'tlsClientCertData', 'useAzureWorkloadIdentity', 'server', 'namespaces', 'clusterResources', 'shard',
]);
const ARGOCD_SECRET_TYPE = 'argocd.argoproj.io/secret-type';
/** The values of that label Argo CD reads Secrets for. */
const ARGOCD_SECRET_TYPES: ReadonlySet<string> = new Set(['repository', 'repo-creds', 'repo-write', 'repo-write-creds', 'cluster']);

export default createRule({
  meta: {
    id: 'k8s/no-committed-secret-data',
    title: 'Secret manifests must not carry their values',
    severity: 'medium',
    otherSeverities: ['high', 'low'],
    seedPoints: ['RUN-4'],
    artifacts: ['kubernetes'],
    description:
      'Reports each Secret (a manifest, or one written in Terraform with `kubernetes_secret` / `kubernetes_manifest`) whose `data` (base64, decoded) or `stringData` holds literal values, once per Secret at its first such entry, naming the keys. High when a key is named like a secret (`password`, `DB_PASSWORD`, `apiKey`, ...) or a value matches a secret detector (AWS keys, tokens, URLs with passwords, `.dockerconfigjson` auths, ...). A Secret whose values are all markers to fill in (`YOUR_API_KEY_HERE`, `<password>`, `xxxx`) is low: nothing secret is committed yet, but the filled-in file would be (weak defaults such as `changeme` or `admin` work as they are and count as values). So is one whose literal values are all connection details (keys ending in `user`, `username`, `login`, `host`, `hostname`, `port`, `database`, `db`, `dbname`, `endpoint`, `region`, `email` or `schema`) or configuration files (`alertmanager.yaml`, `grafana.ini`) that no detector matches, its credentials templated or kept elsewhere. In Secrets of a type that holds credentials (`kubernetes.io/basic-auth`, `ssh-auth`, `service-account-token`, bootstrap tokens, and the volume plugins\' `rbd`, `glusterfs`, `quobyte`, `scaleio`, `storageos`, `iscsi-chap`), every value but a user name is a credential: high whatever its key is called. Not reported: the `ca.crt` and `namespace` of a `service-account-token` Secret (the token controller adds them: a public certificate and a name; only `token` is a credential), the settings of an Argo CD repository or cluster Secret (labelled `argocd.argoproj.io/secret-type`: `url`, `type`, `name`, `project`, `server`, `githubAppID`, ...; Argo CD reads them from the Secret, and its credentials can come from elsewhere) in which no detector finds a credential, empty values, unresolved templates (`{{ }}`, `${VAR}`), SOPS-encrypted manifests and values, PEM certificates and public keys, and private keys (`k8s/no-private-key-in-manifest` reports those).',
    rationale:
      'base64 is an encoding, not encryption: a Secret manifest in a repository puts its values in every clone, fork, CI log and GitOps cache, and in the history after they are removed. They can be neither rotated nor audited the way a secret store can. Secrets Manager or Parameter Store keep the value encrypted with KMS, log each read in CloudTrail and can rotate it; External Secrets or the Secrets Store CSI driver create the Secret inside the cluster from there.',
    remediation: FIX,
    limitations:
      'A manifest rendered from a chart that generates its passwords (`helm template` output of `randAlphaNum` values) is reported too, though the value was never committed: scan the chart sources, or suppress the finding with a reason. Sealed Secrets (`SealedSecret`) and External Secrets objects hold no values and are not Secrets.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Secrets' },
        { framework: 'OWASP Kubernetes Top 10', id: 'K08: Secrets Management Failures' },
        { framework: 'AWS EKS Best Practices', id: 'Data encryption and secrets management: use an external secrets provider' },
      ],
      links: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/', 'https://docs.aws.amazon.com/eks/latest/best-practices/data-encryption-and-secrets-management.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.type === 'Secret' && resource.apiVersion === 'v1',
  check({ resource, report }) {
    const body = resource.body;
    if (isSopsEncryptedObject(body)) return;
    const type = asString(body.type);
    const tlsSecret = type === 'kubernetes.io/tls';
    const credentialType = type !== undefined && CREDENTIAL_TYPES.has(type);
    const publicKeys = type === undefined ? undefined : PUBLIC_KEYS_OF_TYPE.get(type);
    const argoType = asObject(asObject(body.metadata)?.labels)?.[ARGOCD_SECRET_TYPE];
    const argoSettings = typeof argoType === 'string' && ARGOCD_SECRET_TYPES.has(argoType);
    const keys: string[] = [];
    let first: (string | number)[] | undefined;
    let sensitive = false;
    // Markers to fill in (`YOUR_API_KEY_HERE`, `<password>`) are no secret yet: reported low, only when nothing else
    // is. Weak defaults (`changeme`, `admin`) work as they are and count as values.
    const placeholders: string[] = [];
    let firstPlaceholder: (string | number)[] | undefined;
    for (const field of ['data', 'stringData'] as const) {
      const entries = asObject(body[field]);
      if (!entries) continue;
      for (const [key, raw] of Object.entries(entries)) {
        if (typeof raw !== 'string' || raw.trim() === '' || isEncryptedValue(raw) || isUnresolved(raw) || publicKeys?.has(key)) continue;
        const value = field === 'data' ? decodeBase64Text(raw) ?? raw : raw;
        if (value.trim() === '' || isUnresolved(value) || PUBLIC_PEM.test(value)) continue;
        // Private keys are k8s/no-private-key-in-manifest's.
        if ((tlsSecret && key === 'tls.key') || findPrivateKey(value)) continue;
        // Argo CD's repository URL or cluster server, unless it carries a credential (`https://user:token@...`).
        if (argoSettings && ARGOCD_SETTINGS.has(key) && detectSecrets(value, { assignments: true }).length === 0) continue;
        if (isFillInMarker(value)) {
          placeholders.push(key);
          firstPlaceholder ??= [field, key];
          continue;
        }
        keys.push(key);
        first ??= [field, key];
        if (!sensitive) sensitive = (credentialType && !isIdentifierKey(key)) || secretNameMatch(key) !== undefined || detectSecrets(value, { assignments: true }).length > 0;
      }
    }
    const list = (names: readonly string[]): string => names.slice(0, MAX_NAMED_KEYS).map((key) => `"${key}"`).join(', ') + (names.length > MAX_NAMED_KEYS ? ` and ${names.length - MAX_NAMED_KEYS} more` : '');
    if (!first) {
      if (!firstPlaceholder) return;
      report({
        path: firstPlaceholder,
        severity: 'low',
        message: `Secret "${resource.name}" holds placeholder values for ${list(placeholders)}: filled in, the values would sit in the manifest (base64 in data is an encoding, not encryption).`,
        fix: FIX,
      });
      return;
    }
    const named = list(keys);
    // Only a user name, host or port committed (the password templated or left out), or configuration files in which
    // no detector finds a credential (an Alertmanager or Grafana configuration): low, nothing to rotate yet.
    const identifiersOnly = !sensitive && keys.every(isIdentifierKey);
    const configOnly = !sensitive && !identifiersOnly && keys.every((key) => isIdentifierKey(key) || isConfigFileName(key));
    const values = keys.length === 1 ? 'a literal value' : 'literal values';
    report({
      path: first,
      secret: true,
      severity: sensitive ? 'high' : identifiersOnly || configOnly ? 'low' : 'medium',
      message: identifiersOnly
        ? `Secret "${resource.name}" carries ${values} for ${named} in the manifest: connection details (a user name, host or port), no credential, but in the repository all the same.`
        : configOnly
          ? `Secret "${resource.name}" carries ${values} for ${named} in the manifest: configuration files in which no credential was found, but in the repository all the same (a credential added to them later would be too).`
          : `Secret "${resource.name}" carries ${values} for ${named} in the manifest: the values are in the repository (base64 in data is an encoding, not encryption).`,
      fix: FIX,
    });
  },
});
