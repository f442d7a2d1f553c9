import { annotationsOf } from '../../graph/kubernetes.js';
import { coverWholeInternet, isWorldCidr } from '../../graph/network.js';
import type { JsonObject, JsonValue, Resource } from '../../model/types.js';
import { asObject } from '../../util/json.js';
import { isUnresolved } from '../../util/template.js';
import { createRule } from '../rule.js';

const LB_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
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

/**
 * `certain`: so whichever AWS controller handles the Service; otherwise only under one of them. `state` completes
 * "its AWS load balancer ..." in messages.
 */
type Exposure = { public: true; state: string; certain: boolean; autoMode: boolean } | { public: false };

const AUTO_MODE_CLASS = 'eks.amazonaws.com/nlb';
const LBC_CLASS = 'service.k8s.aws/nlb';

/** Go's strconv.ParseBool false forms, as the AWS Load Balancer Controller reads `aws-load-balancer-internal`. */
const GO_FALSE: ReadonlySet<string> = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/**
 * Whether an AWS load balancer made for the Service faces the internet. Three controllers may make it:
 * - the AWS cloud provider reads only `aws-load-balancer-internal` (any value but "false" makes it internal) and
 *   is internet-facing by default;
 * - the AWS Load Balancer Controller (its class, or `aws-load-balancer-type: external` / `nlb-ip`) reads
 *   `aws-load-balancer-scheme`, then the deprecated `internal` annotation, and is internal by default;
 * - EKS Auto Mode (its class) reads only the scheme, and is internal by default.
 * A Service that names no controller goes to the cloud provider, unless the Load Balancer Controller's webhook
 * (2.5 and later) or Auto Mode gives it their class: when the answers differ, "internet-facing" is not certain.
 * Undefined when it cannot be told: another controller's `loadBalancerClass`, a templated annotation.
 */
function exposure(spec: JsonObject, annotations: Readonly<Record<string, string>>): Exposure | undefined {
  const loadBalancerClass = typeof spec.loadBalancerClass === 'string' ? spec.loadBalancerClass : undefined;
  if (loadBalancerClass !== undefined && loadBalancerClass !== LBC_CLASS && loadBalancerClass !== AUTO_MODE_CLASS) return undefined;
  const scheme = annotations[SCHEME]?.trim();
  const internal = annotations[INTERNAL]?.trim();
  const lbType = annotations[LB_TYPE]?.trim();
  if ([scheme, internal, lbType].some((value) => value !== undefined && isUnresolved(value))) return undefined;
  // Why each controller would make it internet-facing (undefined: internal).
  const autoMode = scheme === 'internet-facing' ? `${SCHEME} is internet-facing` : undefined;
  const controller = autoMode ?? (scheme === undefined && internal !== undefined && GO_FALSE.has(internal) ? `${INTERNAL} is "${internal}"` : undefined);
  const cloudProvider = internal === undefined || internal === '' ? `the AWS cloud provider's default` : internal === 'false' ? `${INTERNAL} is "false"` : undefined;
  const facing = (why: string, autoModeClass = false): Exposure => ({ public: true, state: `is internet-facing (${why})`, certain: true, autoMode: autoModeClass });
  if (loadBalancerClass === AUTO_MODE_CLASS) return autoMode ? facing(autoMode, true) : { public: false };
  if (loadBalancerClass === LBC_CLASS || lbType === 'external' || lbType === 'nlb-ip') return controller ? facing(controller) : { public: false };
  // No controller named: the cloud provider's, unless a webhook gives the Service the Load Balancer Controller's class.
  if (cloudProvider && controller) return facing(internal === 'false' ? cloudProvider : controller);
  if (cloudProvider) {
    const why = internal === 'false' ? cloudProvider : `its default when ${INTERNAL} is not set`;
    return { public: true, state: `is internet-facing if the AWS cloud provider makes it (${why}; the AWS Load Balancer Controller's webhook or EKS Auto Mode would make it internal)`, certain: false, autoMode: false };
  }
  if (controller) {
    return { public: true, state: `is internet-facing if the AWS Load Balancer Controller's webhook gives the Service its class (${controller}; the AWS cloud provider would make it internal)`, certain: false, autoMode: false };
  }
  return { public: false };
}

/**
 * The source CIDRs: the spec field, else the annotation; undefined when neither gives any; `unknown` when they
 * cannot be read (a templated or non-list value, or the annotation under EKS Auto Mode).
 */
function sourceRanges(spec: JsonObject, annotations: Readonly<Record<string, string>>, autoMode: boolean): JsonValue[] | 'unknown' | undefined {
  const field = spec.loadBalancerSourceRanges;
  if (Array.isArray(field) && field.length > 0) return field.some((value) => typeof value !== 'string' || isUnresolved(value)) ? 'unknown' : field;
  if (field !== undefined && field !== null && !Array.isArray(field)) return 'unknown';
  const text = annotations[SOURCE_RANGES];
  if (text === undefined || text.trim() === '') return undefined;
  if (isUnresolved(text)) return 'unknown';
  const ranges = text.split(',').map((item) => item.trim());
  // The EKS guide lists the annotation both as supported by Auto Mode and as not supported: open ranges are open
  // either way, limiting ones unknown there.
  return autoMode && !opensToEveryone(ranges) ? 'unknown' : ranges;
}

function opensToEveryone(ranges: readonly JsonValue[]): boolean {
  return ranges.some((value) => isWorldCidr(value)) || coverWholeInternet(ranges);
}

export default createRule({
  meta: {
    id: 'k8s/load-balancer-public-exposure',
    title: 'LoadBalancer Services must not open ports other than HTTP(S) to the internet',
    severity: 'high',
    otherSeverities: ['medium', 'low'],
    seedPoints: ['NET-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports each port other than 80 and 443 of a Service of type LoadBalancer whose AWS load balancer faces the internet and takes connections from anywhere: no `spec.loadBalancerSourceRanges` (or `service.beta.kubernetes.io/load-balancer-source-ranges`, which the EKS guide lists both as supported and as not supported by Auto Mode: unknown there), or ranges that include 0.0.0.0/0 or ::/0. Who makes the load balancer decides: the AWS cloud provider reads only `service.beta.kubernetes.io/aws-load-balancer-internal` and is internet-facing by default; the AWS Load Balancer Controller (`loadBalancerClass: service.k8s.aws/nlb`, or `aws-load-balancer-type: external` / `nlb-ip`) reads `service.beta.kubernetes.io/aws-load-balancer-scheme`, then `internal`, and is internal by default; EKS Auto Mode (`eks.amazonaws.com/nlb`) reads only the scheme, internal by default. A Service that names no controller goes to the cloud provider unless the controller\'s webhook (2.5 and later) or Auto Mode takes it: when their answers differ, the finding says on which condition it holds and is one severity level lower. Remote administration, database, cache, queue and cluster ports (SSH, RDP, PostgreSQL, MySQL, Redis, MongoDB, Elasticsearch, etcd, kubelet...) are high, judged by the numeric `targetPort` when it differs from the port (SSH published on 443 is reported too); other ports medium.',
    rationale:
      'For a LoadBalancer Service the controller opens the node or load balancer security group to the source ranges, 0.0.0.0/0 when none are given: a database or an admin port behind it is reachable from the whole internet, with only its own authentication in the way. Internet-facing load balancers should serve HTTP(S) only; everything else stays internal or limited to known client ranges.',
    remediation:
      'Make the load balancer internal (`service.beta.kubernetes.io/aws-load-balancer-scheme: internal` with the AWS Load Balancer Controller, `service.beta.kubernetes.io/aws-load-balancer-internal: "true"` with the in-tree provider) or use a ClusterIP Service; when outside clients really need the port, list their CIDRs in `spec.loadBalancerSourceRanges`.',
    limitations:
      'Only AWS load balancers are judged: a Service with another `loadBalancerClass` is not reported. When the load balancer uses security groups named in `service.beta.kubernetes.io/aws-load-balancer-security-groups`, who may connect is decided there and the Service is not reported. A Service with `allocateLoadBalancerNodePorts: false` that names no controller is reported only for ports with a `nodePort`. Templated annotations, ranges or ports are unknown. Network ACLs and AWS WAF in front of the load balancer are not visible in the manifest.',
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
    const ranges = sourceRanges(spec, annotations, facing.autoMode);
    if (ranges === 'unknown') return;
    if (ranges && !opensToEveryone(ranges)) return;
    const open = ranges ? `its source ranges include the whole internet` : 'no loadBalancerSourceRanges limit who may connect';
    // Without node ports the cloud provider makes no listener for a port, and the controllers default to internal.
    const noNodePorts = spec.allocateLoadBalancerNodePorts === false;
    spec.ports.forEach((item, index) => {
      const port = asObject(item);
      const number = port?.port;
      if (!port || typeof number !== 'number') return;
      const protocol = typeof port.protocol === 'string' ? port.protocol.toUpperCase() : 'TCP';
      // What listens behind the port decides: SSH published on 443 is SSH. A named target port is unknown here.
      const target = typeof port.targetPort === 'number' && port.targetPort !== number ? port.targetPort : undefined;
      const service = protocol === 'TCP' ? SENSITIVE_PORTS.get(target ?? number) : undefined;
      if (WEB_PORTS.has(number) && !service) return;
      if (noNodePorts && !facing.certain && port.nodePort === undefined) return;
      const name = typeof port.name === 'string' && !isUnresolved(port.name) ? ` (${port.name})` : '';
      const to = target === undefined ? '' : ` (target port ${target})`;
      report({
        path: ['spec', 'ports', index],
        // One level lower when internet-facing is only the likely default.
        severity: service ? (facing.certain ? 'high' : 'medium') : facing.certain ? 'medium' : 'low',
        message: `Service "${resource.name}" opens ${protocol === 'TCP' ? '' : `${protocol} `}port ${number}${name}${to}${service ? `, ${service},` : ''} to the internet: its AWS load balancer ${facing.state} and ${open}.`,
      });
    });
  },
});
