import { annotationPath, annotationsOf } from '../../graph/kubernetes.js';
import { coverWholeInternet, isWorldCidr } from '../../graph/network.js';
import type { JsonObject, JsonValue, NodePath, Resource } from '../../model/types.js';
import { asObject } from '../../util/json.js';
import { isUnresolved } from '../../util/template.js';
import { createRule } from '../rule.js';

const LB_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
/** The classes of the AWS Load Balancer Controller and of EKS Auto Mode. */
const AWS_CLASSES: ReadonlySet<string> = new Set(['service.k8s.aws/nlb', 'eks.amazonaws.com/nlb']);
const SCHEME = 'service.beta.kubernetes.io/aws-load-balancer-scheme';
const INTERNAL = 'service.beta.kubernetes.io/aws-load-balancer-internal';
const SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';
/** Security groups of the AWS Load Balancer Controller's choosing: who may connect is decided there. */
const SECURITY_GROUPS = 'service.beta.kubernetes.io/aws-load-balancer-security-groups';

/** The ports an internet-facing load balancer may open to everyone (SEED-POINTS NET-2). */
const WEB_PORTS: ReadonlySet<number> = new Set([80, 443]);

/** Well-known ports of remote administration, databases, caches, queues and cluster internals. */
const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [23, 'Telnet'],
  [3389, 'RDP'],
  [5900, 'VNC'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [27017, 'MongoDB'],
  [6379, 'Redis'],
  [11211, 'Memcached'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch'],
  [5601, 'Kibana'],
  [9042, 'Cassandra'],
  [5984, 'CouchDB'],
  [8086, 'InfluxDB'],
  [5672, 'AMQP'],
  [15672, 'RabbitMQ management'],
  [9092, 'Kafka'],
  [2181, 'ZooKeeper'],
  [2379, 'etcd'],
  [2380, 'etcd'],
  [10250, 'kubelet'],
]);

/** `certain`: said in the manifest; otherwise the default of the AWS cloud provider, which not every cluster uses. */
type Exposure = { public: true; why: string; certain: boolean } | { public: false };

/**
 * Whether an AWS load balancer made for the Service faces the internet. The AWS cloud provider makes an
 * internet-facing one unless `aws-load-balancer-internal` says otherwise; the AWS Load Balancer Controller and EKS
 * Auto Mode make an internal one unless `aws-load-balancer-scheme: internet-facing`. A Service that names no
 * controller goes to the cloud provider, unless the Load Balancer Controller's webhook (2.5 and later) or Auto Mode
 * gives it their class: internet-facing then is the likely default, not a certainty. Undefined when it cannot be
 * told: another controller's `loadBalancerClass`, a templated annotation.
 */
function exposure(spec: JsonObject, annotations: Readonly<Record<string, string>>): Exposure | undefined {
  const loadBalancerClass = spec.loadBalancerClass;
  if (loadBalancerClass !== undefined && !AWS_CLASSES.has(String(loadBalancerClass))) return undefined;
  const scheme = annotations[SCHEME]?.trim();
  const internal = annotations[INTERNAL]?.trim();
  if ((scheme !== undefined && isUnresolved(scheme)) || (internal !== undefined && isUnresolved(internal))) return undefined;
  const lbType = annotations[LB_TYPE];
  if (scheme === 'internet-facing') return { public: true, why: `${SCHEME} is internet-facing`, certain: true };
  if (scheme !== undefined) return { public: false };
  if (internal === 'false') return { public: true, why: `${INTERNAL} is "false"`, certain: true };
  if (internal !== undefined && internal !== '') return { public: false };
  // The controllers' default scheme is internal.
  if (loadBalancerClass !== undefined || lbType === 'external' || lbType === 'nlb-ip') return { public: false };
  return {
    public: true,
    why: `the AWS cloud provider's default when ${INTERNAL} is not set; the AWS Load Balancer Controller's webhook or EKS Auto Mode would make it internal`,
    certain: false,
  };
}

/** The source CIDRs (spec field first, then the annotation), where they are written; undefined when none is. */
function sourceRanges(spec: JsonObject, annotations: Readonly<Record<string, string>>): { values: JsonValue[]; path: NodePath } | undefined {
  if (Array.isArray(spec.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length > 0) return { values: spec.loadBalancerSourceRanges, path: ['spec', 'loadBalancerSourceRanges'] };
  const text = annotations[SOURCE_RANGES];
  if (text === undefined || text.trim() === '') return undefined;
  return { values: text.split(',').map((item) => item.trim()), path: annotationPath(SOURCE_RANGES) };
}

export default createRule({
  meta: {
    id: 'k8s/load-balancer-public-exposure',
    title: 'LoadBalancer Services must not open ports other than HTTP(S) to the internet',
    severity: 'high',
    seedPoints: ['NET-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports each port other than 80 and 443 of a Service of type LoadBalancer whose AWS load balancer faces the internet and takes connections from anywhere: no `spec.loadBalancerSourceRanges` (or `service.beta.kubernetes.io/load-balancer-source-ranges`), or ranges that include 0.0.0.0/0 or ::/0. Internet-facing when `service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing` or `aws-load-balancer-internal: "false"` says so; and, one severity level lower, when the Service names no controller and no scheme: the AWS cloud provider then makes an internet-facing load balancer, though the AWS Load Balancer Controller\'s webhook (2.5 and later) or EKS Auto Mode, when the cluster has them, make it internal. Services of the controller or of Auto Mode (`aws-load-balancer-type: external` / `nlb-ip`, `loadBalancerClass: service.k8s.aws/nlb` or `eks.amazonaws.com/nlb`) are internal by default. Remote administration, database, cache, queue and cluster ports (SSH, RDP, PostgreSQL, MySQL, Redis, MongoDB, Elasticsearch, etcd, kubelet...) are high; other ports medium.',
    rationale:
      'For a LoadBalancer Service the controller opens the node or load balancer security group to the source ranges, 0.0.0.0/0 when none are given: a database or an admin port behind it is reachable from the whole internet, with only its own authentication in the way. Internet-facing load balancers should serve HTTP(S) only; everything else stays internal or limited to known client ranges.',
    remediation:
      'Make the load balancer internal (`service.beta.kubernetes.io/aws-load-balancer-scheme: internal` with the AWS Load Balancer Controller, `service.beta.kubernetes.io/aws-load-balancer-internal: "true"` with the in-tree provider) or use a ClusterIP Service; when outside clients really need the port, list their CIDRs in `spec.loadBalancerSourceRanges`.',
    limitations:
      'Only AWS load balancers are judged: a Service with another `loadBalancerClass` is not reported. When the AWS Load Balancer Controller uses security groups named in `service.beta.kubernetes.io/aws-load-balancer-security-groups`, who may connect is decided there and the Service is not reported. Templated annotations, ranges or ports are unknown. Network ACLs and AWS WAF in front of the load balancer are not visible in the manifest.',
    references: {
      peers: [],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Network separation and hardening' }],
      links: [
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/',
        'https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/',
      ],
    },
  },
  scope: 'resource',
  appliesTo: (resource: Resource) => resource.artifact === 'kubernetes' && resource.type === 'Service' && asObject(resource.body.spec)?.type === 'LoadBalancer',
  check({ resource, report }) {
    const spec = asObject(resource.body.spec);
    if (!spec || !Array.isArray(spec.ports)) return;
    const annotations = annotationsOf(resource);
    if (annotations[SECURITY_GROUPS] !== undefined) return;
    const facing = exposure(spec, annotations);
    if (!facing?.public) return;
    const ranges = sourceRanges(spec, annotations);
    if (ranges && ranges.values.some((value) => typeof value !== 'string' || isUnresolved(value))) return;
    if (ranges && !ranges.values.some((value) => isWorldCidr(value)) && !coverWholeInternet(ranges.values)) return;
    const open = ranges ? `its source ranges include the whole internet` : 'no loadBalancerSourceRanges limit who may connect';
    spec.ports.forEach((item, index) => {
      const port = asObject(item);
      const number = port?.port;
      if (!port || typeof number !== 'number' || WEB_PORTS.has(number)) return;
      const service = SENSITIVE_PORTS.get(number);
      const name = typeof port.name === 'string' && !isUnresolved(port.name) ? ` (${port.name})` : '';
      report({
        path: ['spec', 'ports', index],
        // One level lower when internet-facing is only the likely default.
        severity: service ? (facing.certain ? 'high' : 'medium') : facing.certain ? 'medium' : 'low',
        message: `Service "${resource.name}" opens port ${number}${name}${service ? `, ${service},` : ''} to the internet: its AWS load balancer is internet-facing (${facing.why}) and ${open}.`,
      });
    });
  },
});
