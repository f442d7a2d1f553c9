import { forEachContainer, isWorkload } from '../../graph/kubernetes.js';
import type { NodePath } from '../../model/types.js';
import { describeSecretMatches, detectSecrets, firstMatchOffset, isAllowListed, isEncryptedValue, literalExemption, secretPropertyName } from '../../secrets/detectors.js';
import { createRule } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

const FIX =
  'Pass the value from a Secret instead: an environment variable with `valueFrom.secretKeyRef` (referenced in args as `$(VAR)`), or a mounted file the program reads (`--password-file=/secrets/db`). On EKS, keep the source of truth in AWS Secrets Manager or SSM Parameter Store (External Secrets Operator, Secrets Store CSI driver); rotate the value, since it has been committed.';

/** A flag standing alone (`--db-password`, `-token`), its value in the next item. */
const LONE_FLAG = /^--?([A-Za-z][\w.-]*)$/;

export default createRule({
  meta: {
    id: 'k8s/no-secrets-in-args',
    title: 'Container commands and arguments must not hold literal secrets',
    severity: 'high',
    seedPoints: ['RUN-4'],
    artifacts: ['kubernetes'],
    description:
      'Reports every item of a container\'s `command` and `args` (init, regular and ephemeral containers of any pod template) that contains a secret: a value detector match (AWS access key and secret key, PEM private key, JWT, GitHub / GitLab / Slack / Stripe / ... tokens, URL or connection string with a password, HTTP `Authorization` credentials), a literal assigned to a secret-looking name (`--db-password=hunter2`, `export API_TOKEN=...` in a shell script), or a literal item that follows a lone secret-looking flag (`["--password", "hunter2"]`). Inside a multi-line script, the finding is placed on the line of the secret.',
    rationale:
      'Arguments are no safer than environment variables: they are stored unencrypted in the pod spec in etcd, readable by anyone allowed to `get` the workload, copied into ReplicaSets, `last-applied-configuration` and GitOps diffs, kept in the repository history, and on the node they show in every process listing (`ps`, `/proc/<pid>/cmdline`) to other users.',
    remediation: FIX,
    limitations:
      'Not reported, because they cannot be known to be secret: values expanded from the environment (`$(DB_PASSWORD)`, `${TOKEN}`), templated values (`{{ }}`), file paths (`--token-file=/var/run/token`), booleans, and flags that only name or configure a secret (`--secret-name=db`, `--password-hash=bcrypt`). High-entropy strings are not reported on their own in arguments, which often carry hashes and identifiers. Names can be allowed with `secretAllowList`, as for environment variables.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Secrets' },
        { framework: 'OWASP Kubernetes Top 10', id: 'K08: Secrets Management Failures' },
      ],
      links: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/', 'https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#use-environment-variables-to-define-arguments'],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report, settings }) {
    forEachContainer(resource, ({ container, name, path }) => {
      for (const field of ['command', 'args'] as const) {
        const items = container[field];
        if (!Array.isArray(items)) continue;
        items.forEach((item, index) => {
          if (typeof item !== 'string' || item.trim() === '' || isEncryptedValue(item)) return;
          const located = (): { path: NodePath; secret: true; container: string; fix: string } => ({ path: [...path, field, index], secret: true, container: name, fix: FIX });
          // A flag that configures a secret rather than holding one (`--password-hash=bcrypt`) is no assignment of it.
          const matches = detectSecrets(item, { assignments: true, entropy: false }).filter(
            (match) => match.name === undefined || (secretPropertyName(match.name) !== undefined && !isAllowListed(match.name, settings.secretAllowList)),
          );
          if (matches.length > 0) {
            report({ ...located(), message: `${field} item ${index} of container "${name}" contains ${describeSecretMatches(matches)}.`, textOffset: firstMatchOffset(matches) });
            return;
          }
          // `--password hunter2`: the flag before this item names it.
          const flag = index > 0 ? LONE_FLAG.exec(String(items[index - 1]))?.[1] : undefined;
          const nameMatch = flag === undefined || isAllowListed(flag, settings.secretAllowList) ? undefined : secretPropertyName(flag);
          if (!nameMatch || item.startsWith('-') || isUnresolved(item) || literalExemption(item) !== undefined) return;
          report({ ...located(), message: `${field} item ${index} of container "${name}" is the literal value of flag "${String(items[index - 1])}", whose name says it is a secret ("${nameMatch.said}").` });
        });
      }
    });
  },
});
