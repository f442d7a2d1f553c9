import { parseYamlStream } from './src/loaders/yaml.js';
const text = 'a:\n  b: !Ref X\n  c: !Not [ !Equals [!Ref R, ""] ]\n  d: !If\n    - Cond\n    - !Ref Y\n  e: !Base64\n    Fn::Sub: x\n  f: !GetAZs\n  g: !Sub "q"  # c\n  h: last\n';
const slow = parseYamlStream(text, { cloudformation: true, fast: false }).documents[0]!;
for (const p of [['a','b'], ['a','b','Ref'], ['a','c'], ['a','c','Fn::Not'], ['a','c','Fn::Not',0], ['a','d'], ['a','d','Fn::If',1], ['a','e'], ['a','e','Fn::Base64'], ['a','f'], ['a','g'], ['a']]) {
  console.log(JSON.stringify(p), JSON.stringify(slow.sourceMap.locate(p)), JSON.stringify(slow.sourceMap.locateValue(p)));
}
