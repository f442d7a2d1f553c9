import type { ArtifactType } from '../model/types.js';

/**
 * The seed points of SEED-POINTS.md (transcribed; a test compares this table with the document when
 * `../shared` is present). `artifacts` is what the *check* column asks a scanner rule for.
 */
export interface SeedPoint {
  id: string;
  group: string;
  point: string;
  check: string;
  provision: string;
  artifacts: readonly ArtifactType[];
}

export const SEED_POINTS: readonly SeedPoint[] = [
  {
    "id": "IMG-1",
    "group": "IMG",
    "point": "Trusted registries: images come from a private ECR registry, or a configured allow-list (000 §1 Trusted Images; 001 Compliance)",
    "check": "K8s, TD, CFN, TF container images; DF `FROM`",
    "provision": "ECR repository per app; every image reference is an ECR URI",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform",
      "task-definition",
      "dockerfile"
    ]
  },
  {
    "id": "IMG-2",
    "group": "IMG",
    "point": "Images pinned and immutable: no `latest` or missing tag, digest pinning preferred, ECR tag immutability (000 §1; 001 Compliance)",
    "check": "K8s, TD, CFN, TF, DF; ECR `ImageTagMutability` in CFN/TF",
    "provision": "`IMMUTABLE` tags; deploy by digest",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform",
      "task-definition",
      "dockerfile"
    ]
  },
  {
    "id": "IMG-3",
    "group": "IMG",
    "point": "Vulnerability scanning: ECR scan on push / enhanced registry scanning; a scan gate in CI; scanner reports gated by severity (000 §1; 001 Compliance)",
    "check": "CFN, TF (repository and registry scanning config); CI; Trivy/Grype/ECR scan-findings JSON",
    "provision": "scan on push + enhanced scanning; CI scan step that fails on HIGH/CRITICAL",
    "artifacts": [
      "cloudformation",
      "terraform",
      "ci-workflow"
    ]
  },
  {
    "id": "IMG-4",
    "group": "IMG",
    "point": "Minimal, patched base images: build from scratch / distroless / minimal, multi-stage, no package caches, periodic rebuild (001 \"build from scratch\"; 000 \"always up to date\")",
    "check": "DF",
    "provision": "sample Dockerfile and scheduled rebuild in the generated pipeline",
    "artifacts": [
      "dockerfile"
    ]
  },
  {
    "id": "IMG-5",
    "group": "IMG",
    "point": "ECR encryption: KMS for standard, customer-managed KMS key (CMK) for sensitive workloads (001 Network access)",
    "check": "CFN, TF",
    "provision": "CMK when the app spec says `sensitive`, else KMS",
    "artifacts": [
      "cloudformation",
      "terraform"
    ]
  },
  {
    "id": "IMG-6",
    "group": "IMG",
    "point": "Minimal ECR access: no public / `*` repository policy, minimal push/pull IAM, lifecycle policy (001 IAM)",
    "check": "CFN, TF, POL",
    "provision": "repo policy scoped to the account roles that need it; lifecycle policy",
    "artifacts": [
      "cloudformation",
      "terraform",
      "iam-policy"
    ]
  },
  {
    "id": "IMG-7",
    "group": "IMG",
    "point": "CIS Docker Benchmark section 4 for build files (Docker Bench for Security): HEALTHCHECK, COPY over ADD, no ADD from URLs, no secrets in ENV/ARG, no sudo, no `curl \\| sh`, no sshd / EXPOSE 22 (001 Compliance)",
    "check": "DF",
    "provision": "generated Dockerfile guidance passes",
    "artifacts": [
      "dockerfile"
    ]
  },
  {
    "id": "RUN-1",
    "group": "RUN",
    "point": "Containers do not run as root (000 §1 Least Privilege)",
    "check": "K8s (`runAsNonRoot`, `runAsUser`, pod and container level merged), TD/CFN/TF (`user`), DF (`USER` of the final stage)",
    "provision": "non-root UID everywhere",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform",
      "task-definition",
      "dockerfile"
    ]
  },
  {
    "id": "RUN-2",
    "group": "RUN",
    "point": "Read-only root filesystem with explicit writable volumes (001 Compliance; 000 §1)",
    "check": "K8s, TD, CFN, TF",
    "provision": "`readOnlyRootFilesystem: true` + emptyDir / ECS volumes for declared writable paths",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform",
      "task-definition"
    ]
  },
  {
    "id": "RUN-3",
    "group": "RUN",
    "point": "No privilege: not privileged, no privilege escalation, capabilities drop ALL, seccomp RuntimeDefault, no host network/PID/IPC, no sensitive hostPath (docker.sock, /, /etc, /proc, /var/run) (000 §1)",
    "check": "K8s, TD, CFN, TF",
    "provision": "all of these set explicitly",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform",
      "task-definition"
    ]
  },
  {
    "id": "RUN-4",
    "group": "RUN",
    "point": "Secrets never in plain environment variables or config: Secrets Manager / SSM Parameter Store references, rotation; no literal secrets in env, ConfigMaps, template parameters' defaults, Dockerfile ENV/ARG (000 §2.4; 001 Network access)",
    "check": "K8s, TD, CFN, TF, DF",
    "provision": "ECS `secrets.valueFrom`; EKS External Secrets / Secrets Store CSI; rotation on generated secrets",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform",
      "task-definition",
      "dockerfile"
    ]
  },
  {
    "id": "IAM-1",
    "group": "IAM",
    "point": "Task / pod level roles with least privilege: ECS task role separate from execution role; EKS IRSA or Pod Identity per workload; no wildcard actions or resources (except actions without resource-level permissions), no admin or `*FullAccess` managed policies, no `iam:PassRole` on `*` (000 §2.2, §3.1 IRSA; 001 IAM)",
    "check": "CFN, TF, POL, TD, K8s (SA annotation)",
    "provision": "one task role and one execution role per service; IRSA role per service account",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform",
      "task-definition",
      "iam-policy"
    ]
  },
  {
    "id": "IAM-2",
    "group": "IAM",
    "point": "Only authorized principals can assume roles: scoped trust policies (`ecs-tasks.amazonaws.com` with `aws:SourceAccount` / `aws:SourceArn`; IRSA trust pinned to `system:serviceaccount:NS:NAME` and `aud`) (000 §2.2)",
    "check": "CFN, TF, POL",
    "provision": "scoped trust policies",
    "artifacts": [
      "cloudformation",
      "terraform",
      "iam-policy"
    ]
  },
  {
    "id": "IAM-3",
    "group": "IAM",
    "point": "Temporary credentials only: no IAM users or access keys for workloads and deployments; cross-account via STS AssumeRole; CI via OIDC; EC2 instance profiles, no credentials in user data or on disk (001 IAM; 000 §2.1)",
    "check": "CFN, TF, POL, CI, TD (env)",
    "provision": "OIDC deploy role; instance profiles",
    "artifacts": [
      "cloudformation",
      "terraform",
      "task-definition",
      "iam-policy",
      "ci-workflow"
    ]
  },
  {
    "id": "IAM-4",
    "group": "IAM",
    "point": "Privileged human access requires MFA (`aws:MultiFactorAuthPresent`), TLS (`aws:SecureTransport`), optionally a time window (`aws:CurrentTime`) (001 IAM)",
    "check": "CFN, TF, POL",
    "provision": "operator role with these conditions",
    "artifacts": [
      "cloudformation",
      "terraform",
      "iam-policy"
    ]
  },
  {
    "id": "IAM-5",
    "group": "IAM",
    "point": "Minimal permissions to manage ECS / EKS / ECR themselves: no `ecs:*`, `eks:*`, `ecr:*` on `*` for people or CI (001 IAM)",
    "check": "CFN, TF, POL",
    "provision": "deploy role scoped to the app's cluster, service and repository",
    "artifacts": [
      "cloudformation",
      "terraform",
      "iam-policy"
    ]
  },
  {
    "id": "IAM-6",
    "group": "IAM",
    "point": "EFS from ECS through IAM: `authorizationConfig.iam: ENABLED`, transit encryption, access point (001 IAM)",
    "check": "TD, CFN, TF",
    "provision": "when the spec declares EFS volumes",
    "artifacts": [
      "cloudformation",
      "terraform",
      "task-definition"
    ]
  },
  {
    "id": "IAM-7",
    "group": "IAM",
    "point": "Organization guardrails: SCPs that deny disabling CloudTrail / GuardDuty / Config, public ECR, IMDSv1; RAM shares scoped to the organization (000 §2.2 Policies and Governance)",
    "check": "CFN, TF, POL",
    "provision": "optional guardrail stack with SCPs",
    "artifacts": [
      "cloudformation",
      "terraform",
      "iam-policy"
    ]
  },
  {
    "id": "IAM-8",
    "group": "IAM",
    "point": "Periodic review, unused permissions removed (000 §2.2)",
    "check": "statically: duplicate / shadowed / unused-looking statements; otherwise documented",
    "provision": "IAM Access Analyzer enabled",
    "artifacts": []
  },
  {
    "id": "IAM-9",
    "group": "IAM",
    "point": "Separation of duties: dev vs ops; the identity that pushes images is not the one that deploys to production and passes roles; CI deploy role separate from runtime roles (000 §1 Separation of Responsibilities)",
    "check": "CFN, TF, POL",
    "provision": "separate build, deploy and runtime roles",
    "artifacts": [
      "cloudformation",
      "terraform",
      "iam-policy"
    ]
  },
  {
    "id": "NET-1",
    "group": "NET",
    "point": "Private placement: back-end tasks / pods in private subnets without public IPs; only front ends (load balancers) in public subnets; NAT or endpoints for egress (000 §2.1 Fargate, §2.3 VPC and Subnets)",
    "check": "CFN, TF (ECS service `AssignPublicIp`, subnet `MapPublicIpOnLaunch`, route to an internet gateway), EKSCTL",
    "provision": "private subnets, `AssignPublicIp: DISABLED`",
    "artifacts": [
      "cloudformation",
      "terraform",
      "eksctl"
    ]
  },
  {
    "id": "NET-2",
    "group": "NET",
    "point": "Restrictive security groups / NACLs: a security group per service allowing only essential ports from known sources; no 0.0.0.0/0 ingress except 80/443 on an internet-facing load balancer; never SSH/RDP from the world (000 §2.1, §2.3)",
    "check": "CFN, TF",
    "provision": "ALB SG -> task SG on the container port only",
    "artifacts": [
      "cloudformation",
      "terraform"
    ]
  },
  {
    "id": "NET-3",
    "group": "NET",
    "point": "East-west traffic restricted: service-to-service allowed explicitly (SG references on ECS; NetworkPolicy default deny plus explicit allows, ingress and egress, on EKS) (000 §2.3, §3.3)",
    "check": "CFN, TF, K8s (cross-resource: every workload selected by a NetworkPolicy)",
    "provision": "default-deny + explicit allows",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform"
    ]
  },
  {
    "id": "NET-4",
    "group": "NET",
    "point": "Private AWS API access through VPC interface endpoints (PrivateLink) with security groups: ecs, ecs-agent, ecs-telemetry, ecr.api, ecr.dkr, s3 (gateway), secretsmanager, ssm, ssmmessages, logs, sts (001 Network access)",
    "check": "CFN, TF (cross-resource: private tasks without NAT need these)",
    "provision": "endpoints + endpoint SG allowing 443 from task SGs",
    "artifacts": [
      "cloudformation",
      "terraform"
    ]
  },
  {
    "id": "NET-5",
    "group": "NET",
    "point": "TLS everywhere: HTTPS / TLS listeners with a TLS 1.2+ policy and HTTP -> HTTPS redirect; Ingress `tls`; `aws:SecureTransport` on bucket policies (001 Network access TLS 1.2; 000 §3.4)",
    "check": "CFN, TF, K8s, POL",
    "provision": "HTTPS listener, `ELBSecurityPolicy-TLS13-1-2-2021-06`, redirect",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform",
      "iam-policy"
    ]
  },
  {
    "id": "NET-6",
    "group": "NET",
    "point": "Certificates automated: ACM (DNS validation) / cert-manager Certificate + Issuer; no private keys or certificates in manifests (000 §3.4)",
    "check": "K8s (Ingress <-> Certificate / issuer annotation), CFN, TF",
    "provision": "ACM certificate or cert-manager resources",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform"
    ]
  },
  {
    "id": "NET-7",
    "group": "NET",
    "point": "Pod network controls on EKS: network policy enforcement enabled (VPC CNI network policy, Calico or Cilium); security groups for pods where needed (000 §3.3)",
    "check": "EKSCTL, CFN, TF (add-on config)",
    "provision": "VPC CNI with `enableNetworkPolicy`",
    "artifacts": [
      "cloudformation",
      "terraform",
      "eksctl"
    ]
  },
  {
    "id": "HOST-1",
    "group": "HOST",
    "point": "Patched hosts: ECS / EKS optimized or Bottlerocket AMIs from SSM public parameters, managed node groups, no stale hard-coded AMI IDs; Fargate preferred (000 §2.1, §3.2)",
    "check": "CFN, TF, EKSCTL",
    "provision": "SSM-parameter AMI; managed node groups",
    "artifacts": [
      "cloudformation",
      "terraform",
      "eksctl"
    ]
  },
  {
    "id": "HOST-2",
    "group": "HOST",
    "point": "No SSH: no key pair or remote access, port 22 closed, Session Manager instead (000 §2.1)",
    "check": "CFN, TF, EKSCTL",
    "provision": "SSM managed instance policy, no key pair",
    "artifacts": [
      "cloudformation",
      "terraform",
      "eksctl"
    ]
  },
  {
    "id": "HOST-3",
    "group": "HOST",
    "point": "Instance metadata protected: IMDSv2 required, hop limit 1, so pods cannot borrow the node role; no broad node permissions (000 §2.1, §3.1)",
    "check": "CFN, TF, EKSCTL",
    "provision": "launch templates with IMDSv2 and hop limit 1",
    "artifacts": [
      "cloudformation",
      "terraform",
      "eksctl"
    ]
  },
  {
    "id": "HOST-4",
    "group": "HOST",
    "point": "Workload isolation on nodes: taints / tolerations and node selectors or affinity; separate node groups for different sensitivity (e.g. PCI) (000 §3.2)",
    "check": "K8s, EKSCTL, CFN, TF",
    "provision": "tainted node group for sensitive apps + matching tolerations",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform",
      "eksctl"
    ]
  },
  {
    "id": "EKS-1",
    "group": "EKS",
    "point": "API endpoint access restricted: private endpoint, public endpoint off or CIDR-restricted; access entries / aws-auth least privilege, no `system:masters` for broad groups (000 §3.1)",
    "check": "CFN, TF, EKSCTL, K8s (aws-auth ConfigMap)",
    "provision": "private endpoint; access entries",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform",
      "eksctl"
    ]
  },
  {
    "id": "EKS-2",
    "group": "EKS",
    "point": "RBAC least privilege: no wildcard verbs / resources, no cluster-admin for broad subjects, secrets read and exec / attach restricted, no bindings to anonymous / unauthenticated (000 §3.1)",
    "check": "K8s (cross-resource: binding -> role -> subject)",
    "provision": "namespaced Role + RoleBinding per app",
    "artifacts": [
      "kubernetes"
    ]
  },
  {
    "id": "EKS-3",
    "group": "EKS",
    "point": "Namespaces per environment / team with their own RBAC; no workloads in `default`; Pod Security Admission labels (enforce `restricted`) (000 §3.1)",
    "check": "K8s",
    "provision": "Namespace with PSA labels",
    "artifacts": [
      "kubernetes"
    ]
  },
  {
    "id": "EKS-4",
    "group": "EKS",
    "point": "Service accounts scoped: dedicated service account per workload, `automountServiceAccountToken: false` unless the app calls the API (000 §3.1)",
    "check": "K8s",
    "provision": "dedicated SA, automount off",
    "artifacts": [
      "kubernetes"
    ]
  },
  {
    "id": "OBS-1",
    "group": "OBS",
    "point": "Container logs to CloudWatch Logs (awslogs / FireLens, Fluent Bit on EKS) with retention and encryption (000 §2.5)",
    "check": "TD, CFN, TF",
    "provision": "log group with retention + KMS",
    "artifacts": [
      "cloudformation",
      "terraform",
      "task-definition"
    ]
  },
  {
    "id": "OBS-2",
    "group": "OBS",
    "point": "Metrics: Container Insights on ECS clusters and EKS (CloudWatch observability add-on) (000 §2.1, §3.5)",
    "check": "CFN, TF, EKSCTL",
    "provision": "enabled",
    "artifacts": [
      "cloudformation",
      "terraform",
      "eksctl"
    ]
  },
  {
    "id": "OBS-3",
    "group": "OBS",
    "point": "Tracing with X-Ray (X-Ray daemon / ADOT sidecar or collector, matching IAM) (000 §2.5)",
    "check": "TD, CFN, TF, K8s",
    "provision": "sidecar / collector when tracing is on (default on)",
    "artifacts": [
      "kubernetes",
      "cloudformation",
      "terraform",
      "task-definition"
    ]
  },
  {
    "id": "OBS-4",
    "group": "OBS",
    "point": "CloudWatch alarms for abnormal usage (CPU, memory, task count) (001 Auditing and monitoring)",
    "check": "CFN, TF",
    "provision": "alarms per service",
    "artifacts": [
      "cloudformation",
      "terraform"
    ]
  },
  {
    "id": "OBS-5",
    "group": "OBS",
    "point": "CloudTrail on for every action: multi-region, log file validation, KMS, CloudWatch Logs integration (001 Auditing; 000 §2.5)",
    "check": "CFN, TF",
    "provision": "account baseline stack",
    "artifacts": [
      "cloudformation",
      "terraform"
    ]
  },
  {
    "id": "OBS-6",
    "group": "OBS",
    "point": "CloudTrail logs protected: bucket not public, access limited to few principals, ideally a separate log-archive / management account, deletion denied (001 Auditing)",
    "check": "CFN, TF, POL",
    "provision": "bucket policy + block public access + versioning",
    "artifacts": [
      "cloudformation",
      "terraform",
      "iam-policy"
    ]
  },
  {
    "id": "OBS-7",
    "group": "OBS",
    "point": "AWS Config recording ECS / EKS / IAM changes (000 §2.5)",
    "check": "CFN, TF",
    "provision": "recorder + delivery channel",
    "artifacts": [
      "cloudformation",
      "terraform"
    ]
  },
  {
    "id": "OBS-8",
    "group": "OBS",
    "point": "EKS control-plane logging: api, audit, authenticator, controllerManager, scheduler (000 §3.5)",
    "check": "CFN, TF, EKSCTL",
    "provision": "all types enabled",
    "artifacts": [
      "cloudformation",
      "terraform",
      "eksctl"
    ]
  },
  {
    "id": "OBS-9",
    "group": "OBS",
    "point": "Threat detection and posture: GuardDuty (EKS audit logs, runtime monitoring) and Security Hub (000 §3.5)",
    "check": "CFN, TF",
    "provision": "detector + features; Security Hub with FSBP",
    "artifacts": [
      "cloudformation",
      "terraform"
    ]
  },
  {
    "id": "CICD-1",
    "group": "CICD",
    "point": "The pipeline has security verification steps before deploy: IaC scan, image scan with a severity gate, DAST / automated penetration test stage (000 §1 Separation of Responsibilities)",
    "check": "CI",
    "provision": "generated workflow with these stages",
    "artifacts": [
      "ci-workflow"
    ]
  },
  {
    "id": "CICD-2",
    "group": "CICD",
    "point": "Pipeline credentials are temporary and scoped: OIDC to a deploy role, no static AWS keys, least-privilege workflow permissions, actions pinned to commit SHAs (000 §1; 001 IAM temporary credentials)",
    "check": "CI",
    "provision": "generated workflow uses OIDC",
    "artifacts": [
      "ci-workflow"
    ]
  },
  {
    "id": "PLAT-1",
    "group": "PLAT",
    "point": "ECS vs EKS chosen on the seed's criteria: orchestration model, configuration complexity, control plane security, IAM for containers, network policies, ecosystem, use case (000 §4)",
    "check": "n/a",
    "provision": "`seaworthy advise` recommends and explains; the provisioning report maps every control to its ECS and EKS form side by side",
    "artifacts": []
  },
  {
    "id": "PLAT-2",
    "group": "PLAT",
    "point": "Fargate preferred to reduce attack surface when no host access is needed; latest platform version (000 §2.1, §4)",
    "check": "CFN, TF, TD",
    "provision": "Fargate by default; EC2 only when the spec asks, then HOST-* apply",
    "artifacts": [
      "cloudformation",
      "terraform",
      "task-definition"
    ]
  }
];

export const SEED_POINT_IDS: ReadonlySet<string> = new Set(SEED_POINTS.map((point) => point.id));
