/** Hostile inputs shared by the scan() and CLI bad-input tests. */

export const GOOD_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: good\nspec:\n  containers:\n  - name: c\n    image: x\n    securityContext:\n      runAsUser: 0\n';

/** A classic "billion laughs": 9 levels of 9 aliases each, 9^9 nodes if expanded. */
export function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: lol}', 'data:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  let previous = 'a';
  for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
    lines.push(`  ${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
    previous = name;
  }
  return `${lines.join('\n')}\n`;
}

const DEPTH = 10_000;
export const deepJson = (): string => `{"apiVersion": "v1", "kind": "ConfigMap", "data": ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`;
export const deepFlowYaml = (): string => `apiVersion: v1\nkind: ConfigMap\ndata: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`;
/** Block style nested by indentation: 10,000 levels need 50 MB of indentation. */
export const deepBlockYaml = (): string => {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'data:'];
  for (let depth = 1; depth <= DEPTH; depth++) lines.push(`${' '.repeat(depth)}k:`);
  return `${lines.join('\n')}\n`;
};
export const deepCompactYaml = (): string => `apiVersion: v1\nkind: ConfigMap\ndata:\n${'- '.repeat(DEPTH)}x\n`;
