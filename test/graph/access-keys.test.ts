import { describe, expect, it } from 'vitest';
import { accessKeyUsedAt } from '../../src/graph/access-keys.js';
import { loadSources } from '../../src/loaders/sources.js';

/** The first Kubernetes object of a manifest, as the access-key look-up sees it. */
async function kubernetesObject(): Promise<Parameters<typeof accessKeyUsedAt>[0]> {
  const loaded = await loadSources([{ path: 'pod.yaml', explicit: true, text: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: c }]\n' }]);
  const resource = loaded.resources[0];
  if (!resource) throw new Error('no resource');
  return resource;
}

describe('accessKeyUsedAt on text left by Terraform', () => {
  it('names the part handed on, the secret first; digests and lengths are not the credential', async () => {
    const resource = await kubernetesObject();
    const at = (value: string) => accessKeyUsedAt(resource, [], value);
    expect(at('${aws_iam_access_key.ci.id}:${aws_iam_access_key.ci.secret}')).toEqual({ key: 'aws_iam_access_key.ci', part: 'secret access key' });
    expect(at('${nonsensitive(aws_iam_access_key.ci["a.b"].ses_smtp_password_v4)}')).toEqual({ key: 'aws_iam_access_key.ci["a.b"]', part: 'SES SMTP password' });
    expect(at('${resource.aws_iam_access_key.ci.id}')).toEqual({ key: 'aws_iam_access_key.ci', part: 'key ID' });
    expect(at('${sha256(aws_iam_access_key.ci.secret)}')).toBeUndefined();
    expect(at('${length(tostring(aws_iam_access_key.ci.secret))}')).toBeUndefined();
    expect(at('${length(aws_iam_access_key.ci.id) > 0 ? aws_iam_access_key.ci.id : ""}')).toEqual({ key: 'aws_iam_access_key.ci', part: 'key ID' });
    expect(at('${aws_iam_access_key.ci.create_date}')).toBeUndefined();
  });

  it('hostile text is read in one pass: no backtracking on long prefixes, no rescanning for each reference', async () => {
    const resource = await kubernetesObject();
    // Before, these took seconds (the first grew with the square of its length).
    expect(accessKeyUsedAt(resource, [], `\${${'module.m.'.repeat(100_000)}x}`)).toBeUndefined();
    expect(accessKeyUsedAt(resource, [], '${sha256(aws_iam_access_key.k.id)}'.repeat(50_000))).toBeUndefined();
    expect(accessKeyUsedAt(resource, [], `${'('.repeat(100_000)}aws_iam_access_key.k.secret`)).toEqual({ key: 'aws_iam_access_key.k', part: 'secret access key' });
  });
});
