import { describe, expect, it } from 'vitest';
import { loadFile } from '../../../src/loaders/index.js';
import { ecsTaskDefinition } from '../../../src/graph/ecs.js';

const load = (path: string, text: string) => loadFile({ path, text }, { explicit: true });

describe('task-definition artifact', () => {
  it('reads register-task-definition input: type AWS::ECS::TaskDefinition, name its family', () => {
    const result = load('taskdef.json', JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'web:1' }] }));
    expect(result.errors).toEqual([]);
    expect(result.resources.map((r) => [r.artifact, r.type, r.name, r.basePath])).toEqual([['task-definition', 'AWS::ECS::TaskDefinition', 'web', []]]);
  });

  it('reads describe-task-definition output with the taskDefinition wrapper', () => {
    const result = load('out.json', JSON.stringify({ taskDefinition: { family: 'api', revision: 3, containerDefinitions: [{ name: 'api', image: 'api:1' }] }, tags: [] }));
    expect(result.resources.map((r) => [r.name, r.basePath])).toEqual([['api', ['taskDefinition']]]);
  });

  it('names a task definition without family after its file', () => {
    const result = load('deploy/worker.json', JSON.stringify({ containerDefinitions: [{ name: 'w', image: 'w:1' }] }));
    expect(result.resources.map((r) => r.name)).toEqual(['worker']);
  });

  it('never claims CloudFormation templates or Kubernetes objects', () => {
    const cfn = load('t.json', JSON.stringify({ Resources: { T: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'a' }] } } } }));
    expect(cfn.resources.map((r) => r.artifact)).toEqual(['cloudformation']);
    const k8s = load('k.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ncontainerDefinitions: [{ name: a, image: b }]\n');
    expect(k8s.resources.map((r) => r.artifact)).toEqual(['kubernetes']);
    const other = load('o.json', JSON.stringify({ containerDefinitions: 'nope' }));
    expect(other.resources).toEqual([]);
    const noNames = load('n.json', JSON.stringify({ containerDefinitions: [{ foo: 1 }] }));
    expect(noNames.resources).toEqual([]);
  });

  it('gives one view of CloudFormation and API container definitions', () => {
    const cfn = load('t.yaml', 'Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n      ContainerDefinitions:\n        - Name: a\n          LinuxParameters: { Capabilities: { Add: [SYS_ADMIN] } }\n');
    const task = ecsTaskDefinition(cfn.resources[0]!);
    expect(task?.get('networkMode')).toEqual({ value: 'awsvpc', path: ['Properties', 'NetworkMode'] });
    expect(task?.containers[0]?.get('linuxParameters', 'capabilities', 'add')?.path).toEqual(['Properties', 'ContainerDefinitions', 0, 'LinuxParameters', 'Capabilities', 'Add']);
  });
});
