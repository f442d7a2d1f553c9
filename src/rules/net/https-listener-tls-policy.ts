import { classifyElbSslPolicy, DEFAULT_ELB_SSL_POLICY, LISTENER_TYPES, propsOf } from '../../graph/network.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';


export default createRule({
  meta: {
    id: 'net/https-listener-tls-policy',
    title: 'HTTPS and TLS listeners must use a security policy requiring TLS 1.2 or later',
    severity: 'high',
    seedPoints: ['NET-5'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an `AWS::ElasticLoadBalancingV2::Listener` / `aws_lb_listener` / `aws_alb_listener` with protocol HTTPS or TLS whose `SslPolicy` / `ssl_policy` is an ELB security policy that still accepts TLS 1.0 or 1.1 (e.g. `ELBSecurityPolicy-2016-08`, `ELBSecurityPolicy-TLS-1-0-2015-04`, `ELBSecurityPolicy-TLS-1-1-2017-01`, `ELBSecurityPolicy-TLS13-1-1-2021-06`, `ELBSecurityPolicy-FS-2018-06`), or that sets no policy: listeners created through the API (CloudFormation, Terraform, the CLI) then get `ELBSecurityPolicy-2016-08`, which accepts TLS 1.0 and 1.1; only the console picks a TLS 1.2 policy by default.',
    rationale:
      'TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on weak constructions (CBC with implicit IVs, SHA-1 in the handshake) and are refused by PCI DSS. A listener that still offers them lets a client, or an attacker downgrading the handshake, use them.',
    remediation:
      'Set `SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06` (Terraform `ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"`), or another `-TLS13-1-2-` / `-TLS-1-2-` / `-FS-1-2-` policy.',
    limitations:
      'Classic Load Balancers are `net/classic-load-balancer-tls`\'s. Policies given by parameters without a `Default` (a `Default` is taken as the deployed value, and the finding names the parameter) are not checked.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0047' },
        { tool: 'checkov', id: 'CKV_AWS_103' },
        { tool: 'prowler', id: 'elbv2_insecure_ssl_ciphers' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'ELB.17' }],
      links: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html', 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => (resource.artifact === 'cloudformation' || resource.artifact === 'terraform') && LISTENER_TYPES.has(resource.type),
  check({ resource, report }) {
    const { props, path } = propsOf(resource);
    const tf = resource.artifact === 'terraform';
    const protocol = tf ? props.protocol : props.Protocol;
    if (typeof protocol !== 'string' || !['HTTPS', 'TLS'].includes(protocol.toUpperCase())) return;
    const key = tf ? 'ssl_policy' : 'SslPolicy';
    const policy = props[key];
    if (policy === undefined) {
      report({
        path: [...path, tf ? 'protocol' : 'Protocol'],
        message: `The ${protocol.toUpperCase()} listener sets no ${key}: the load balancing API then applies ${DEFAULT_ELB_SSL_POLICY}, which still accepts TLS versions older than 1.2.`,
        fix: `Set ${key} to ELBSecurityPolicy-TLS13-1-2-2021-06 (or another policy with a TLS 1.2 minimum).`,
      });
      return;
    }
    if (isUnknown(policy) || typeof policy !== 'string') return;
    if (classifyElbSslPolicy(policy) !== 'weak') return;
    report({
      path: [...path, key],
      message: `The ${protocol.toUpperCase()} listener uses ${policy}, which still accepts TLS versions older than 1.2.`,
      fix: `Use ELBSecurityPolicy-TLS13-1-2-2021-06 (or another policy with a TLS 1.2 minimum) for ${key}.`,
    });
  },
});
