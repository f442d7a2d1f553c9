import { propsOf } from '../../graph/network.js';
import type { JsonValue, NodePath } from '../../model/types.js';
import { asArray, asString, isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleReport } from '../rule.js';

const FIX =
  'Set `SecurityPolicy: TLS_1_2` (Terraform `security_policy = "TLS_1_2"`), or an enhanced policy such as `SecurityPolicy_TLS13_1_3_2025_09` with an endpoint access mode, on the custom domain name.';

/** Legacy `TLS_1_0`, and an enhanced policy whose minimum is TLS 1.0 or 1.1 (`SecurityPolicy_TLS13_1_0_...`). */
const WEAK_POLICY = /^TLS_1_[01]$|^SecurityPolicy_TLS\d+_1_[01](?:_|$)/i;

/** REST custom domain names, whose security policy may be left unset (SAM `AWS::Serverless::Api`'s `Domain` included). */
const REST_DOMAIN_TYPES: ReadonlySet<string> = new Set(['AWS::ApiGateway::DomainName', 'AWS::Serverless::Api', 'aws_api_gateway_domain_name']);

export default createRule({
  meta: {
    id: 'net/api-gateway-tls',
    title: 'API Gateway custom domain names and REST APIs must require TLS 1.2 or later',
    severity: 'high',
    otherSeverities: ['low'],
    seedPoints: ['NET-5'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'API Gateway custom domain names in front of an application (CloudFormation `AWS::ApiGateway::DomainName`, the `DomainNameConfigurations` of `AWS::ApiGatewayV2::DomainName`, and the `Domain` of SAM `AWS::Serverless::Api` / `AWS::Serverless::HttpApi`; Terraform `aws_api_gateway_domain_name` and `aws_apigatewayv2_domain_name`), and REST APIs that set their own security policy (`AWS::ApiGateway::RestApi` / `aws_api_gateway_rest_api` `SecurityPolicy`): reports a security policy that accepts TLS 1.0 (`TLS_1_0`, or an enhanced policy whose minimum is TLS 1.0 or 1.1). A REST custom domain name without a security policy is reported low: API Gateway documents no default for it (domain names created before the console defaulted to TLS 1.2 took `TLS_1_0`). ApiGatewayV2 domain names without one are not: they mostly serve HTTP and WebSocket APIs, which accept TLS 1.2 only (and the Terraform provider requires the argument).',
    rationale:
      'The security policy decides which TLS versions clients may use to reach the API. `TLS_1_0` accepts TLS 1.0 (deprecated by RFC 8996, open to downgrade attacks) next to 1.2 and 1.3; a client or an attacker in the middle can then use it.',
    remediation: FIX,
    limitations:
      'Unresolved values are unknown and not reported. A REST API without a security policy of its own is not reported, although API Gateway documents `TLS_1_0` as the default for Regional and edge-optimized REST APIs (their default execute-api endpoint): set `SecurityPolicy` on the API, or `DisableExecuteApiEndpoint: true` when clients come through a custom domain.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0005' },
        { tool: 'checkov', id: 'CKV_AWS_206' },
      ],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html', 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) =>
    resource.type === 'AWS::ApiGateway::DomainName' ||
    resource.type === 'AWS::ApiGateway::RestApi' ||
    resource.type === 'AWS::ApiGatewayV2::DomainName' ||
    resource.type === 'AWS::Serverless::Api' ||
    resource.type === 'AWS::Serverless::HttpApi' ||
    resource.type === 'aws_api_gateway_domain_name' ||
    resource.type === 'aws_api_gateway_rest_api' ||
    resource.type === 'aws_apigatewayv2_domain_name',
  check({ resource, report }) {
    const { props, path } = propsOf(resource);
    const terraform = resource.artifact === 'terraform';
    const name = `${resource.type.includes('RestApi') || resource.type.endsWith('rest_api') ? 'REST API' : 'domain name'} ${terraform ? resource.name : `"${resource.name}"`}`;
    const policyKey = terraform ? 'security_policy' : 'SecurityPolicy';
    const judge = (value: JsonValue | undefined, at: NodePath): RuleReport | undefined => {
      // REST custom domain names: API Gateway documents no default. Not a REST API's own policy, nor ApiGatewayV2 domain
      // names (mostly of HTTP and WebSocket APIs, which accept TLS 1.2 only; the Terraform provider requires the policy).
      if (value === undefined && REST_DOMAIN_TYPES.has(resource.type)) {
        return { path: at, severity: 'low', message: `API Gateway ${name} sets no ${policyKey}: API Gateway documents no default for custom domain names (older ones took TLS_1_0), so the TLS floor is not in the template.`, fix: FIX };
      }
      const policy = asString(value);
      if (policy === undefined || isUnknown(value) || !WEAK_POLICY.test(policy)) return undefined;
      return { path: [...at, policyKey], message: `API Gateway ${name} uses the ${policy} security policy, which accepts TLS 1.0.`, fix: FIX };
    };
    const found: Array<RuleReport | undefined> = [];
    if (resource.type === 'AWS::ApiGateway::DomainName' || resource.type === 'aws_api_gateway_domain_name' || resource.type === 'AWS::ApiGateway::RestApi' || resource.type === 'aws_api_gateway_rest_api') {
      found.push(judge(props[policyKey], path));
    } else if (resource.type.startsWith('AWS::Serverless::')) {
      // SAM's `Domain` becomes the API's domain name resource.
      const domain = props.Domain;
      if (isObject(domain) && !isUnknown(domain)) found.push(judge(domain[policyKey], [...path, 'Domain']));
    } else {
      const list = terraform ? 'domain_name_configuration' : 'DomainNameConfigurations';
      asArray(props[list]).forEach((item, index) => {
        if (isObject(item) && !isUnknown(item)) found.push(judge(item[policyKey], [...path, list, index]));
      });
    }
    for (const finding of found) if (finding) report(finding);
  },
});
