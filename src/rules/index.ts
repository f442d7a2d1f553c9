import type { Rule } from './rule.js';
import expiredSuppression from './core/expired-suppression.js';
import invalidSuppression from './core/invalid-suppression.js';
import malformedContainerDefinitions from './core/malformed-container-definitions.js';
import malformedNetworkPolicy from './core/malformed-network-policy.js';
import malformedPodSpec from './core/malformed-pod-spec.js';
// @imports:pod-security
import apparmorNotDisabled from './k8s/apparmor-not-disabled.js';
import dropAllCapabilities from './k8s/drop-all-capabilities.js';
import noAddedCapabilities from './k8s/no-added-capabilities.js';
import noCustomSelinuxOptions from './k8s/no-custom-selinux-options.js';
import noPrivilegeEscalation from './k8s/no-privilege-escalation.js';
import noPrivileged from './k8s/no-privileged.js';
import noUnmaskedProcMount from './k8s/no-unmasked-proc-mount.js';
import noWindowsHostProcess from './k8s/no-windows-host-process.js';
import readOnlyRootFilesystem from './k8s/read-only-root-filesystem.js';
import seccompRuntimeDefault from './k8s/seccomp-runtime-default.js';
import runAsNonRoot from './k8s/run-as-non-root.js';
import noRootGroup from './k8s/no-root-group.js';
// @imports:workload-pod
import cpuLimit from './k8s/cpu-limit.js';
import cpuRequest from './k8s/cpu-request.js';
import imageDigestPinned from './k8s/image-digest-pinned.js';
import imageTagPinned from './k8s/image-tag-pinned.js';
import livenessProbe from './k8s/liveness-probe.js';
import memoryLimit from './k8s/memory-limit.js';
import memoryRequest from './k8s/memory-request.js';
import noHostNamespaces from './k8s/no-host-namespaces.js';
import noHostPath from './k8s/no-host-path.js';
import noHostPorts from './k8s/no-host-ports.js';
import noSensitiveHostPath from './k8s/no-sensitive-host-path.js';
import noUnsafeSysctls from './k8s/no-unsafe-sysctls.js';
import readinessProbe from './k8s/readiness-probe.js';
import trustedRegistry from './k8s/trusted-registry.js';
// @imports:rbac
import awsAuthSystemMasters from './k8s/aws-auth-system-masters.js';
import dedicatedServiceAccount from './k8s/dedicated-service-account.js';
import defaultServiceAccountUnused from './k8s/default-service-account-unused.js';
import irsaRolePerServiceAccount from './k8s/irsa-role-per-service-account.js';
import rbacAnonymousBinding from './k8s/rbac-anonymous-binding.js';
import rbacClusterAdminBinding from './k8s/rbac-cluster-admin-binding.js';
import rbacNoWildcards from './k8s/rbac-no-wildcards.js';
import rbacPodExecAttach from './k8s/rbac-pod-exec-attach.js';
import rbacPrivilegeEscalationVerbs from './k8s/rbac-privilege-escalation-verbs.js';
import rbacSecretsAccess from './k8s/rbac-secrets-access.js';
import rbacAwsAuthWrite from './k8s/rbac-aws-auth-write.js';
import rbacAdmissionControlWrite from './k8s/rbac-admission-control-write.js';
import rbacWorkloadCreation from './k8s/rbac-workload-creation.js';
import rbacTokenCreation from './k8s/rbac-token-creation.js';
import rbacPersistentVolumeCreation from './k8s/rbac-persistent-volume-creation.js';
import rbacNamespaceModification from './k8s/rbac-namespace-modification.js';
import serviceAccountTokenAutomount from './k8s/service-account-token-automount.js';
// @imports:network
import gatewayRouteTls from './k8s/gateway-route-tls.js';
import ingressTls from './k8s/ingress-tls.js';
import istioGatewayTls from './k8s/istio-gateway-tls.js';
import istioMtls from './k8s/istio-mtls.js';
import apiserviceTlsVerify from './k8s/apiservice-tls-verify.js';
import loadBalancerTls from './k8s/load-balancer-tls.js';
import loadBalancerPublicExposure from './k8s/load-balancer-public-exposure.js';
import noServiceExternalIps from './k8s/no-service-external-ips.js';
import namespacePodSecurityAdmission from './k8s/namespace-pod-security-admission.js';
import networkPolicyBroadAllow from './k8s/network-policy-broad-allow.js';
import networkPolicyCoverage from './k8s/network-policy-coverage.js';
import noDefaultNamespace from './k8s/no-default-namespace.js';
import noSystemNamespaceWorkloads from './k8s/no-system-namespace-workloads.js';
import sensitiveWorkloadIsolation from './k8s/sensitive-workload-isolation.js';
// @imports:secrets
import ingressCertificateAutomated from './k8s/ingress-certificate-automated.js';
import noAwsCredentialsInEnv from './k8s/no-aws-credentials-in-env.js';
import noCommittedSecretData from './k8s/no-committed-secret-data.js';
import noPlaintextSecretEnv from './k8s/no-plaintext-secret-env.js';
import noPrivateKeyInManifest from './k8s/no-private-key-in-manifest.js';
import noSecretsInArgs from './k8s/no-secrets-in-args.js';
import rbacEndpointsWrite from './k8s/rbac-endpoints-write.js';
import rbacNetworkPolicyWrite from './k8s/rbac-network-policy-write.js';
import noSecretsInResourceProperties from './iam/no-secrets-in-resource-properties.js';
import ingressNginxSnippets from './k8s/ingress-nginx-snippets.js';
import noSecretsInAnnotations from './k8s/no-secrets-in-annotations.js';
import noSecretsInConfigmap from './k8s/no-secrets-in-configmap.js';
// @imports:ecs
import dropAllCapabilitiesEcs from './ecs/drop-all-capabilities.js';
import efsIamAuthorizationEcs from './ecs/efs-iam-authorization.js';
import efsTransitEncryptionEcs from './ecs/efs-transit-encryption.js';
import fargatePlatformEcs from './ecs/fargate-platform.js';
import imageTagPinnedEcs from './ecs/image-tag-pinned.js';
import loggingConfiguredEcs from './ecs/logging-configured.js';
import noAwsCredentialsInEnvEcs from './ecs/no-aws-credentials-in-env.js';
import noHostNamespacesEcs from './ecs/no-host-namespaces.js';
import noPlaintextSecretsEcs from './ecs/no-plaintext-secrets.js';
import noPrivilegedEcs from './ecs/no-privileged.js';
import noSensitiveHostPathEcs from './ecs/no-sensitive-host-path.js';
import readOnlyRootFilesystemEcs from './ecs/read-only-root-filesystem.js';
import runAsNonRootEcs from './ecs/run-as-non-root.js';
import taskRoleSeparateEcs from './ecs/task-role-separate.js';
import trustedRegistryEcs from './ecs/trusted-registry.js';
// @imports:iam
import bucketPolicySecureTransport from './iam/bucket-policy-secure-transport.js';
import duplicateStatements from './iam/duplicate-statements.js';
import hostRoleImagePush from './iam/host-role-image-push.js';
import noAdminPolicy from './iam/no-admin-policy.js';
import noEcsEksEcrAdmin from './iam/no-ecs-eks-ecr-admin.js';
import noPassroleWildcard from './iam/no-passrole-wildcard.js';
import noPublicEcrRepositoryPolicy from './iam/no-public-ecr-repository-policy.js';
import noWildcardPermissions from './iam/no-wildcard-permissions.js';
import requireMfaForPrivileged from './iam/require-mfa-for-privileged.js';
import scopedTrustPolicy from './iam/scoped-trust-policy.js';
import validPolicyDocument from './iam/valid-policy-document.js';
// @imports:eks
// @imports:user-data
import iamNoCredentialsInUserData from './iam/no-credentials-in-user-data.js';
import iamNoSecretsInParameterDefaults from './iam/no-secrets-in-parameter-defaults.js';
// @imports:iam-resources
import iamNoWildcardResource from './iam/no-wildcard-resource.js';
// @imports:ecs-hosts
import ecsContainerInstanceImdsv2 from './ecs/container-instance-imdsv2.js';
import ecsContainerInstanceNoSsh from './ecs/container-instance-no-ssh.js';
import eksAmiLookupOwners from './eks/ami-lookup-owners.js';
import ecsContainerInstancePatchedAmi from './ecs/container-instance-patched-ami.js';
import k8sTracingCollector from './k8s/tracing-collector.js';
// @imports:iam-gaps
import iamNoLongLivedAccessKeys from './iam/no-long-lived-access-keys.js';
import iamNoUserAttachedPolicies from './iam/no-user-attached-policies.js';
// @imports:network-aws2
import netAcmDnsValidation from './net/acm-dns-validation.js';
import netServiceToServiceIngress from './net/service-to-service-ingress.js';
// @imports:observability
import obsEcsContainerInsights from './obs/ecs-container-insights.js';
import ecsExecLogging from './obs/ecs-exec-logging.js';
import obsTracingEnabled from './obs/tracing-enabled.js';
import obsServiceAlarms from './obs/service-alarms.js';
// @imports:governance
import govScpGuardrails from './gov/scp-guardrails.js';
import govRamShareInternal from './gov/ram-share-internal.js';
import govSeparationOfDuties from './gov/separation-of-duties.js';
// @imports:network-aws
import netNoPublicIngress from './net/no-public-ingress.js';
import netDefaultSecurityGroupClosed from './net/default-security-group-closed.js';
import netNoPublicIpForTasks from './net/no-public-ip-for-tasks.js';
import netClassicLoadBalancerTls from './net/classic-load-balancer-tls.js';
import netCloudfrontTls from './net/cloudfront-tls.js';
import netApiGatewayTls from './net/api-gateway-tls.js';
import netHttpsListenerTlsPolicy from './net/https-listener-tls-policy.js';
import netHttpListenerRedirects from './net/http-listener-redirects.js';
import netVpcEndpoints from './net/vpc-endpoints.js';
import netVpcEndpointSecurityGroups from './net/vpc-endpoint-security-groups.js';
import netNaclNoPublicAdminPorts from './net/nacl-no-public-admin-ports.js';
import netSecurityGroupDescription from './net/security-group-description.js';
import netSecurityGroupRuleDescriptions from './net/security-group-rule-descriptions.js';
// @imports:audit
import auditLogGroupRetention from './audit/log-group-retention.js';
import auditCloudtrailBucketHardening from './audit/cloudtrail-bucket-hardening.js';
import auditGuarddutyEnabled from './audit/guardduty-enabled.js';
import auditKmsKeyRotation from './audit/kms-key-rotation.js';
import auditSecurityhubEnabled from './audit/securityhub-enabled.js';
import auditConfigRecorder from './audit/config-recorder.js';
import auditCloudtrailBucketProtected from './audit/cloudtrail-bucket-protected.js';
import auditCloudtrailBucketAccessLogging from './audit/cloudtrail-bucket-access-logging.js';
import auditCloudtrailMultiRegion from './audit/cloudtrail-multi-region.js';
import auditCloudtrailLogValidation from './audit/cloudtrail-log-validation.js';
import auditCloudtrailLoggingOn from './audit/cloudtrail-logging-on.js';
import auditCloudtrailKms from './audit/cloudtrail-kms.js';
import auditCloudtrailCloudwatchLogs from './audit/cloudtrail-cloudwatch-logs.js';
import auditEcrScanOnPush from './audit/ecr-scan-on-push.js';
import auditEcrImmutableTags from './audit/ecr-immutable-tags.js';
import auditEcrLifecyclePolicy from './audit/ecr-lifecycle-policy.js';
import auditSecretsManagerRotation from './audit/secrets-manager-rotation.js';
import auditEcrKmsEncryption from './audit/ecr-kms-encryption.js';
import auditLogGroupKms from './audit/log-group-kms.js';
import eksClusterAccessLeastPrivilege from './eks/cluster-access-least-privilege.js';
import eksContainerInsights from './eks/container-insights.js';
import eksControlPlaneLogging from './eks/control-plane-logging.js';
import eksEndpointAccess from './eks/endpoint-access.js';
import eksNetworkPolicyEnforcement from './eks/network-policy-enforcement.js';
import eksNodegroupImdsv2 from './eks/nodegroup-imdsv2.js';
import nodeRoleAddonPolicies from './eks/node-role-addon-policies.js';
import eksPodIdentityRolePerServiceAccount from './eks/pod-identity-role-per-service-account.js';
import eksNodegroupNoSsh from './eks/nodegroup-no-ssh.js';
import eksNodegroupPatchedAmi from './eks/nodegroup-patched-ami.js';
import eksPrivateNodes from './eks/private-nodes.js';
import eksSecretsEncryption from './eks/secrets-encryption.js';
import eksSupportedKubernetesVersion from './eks/supported-kubernetes-version.js';
import eksTaintedNodeGroups from './eks/tainted-node-groups.js';

/**
 * The registry: every rule the tool runs. A rule that cannot decide yet stays out of this list.
 * Keep each group sorted by id; tests check that every file under src/rules/<area>/ is listed here and that
 * its file name is its id.
 */
export const ALL_RULES: readonly Rule[] = [
  // core
  expiredSuppression,
  invalidSuppression,
  malformedContainerDefinitions,
  malformedNetworkPolicy,
  malformedPodSpec,
  // @rules:pod-security
  apparmorNotDisabled,
  dropAllCapabilities,
  noAddedCapabilities,
  noCustomSelinuxOptions,
  noPrivilegeEscalation,
  noPrivileged,
  noUnmaskedProcMount,
  noWindowsHostProcess,
  readOnlyRootFilesystem,
  seccompRuntimeDefault,
  runAsNonRoot,
  noRootGroup,
  // @rules:workload-pod
  cpuLimit,
  cpuRequest,
  imageDigestPinned,
  imageTagPinned,
  livenessProbe,
  memoryLimit,
  memoryRequest,
  noHostNamespaces,
  noHostPath,
  noHostPorts,
  noSensitiveHostPath,
  noUnsafeSysctls,
  readinessProbe,
  trustedRegistry,
  // @rules:rbac
  awsAuthSystemMasters,
  dedicatedServiceAccount,
  defaultServiceAccountUnused,
  irsaRolePerServiceAccount,
  rbacAnonymousBinding,
  rbacClusterAdminBinding,
  rbacNoWildcards,
  rbacPodExecAttach,
  rbacPrivilegeEscalationVerbs,
  rbacSecretsAccess,
  rbacAwsAuthWrite,
  rbacAdmissionControlWrite,
  rbacWorkloadCreation,
  rbacTokenCreation,
  rbacPersistentVolumeCreation,
  rbacNamespaceModification,
  serviceAccountTokenAutomount,
  // @rules:network
  ingressTls,
  gatewayRouteTls,
  istioGatewayTls,
  istioMtls,
  apiserviceTlsVerify,
  loadBalancerTls,
  loadBalancerPublicExposure,
  noServiceExternalIps,
  namespacePodSecurityAdmission,
  networkPolicyBroadAllow,
  networkPolicyCoverage,
  noDefaultNamespace,
  noSystemNamespaceWorkloads,
  sensitiveWorkloadIsolation,
  // @rules:secrets
  ingressCertificateAutomated,
  noAwsCredentialsInEnv,
  noCommittedSecretData,
  noPlaintextSecretEnv,
  noPrivateKeyInManifest,
  noSecretsInAnnotations,
  noSecretsInArgs,
  rbacEndpointsWrite,
  rbacNetworkPolicyWrite,
  noSecretsInResourceProperties,
  ingressNginxSnippets,
  noSecretsInConfigmap,
  // @rules:ecs
  dropAllCapabilitiesEcs,
  efsIamAuthorizationEcs,
  efsTransitEncryptionEcs,
  fargatePlatformEcs,
  imageTagPinnedEcs,
  loggingConfiguredEcs,
  noAwsCredentialsInEnvEcs,
  noHostNamespacesEcs,
  noPlaintextSecretsEcs,
  noPrivilegedEcs,
  noSensitiveHostPathEcs,
  readOnlyRootFilesystemEcs,
  runAsNonRootEcs,
  taskRoleSeparateEcs,
  trustedRegistryEcs,
  // @rules:iam
  bucketPolicySecureTransport,
  duplicateStatements,
  hostRoleImagePush,
  noAdminPolicy,
  noEcsEksEcrAdmin,
  noPassroleWildcard,
  noPublicEcrRepositoryPolicy,
  noWildcardPermissions,
  requireMfaForPrivileged,
  scopedTrustPolicy,
  validPolicyDocument,
  // @rules:eks
  // @rules:user-data
  iamNoCredentialsInUserData,
  iamNoSecretsInParameterDefaults,
  // @rules:iam-resources
  iamNoWildcardResource,
  // @rules:ecs-hosts
  ecsContainerInstanceImdsv2,
  ecsContainerInstanceNoSsh,
  ecsContainerInstancePatchedAmi,
  eksAmiLookupOwners,
  k8sTracingCollector,
  // @rules:iam-gaps
  iamNoLongLivedAccessKeys,
  iamNoUserAttachedPolicies,
  // @rules:network-aws2
  netAcmDnsValidation,
  netServiceToServiceIngress,
  // @rules:observability
  obsEcsContainerInsights,
  ecsExecLogging,
  obsTracingEnabled,
  obsServiceAlarms,
  // @rules:governance
  govScpGuardrails,
  govRamShareInternal,
  govSeparationOfDuties,
  // @rules:network-aws
  netNoPublicIngress,
  netDefaultSecurityGroupClosed,
  netNoPublicIpForTasks,
  netClassicLoadBalancerTls,
  netCloudfrontTls,
  netApiGatewayTls,
  netHttpsListenerTlsPolicy,
  netHttpListenerRedirects,
  netVpcEndpoints,
  netVpcEndpointSecurityGroups,
  netNaclNoPublicAdminPorts,
  netSecurityGroupDescription,
  netSecurityGroupRuleDescriptions,
  // @rules:audit
  auditLogGroupRetention,
  auditCloudtrailBucketHardening,
  auditGuarddutyEnabled,
  auditKmsKeyRotation,
  auditSecurityhubEnabled,
  auditConfigRecorder,
  auditCloudtrailBucketProtected,
  auditCloudtrailBucketAccessLogging,
  auditCloudtrailMultiRegion,
  auditCloudtrailLogValidation,
  auditCloudtrailLoggingOn,
  auditCloudtrailKms,
  auditCloudtrailCloudwatchLogs,
  auditEcrScanOnPush,
  auditEcrImmutableTags,
  auditEcrLifecyclePolicy,
  auditSecretsManagerRotation,
  auditEcrKmsEncryption,
  auditLogGroupKms,
  eksClusterAccessLeastPrivilege,
  eksContainerInsights,
  eksControlPlaneLogging,
  eksEndpointAccess,
  eksNetworkPolicyEnforcement,
  eksNodegroupImdsv2,
  nodeRoleAddonPolicies,
  eksPodIdentityRolePerServiceAccount,
  eksNodegroupNoSsh,
  eksNodegroupPatchedAmi,
  eksPrivateNodes,
  eksSecretsEncryption,
  eksSupportedKubernetesVersion,
  eksTaintedNodeGroups,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

export const RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((rule) => rule.meta.id));

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.meta.id === id);
}
