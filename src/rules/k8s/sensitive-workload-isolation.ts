import { isWorkload, labelsOf, podField, podLabels, podTemplateSuffix, podTemplatesOf, type PodTemplate } from '../../graph/kubernetes.js';
import type { JsonValue, Resource } from '../../model/types.js';
import type { SensitiveWorkloadSelector } from '../../engine/settings.js';
import { asArray, asObject, asString, getPath, isObject } from '../../util/json.js';
import { createRule } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

/** Why a workload is sensitive, or undefined when it is not. */
function sensitivity(resource: Resource, pod: PodTemplate, selector: SensitiveWorkloadSelector): string | undefined {
  const wanted = Object.entries(selector.labels);
  if (wanted.length > 0) {
    const sources = [podLabels(pod), labelsOf(asObject(resource.body.metadata)?.labels)];
    for (const labels of sources) {
      if (wanted.every(([key, value]) => labels[key] === value)) return `labels ${wanted.map(([key, value]) => `${key}=${value}`).join(', ')}`;
    }
  }
  if (resource.namespace !== undefined && selector.namespaces.includes(resource.namespace)) return `namespace "${resource.namespace}"`;
  return undefined;
}

type Verdict = 'yes' | 'no' | 'unknown';

/** A toleration of the dedicated taint: key `taintKey` (or a wildcard `operator: Exists` without key), effect NoSchedule / NoExecute / any. */
function toleratesTaint(tolerations: JsonValue | undefined, taintKey: string): Verdict {
  if (isUnresolved(tolerations)) return 'unknown';
  let unknown = false;
  for (const item of asArray(tolerations)) {
    const toleration = asObject(item);
    if (!toleration) continue;
    if ([toleration.key, toleration.effect, toleration.operator].some(isUnresolved)) {
      unknown = true;
      continue;
    }
    const key = asString(toleration.key);
    const operator = asString(toleration.operator) ?? 'Equal';
    const effect = asString(toleration.effect) ?? '';
    const keyMatches = key === taintKey || ((key === undefined || key === '') && operator === 'Exists');
    if (keyMatches && (effect === '' || effect === 'NoSchedule' || effect === 'NoExecute')) return 'yes';
  }
  return unknown ? 'unknown' : 'no';
}

/**
 * Node selection restricted to the dedicated nodes: `nodeSelector` with the taint key, or required node affinity
 * whose every term (terms are ORed) requires the key with `In` or `Exists`.
 */
function selectsDedicatedNodes(spec: Record<string, JsonValue | undefined>, taintKey: string): Verdict {
  const nodeSelector = spec.nodeSelector;
  if (isUnresolved(nodeSelector)) return 'unknown';
  const selectorObject = asObject(nodeSelector);
  if (selectorObject && Object.prototype.hasOwnProperty.call(selectorObject, taintKey)) return 'yes';
  const required = getPath(spec.affinity ?? null, ['nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution']);
  if (isUnresolved(spec.affinity) || isUnresolved(required)) return 'unknown';
  const terms = asArray(asObject(required)?.nodeSelectorTerms);
  if (terms.length === 0) return 'no';
  let unknown = false;
  const allTermsRequire = terms.every((term) =>
    asArray(asObject(term)?.matchExpressions).some((expression) => {
      const item = asObject(expression);
      if (!item) return false;
      if (isUnresolved(item.key) || isUnresolved(item.operator)) {
        unknown = true;
        return false;
      }
      return item.key === taintKey && (item.operator === 'In' || item.operator === 'Exists');
    }),
  );
  if (allTermsRequire) return 'yes';
  return unknown ? 'unknown' : 'no';
}

export default createRule({
  meta: {
    id: 'k8s/sensitive-workload-isolation',
    title: 'Sensitive workloads must run only on their dedicated, tainted nodes',
    severity: 'medium',
    seedPoints: ['HOST-4'],
    artifacts: ['kubernetes'],
    description:
      'For workloads that `settings.sensitiveWorkloads` marks as sensitive (all of its `labels` on the pod template or on the object, or a namespace listed in `namespaces`), reports a missing toleration of the dedicated node group taint (key `taintKey`, effect NoSchedule, NoExecute or any) and a missing node selection of those nodes (`nodeSelector` on the `taintKey` label, or required node affinity in which every term requires that label with `In` or `Exists`). Other workloads are not checked.',
    rationale:
      'The taint keeps other pods off the dedicated nodes; the node selector keeps the sensitive pods on them. With both, a container escape in an ordinary workload cannot reach the memory, volumes or credentials of the sensitive one (e.g. PCI cardholder data), and the node group can carry its own IAM role, security groups and hardening. Without the selector the pods can land on shared nodes; without the toleration they cannot be scheduled on the dedicated nodes at all.',
    remediation:
      'Taint the dedicated node group (`<taintKey>=<group>:NoSchedule`) and label its nodes with the same key, then give the sensitive pods `tolerations: [{key: <taintKey>, operator: Equal, value: <group>, effect: NoSchedule}]` and `nodeSelector: {<taintKey>: <group>}` (or an equivalent required node affinity).',
    limitations:
      'Whether the node group really carries the taint and the label is configured outside the manifests (eksctl, CloudFormation, Terraform, Karpenter NodePool) and is not checked here. The value of the taint and label is not compared, only the key. A wildcard toleration (`operator: Exists` without key) tolerates the taint and is accepted.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Kubernetes Pod security: node isolation' },
        { framework: 'CIS EKS Benchmark 1.5', id: '4.6.1' },
      ],
      links: ['https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#example-use-cases'],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, settings, report }) {
    const selector = settings.sensitiveWorkloads;
    const taintKey = selector.taintKey;
    if (taintKey === '') return;
    for (const pod of podTemplatesOf(resource)) {
      const why = sensitivity(resource, pod, selector);
      if (why === undefined) continue;
      const name = `${resource.type} "${resource.name}"${podTemplateSuffix(resource, pod)}`;
      const tolerations = podField(pod, 'tolerations');
      const nodeSelector = podField(pod, 'nodeSelector');
      const affinity = podField(pod, 'affinity');

      if (toleratesTaint(tolerations?.value, taintKey) === 'no') {
        report({
          path: tolerations?.path ?? pod.specPath,
          message: `${name} is sensitive (${why}) but does not tolerate the dedicated node taint "${taintKey}" (effect NoSchedule or NoExecute): it cannot run on the dedicated nodes.`,
          fix: `Add a toleration {key: ${taintKey}, operator: Exists, effect: NoSchedule} (or Equal with the node group's value).`,
        });
      }
      if (selectsDedicatedNodes({ nodeSelector: nodeSelector?.value, affinity: affinity?.value }, taintKey) === 'no') {
        const selectorPath =
          nodeSelector && isObject(nodeSelector.value)
            ? nodeSelector.path
            : affinity && isObject(getPath(affinity.value, ['nodeAffinity']) ?? null)
              ? [...affinity.path, 'nodeAffinity']
              : pod.specPath;
        report({
          path: selectorPath,
          message: `${name} is sensitive (${why}) but does not select the dedicated nodes: neither nodeSelector nor every term of the required node affinity requires the node label "${taintKey}", so its pods can be scheduled on shared nodes.`,
          fix: `Add nodeSelector {${taintKey}: <node group value>}, or a required node affinity on "${taintKey}" with operator In.`,
        });
      }
    }
  },
});
