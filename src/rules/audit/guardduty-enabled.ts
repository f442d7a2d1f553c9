import { keyFor, referrersOf, setting } from '../../graph/aws.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import { asArray, asBoolean, asObject, asString } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import type { RuleReport } from '../rule.js';
import { createRule } from '../rule.js';

const DETECTOR = { cloudformation: 'AWS::GuardDuty::Detector', terraform: 'aws_guardduty_detector' };
const RUNTIME = ['RUNTIME_MONITORING', 'EKS_RUNTIME_MONITORING'];

interface FeatureState {
  status: 'ENABLED' | 'DISABLED' | 'unknown';
  path: NodePath;
  resource: Resource;
}

export default createRule({
  meta: {
    id: 'audit/guardduty-enabled',
    title: 'GuardDuty detectors must be enabled with EKS protection',
    severity: 'medium',
    seedPoints: ['OBS-9'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'For a GuardDuty detector defined in the scanned templates (`AWS::GuardDuty::Detector`, `aws_guardduty_detector`): reports a detector that is turned off (`Enable: false` / `enable = false`); EKS audit log monitoring explicitly disabled (the `EKS_AUDIT_LOGS` feature with status `DISABLED` in `Features`, in an `aws_guardduty_detector_feature`, or the legacy `DataSources.Kubernetes.AuditLogs.Enable` / `datasources.kubernetes.audit_logs.enable` false); and, when the scan also defines an EKS cluster, Runtime Monitoring (`RUNTIME_MONITORING` or `EKS_RUNTIME_MONITORING`) not enabled.',
    rationale:
      'GuardDuty is the account\'s threat detection: with EKS protection it flags anonymous API access, privilege escalation through RBAC and known-malicious IPs in the Kubernetes audit log; Runtime Monitoring adds reverse shells, container escapes and crypto-miners on the nodes. A disabled detector or feature silently removes that coverage.',
    remediation:
      'CloudFormation: `Enable: true` and `Features: [{ Name: EKS_AUDIT_LOGS, Status: ENABLED }, { Name: RUNTIME_MONITORING, Status: ENABLED, AdditionalConfiguration: [{ Name: EKS_ADDON_MANAGEMENT, Status: ENABLED }] }]`. Terraform: `enable = true` and `aws_guardduty_detector_feature` resources for `EKS_AUDIT_LOGS` and `RUNTIME_MONITORING` with `status = "ENABLED"`.',
    limitations:
      'Only detectors defined in the scanned files are checked: an account without any detector (or one managed by a delegated administrator) cannot be seen. A missing `EKS_AUDIT_LOGS` feature is not reported because its default depends on how and when GuardDuty was enabled; Runtime Monitoring is only required when the scan defines an EKS cluster. Unresolved values are unknown and not reported.',
    references: {
      peers: [{ tool: 'prowler', id: 'guardduty_is_enabled' }],
      frameworks: [
        { framework: 'AWS FSBP', id: 'GuardDuty.1' },
        { framework: 'AWS FSBP', id: 'GuardDuty.5' },
        { framework: 'AWS FSBP', id: 'GuardDuty.7' },
      ],
      links: ['https://docs.aws.amazon.com/guardduty/latest/ug/kubernetes-protection.html', 'https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html'],
    },
  },
  appliesTo: (resource) => resource.type === DETECTOR[resource.artifact as keyof typeof DETECTOR],
  check({ resource, graph, report }) {
    const enableKey = keyFor(resource, 'Enable', 'enable');
    const enable = setting(resource, [enableKey]);
    if (!enable.unknown && asBoolean(enable.value) === false) {
      report({ path: enable.path, message: `The GuardDuty detector is turned off (${enableKey} is false).`, fix: `Set ${enableKey} to true.`, key: 'enable' });
      return;
    }
    const features = featureStates(graph, resource);
    const audit = features.get('EKS_AUDIT_LOGS');
    if (audit?.status === 'DISABLED') {
      reportFeature(report, resource, audit, 'EKS audit log monitoring is disabled (EKS_AUDIT_LOGS).', 'audit');
    } else if (!audit) {
      const legacy = setting(resource, resource.artifact === 'cloudformation' ? ['DataSources', 'Kubernetes', 'AuditLogs', 'Enable'] : ['datasources', 'kubernetes', 'audit_logs', 'enable']);
      if (!legacy.unknown && asBoolean(legacy.value) === false) {
        report({ path: legacy.path, message: 'EKS audit log monitoring is disabled (Kubernetes audit logs data source).', key: 'audit' });
      }
    }
    if (!definesEksCluster(graph, resource)) return;
    const runtime = RUNTIME.map((name) => features.get(name)).filter((state): state is FeatureState => state !== undefined);
    if (runtime.some((state) => state.status !== 'DISABLED')) return;
    const disabled = runtime[0];
    if (disabled) reportFeature(report, resource, disabled, `Runtime Monitoring is disabled (${RUNTIME.join(' / ')}) while the scan defines EKS clusters.`, 'runtime');
    else {
      const anchor = setting(resource, [keyFor(resource, 'Features', 'feature')]);
      report({ path: anchor.path, message: 'Runtime Monitoring is not enabled (no RUNTIME_MONITORING feature) while the scan defines EKS clusters.', key: 'runtime' });
    }
  },
});

function reportFeature(report: (report: RuleReport) => void, detector: Resource, state: FeatureState, message: string, key: string): void {
  report(state.resource === detector ? { path: state.path, message, key } : { resource: state.resource, path: state.path, message, key });
}

/** Feature name -> state, from the detector's `Features` / `feature` blocks and Terraform `aws_guardduty_detector_feature` resources. */
function featureStates(graph: ResourceGraph, detector: Resource): Map<string, FeatureState> {
  const states = new Map<string, FeatureState>();
  const add = (resource: Resource, path: NodePath, name: JsonValue | undefined, status: JsonValue | undefined): void => {
    const featureName = asString(name);
    if (featureName === undefined) return;
    const value = asString(status)?.toUpperCase();
    const state: FeatureState = { status: isUnknown(status) || (value !== 'ENABLED' && value !== 'DISABLED') ? 'unknown' : value, path, resource };
    const previous = states.get(featureName);
    if (!previous || previous.status === 'DISABLED') states.set(featureName, state);
  };
  const list = setting(detector, [keyFor(detector, 'Features', 'feature')]);
  asArray(list.value).forEach((item, position) => {
    const object = asObject(item);
    if (!object) return;
    const nameKey = detector.artifact === 'cloudformation' ? 'Name' : 'name';
    const statusKey = detector.artifact === 'cloudformation' ? 'Status' : 'status';
    add(detector, [...list.path, position, statusKey], object[nameKey], object[statusKey]);
  });
  if (detector.artifact === 'terraform') {
    for (const feature of referrersOf(graph, detector, '', 'aws_guardduty_detector_feature')) add(feature, ['status'], feature.body.name, feature.body.status);
  }
  return states;
}

function definesEksCluster(graph: ResourceGraph, detector: Resource): boolean {
  return detector.artifact === 'cloudformation' ? graph.ofType('cloudformation', 'AWS::EKS::Cluster').length > 0 : graph.ofType('terraform', 'aws_eks_cluster').length > 0;
}
