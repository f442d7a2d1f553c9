/**
 * Generates a deterministic corpus of Kubernetes manifests for `npm run bench`.
 *
 *   npx tsx scripts/generate-bench-corpus.ts <out-dir> [--objects 20000] [--seed 1] [--namespaces 40]
 *
 * A realistic mix, as a platform repository holds it: per namespace a Namespace and a default-deny
 * NetworkPolicy, then "apps" made of a workload (Deployment, StatefulSet, DaemonSet, CronJob or bare Pod) with
 * the objects around it (Service, ConfigMap, Secret, Ingress, NetworkPolicy, ServiceAccount, Role,
 * RoleBinding). Workloads vary the way real ones do: sidecars and init containers, probes, resources, env from
 * secrets, volumes, hardened or missing securityContexts, the odd hostPath or privileged container, so rules
 * take both their passing and their reporting branches. Apps are written to a few hundred multi-document YAML
 * files (`<namespace>/<group>.yaml`, Helm-style `# Source:` comments, block scalars), plus a few `kind: List`
 * JSON files as `kubectl get -o json` writes them. Same seed, same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

export interface CorpusOptions {
  /** Exact number of Kubernetes objects to write (List items count, the List itself does not). */
  objects?: number;
  seed?: number;
  namespaces?: number;
}

export interface CorpusSummary {
  dir: string;
  files: string[];
  objects: number;
  bytes: number;
  byKind: Record<string, number>;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** mulberry32: small, fast, and the same on every platform. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
  base64(bytes: number): string {
    const raw = Buffer.alloc(bytes);
    for (let i = 0; i < bytes; i++) raw[i] = Math.floor(this.next() * 256);
    return raw.toString('base64');
  }
}

const TEAMS = ['payments', 'checkout', 'search', 'identity', 'platform', 'data', 'ml', 'growth', 'infra', 'mobile'];
const ENVS = ['prod', 'staging', 'dev', 'qa'];
const WORDS = [
  'api', 'worker', 'gateway', 'web', 'frontend', 'backend', 'cache', 'queue', 'ingest', 'export', 'auth', 'billing',
  'ledger', 'notifier', 'scheduler', 'indexer', 'reporter', 'sync', 'proxy', 'router', 'profile', 'catalog', 'cart',
  'orders', 'inventory', 'pricing', 'media', 'thumbs', 'mailer', 'audit', 'events', 'metrics', 'tracker', 'session',
];
const IMAGES = [
  'nginx:1.27.2', 'redis:7.4-alpine', 'postgres:16.4', 'busybox:1.36', 'envoyproxy/envoy:v1.31.2',
  'ghcr.io/acme/{app}:{tag}', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/{app}:{tag}',
  'quay.io/prometheus/node-exporter:v1.8.2', 'docker.io/library/python:3.12-slim', 'public.ecr.aws/acme/{app}@sha256:{digest}',
  'grafana/fluent-bit:3.1', '{app}:latest',
];
const SIDECARS = [
  { name: 'envoy', image: 'envoyproxy/envoy:v1.31.2', port: 15001 },
  { name: 'fluent-bit', image: 'fluent/fluent-bit:3.1.9', port: 2020 },
  { name: 'oauth2-proxy', image: 'quay.io/oauth2-proxy/oauth2-proxy:v7.7.1', port: 4180 },
  { name: 'cloud-sql-proxy', image: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.13.0', port: 5432 },
];

interface App {
  namespace: string;
  name: string;
  team: string;
  objects: Obj[];
}

function labels(app: { name: string; team: string }, rnd: Random, component?: string): Obj {
  const result: Obj = {
    'app.kubernetes.io/name': app.name,
    'app.kubernetes.io/instance': `${app.name}-${rnd.pick(ENVS)}`,
    'app.kubernetes.io/part-of': app.team,
    'app.kubernetes.io/managed-by': rnd.pick(['Helm', 'kustomize', 'argocd']),
  };
  if (component) result['app.kubernetes.io/component'] = component;
  if (rnd.chance(0.5)) result['helm.sh/chart'] = `${app.name}-${rnd.int(0, 3)}.${rnd.int(0, 20)}.${rnd.int(0, 9)}`;
  return result;
}

function metadata(name: string, namespace: string, extraLabels: Obj, rnd: Random, annotations?: Obj): Obj {
  const meta: Obj = { name, namespace, labels: extraLabels };
  if (annotations && Object.keys(annotations).length > 0) meta.annotations = annotations;
  else if (rnd.chance(0.2)) meta.annotations = { 'meta.helm.sh/release-name': name, 'meta.helm.sh/release-namespace': namespace };
  return meta;
}

function imageFor(app: App, rnd: Random): string {
  return rnd
    .pick(IMAGES)
    .replace('{app}', app.name)
    .replace('{tag}', `${rnd.int(1, 9)}.${rnd.int(0, 40)}.${rnd.int(0, 20)}`)
    .replace('{digest}', rnd.hex(64));
}

function securityContext(rnd: Random): Obj | undefined {
  const style = rnd.weighted([
    ['hardened', 45],
    ['partial', 25],
    ['none', 22],
    ['privileged', 4],
    ['root', 4],
  ] as const);
  switch (style) {
    case 'hardened':
      return {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      };
    case 'partial':
      return rnd.chance(0.5) ? { allowPrivilegeEscalation: false } : { readOnlyRootFilesystem: false, runAsUser: rnd.int(1000, 65000) };
    case 'privileged':
      return { privileged: true, capabilities: { add: ['NET_ADMIN', 'SYS_ADMIN'] } };
    case 'root':
      return { runAsUser: 0, allowPrivilegeEscalation: true };
    default:
      return undefined;
  }
}

function container(app: App, rnd: Random, name: string, image: string, port: number | undefined, secretName: string | undefined): Obj {
  const result: Obj = { name, image };
  if (rnd.chance(0.6)) result.imagePullPolicy = rnd.pick(['IfNotPresent', 'Always']);
  if (rnd.chance(0.3)) result.args = ['--log-level=info', `--listen=:${port ?? 8080}`, `--service=${app.name}`];
  if (port !== undefined) result.ports = [{ name: 'http', containerPort: port, protocol: 'TCP' }];
  const env: Json[] = [
    { name: 'APP_ENV', value: rnd.pick(ENVS) },
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
  ];
  if (rnd.chance(0.4)) env.push({ name: 'LOG_FORMAT', value: 'json' });
  if (rnd.chance(0.3)) env.push({ name: 'FEATURE_FLAGS', value: 'beta-search,fast-checkout' });
  if (secretName && rnd.chance(0.7)) env.push({ name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { name: secretName, key: 'password' } } });
  if (rnd.chance(0.04)) env.push({ name: 'API_TOKEN', value: `tok_${rnd.hex(32)}` });
  result.env = env;
  if (rnd.chance(0.75)) {
    const cpu = rnd.pick(['50m', '100m', '250m', '500m', '1']);
    const memory = rnd.pick(['64Mi', '128Mi', '256Mi', '512Mi', '1Gi']);
    result.resources = rnd.chance(0.7) ? { requests: { cpu, memory }, limits: { memory } } : { requests: { cpu, memory } };
  }
  if (port !== undefined && rnd.chance(0.7)) {
    result.readinessProbe = { httpGet: { path: '/healthz', port }, initialDelaySeconds: 5, periodSeconds: 10 };
    result.livenessProbe = { httpGet: { path: '/livez', port }, failureThreshold: 3, periodSeconds: 20 };
  }
  if (rnd.chance(0.5)) result.volumeMounts = [{ name: 'config', mountPath: '/etc/app', readOnly: true }, { name: 'tmp', mountPath: '/tmp' }];
  const context = securityContext(rnd);
  if (context) result.securityContext = context;
  return result;
}

function podSpec(app: App, rnd: Random, secretName: string | undefined, configName: string | undefined, port: number): Obj {
  const spec: Obj = {};
  if (rnd.chance(0.8)) spec.serviceAccountName = app.name;
  if (rnd.chance(0.3)) spec.automountServiceAccountToken = false;
  if (rnd.chance(0.5)) spec.securityContext = rnd.chance(0.7) ? { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001 } : { fsGroup: 2000 };
  if (rnd.chance(0.03)) spec.hostNetwork = true;
  if (rnd.chance(0.02)) spec.hostPID = true;
  const containers: Json[] = [container(app, rnd, app.name, imageFor(app, rnd), port, secretName)];
  if (rnd.chance(0.3)) {
    const sidecar = rnd.pick(SIDECARS);
    containers.push(container(app, rnd, sidecar.name, sidecar.image, sidecar.port, undefined));
  }
  if (rnd.chance(0.2)) {
    spec.initContainers = [
      {
        name: 'migrate',
        image: imageFor(app, rnd),
        command: ['sh', '-c', 'until nc -z db 5432; do sleep 2; done && /app/migrate up'],
        ...(rnd.chance(0.5) ? { securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false } } : {}),
      },
    ];
  }
  spec.containers = containers;
  const volumes: Json[] = [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }];
  volumes.push(configName ? { name: 'config', configMap: { name: configName } } : { name: 'config', emptyDir: {} });
  if (rnd.chance(0.04)) volumes.push({ name: 'host-logs', hostPath: { path: '/var/log', type: 'Directory' } });
  spec.volumes = volumes;
  if (rnd.chance(0.3)) spec.nodeSelector = { 'kubernetes.io/os': 'linux', 'node.kubernetes.io/instance-type': rnd.pick(['m6i.large', 'c6g.xlarge', 'r6i.2xlarge']) };
  if (rnd.chance(0.2)) spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: app.team, effect: 'NoSchedule' }];
  if (rnd.chance(0.25)) {
    spec.affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': app.name } } } },
        ],
      },
    };
  }
  return spec;
}

function configData(app: App, rnd: Random): Obj {
  const data: Obj = { LOG_LEVEL: rnd.pick(['info', 'debug', 'warn']), TIMEOUT_SECONDS: String(rnd.int(5, 120)) };
  if (rnd.chance(0.6)) {
    data['app.yaml'] = [
      `service: ${app.name}`,
      `team: ${app.team}`,
      'server:',
      `  port: ${rnd.int(3000, 9000)}`,
      '  gracefulShutdown: 30s',
      'database:',
      `  host: ${app.name}-db.${app.namespace}.svc.cluster.local`,
      '  pool: 20',
      '',
    ].join('\n');
  }
  if (rnd.chance(0.25)) {
    data['nginx.conf'] = [
      'worker_processes auto;',
      'events { worker_connections 1024; }',
      'http {',
      '  server {',
      '    listen 8080;',
      '    location / {',
      `      proxy_pass http://${app.name}:8080;`,
      '      proxy_set_header Host $host;',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
  }
  return data;
}

function makeApp(namespace: string, index: number, rnd: Random): App {
  const team = rnd.pick(TEAMS);
  const name = `${rnd.pick(WORDS)}-${rnd.pick(WORDS)}-${index}`;
  const app: App = { namespace, name, team, objects: [] };
  const kind = rnd.weighted([
    ['Deployment', 55],
    ['StatefulSet', 12],
    ['DaemonSet', 5],
    ['CronJob', 16],
    ['Pod', 6],
  ] as const);
  const port = rnd.pick([8080, 8443, 3000, 9090, 5000, 80]);
  const hasConfig = rnd.chance(0.7);
  const hasSecret = rnd.chance(0.5);
  const configName = hasConfig ? `${name}-config` : undefined;
  const secretName = hasSecret ? `${name}-credentials` : undefined;
  const appLabels = labels(app, rnd);
  const selector = { matchLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': appLabels['app.kubernetes.io/instance'] ?? name } };
  const podLabels: Obj = { ...selector.matchLabels, 'app.kubernetes.io/part-of': team };
  const podAnnotations: Obj = rnd.chance(0.4) ? { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port) } : {};
  if (rnd.chance(0.15)) podAnnotations['container.apparmor.security.beta.kubernetes.io/' + name] = 'runtime/default';
  const template = (): Obj => {
    const meta: Obj = { labels: podLabels };
    if (Object.keys(podAnnotations).length > 0) meta.annotations = podAnnotations;
    return { metadata: meta, spec: podSpec(app, rnd, secretName, configName, port) };
  };

  const workloadMeta = metadata(name, namespace, appLabels, rnd, rnd.chance(0.05) ? { 'seaworthy.dev/suppress': 'k8s/run-as-non-root: legacy image, ticket OPS-1234' } : undefined);
  switch (kind) {
    case 'Deployment':
      app.objects.push({
        apiVersion: 'apps/v1',
        kind,
        metadata: workloadMeta,
        spec: { replicas: rnd.int(1, 6), revisionHistoryLimit: 5, selector, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } }, template: template() },
      });
      break;
    case 'StatefulSet':
      app.objects.push({
        apiVersion: 'apps/v1',
        kind,
        metadata: workloadMeta,
        spec: {
          serviceName: name,
          replicas: rnd.int(1, 5),
          selector,
          template: template(),
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: `${rnd.int(1, 100)}Gi` } } } }],
        },
      });
      break;
    case 'DaemonSet':
      app.objects.push({ apiVersion: 'apps/v1', kind, metadata: workloadMeta, spec: { selector, updateStrategy: { type: 'RollingUpdate' }, template: template() } });
      break;
    case 'CronJob': {
      const pod = template();
      (pod.spec as Obj).restartPolicy = 'OnFailure';
      app.objects.push({
        apiVersion: 'batch/v1',
        kind,
        metadata: workloadMeta,
        spec: {
          schedule: `${rnd.int(0, 59)} ${rnd.pick(['*', '*/6', '2', '3'])} * * *`,
          concurrencyPolicy: 'Forbid',
          successfulJobsHistoryLimit: 3,
          jobTemplate: { spec: { backoffLimit: 2, ttlSecondsAfterFinished: 3600, template: pod } },
        },
      });
      break;
    }
    case 'Pod': {
      const pod = template();
      app.objects.push({ apiVersion: 'v1', kind, metadata: { ...workloadMeta, labels: podLabels }, spec: pod.spec ?? {} });
      break;
    }
  }

  const serves = kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet';
  if (serves && rnd.chance(0.9)) {
    const spec: Obj = { selector: selector.matchLabels, ports: [{ name: 'http', port: 80, targetPort: port, protocol: 'TCP' }] };
    spec.type = rnd.weighted([
      ['ClusterIP', 80],
      ['LoadBalancer', 8],
      ['NodePort', 4],
      ['None', 8],
    ] as const);
    if (spec.type === 'None') {
      spec.type = 'ClusterIP';
      spec.clusterIP = 'None';
    }
    const annotations: Obj = spec.type === 'LoadBalancer' ? { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb', 'service.beta.kubernetes.io/aws-load-balancer-scheme': rnd.pick(['internal', 'internet-facing']) } : {};
    app.objects.push({ apiVersion: 'v1', kind: 'Service', metadata: metadata(name, namespace, labels(app, rnd), rnd, annotations), spec });
  }
  if (configName) app.objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(configName, namespace, labels(app, rnd), rnd), data: configData(app, rnd) });
  if (secretName) {
    const secret: Obj = { apiVersion: 'v1', kind: 'Secret', metadata: metadata(secretName, namespace, labels(app, rnd), rnd), type: 'Opaque' };
    if (rnd.chance(0.8)) secret.data = { username: Buffer.from(app.name).toString('base64'), password: rnd.base64(24) };
    else secret.stringData = { username: app.name, password: '${DB_PASSWORD}' };
    app.objects.push(secret);
  }
  if (rnd.chance(0.8)) {
    const account: Obj = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata(name, namespace, labels(app, rnd), rnd) };
    if (rnd.chance(0.3)) (account.metadata as Obj).annotations = { 'eks.amazonaws.com/role-arn': `arn:aws:iam::123456789012:role/${namespace}-${name}` };
    if (rnd.chance(0.4)) account.automountServiceAccountToken = false;
    app.objects.push(account);
  }
  if (kind === 'Deployment' && rnd.chance(0.35)) {
    const host = `${name}.${rnd.pick(ENVS)}.example.com`;
    const ingress: Obj = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: metadata(name, namespace, labels(app, rnd), rnd, {
        'alb.ingress.kubernetes.io/scheme': rnd.pick(['internal', 'internet-facing']),
        'alb.ingress.kubernetes.io/target-type': 'ip',
        ...(rnd.chance(0.6) ? { 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]' } : {}),
      }),
      spec: {
        ingressClassName: rnd.pick(['alb', 'nginx']),
        rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 80 } } } }] } }],
      },
    };
    if (rnd.chance(0.7)) (ingress.spec as Obj).tls = [{ hosts: [host], secretName: `${name}-tls` }];
    app.objects.push(ingress);
  }
  if (rnd.chance(0.45)) {
    app.objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(`${name}-allow`, namespace, labels(app, rnd), rnd),
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': name } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': rnd.chance(0.5) ? namespace : 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port }] }],
        egress: rnd.chance(0.3) ? [{}] : [{ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': `${name}-db` } } }], ports: [{ protocol: 'TCP', port: 5432 }] }, { ports: [{ protocol: 'UDP', port: 53 }] }],
      },
    });
  }
  if (rnd.chance(0.3)) {
    const wide = rnd.chance(0.1);
    app.objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: metadata(name, namespace, labels(app, rnd), rnd),
      rules: wide
        ? [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]
        : [
            { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
            { apiGroups: [''], resources: ['secrets'], resourceNames: secretName ? [secretName] : [`${name}-token`], verbs: ['get'] },
            ...(rnd.chance(0.3) ? [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }] : []),
          ],
    });
    app.objects.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: metadata(name, namespace, labels(app, rnd), rnd),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    });
  }
  return app;
}

function namespaceObjects(namespace: string, team: string): Obj[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: { 'kubernetes.io/metadata.name': namespace, team, 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny-all', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
  ];
}

function yamlDocument(object: Obj, source: string): string {
  return `# Source: ${source}\n${stringify(object, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

/** Writes the corpus into `dir` (created if needed) and returns what it wrote. */
export function generateBenchCorpus(dir: string, options: CorpusOptions = {}): CorpusSummary {
  const target = options.objects ?? 20_000;
  const namespaceCount = options.namespaces ?? 40;
  const rnd = new Random(options.seed ?? 1);
  const namespaces = Array.from({ length: namespaceCount }, (_, i) => {
    const base = `${TEAMS[i % TEAMS.length] ?? 'team'}-${ENVS[Math.floor(i / TEAMS.length) % ENVS.length] ?? 'env'}`;
    const round = Math.floor(i / (TEAMS.length * ENVS.length));
    return round === 0 ? base : `${base}-${round + 1}`;
  });

  // Objects per namespace, in creation order; each namespace starts with its own Namespace + default deny.
  const perNamespace = new Map<string, App[]>(namespaces.map((ns) => [ns, []]));
  let count = 0;
  for (const ns of namespaces) {
    if (count >= target) break;
    const objects = namespaceObjects(ns, ns.split('-')[0] ?? ns).slice(0, target - count);
    perNamespace.get(ns)?.push({ namespace: ns, name: 'namespace', team: ns, objects });
    count += objects.length;
  }
  for (let index = 0; count < target; index++) {
    const ns = namespaces[index % namespaces.length] ?? 'default';
    const app = makeApp(ns, index, rnd);
    app.objects = app.objects.slice(0, target - count);
    count += app.objects.length;
    perNamespace.get(ns)?.push(app);
  }

  const byKind: Record<string, number> = {};
  const files: string[] = [];
  let bytes = 0;
  const write = (relative: string, text: string): void => {
    const full = path.join(dir, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    files.push(full);
    bytes += Buffer.byteLength(text);
  };

  for (const [ns, apps] of perNamespace) {
    let group = 0;
    for (let start = 0; start < apps.length; group++) {
      // Files of 3 to 24 apps (about 15 to 120 objects): a chart's render, a kustomize build, a team's folder.
      const size = rnd.int(3, 24);
      const chunk = apps.slice(start, start + size);
      start += size;
      const objects = chunk.flatMap((app) => app.objects);
      for (const object of objects) byKind[String(object.kind)] = (byKind[String(object.kind)] ?? 0) + 1;
      if (rnd.chance(0.04)) {
        write(path.join(ns, `export-${group}.json`), `${JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: objects }, null, 4)}\n`);
        continue;
      }
      const docs = chunk.flatMap((app) => app.objects.map((object) => yamlDocument(object, `${app.name}/templates/${String(object.kind).toLowerCase()}.yaml`)));
      write(path.join(ns, `${chunk[0]?.name ?? 'group'}-${group}.yaml`), `---\n${docs.join('---\n')}`);
    }
  }
  return { dir, files, objects: count, bytes, byKind };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const index = args.indexOf(name);
    return index === -1 ? undefined : args[index + 1];
  };
  const out = args.find((arg, i) => !arg.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
  if (!out) {
    console.error('usage: generate-bench-corpus.ts <out-dir> [--objects 20000] [--seed 1] [--namespaces 40]');
    process.exit(2);
  }
  const summary = generateBenchCorpus(path.resolve(out), {
    objects: Number(option('--objects') ?? 20_000),
    seed: Number(option('--seed') ?? 1),
    namespaces: Number(option('--namespaces') ?? 40),
  });
  console.log(`${summary.objects} objects in ${summary.files.length} files (${(summary.bytes / 1024 / 1024).toFixed(1)} MiB) under ${summary.dir}`);
  console.log(Object.entries(summary.byKind).sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, n]) => `${kind} ${n}`).join(', '));
}
