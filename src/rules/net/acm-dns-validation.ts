import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import { isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { propsOf } from '../../graph/network.js';
import { createRule } from '../rule.js';

const CERTIFICATE_TYPES: ReadonlySet<string> = new Set(['AWS::CertificateManager::Certificate', 'aws_acm_certificate']);
const SERVER_CERTIFICATE_TYPES: ReadonlySet<string> = new Set(['AWS::IAM::ServerCertificate', 'aws_iam_server_certificate']);
const LISTENER_CERT_TYPES: ReadonlySet<string> = new Set([
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerCertificate',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'aws_lb_listener',
  'aws_alb_listener',
  'aws_lb_listener_certificate',
  'aws_alb_listener_certificate',
  'aws_elb',
]);

const IAM_SERVER_CERTIFICATE_ARN = /^arn:aws[a-z-]*:iam::[^:]*:server-certificate\//;

function present(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Certificate ARNs a listener or load balancer names, with their paths. */
function certificateArns(resource: Resource): { value: JsonValue; path: NodePath }[] {
  const { props, path } = propsOf(resource);
  const out: { value: JsonValue; path: NodePath }[] = [];
  const fromList = (key: string, field: string, base: NodePath = path, container = props): void => {
    const list = container[key];
    if (!Array.isArray(list)) return;
    list.forEach((entry, index) => {
      if (isObject(entry) && entry[field] !== undefined) out.push({ value: entry[field] as JsonValue, path: [...base, key, index, field] });
    });
  };
  switch (resource.type) {
    case 'AWS::ElasticLoadBalancingV2::Listener':
    case 'AWS::ElasticLoadBalancingV2::ListenerCertificate':
      fromList('Certificates', 'CertificateArn');
      break;
    case 'AWS::ElasticLoadBalancing::LoadBalancer':
      fromList('Listeners', 'SSLCertificateId');
      break;
    case 'aws_elb':
      fromList('listener', 'ssl_certificate_id');
      break;
    default:
      if (props.certificate_arn !== undefined) out.push({ value: props.certificate_arn, path: ['certificate_arn'] });
  }
  return out;
}

export default createRule({
  meta: {
    id: 'net/acm-dns-validation',
    title: 'TLS certificates must be issued by ACM with DNS validation so that they renew automatically',
    severity: 'medium',
    seedPoints: ['NET-6'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports ACM certificates requested with e-mail validation (`ValidationMethod: EMAIL` / `validation_method = "EMAIL"`, and CloudFormation certificates without `ValidationMethod`, which default to e-mail validation), certificates imported into ACM (`aws_acm_certificate` with `private_key` / `certificate_body`), IAM server certificates (`AWS::IAM::ServerCertificate`, `aws_iam_server_certificate`), and load balancer listeners whose certificate is an IAM server certificate ARN (`arn:aws:iam::<account>:server-certificate/...`). Certificates issued by a private CA (`CertificateAuthorityArn` / `certificate_authority_arn`) and DNS or HTTP validated certificates are accepted.',
    rationale:
      'ACM renews DNS-validated (and HTTP-validated) certificates on its own as long as the validation record stays in place. E-mail validated certificates need a person to click an approval link at each renewal, and imported or IAM server certificates are never renewed: the usual outcome is an outage when the certificate expires, or a private key handled by people and pipelines and stored in templates, state or CI variables.',
    remediation:
      'Request the certificate from ACM with `ValidationMethod: DNS` (`validation_method = "DNS"`) and create the validation CNAME records (`DomainValidationOptions` with `HostedZoneId` in CloudFormation, `aws_route53_record` + `aws_acm_certificate_validation` in Terraform). Replace imported and IAM server certificates by ACM-issued certificates and point the listeners at the ACM certificate ARN.',
    limitations:
      'Values given by parameters without a `Default` or by other unresolved expressions are unknown and not reported (a `Default` is taken as the deployed value, and the finding names the parameter). A certificate ARN passed in from outside the scan is reported only when it is literally an IAM server certificate ARN; an imported ACM certificate referenced by ARN cannot be told apart from an issued one. Listeners referring to an `AWS::IAM::ServerCertificate` in the scan are not reported again: the certificate resource is. A Terraform `aws_acm_certificate` with neither `validation_method` nor an import nor a private CA is not reported (the provider rejects or defaults it depending on its version). Whether the DNS validation record still exists is not checked.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'AWS FSBP', id: 'ACM.1' },
        { framework: 'AWS FSBP', id: 'ELB.2' },
      ],
      links: [
        'https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html',
        'https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-certificatemanager-certificate.html',
      ],
    },
  },
  scope: 'resource',
  appliesTo: (resource) =>
    (resource.artifact === 'cloudformation' || resource.artifact === 'terraform') &&
    (CERTIFICATE_TYPES.has(resource.type) || SERVER_CERTIFICATE_TYPES.has(resource.type) || LISTENER_CERT_TYPES.has(resource.type)),
  check({ resource, report }) {
    const { props, path } = propsOf(resource);
    const tf = resource.artifact === 'terraform';
    if (SERVER_CERTIFICATE_TYPES.has(resource.type)) {
      report({
        path,
        message: `${resource.type} ${resource.name} is an IAM server certificate: it is never renewed automatically and its private key lives in the configuration. Use an ACM certificate with DNS validation.`,
        // The reported node holds the private key.
        secret: true,
      });
      return;
    }
    if (CERTIFICATE_TYPES.has(resource.type)) {
      if (tf && (present(props.private_key) || present(props.certificate_body))) {
        const atBody = present(props.certificate_body);
        report({
          path: atBody ? ['certificate_body'] : ['private_key'],
          message: `The certificate ${resource.name} is imported into ACM: ACM does not renew imported certificates. Request it from ACM with DNS validation instead.`,
          // The private key must never be shown in a code frame.
          ...(atBody ? {} : { secret: true }),
        });
        return;
      }
      if (present(tf ? props.certificate_authority_arn : props.CertificateAuthorityArn)) return;
      const key = tf ? 'validation_method' : 'ValidationMethod';
      const method = props[key];
      if (method === undefined) {
        // CloudFormation defaults to e-mail validation; Terraform requires the argument for a requested certificate.
        if (!tf) {
          report({
            path,
            message: `The certificate ${resource.name} has no ValidationMethod and so uses e-mail validation, which needs a manual approval at each renewal: set ValidationMethod: DNS.`,
          });
        }
        return;
      }
      if (isUnknown(method) || typeof method !== 'string') return;
      if (method.trim().toUpperCase() === 'EMAIL') {
        report({
          path: [...path, key],
          message: `The certificate ${resource.name} uses e-mail validation, which needs a manual approval at each renewal: use DNS validation so that ACM renews it automatically.`,
        });
      }
      return;
    }
    for (const { value, path: arnPath } of certificateArns(resource)) {
      if (typeof value !== 'string' || !IAM_SERVER_CERTIFICATE_ARN.test(value.trim())) continue;
      report({
        path: arnPath,
        message: `The listener uses the IAM server certificate ${value.trim()}, which is never renewed automatically: use an ACM certificate with DNS validation.`,
      });
    }
  },
});
