import { isSeq, parseDocument } from 'yaml';
import type { JsonValue, Resource } from '../../model/types.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';
import { containsTemplate } from '../../util/template.js';

type MapKey = 'mapRoles' | 'mapUsers';

/** The entries of an embedded YAML list, each with where it starts in the text; undefined when unparsable. */
function parseEmbedded(text: string): Array<{ value: JsonValue; offset?: number }> | undefined {
  try {
    const document = parseDocument(text);
    if (document.errors.length > 0) return undefined;
    const values = asArray(document.toJS() as JsonValue);
    const items = isSeq(document.contents) ? document.contents.items : [];
    return values.map((value, index) => {
      const start = (items[index] as { range?: [number, number, number] } | undefined)?.range?.[0];
      return start === undefined ? { value } : { value, offset: start };
    });
  } catch {
    return undefined;
  }
}

function isAwsAuth(resource: Resource): boolean {
  return resource.artifact === 'kubernetes' && resource.type === 'ConfigMap' && resource.name === 'aws-auth' && (resource.namespace === undefined || resource.namespace === 'kube-system');
}

export default createRule({
  meta: {
    id: 'k8s/aws-auth-system-masters',
    title: 'aws-auth must not map IAM principals into system:masters or whole accounts',
    severity: 'high',
    seedPoints: ['EKS-1'],
    artifacts: ['kubernetes'],
    description:
      'Parses the YAML embedded in `data.mapRoles` and `data.mapUsers` of the `aws-auth` ConfigMap (kube-system) and reports every IAM role or user mapped into the `system:masters` group, at its entry (at the key when the list is not written line for line). Also reports a non-empty `data.mapAccounts`, which maps every IAM principal of the listed accounts into the cluster.',
    rationale:
      '`system:masters` is hard-wired into the API server as a superuser group: RBAC is never consulted for it, so no binding can narrow or revoke its access, and removing a principal means editing aws-auth itself. `mapAccounts` authenticates every user and role of an account, including ones created later, as a cluster identity.',
    remediation:
      'Map administrators to a custom group (e.g. `platform-admins`) bound to cluster-admin or a narrower ClusterRole, or better, move to EKS access entries with an access policy scoped to what each principal needs. Replace `mapAccounts` with explicit role mappings.',
    limitations:
      'The ConfigMap is read from manifests and from Kubernetes objects written in Terraform (`kubernetes_config_map` or `kubernetes_config_map_v1_data` with a heredoc or `yamlencode([...])`, `kubernetes_manifest`, `kubectl_manifest`); a mapping list the scan cannot evaluate (`yamlencode` of a module output) is unknown and not reported. The aws-iam-authenticator server\'s own configuration format (self-managed clusters) is not read. eksctl `iamIdentityMappings` and access entries are checked by `eks/cluster-access-least-privilege`. An unparsable mapRoles / mapUsers is not reported.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'CIS Kubernetes Benchmark 1.9', id: '5.1.7' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' },
      ],
      links: [
        'https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html',
        'https://aws.github.io/aws-eks-best-practices/security/docs/iam/#use-eks-access-entries-instead-of-the-aws-auth-configmap',
      ],
    },
  },
  scope: 'resource',
  appliesTo: isAwsAuth,
  check({ resource, report }) {
    const data = asObject(resource.body.data);
    if (!data) return;
    for (const [key, arnField, kind] of [
      ['mapRoles', 'rolearn', 'role'],
      ['mapUsers', 'userarn', 'user'],
    ] as const satisfies ReadonlyArray<readonly [MapKey, string, string]>) {
      const entries = mappings(data[key]);
      if (entries === undefined) continue;
      entries.forEach(({ value: item, offset }, index) => {
        const mapping = asObject(item);
        if (!mapping) return;
        const groups = asArray(mapping.groups).filter((group): group is string => typeof group === 'string');
        if (!groups.includes('system:masters')) return;
        const arn = asString(mapping[arnField]);
        const username = asString(mapping.username);
        const who = arn && !containsTemplate(arn) ? `IAM ${kind} "${arn}"` : `the IAM ${kind} of entry ${index + 1}`;
        report({
          path: ['data', key],
          // The entry's own line, when the list is written line for line (a `|` block).
          textOffset: offset,
          message: `aws-auth ${key} maps ${who}${username && !username.includes('${') ? ` (username "${username}")` : ''} into system:masters: unrestricted cluster access that no RBAC binding can narrow or revoke.`,
        });
      });
    }
    const accountEntries = mappings(data.mapAccounts);
    if (accountEntries !== undefined) {
      const accounts = accountEntries.map(({ value }) => value).map((account) => (typeof account === 'number' ? String(account) : asString(account))).filter((account): account is string => account !== undefined && account !== '');
      if (accounts.length > 0) {
        report({
          path: ['data', 'mapAccounts'],
          message: `aws-auth mapAccounts maps every IAM user and role of account${accounts.length === 1 ? '' : 's'} ${accounts.join(', ')} into the cluster, including principals created later.`,
        });
      }
    }
  },
});

/**
 * The entries of `mapRoles` / `mapUsers` / `mapAccounts`: the YAML text of a manifest, or the list itself when
 * Terraform wrote it with `yamlencode([...])` (read as evaluated). Undefined when it is neither.
 */
function mappings(value: JsonValue | undefined): Array<{ value: JsonValue; offset?: number }> | undefined {
  if (typeof value === 'string') return parseEmbedded(value) ?? [];
  return Array.isArray(value) ? value.map((entry) => ({ value: entry })) : undefined;
}
