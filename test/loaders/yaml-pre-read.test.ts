import { describe, expect, it } from 'vitest';
import { loadFile, yamlTextOf } from '../../src/loaders/index.js';
import { parseYamlStream, preReadYamlStream, MAX_YAML_NESTING_DEPTH } from '../../src/loaders/yaml.js';

/** What a worker thread's result looks like once posted: a structured clone. */
const posted = <T>(value: T): T => structuredClone(value);

const FAST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p # c\nspec:\n  containers:\n    - name: a\n      image: app\n---\nkind: ConfigMap\napiVersion: v1\nmetadata: { name: m }\ndata:\n  on: yes\n';
const SLOW = 'base: &base\n  image: app\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - <<: *base\n      name: a\n';
const TOO_DEEP = `${'- '.repeat(MAX_YAML_NESTING_DEPTH + 5)}x\n`;
const CFN = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "${AWS::StackName}-b"\n      Tags: !If [C, [], !Ref AWS::NoValue]\n';

describe('YAML pre-read (the worker-thread half of parseYamlStream)', () => {
  it.each([
    ['a fast-path stream', FAST, 'fast'],
    ['a stream the yaml library reads', SLOW, 'slow'],
    ['a stream nested too deep', TOO_DEEP, 'too-deep'],
    ['CloudFormation short forms', CFN, 'fast'],
  ])('%s gives the same documents, problems and locations after a round trip', (_name, text, kind) => {
    const options = { cloudformation: true };
    const preRead = preReadYamlStream(text, options);
    expect(preRead.kind).toBe(kind);
    const direct = parseYamlStream(text, options);
    const viaWorker = parseYamlStream(text, options, posted(preRead));
    expect(viaWorker.problems).toEqual(direct.problems);
    expect(viaWorker.documents.map((doc) => doc.data)).toEqual(direct.documents.map((doc) => doc.data));
    const paths = [['metadata', 'name'], ['spec', 'containers', 0, 'image'], ['data', 'true'], ['Resources', 'Bucket', 'Properties', 'Tags']];
    for (const [index, doc] of direct.documents.entries()) {
      for (const path of paths) expect(viaWorker.documents[index]?.sourceMap.locate(path)).toEqual(doc.sourceMap.locate(path));
    }
  });

  it('loadFile takes a pre-read for the text yamlTextOf names, and not for JSON-looking files', () => {
    const input = { path: 'pod.yaml', text: `\ufeff${FAST}` };
    const text = yamlTextOf(input);
    expect(text).toBe(FAST);
    const loaded = loadFile(input, { explicit: false, yaml: posted(preReadYamlStream(FAST, { cloudformation: true })) });
    const direct = loadFile(input, { explicit: false });
    const summary = (result: typeof loaded) =>
      result.resources.map((resource) => [resource.name, resource.body, resource.document.sourceMap.locate([...resource.basePath, 'metadata'])]);
    expect(summary(loaded)).toEqual(summary(direct));
    expect(loaded.resources.map((resource) => resource.name)).toEqual(['p', 'm']);
    expect(yamlTextOf({ path: 'x.json', text: 'a: 1' })).toBeUndefined();
    expect(yamlTextOf({ path: 'x.yaml', text: ' {"a": 1}' })).toBeUndefined();
  });
});
