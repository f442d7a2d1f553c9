import { describe, expect, it } from 'vitest';
import {
  actionMatches,
  awsManagedPolicyName,
  isAllResources,
  lacksResourceLevelPermissions,
  patternCovers,
  statementCoversAction,
  type PolicyStatement,
} from '../../../src/graph/iam.js';

describe('IAM policy model', () => {
  it('matches actions by service prefix and wildcards, case-insensitively', () => {
    expect(actionMatches('ecs:*', 'ecs:RunTask')).toBe(true);
    expect(actionMatches('*', 'iam:PassRole')).toBe(true);
    expect(actionMatches('s3:Get*', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:get*', 'S3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get*', 's3:PutObject')).toBe(false);
    expect(actionMatches('ecs:*', 'ecr:PutImage')).toBe(false);
    expect(actionMatches('iam:Pass?ole', 'iam:PassRole')).toBe(true);
  });

  it('compares patterns soundly', () => {
    expect(patternCovers('s3:*', 's3:Get*')).toBe(true);
    expect(patternCovers('*', 'anything')).toBe(true);
    expect(patternCovers('s3:Get*', 's3:*')).toBe(false);
    expect(patternCovers('s3:Get?bject', 's3:Get*')).toBe(false);
    expect(patternCovers('arn:aws:s3:::*', 'arn:aws:s3:::b/*')).toBe(true);
  });

  it('knows actions without resource-level permissions (logs:CreateLogGroup has them)', () => {
    expect(lacksResourceLevelPermissions('ecr:GetAuthorizationToken')).toBe(true);
    expect(lacksResourceLevelPermissions('ec2:DescribeInstances')).toBe(true);
    expect(lacksResourceLevelPermissions('ec2:Describe*')).toBe(true);
    expect(lacksResourceLevelPermissions('ec2:*')).toBe(false);
    expect(lacksResourceLevelPermissions('logs:CreateLogGroup')).toBe(false);
    expect(lacksResourceLevelPermissions('xray:*')).toBe(false);
  });

  it('recognizes all-resources patterns', () => {
    expect(isAllResources('*')).toBe(true);
    expect(isAllResources('arn:aws:logs:*:*:*')).toBe(true);
    expect(isAllResources('arn:aws:s3:::*')).toBe(true);
    expect(isAllResources('arn:aws:ecr:*:*:repository/*')).toBe(true);
    expect(isAllResources('arn:aws:s3:::bucket/*')).toBe(false);
    // A wildcard matches `:` too: `*/*` is every ARN with a path (every object of every bucket).
    expect(isAllResources('*/*')).toBe(true);
    expect(isAllResources('*/logs/*')).toBe(false);
    expect(isAllResources('arn:aws:ecr:eu-west-1:123456789012:repository/app')).toBe(false);
  });

  it('applies NotAction semantics', () => {
    const statement = (fields: Partial<PolicyStatement>): PolicyStatement => ({ index: 0, path: [], body: {}, effect: 'Allow', conditions: [], conditionUnknown: false, ...fields });
    const notIam = statement({ notAction: { key: 'NotAction', path: [], values: [{ value: 'iam:*', path: [] }], unknown: false, named: [], unresolved: [] } });
    expect(statementCoversAction(notIam, 's3:GetObject')).toBe(true);
    expect(statementCoversAction(notIam, 'iam:PassRole')).toBe(false);
    const unknown = statement({ action: { key: 'Action', path: [], values: [], unknown: true, named: [], unresolved: [{ raw: { Ref: 'X' }, path: [] }] } });
    expect(statementCoversAction(unknown, 's3:GetObject')).toBeUndefined();
  });

  it('reads AWS managed policy names from literals, Fn::Sub and Fn::Join', () => {
    expect(awsManagedPolicyName('arn:aws:iam::aws:policy/AdministratorAccess')).toBe('AdministratorAccess');
    expect(awsManagedPolicyName({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' })).toBe('AmazonECSTaskExecutionRolePolicy');
    expect(awsManagedPolicyName({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/PowerUserAccess']] })).toBe('PowerUserAccess');
    expect(awsManagedPolicyName('arn:aws:iam::123456789012:policy/AdministratorAccess')).toBeUndefined();
    expect(awsManagedPolicyName({ Ref: 'PolicyArn' })).toBeUndefined();
  });
});
