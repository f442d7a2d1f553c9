import { describe, expect, it } from 'vitest';
import { matchesEveryRole, matchesServiceWide, oidcProviderHost, templateText } from '../../src/graph/iam-arn.js';

describe('iam-arn: ARN patterns with unresolved parts', () => {
  it('templateText: literals, Fn::Sub, Fn::Join, Terraform template strings; other expressions undefined', () => {
    expect(templateText('arn:aws:iam::1:role/*')).toBe('arn:aws:iam::1:role/*');
    expect(templateText({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*' })).toBe('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*');
    expect(templateText({ 'Fn::Sub': ['arn:aws:iam::${A}:role/*', { A: { Ref: 'X' } }] })).toBe('arn:aws:iam::${A}:role/*');
    expect(templateText({ 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':role/*']] })).toBe('arn:aws:iam::${AWS::AccountId}:role/*');
    expect(templateText({ $unknown: '"arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/*"' })).toBe('arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/*');
    expect(templateText({ $unknown: '"a/${replace(x, "https://", "")}"' })).toBe('a/${replace(x, "https://", "")}');
    expect(templateText({ $unknown: 'aws_iam_role.x.arn' })).toBeUndefined();
    expect(templateText({ $unknown: '"a" == var.b ? "c" : "d"' })).toBeUndefined();
    expect(templateText({ Ref: 'RoleArn' })).toBeUndefined();
  });

  it('matchesEveryRole: role/* of a literal, wildcard or unresolved account; not named or prefixed roles', () => {
    for (const yes of ['*', 'arn:aws:iam::*:role/*', 'arn:aws:iam::123456789012:role/*', 'arn:aws:iam::${AWS::AccountId}:role/*', 'arn:${P}:iam::${A}:role/*']) expect(matchesEveryRole(yes)).toBe(true);
    for (const no of ['arn:aws:iam::1:role/app-*', 'arn:aws:iam::${A}:role/${Name}', 'arn:aws:iam::1:user/*', '${RoleArn}', 'arn:aws:s3:::*']) expect(matchesEveryRole(no)).toBe(false);
  });

  it('matchesServiceWide: every resource (of one type) of the service in an account; not S3, not one resource', () => {
    expect(matchesServiceWide('arn:aws:ecs:us-east-1:123456789012:*', 'ecs')).toBe(true);
    expect(matchesServiceWide('arn:aws:ecr:*:123456789012:repository/*', 'ecr')).toBe(true);
    expect(matchesServiceWide('arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:repository/*', 'ecr')).toBe(true);
    expect(matchesServiceWide('arn:aws:ecr:*:123456789012:repository/*', 'ecs')).toBe(false);
    expect(matchesServiceWide('arn:aws:ecr:us-east-1:1:repository/web', 'ecr')).toBe(false);
    expect(matchesServiceWide('arn:aws:ecs:us-east-1:1:service/prod/*', 'ecs')).toBe(false);
    expect(matchesServiceWide('arn:aws:ecr:us-east-1:${A}:repository/${R}', 'ecr')).toBe(false);
    expect(matchesServiceWide('arn:aws:s3:::*', 's3')).toBe(false);
  });

  it('oidcProviderHost: literal host, unresolved host (null), not an OIDC provider ARN (undefined)', () => {
    expect(oidcProviderHost('arn:aws:iam::${AWS::AccountId}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC')).toBe('oidc.eks.us-east-1.amazonaws.com/id/ABC');
    expect(oidcProviderHost('arn:aws:iam::1:oidc-provider/${Host}')).toBeNull();
    expect(oidcProviderHost('arn:aws:iam::1:saml-provider/x')).toBeUndefined();
  });
});
