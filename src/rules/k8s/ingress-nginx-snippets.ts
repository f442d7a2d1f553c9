import { annotationsOf } from '../../graph/kubernetes.js';
import type { Resource } from '../../model/types.js';
import { asObject } from '../../util/json.js';
import { isUnresolved } from '../../util/template.js';
import { createRule } from '../rule.js';

/**
 * Annotations that paste raw NGINX configuration into the controller's: ingress-nginx's (its snippet names under any
 * prefix: the controller's `--annotations-prefix` may replace `nginx.ingress.kubernetes.io`) and F5 NGINX Ingress
 * Controller's.
 */
const SNIPPET_ANNOTATION = /^(nginx\.ingress\.kubernetes\.io\/[a-z-]*-snippet|[a-z0-9.-]+\/(configuration|server|stream|auth|modsecurity)-snippet|nginx\.org\/[a-z-]*-snippets?)$/;

/**
 * Directives that read the controller's files or run code in it: `alias` / `root` onto the service account token
 * (CVE-2021-25742), Lua handlers, `load_module`, `include`, or the token path itself.
 */
const DANGEROUS = /(?:^|[;{}])[ \t]*(alias|root|load_module|include)\s|(\b\w*_by_lua\w*|\blua_\w+|\/var\/run\/secrets|\bserviceaccount\b)/m;

/** The snippet without `#` comments and quoted strings (kept as spaces, so offsets stay those of the value). */
function directiveText(snippet: string): string {
  return snippet.replace(/#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (match) => ' '.repeat(match.length));
}

/** Go's strconv.ParseBool, which the controller reads its ConfigMap with. */
const GO_TRUE: ReadonlySet<string> = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

const ALLOW_KEY = 'allow-snippet-annotations';
const BLOCKLIST_KEY = 'annotation-value-word-blocklist';

const FIX =
  'Remove the snippet and use the dedicated ingress-nginx annotations (redirects, headers, CORS, rate limits have their own), and leave `allow-snippet-annotations` off in the controller ConfigMap (the default since controller 1.9). If a snippet is unavoidable, keep the controller for trusted teams only and set `annotation-value-word-blocklist`.';

function isIngress(resource: Resource): boolean {
  return resource.artifact === 'kubernetes' && resource.type === 'Ingress';
}

function isControllerConfig(resource: Resource): boolean {
  return resource.artifact === 'kubernetes' && resource.type === 'ConfigMap' && asObject(resource.body.data)?.[ALLOW_KEY] !== undefined;
}

export default createRule({
  meta: {
    id: 'k8s/ingress-nginx-snippets',
    title: 'Ingress NGINX snippet annotations must not be used or allowed (CVE-2021-25742)',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports Ingress annotations that paste raw NGINX configuration into the controller: ingress-nginx `nginx.ingress.kubernetes.io/*-snippet` (`configuration-snippet`, `server-snippet`, `stream-snippet`, `auth-snippet`, `modsecurity-snippet`; these names under any other prefix too, which the controller\'s `--annotations-prefix` may set) and F5 NGINX Ingress Controller `nginx.org/*-snippets`. High when the snippet reads files or runs code (`alias` or `root` directives, `*_by_lua*` and `lua_*` directives, `load_module`, `include`, the service account token path `/var/run/secrets` or `serviceaccount`), at that line; medium otherwise. Directives count where NGINX reads them (after `;`, `{` or `}` or at a line start), not in comments or quoted strings. Also a controller ConfigMap that sets `allow-snippet-annotations` true (as the controller reads it, with Go\'s ParseBool: `"true"`, `"1"`, `"t"`): high, or medium when an `annotation-value-word-blocklist` is set.',
    rationale:
      'The ingress-nginx controller runs with a service account that reads every Secret of the cluster. With snippet annotations allowed, whoever may create or edit an Ingress in any namespace writes configuration into that controller: an `alias` onto the token directory, or Lua code, hands them the controller\'s token and so every Secret (CVE-2021-25742). Ingress write access becomes cluster-wide Secret read access, which RBAC least privilege forbids. Since controller 1.9 snippets are off by default, and the project recommends keeping them off.',
    remediation: FIX,
    limitations:
      'Whether the controller in the cluster allows snippets is seen only when its ConfigMap is in the scan; the Helm value `controller.allowSnippetAnnotations` is not read (its rendered ConfigMap is). A snippet without a dangerous directive is still reported (medium): allowing snippets is what opens the path.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_K8S_153' },
        { tool: 'checkov', id: 'CKV_K8S_152' },
        { tool: 'checkov', id: 'CKV_K8S_154' },
        { tool: 'kubescape', id: 'C-0059' },
      ],
      frameworks: [{ framework: 'CVE', id: 'CVE-2021-25742' }],
      links: ['https://github.com/kubernetes/ingress-nginx/issues/7837', 'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#allow-snippet-annotations'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => isIngress(resource) || isControllerConfig(resource),
  check({ resource, report }) {
    if (isControllerConfig(resource)) {
      const data = asObject(resource.body.data) ?? {};
      if (!GO_TRUE.has(String(data[ALLOW_KEY]).trim())) return;
      const blocklist = typeof data[BLOCKLIST_KEY] === 'string' && data[BLOCKLIST_KEY].trim() !== '';
      report({
        path: ['data', ALLOW_KEY],
        ...(blocklist ? { severity: 'medium' as const } : {}),
        message: `ConfigMap "${resource.name}" sets ${ALLOW_KEY} to "${String(data[ALLOW_KEY]).trim()}": every user who may create an Ingress can paste NGINX configuration into the controller, which reads every Secret of the cluster (CVE-2021-25742)${blocklist ? `; ${BLOCKLIST_KEY} narrows what a snippet may contain` : ''}.`,
        fix: FIX,
      });
      return;
    }
    for (const [key, value] of Object.entries(annotationsOf(resource))) {
      if (!SNIPPET_ANNOTATION.test(key) || value.trim() === '' || isUnresolved(value)) continue;
      const match = DANGEROUS.exec(directiveText(value));
      const word = match?.[1] ?? match?.[2];
      const dangerous = match && word !== undefined ? { word, index: match.index + match[0].indexOf(word) } : undefined;
      const path = ['metadata', 'annotations', key];
      if (dangerous) {
        report({
          path,
          textOffset: dangerous.index,
          message: `Ingress "${resource.name}" annotation ${key} has NGINX configuration that reads the controller's files or runs code in it ("${dangerous.word}"): with it, an Ingress author can read the controller's service account token, and so every Secret of the cluster (CVE-2021-25742).`,
          fix: FIX,
        });
      } else {
        report({
          path,
          severity: 'medium',
          message: `Ingress "${resource.name}" uses the snippet annotation ${key}: it works only while the controller allows snippets, which lets every Ingress author in the cluster configure the controller that reads all Secrets (CVE-2021-25742).`,
          fix: FIX,
        });
      }
    }
  },
});
