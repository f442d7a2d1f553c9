import { keyFor, setting } from '../../graph/aws.js';
import type { NodePath, Resource } from '../../model/types.js';
import { asArray, asBoolean, asObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import type { RuleReport } from '../rule.js';
import { createRule } from '../rule.js';

const TYPES = new Set([
  'AWS::Config::ConfigurationRecorder',
  'aws_config_configuration_recorder',
  'aws_config_configuration_recorder_status',
  'AWS::Config::ConfigurationAggregator',
  'aws_config_configuration_aggregator',
]);

export default createRule({
  meta: {
    id: 'audit/config-recorder',
    title: 'AWS Config must record all resource types, keep recording, and aggregate all regions',
    severity: 'medium',
    otherSeverities: ['low'],
    seedPoints: ['OBS-7'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Configuration recorders (`AWS::Config::ConfigurationRecorder`, `aws_config_configuration_recorder`): reports a recording group that does not record all supported resource types (`AllSupported` / `all_supported` false, a `RecordingStrategy` other than `ALL_SUPPORTED_RESOURCE_TYPES`, or a `ResourceTypes` list without `AllSupported: true`), and one that records all types but sets `IncludeGlobalResourceTypes` / `include_global_resource_types` to false; (low) one that leaves it unset or has no recording group at all, whose default leaves out the global IAM types. A Terraform `aws_config_configuration_recorder_status` with `is_enabled = false` (the recorder is stopped). Configuration aggregators (`AWS::Config::ConfigurationAggregator`, `aws_config_configuration_aggregator`): reports one with no source that covers all regions (`AllAwsRegions` / `all_regions` true), listing only some regions.',
    rationale:
      'Config is the inventory and change history of the account: a recorder limited to chosen types misses resources created later (new services, unusual types used by an attacker), and an aggregator limited to some regions hides whatever runs elsewhere.',
    remediation:
      'Recorder: `RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true }` (global types in one region only, to avoid duplicates) / Terraform `recording_group { all_supported = true  include_global_resource_types = true }`. Aggregator: `AllAwsRegions: true` / `all_regions = true` on the account or organization source.',
    limitations:
      'Global types are needed in one region only: a recorder that leaves them out is reported low when it says nothing, as a reminder to record them somewhere, and at the rule\'s severity when it sets the flag to false. Whether a recorder exists in every region cannot be seen from one template, nor whether it is started when no `aws_config_configuration_recorder_status` is in the scan (CloudFormation starts a recorder that has a delivery channel). Unresolved values are unknown and not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0019' },
        { tool: 'checkov', id: 'CKV_AWS_121' },
        { tool: 'checkov', id: 'CKV2_AWS_45' },
        { tool: 'prowler', id: 'config_recorder_all_regions_enabled' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'Config.1' },
        { framework: 'CIS AWS Foundations Benchmark 3.0', id: '3.3' },
      ],
      links: ['https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => TYPES.has(resource.type),
  check({ resource, report }) {
    if (resource.type.toLowerCase().includes('aggregator')) checkAggregator(resource, report);
    else if (resource.type === 'aws_config_configuration_recorder_status') checkStatus(resource, report);
    else checkRecorder(resource, report);
  },
});

function checkRecorder(resource: Resource, report: (report: RuleReport) => void): void {
  const group = keyFor(resource, 'RecordingGroup', 'recording_group');
  const allKey = keyFor(resource, 'AllSupported', 'all_supported');
  const globalKey = keyFor(resource, 'IncludeGlobalResourceTypes', 'include_global_resource_types');
  const strategyKey = keyFor(resource, 'RecordingStrategy', 'recording_strategy');
  const groupSetting = setting(resource, [group]);
  if (groupSetting.unknown) return;
  if (!groupSetting.exists) {
    report({ path: groupSetting.path, severity: 'low', message: `The recorder has no ${group}: it records every regional resource type but not the global IAM types (users, groups, roles, policies), unless a recorder of another region does.`, fix: `Add ${group} with ${allKey} and ${globalKey} true in one region.`, key: 'global' });
    return;
  }
  const all = setting(resource, [group, allKey]);
  const strategy = setting(resource, [group, strategyKey, keyFor(resource, 'UseOnly', 'use_only')]);
  if (all.unknown || strategy.unknown) return;
  const allSupported = asBoolean(all.value);
  const strategyValue = typeof strategy.value === 'string' ? strategy.value : undefined;
  const types = setting(resource, [group, keyFor(resource, 'ResourceTypes', 'resource_types')]);
  const listsTypes = !types.unknown && Array.isArray(types.value) && types.value.length > 0;
  const selective = strategyValue !== undefined ? strategyValue !== 'ALL_SUPPORTED_RESOURCE_TYPES' : listsTypes;
  if (allSupported === false || (allSupported === undefined && !all.exists && selective)) {
    report({
      path: all.exists ? all.path : strategy.exists ? strategy.path : types.exists ? types.path : groupSetting.path,
      message: strategyValue && strategyValue !== 'ALL_SUPPORTED_RESOURCE_TYPES' ? `The recorder records only selected resource types (${strategyValue}).` : all.exists ? `The recorder records only selected resource types (${allKey} is false).` : `The recorder records only the resource types it lists (${allKey} is not set).`,
      fix: `Set ${group}.${allKey} to true.`,
      key: 'types',
    });
    return;
  }
  const global = setting(resource, [group, globalKey]);
  if (global.unknown) return;
  if (asBoolean(global.value) === false) {
    report({ path: global.path, message: `The recorder leaves out global resource types such as IAM (${globalKey} is false).`, fix: `Set ${globalKey} to true in one region.`, key: 'global' });
  } else if (!global.exists && (strategyValue === undefined || strategyValue === 'ALL_SUPPORTED_RESOURCE_TYPES')) {
    report({ path: global.path, severity: 'low', message: `The recorder does not set ${globalKey} (default false): it leaves out the global IAM types (users, groups, roles, policies), unless a recorder of another region records them.`, fix: `Set ${globalKey} to true in one region.`, key: 'global' });
  }
}

function checkStatus(resource: Resource, report: (report: RuleReport) => void): void {
  const enabled = setting(resource, ['is_enabled']);
  if (enabled.unknown || asBoolean(enabled.value) !== false) return;
  report({ path: enabled.path, message: 'The configuration recorder is stopped (is_enabled is false): it records no changes.', fix: 'Set is_enabled = true.', key: 'stopped' });
}

function checkAggregator(resource: Resource, report: (report: RuleReport) => void): void {
  const cfn = resource.artifact === 'cloudformation';
  const regionsKey = cfn ? 'AllAwsRegions' : 'all_regions';
  const sourceKeys = cfn ? ['AccountAggregationSources', 'OrganizationAggregationSource'] : ['account_aggregation_source', 'organization_aggregation_source'];
  let anySource = false;
  // Where a source says false in so many words: the finding goes there.
  let saysFalse: NodePath | undefined;
  for (const key of sourceKeys) {
    const source = setting(resource, [key]);
    if (!source.exists) continue;
    if (source.unknown) return;
    const list = Array.isArray(source.value);
    const entries = Array.isArray(source.value) ? source.value : [source.value];
    for (const [index, entry] of entries.entries()) {
      const object = asObject(entry);
      if (!object || isUnknown(entry)) return;
      anySource = true;
      const all = object[regionsKey];
      if (isUnknown(all)) return;
      if (asBoolean(all) === true) return;
      if (asBoolean(all) === false) saysFalse ??= [...source.path, ...(list ? [index] : []), regionsKey];
      const regions = object[cfn ? 'AwsRegions' : 'regions'];
      if (isUnknown(regions) || asArray(regions).some(isUnknown)) return;
    }
  }
  const found = setting(resource, [sourceKeys[0] ?? '']);
  const organization = setting(resource, [sourceKeys[1] ?? '']);
  report({
    path: saysFalse ?? (found.exists ? found.path : organization.exists ? organization.path : found.path),
    message: anySource ? `The aggregator collects only some regions: no source sets ${regionsKey} to true.` : `The aggregator has no source that covers all regions (${regionsKey}).`,
    fix: `Set ${regionsKey} to true on its account or organization source.`,
  });
}
