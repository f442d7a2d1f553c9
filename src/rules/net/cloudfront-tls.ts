import { propsOf } from '../../graph/network.js';
import type { JsonObject, JsonValue, NodePath, Resource, Severity } from '../../model/types.js';
import { asArray, asBoolean, asString, isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleReport } from '../rule.js';

const FIX =
  'Set `ViewerProtocolPolicy: redirect-to-https` (Terraform `viewer_protocol_policy = "redirect-to-https"`) on every cache behavior; serve the distribution from an alias with an ACM certificate, `SslSupportMethod: sni-only` and `MinimumProtocolVersion: TLSv1.2_2021` or later; reach custom origins with `OriginProtocolPolicy: https-only` and `OriginSSLProtocols: [TLSv1.2]`.';

/** Viewer security policies that still accept SSLv3, TLS 1.0 or TLS 1.1. */
const WEAK_VIEWER_POLICIES: ReadonlySet<string> = new Set(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016']);
/** Origin protocols older than TLS 1.2, and how bad each is. */
const OLD_ORIGIN_PROTOCOLS: ReadonlyMap<string, Severity> = new Map([
  ['SSLv3', 'medium'],
  ['TLSv1', 'low'],
  ['TLSv1.1', 'low'],
]);
/**
 * S3 website endpoints serve HTTP only: written out (`bucket.s3-website-us-east-1.amazonaws.com`,
 * `bucket.s3-website.eu-west-1.amazonaws.com`) or read from the bucket (`!GetAtt Bucket.WebsiteURL`, Terraform
 * `website_endpoint`).
 */
const S3_WEBSITE_ENDPOINT = /\.s3-website[.-]|WebsiteURL|website_endpoint/;

/** The property names of one artifact: CloudFormation's inside `DistributionConfig`, Terraform's at the top of the body. */
interface Names {
  enabled: string;
  viewerCertificate: string;
  defaultCertificate: string;
  acmCertificate: string;
  iamCertificate: string;
  minimumProtocolVersion: string;
  defaultBehavior: string;
  behaviors: string;
  pathPattern: string;
  viewerProtocolPolicy: string;
  origins: string;
  originId: string;
  domainName: string;
  customOriginConfig: string;
  originProtocolPolicy: string;
  originSslProtocols: string;
}

const CFN: Names = {
  enabled: 'Enabled',
  viewerCertificate: 'ViewerCertificate',
  defaultCertificate: 'CloudFrontDefaultCertificate',
  acmCertificate: 'AcmCertificateArn',
  iamCertificate: 'IamCertificateId',
  minimumProtocolVersion: 'MinimumProtocolVersion',
  defaultBehavior: 'DefaultCacheBehavior',
  behaviors: 'CacheBehaviors',
  pathPattern: 'PathPattern',
  viewerProtocolPolicy: 'ViewerProtocolPolicy',
  origins: 'Origins',
  originId: 'Id',
  domainName: 'DomainName',
  customOriginConfig: 'CustomOriginConfig',
  originProtocolPolicy: 'OriginProtocolPolicy',
  originSslProtocols: 'OriginSSLProtocols',
};

const TF: Names = {
  enabled: 'enabled',
  viewerCertificate: 'viewer_certificate',
  defaultCertificate: 'cloudfront_default_certificate',
  acmCertificate: 'acm_certificate_arn',
  iamCertificate: 'iam_certificate_id',
  minimumProtocolVersion: 'minimum_protocol_version',
  defaultBehavior: 'default_cache_behavior',
  behaviors: 'ordered_cache_behavior',
  pathPattern: 'path_pattern',
  viewerProtocolPolicy: 'viewer_protocol_policy',
  origins: 'origin',
  originId: 'origin_id',
  domainName: 'domain_name',
  customOriginConfig: 'custom_origin_config',
  originProtocolPolicy: 'origin_protocol_policy',
  originSslProtocols: 'origin_ssl_protocols',
};

/** A CloudFormation object, or a Terraform block (a list of one object), with its path; undefined when absent or unknown. */
function objectAt(value: JsonValue | undefined, path: NodePath): { object: JsonObject; path: NodePath } | undefined {
  if (Array.isArray(value)) return value.length === 1 ? objectAt(value[0], [...path, 0]) : undefined;
  return isObject(value) && !isUnknown(value) ? { object: value, path } : undefined;
}

/** A literal string setting; undefined when absent or unresolved. */
function literal(value: JsonValue | undefined): string | undefined {
  const text = asString(value);
  return text === undefined || isUnknown(value) ? undefined : text;
}

/** A setting that is given: Terraform's `null` (an optional input left out) is not. */
function isSet(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== null;
}

function checkViewerCertificate(config: JsonObject, base: NodePath, names: Names, distribution: string, report: (r: RuleReport) => void): void {
  const certificateValue = config[names.viewerCertificate];
  const certificate = objectAt(certificateValue, [...base, names.viewerCertificate]);
  // Written but unresolved (a condition, an unexpanded `dynamic` block): unknown.
  if (certificateValue !== undefined && !certificate) return;
  const custom = certificate !== undefined && (isSet(certificate.object[names.acmCertificate]) || isSet(certificate.object[names.iamCertificate]));
  if (!custom) {
    // No viewer certificate (CloudFormation's default) or the default one: the *.cloudfront.net certificate.
    const defaultFlag = certificate?.object[names.defaultCertificate];
    if (certificate && defaultFlag !== undefined && asBoolean(defaultFlag) !== true) return; // unresolved, or a malformed configuration
    report({
      path: certificate ? [...certificate.path, ...(defaultFlag === undefined ? [] : [names.defaultCertificate])] : base,
      severity: 'low',
      key: 'default-certificate',
      message: `CloudFront distribution ${distribution} serves HTTPS with the default *.cloudfront.net certificate, whose security policy CloudFront fixes at TLSv1 whatever the configuration says: viewers may connect with TLS 1.0 and 1.1.`,
      fix: 'Serve the distribution from an alias (alternate domain name) with an ACM certificate in us-east-1, `SslSupportMethod: sni-only` and `MinimumProtocolVersion: TLSv1.2_2021` or later.',
    });
    return;
  }
  const versionValue = certificate.object[names.minimumProtocolVersion];
  if (!isSet(versionValue)) {
    // CloudFront's default security policy for a custom certificate is TLSv1 (so is the Terraform provider's).
    report({
      path: certificate.path,
      key: 'viewer-policy',
      message: `CloudFront distribution ${distribution} uses a custom certificate without \`${names.minimumProtocolVersion}\`, which then defaults to TLSv1: viewers may connect with TLS 1.0 and 1.1.`,
      fix: FIX,
    });
    return;
  }
  const version = literal(versionValue);
  if (version === undefined || !WEAK_VIEWER_POLICIES.has(version)) return;
  report({
    path: [...certificate.path, names.minimumProtocolVersion],
    key: 'viewer-policy',
    message: `CloudFront distribution ${distribution} accepts viewers with the ${version} security policy, which allows protocols older than TLS 1.2.`,
    fix: FIX,
  });
}

function checkBehaviors(config: JsonObject, base: NodePath, names: Names, distribution: string, report: (r: RuleReport) => void): void {
  const behaviors: Array<{ object: JsonObject; path: NodePath; what: string }> = [];
  const defaultBehavior = objectAt(config[names.defaultBehavior], [...base, names.defaultBehavior]);
  if (defaultBehavior) behaviors.push({ ...defaultBehavior, what: 'The default cache behavior' });
  asArray(config[names.behaviors]).forEach((item, index) => {
    const behavior = objectAt(item, [...base, names.behaviors, index]);
    if (!behavior) return;
    const pattern = literal(behavior.object[names.pathPattern]);
    behaviors.push({ ...behavior, what: pattern === undefined ? `Cache behavior ${index}` : `The cache behavior for ${pattern}` });
  });
  for (const behavior of behaviors) {
    if (literal(behavior.object[names.viewerProtocolPolicy]) !== 'allow-all') continue;
    report({
      path: [...behavior.path, names.viewerProtocolPolicy],
      message: `${behavior.what} of CloudFront distribution ${distribution} serves viewers over plain HTTP (\`allow-all\`) instead of redirecting them to HTTPS: requests and responses cross the internet unencrypted.`,
      fix: FIX,
    });
  }
}

function checkOrigin(origin: JsonObject, path: NodePath, names: Names, domainName: JsonValue | undefined, what: string, report: (r: RuleReport) => void): void {
  const policy = literal(origin[names.originProtocolPolicy]);
  if (policy === 'http-only') {
    const s3Website = domainName !== undefined && S3_WEBSITE_ENDPOINT.test(JSON.stringify(domainName));
    report({
      path: [...path, names.originProtocolPolicy],
      severity: s3Website ? 'low' : 'medium',
      message: s3Website
        ? `CloudFront reaches ${what}, an S3 website endpoint, over plain HTTP (S3 website endpoints serve no HTTPS): the hop from the edge to S3 is unencrypted.`
        : `CloudFront reaches ${what} over plain HTTP (\`http-only\`): the hop from the edge to the origin crosses the internet unencrypted.`,
      fix: s3Website
        ? 'Use the bucket\'s REST endpoint as an S3 origin with origin access control (and the bucket\'s website features in CloudFront: default root object, error pages), so that CloudFront reaches it over HTTPS.'
        : 'Set `OriginProtocolPolicy: https-only` (Terraform `origin_protocol_policy = "https-only"`) and serve HTTPS on the origin (an HTTPS listener with an ACM certificate on its load balancer).',
    });
    return;
  }
  if (policy === undefined) return;
  const listPath: NodePath = [...path, names.originSslProtocols];
  const old = asArray(origin[names.originSslProtocols]).flatMap((entry, index) => {
    const protocol = literal(entry);
    const severity = protocol === undefined ? undefined : OLD_ORIGIN_PROTOCOLS.get(protocol);
    return protocol === undefined || severity === undefined ? [] : [{ protocol, severity, index }];
  });
  const first = old[0];
  if (!first) return;
  report({
    path: [...listPath, first.index],
    severity: old.some(({ severity }) => severity === 'medium') ? 'medium' : 'low',
    message: `CloudFront may reach ${what} over ${old.map(({ protocol }) => protocol).join(', ')}, older than TLS 1.2: whoever sits between the edge and the origin can negotiate it down.`,
    fix: 'List only `TLSv1.2` in `OriginSSLProtocols` (Terraform `origin_ssl_protocols = ["TLSv1.2"]`).',
  });
}

function checkOrigins(config: JsonObject, base: NodePath, names: Names, terraform: boolean, distribution: string, report: (r: RuleReport) => void): void {
  asArray(config[names.origins]).forEach((item, index) => {
    if (!isObject(item) || isUnknown(item)) return;
    const custom = objectAt(item[names.customOriginConfig], [...base, names.origins, index, names.customOriginConfig]);
    if (!custom) return;
    const id = literal(item[names.originId]);
    checkOrigin(custom.object, custom.path, names, item[names.domainName], `origin ${id ?? String(index)} of distribution ${distribution}`, report);
  });
  // CloudFormation's legacy single origin (`CustomOrigin`, with `DNSName`).
  if (terraform) return;
  const legacy = objectAt(config.CustomOrigin, [...base, 'CustomOrigin']);
  if (legacy) checkOrigin(legacy.object, legacy.path, names, legacy.object.DNSName, `the custom origin of distribution ${distribution}`, report);
}

function check(resource: Resource, report: (r: RuleReport) => void): void {
  const terraform = resource.artifact === 'terraform';
  const names = terraform ? TF : CFN;
  const { props, path } = propsOf(resource);
  const config = terraform ? { object: props, path } : objectAt(props.DistributionConfig, [...path, 'DistributionConfig']);
  if (!config) return;
  // A disabled distribution serves nothing.
  if (asBoolean(config.object[names.enabled]) === false) return;
  const distribution = terraform ? resource.name : `"${resource.name}"`;
  checkViewerCertificate(config.object, config.path, names, distribution, report);
  checkBehaviors(config.object, config.path, names, distribution, report);
  checkOrigins(config.object, config.path, names, terraform, distribution, report);
}

export default createRule({
  meta: {
    id: 'net/cloudfront-tls',
    title: 'CloudFront distributions must serve and fetch over TLS 1.2 or later, and redirect HTTP to HTTPS',
    severity: 'high',
    otherSeverities: ['medium', 'low'],
    seedPoints: ['NET-5'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'CloudFront distributions (CloudFormation `AWS::CloudFront::Distribution`, Terraform `aws_cloudfront_distribution`) in front of an application: reports cache behaviors (the default one and each ordered one) whose viewer protocol policy is `allow-all` (plain HTTP served, no redirect; high); a custom viewer certificate with a security policy that accepts protocols older than TLS 1.2 (`SSLv3`, `TLSv1`, `TLSv1_2016`, `TLSv1.1_2016`, or none: CloudFront\'s default is `TLSv1`; high); the default *.cloudfront.net certificate (or no viewer certificate), whose security policy CloudFront fixes at TLSv1 (low: only a custom domain can raise it); custom origins reached over plain HTTP (`http-only`; medium, low for an S3 website endpoint, which serves no HTTPS); and custom origins that may be reached with SSLv3 (medium) or TLS 1.0 / 1.1 (low). Disabled distributions are not checked.',
    rationale:
      'CloudFront terminates the viewers\' TLS and opens its own connection to the origin: both hops must be encrypted with a current protocol for the traffic to be protected end to end. A behavior that serves HTTP exposes requests, cookies and tokens on the viewer\'s network; an origin fetched over HTTP exposes them again between the edge and the load balancer, across the internet. TLS 1.0 and 1.1 are deprecated (RFC 8996), and SSLv3 is broken (POODLE).',
    remediation: FIX,
    limitations:
      'Unresolved values (parameters without defaults, variables without defaults or values, `dynamic` blocks over unknown collections) are unknown and not reported. `TLSv1.2_2018` and `TLSv1.2_2019` are accepted as TLS 1.2 policies (the seed asks for TLS 1.2 or later), although AWS Security Hub CloudFront.15 recommends `TLSv1.2_2021` or later. An origin with `match-viewer` is not reported on its own: it uses HTTP only for behaviors that serve HTTP, which are reported. A custom origin without `OriginSSLProtocols` is not reported (the default has changed over time). S3 REST origins and VPC origins are reached over HTTPS or inside AWS and are not checked.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_AWS_34' },
        { tool: 'checkov', id: 'CKV_AWS_174' },
        { tool: 'trivy', id: 'AVD-AWS-0012' },
        { tool: 'trivy', id: 'AVD-AWS-0013' },
        { tool: 'cdk-nag', id: 'AwsSolutions-CFR4' },
        { tool: 'cdk-nag', id: 'AwsSolutions-CFR5' },
        { tool: 'prowler', id: 'cloudfront_distributions_https_enabled' },
        { tool: 'prowler', id: 'cloudfront_distributions_origin_traffic_encrypted' },
        { tool: 'prowler', id: 'cloudfront_distributions_using_deprecated_ssl_protocols' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'CloudFront.3' },
        { framework: 'AWS FSBP', id: 'CloudFront.9' },
        { framework: 'AWS FSBP', id: 'CloudFront.10' },
      ],
      links: [
        'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
        'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
      ],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.type === 'AWS::CloudFront::Distribution' || resource.type === 'aws_cloudfront_distribution',
  check({ resource, report }) {
    check(resource, report);
  },
});
