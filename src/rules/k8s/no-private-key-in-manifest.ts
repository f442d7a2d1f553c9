import { forEachContainer, isCustomResource, podTemplatesOf } from '../../graph/kubernetes.js';
import type { JsonValue, NodePath, PathSegment, Resource } from '../../model/types.js';
import { findPrivateKey, isEncryptedValue, isSopsEncryptedObject, type PrivateKeyMatch } from '../../secrets/detectors.js';
import { asArray, asObject, asString, dottedPath, getPath } from '../../util/json.js';
import type { RuleContext } from '../rule.js';
import { isEmbeddedManifestText, isEmbeddedObjectBody } from '../../loaders/embedded-registry.js';
import { createRule } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

const FIX =
  'Do not commit private keys. Issue the certificate automatically: cert-manager (a Certificate or an issuer annotation on the Ingress, with an ACME, AWS Private CA or Vault issuer) writes the key into the Secret inside the cluster, or terminate TLS on an AWS load balancer with an ACM certificate (DNS validation). For other keys, keep them in AWS Secrets Manager and sync them with External Secrets Operator or the Secrets Store CSI driver. Revoke and replace the committed key.';

export default createRule({
  meta: {
    id: 'k8s/no-private-key-in-manifest',
    title: 'Manifests must not contain private keys',
    severity: 'critical',
    seedPoints: ['NET-6'],
    artifacts: ['kubernetes'],
    description:
      'Reports a private key block (PEM `BEGIN ... PRIVATE KEY`, OpenSSH, PGP, PuTTY) anywhere a manifest can carry one: `kubernetes.io/tls` Secrets that carry a non-empty `tls.key`, Secret (`data`, base64-decoded, and `stringData`) and ConfigMap (`data`, and `binaryData` decoded) entries, annotations of any object and of its pod templates, environment variable values and `command` / `args` items of any container, and any string of a custom resource (an API group other than Kubernetes\' own, outside `metadata` and pod templates: an operator\'s signing key, Helm values of an Argo CD Application, a Crossplane or Flux object), at the field holding it (inside a multi-line string, on the key\'s first line). A key cut off before its `END` line counts when two key lines at least follow its header; a header alone (a script that looks for keys) does not.',
    rationale:
      'A private key in a manifest is in the repository history, in every clone, CI log and GitOps cache, and can no longer be assumed secret: anyone with it can impersonate the service or decrypt captured traffic. Committed certificates are also renewed by hand, and expire. Keys generated in the cluster by cert-manager, or kept by ACM on the load balancer, never leave their store and are rotated automatically.',
    remediation: FIX,
    limitations:
      'SOPS-encrypted manifests and values are skipped (ciphertext). A key stored as binary DER in `data` is only caught through the `tls.key` entry of a TLS Secret, and base64-encoded keys outside Secret and ConfigMap data are not decoded. A key in an annotation, an environment variable or an argument is also a literal secret, reported as such (RUN-4) by k8s/no-secrets-in-annotations, k8s/no-plaintext-secret-env and k8s/no-secrets-in-args. Encrypted private keys are reported too: the passphrase is usually nearby.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Secrets' },
        { framework: 'AWS EKS Best Practices', id: 'Encryption in transit: automate certificates (ACM, cert-manager)' },
      ],
      links: ['https://cert-manager.io/docs/usage/ingress/', 'https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.artifact === 'kubernetes',
  check({ resource, report }) {
    const body = resource.body;
    if (isSopsEncryptedObject(body)) return;
    // Paths are built only for strings that may hold a key: this runs over every string field named below.
    const checkString = (value: JsonValue | undefined, path: () => NodePath): void => {
      if (typeof value !== 'string' || !mayHoldPrivateKey(value) || isEncryptedValue(value) || isUnresolved(value)) return;
      const found = findPrivateKey(value);
      if (!found) return;
      const at = path();
      report({ path: at, secret: true, message: `${resource.type} "${resource.name}" field ${dottedPath(at)} contains ${describeKey(found)}.`, fix: FIX, textOffset: found.offset });
    };
    const annotations = asObject(asObject(body.metadata)?.annotations);
    for (const name in annotations) checkString(annotations[name], () => ['metadata', 'annotations', name]);
    const custom = isCustomResource(resource);
    // Pod template annotations (a custom resource's are read with the rest of its fields below).
    if (!custom) {
      for (const pod of podTemplatesOf(resource)) {
        const podAnnotations = asObject(asObject(getPath(body, pod.metadataPath))?.annotations);
        for (const name in podAnnotations) checkString(podAnnotations[name], () => [...pod.metadataPath, 'annotations', name]);
      }
    }
    forEachContainer(resource, ({ container, path }) => {
      asArray(container.env).forEach((entry, index) => checkString(asObject(entry)?.value, () => [...path, 'env', index, 'value']));
      for (const field of ['command', 'args'] as const) asArray(container[field]).forEach((item, index) => checkString(item, () => [...path, field, index]));
    });
    if (custom) checkCustomResource(resource, checkString);
    if ((resource.type === 'Secret' || resource.type === 'ConfigMap') && (resource.apiVersion === undefined || resource.apiVersion === 'v1')) checkData(resource, report);
  },
});

/** Secret and ConfigMap entries, base64-decoded where Kubernetes stores them so; a TLS Secret's `tls.key` whatever it holds. */
function checkData(resource: Resource, report: RuleContext['report']): void {
  const body = resource.body;
  const tlsSecret = resource.type === 'Secret' && asString(body.type) === 'kubernetes.io/tls';
  const fields = resource.type === 'Secret' ? (['data', 'stringData'] as const) : (['data', 'binaryData'] as const);
  const kind = resource.type === 'Secret' ? 'Secret' : 'ConfigMap';
  for (const field of fields) {
    const entries = asObject(body[field]);
    if (!entries) continue;
    for (const [key, raw] of Object.entries(entries)) {
      if (typeof raw !== 'string' || raw.trim() === '' || isEncryptedValue(raw) || isUnresolved(raw)) continue;
      const encoded = field === 'data' ? resource.type === 'Secret' : field === 'binaryData';
      const text = encoded ? decodeBase64(raw) ?? raw : raw;
      const found = findPrivateKey(text);
      if (tlsSecret && key === 'tls.key') {
        report({
          path: [field, key],
          secret: true,
          message: `TLS Secret "${resource.name}" commits its private key (tls.key${found ? `, ${describeKey(found)}` : ''}): the certificate is managed by hand instead of by cert-manager or ACM.`,
          fix: FIX,
        });
        continue;
      }
      if (!found) continue;
      report({
        path: [field, key],
        secret: true,
        message: `${kind} "${resource.name}" key "${key}" contains ${describeKey(found)}.`,
        fix: FIX,
        textOffset: text === raw ? found.offset : undefined,
      });
    }
  }
}

/** Deeper than any real custom resource: a guard against hostile nesting (the loaders bound it too). */
const MAX_DEPTH = 64;

/**
 * Every string of a custom resource, outside `metadata`, its pod templates (checked as above) and the objects or
 * manifests it embeds (checked as objects of their own).
 */
function checkCustomResource(resource: Resource, checkString: (value: string, path: () => NodePath) => void): void {
  const podSpecs = new Set<JsonValue | undefined>(podTemplatesOf(resource).map((pod) => getPath(resource.body, pod.specPath)));
  // One path, grown and shrunk along the walk, copied only for a finding.
  const path: PathSegment[] = [];
  const visit = (value: JsonValue): void => {
    if (typeof value === 'string') {
      if (!isEmbeddedManifestText(resource, value)) checkString(value, () => [...path]);
      return;
    }
    if (value === null || typeof value !== 'object' || path.length >= MAX_DEPTH || podSpecs.has(value) || isEmbeddedObjectBody(resource, value)) return;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        visit(value[index] ?? null);
        path.pop();
      }
      return;
    }
    for (const key in value) {
      const item = value[key];
      if (item === undefined || (path.length === 0 && key === 'metadata')) continue;
      path.push(key);
      visit(item);
      path.pop();
    }
  };
  visit(resource.body);
}

/** The words findPrivateKey needs: most strings have neither, and are passed over at once. */
function mayHoldPrivateKey(text: string): boolean {
  return text.includes('PRIVATE') || text.includes('PuTTY');
}

function describeKey(found: PrivateKeyMatch): string {
  const what = found.kind === 'PuTTY' ? 'a PuTTY private key' : `a PEM private key (${found.kind})`;
  return found.encrypted ? `${what}, encrypted` : what;
}

/** Lenient base64 decoding (Secret `data`); undefined when the value is not base64. */
function decodeBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  try {
    return Buffer.from(compact, 'base64').toString('latin1');
  } catch {
    return undefined;
  }
}
