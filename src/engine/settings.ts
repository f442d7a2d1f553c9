/** Settings rules read, resolved from the configuration file and command-line options. */
export interface ScanSettings {
  /** Registry host or image prefix patterns (`*` matches within one dot-separated label). */
  allowedRegistries: readonly string[];
  /** CIDRs trusted as sources (e.g. office or VPN ranges). */
  trustedCidrs: readonly string[];
  sensitiveWorkloads: SensitiveWorkloadSelector;
  /** Names or `/regex/` patterns of variables and keys allowed to hold literal values that look secret. */
  secretAllowList: readonly string[];
}

export interface SensitiveWorkloadSelector {
  /** Pods whose labels include all of these are sensitive. */
  labels: Readonly<Record<string, string>>;
  /** Every workload in these namespaces is sensitive. */
  namespaces: readonly string[];
  /** Taint key a dedicated node group carries; sensitive pods must tolerate it and select those nodes. */
  taintKey: string;
}

export const DEFAULT_ALLOWED_REGISTRIES: readonly string[] = [
  '*.dkr.ecr.*.amazonaws.com',
  '*.dkr.ecr.*.amazonaws.com.cn',
  '*.dkr.ecr-fips.*.amazonaws.com',
  'public.ecr.aws',
];

export const DEFAULT_SETTINGS: ScanSettings = {
  allowedRegistries: DEFAULT_ALLOWED_REGISTRIES,
  trustedCidrs: [],
  sensitiveWorkloads: { labels: { 'seaworthy.dev/sensitive': 'true' }, namespaces: [], taintKey: 'dedicated' },
  secretAllowList: [],
};
