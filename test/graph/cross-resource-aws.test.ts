/**
 * The cross-resource cases of issue 3 (section 3), each across two or more files of one scan, in CloudFormation
 * (linked by Outputs / Export and Fn::ImportValue, or by literal names) and Terraform (references across files of
 * one module): the graph edge the rule follows, then the rule's finding at its exact line.
 */
import { describe, expect, it } from 'vitest';
import { referencedResource } from '../../src/graph/cloudformation.js';
import { terraformReferenced, trailsByBucket } from '../../src/graph/aws.js';
import { identityPolicies } from '../../src/graph/governance.js';
import { ResourceGraph } from '../../src/graph/graph.js';
import { serviceSubnets, subnetHasEgress } from '../../src/graph/network.js';
import { loadSources } from '../../src/loaders/sources.js';
import type { Finding, JsonObject, Resource } from '../../src/model/types.js';
import cloudtrailBucketProtected from '../../src/rules/audit/cloudtrail-bucket-protected.js';
import endpointAccess from '../../src/rules/eks/endpoint-access.js';
import noAdminPolicy from '../../src/rules/iam/no-admin-policy.js';
import noWildcardPermissions from '../../src/rules/iam/no-wildcard-permissions.js';
import httpListenerRedirects from '../../src/rules/net/http-listener-redirects.js';
import httpsListenerTlsPolicy from '../../src/rules/net/https-listener-tls-policy.js';
import noPublicIpForTasks from '../../src/rules/net/no-public-ip-for-tasks.js';
import vpcEndpoints from '../../src/rules/net/vpc-endpoints.js';
import type { Rule } from '../../src/rules/rule.js';
import { runRule } from '../helpers/rule-tester.js';

type Files = Record<string, string>;

async function graphOf(files: Files): Promise<{ graph: ResourceGraph; named: (name: string) => Resource }> {
  const loaded = await loadSources(Object.entries(files).map(([path, text]) => ({ path, text, explicit: true })));
  expect(loaded.errors).toEqual([]);
  const graph = new ResourceGraph(loaded.resources);
  const named = (name: string): Resource => {
    const found = loaded.resources.find((resource) => resource.name === name);
    if (!found) throw new Error(`no ${name}`);
    return found;
  };
  return { graph, named };
}

/** Findings of one rule over all the files, as `path:line` (the whole scan, every file in it). */
async function findings(rule: Rule, files: Files): Promise<Finding[]> {
  const [first, ...rest] = Object.entries(files);
  if (!first) throw new Error('no files');
  return runRule(rule, { name: 'scan', filename: first[0], code: first[1], others: rest.map(([filename, code]) => ({ filename, code })) });
}
const where = (list: Finding[]): string[] => list.map((finding) => `${finding.location.path}:${finding.location.startLine}`);

const CFN_NETWORK = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Gateway}
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}
  PublicRoutes:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  DefaultRoute:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref PublicRoutes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Gateway}
  PublicAssociation:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicSubnet, RouteTableId: !Ref PublicRoutes}
  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  PrivateRoutes:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  PrivateAssociation:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PrivateSubnet, RouteTableId: !Ref PrivateRoutes}
Outputs:
  PublicSubnet:
    Value: !Ref PublicSubnet
    Export: {Name: net-public-subnet}
  PrivateSubnet:
    Value: !Ref PrivateSubnet
    Export: {Name: net-private-subnet}
`;
const CFN_SERVICES = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: backend
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      ContainerDefinitions:
        - Name: app
          Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0
          LogConfiguration:
            LogDriver: awslogs
            Options: {awslogs-group: app, awslogs-region: us-east-1, awslogs-stream-prefix: app}
          Secrets:
            - Name: DB_PASSWORD
              ValueFrom: arn:aws:secretsmanager:us-east-1:123456789012:secret:db
  Backend:
    Type: AWS::ECS::Service
    Properties:
      Cluster: main
      LaunchType: FARGATE
      TaskDefinition: !Ref Task
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
          Subnets: [!ImportValue net-public-subnet]
  Worker:
    Type: AWS::ECS::Service
    Properties:
      Cluster: main
      LaunchType: FARGATE
      TaskDefinition: !Ref Task
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: DISABLED
          Subnets: [!ImportValue net-private-subnet]
`;
const TF_NETWORK = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.0.0/24"
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}
resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.ecr.api"
  vpc_endpoint_type = "Interface"
}
`;
const TF_SERVICES = `resource "aws_ecs_task_definition" "backend" {
  family                   = "backend"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  container_definitions = jsonencode([{
    name  = "app"
    image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0"
    logConfiguration = {
      logDriver = "awslogs"
      options   = { awslogs-group = "app" }
    }
    secrets = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" }]
  }])
}
resource "aws_ecs_service" "backend" {
  name            = "backend"
  task_definition = aws_ecs_task_definition.backend.arn
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = [aws_subnet.public.id]
    assign_public_ip = true
  }
}
resource "aws_ecs_service" "worker" {
  name            = "worker"
  task_definition = aws_ecs_task_definition.backend.arn
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = [aws_subnet.private.id]
    assign_public_ip = false
  }
}
`;

describe('a back-end service in a subnet routed to an internet gateway, with a public IP', () => {
  it('CloudFormation: service -> imported subnet -> route table -> internet gateway; the public IP is reported', async () => {
    const files = { 'network.yaml': CFN_NETWORK, 'services.yaml': CFN_SERVICES };
    const { graph, named } = await graphOf(files);
    const backend = serviceSubnets(graph, named('Backend'));
    if (!backend || backend === 'unknown') throw new Error('subnets not followed');
    expect(backend.subnets.map((subnet) => subnet.name)).toEqual(['PublicSubnet']);
    expect(subnetHasEgress(graph, named('PublicSubnet'))).toBe(true);
    expect(subnetHasEgress(graph, named('PrivateSubnet'))).toBe(false);
    const found = await findings(noPublicIpForTasks, files);
    expect(where(found)).toEqual(['services.yaml:26']);
    expect(found[0]?.message).toContain('AssignPublicIp: ENABLED');
    expect(found[0]?.resource).toEqual({ type: 'AWS::ECS::Service', name: 'Backend' });
  });

  it('Terraform: references across network.tf and services.tf', async () => {
    const files = { 'network.tf': TF_NETWORK, 'services.tf': TF_SERVICES };
    const { graph, named } = await graphOf(files);
    const backend = serviceSubnets(graph, named('aws_ecs_service.backend'));
    if (!backend || backend === 'unknown') throw new Error('subnets not followed');
    expect(backend.subnets.map((subnet) => subnet.name)).toEqual(['aws_subnet.public']);
    expect(subnetHasEgress(graph, named('aws_subnet.public'))).toBe(true);
    expect(subnetHasEgress(graph, named('aws_subnet.private'))).toBe(false);
    const found = await findings(noPublicIpForTasks, files);
    expect(where(found)).toEqual(['services.tf:21']);
    expect(found[0]?.resource).toEqual({ type: 'aws_ecs_service', name: 'aws_ecs_service.backend' });
  });
});

describe('private tasks with no NAT and no VPC endpoints for ECR, Logs and Secrets Manager', () => {
  it('CloudFormation: the worker in the isolated subnet of another template; every missing endpoint named', async () => {
    const found = await findings(vpcEndpoints, { 'network.yaml': CFN_NETWORK, 'services.yaml': CFN_SERVICES });
    expect(where(found)).toEqual(['services.yaml:37']);
    for (const service of ['ecr.api', 'ecr.dkr', 's3', 'logs', 'secretsmanager']) expect(found[0]?.message).toContain(service);
  });

  it('Terraform: an ecr.api endpoint in the VPC is not reported missing, the others are', async () => {
    const found = await findings(vpcEndpoints, { 'network.tf': TF_NETWORK, 'services.tf': TF_SERVICES });
    expect(where(found)).toEqual(['services.tf:29']);
    expect(found[0]?.message).not.toContain('ecr.api');
    for (const service of ['ecr.dkr', 's3', 'logs', 'secretsmanager']) expect(found[0]?.message).toContain(service);
  });

  it('the same tasks behind a NAT gateway need no endpoints', async () => {
    const nat = TF_NETWORK.replace('resource "aws_route_table" "private" {\n  vpc_id = aws_vpc.main.id\n}', [
      'resource "aws_nat_gateway" "nat" {',
      '  subnet_id = aws_subnet.public.id',
      '}',
      'resource "aws_route_table" "private" {',
      '  vpc_id = aws_vpc.main.id',
      '  route {',
      '    cidr_block     = "0.0.0.0/0"',
      '    nat_gateway_id = aws_nat_gateway.nat.id',
      '  }',
      '}',
    ].join('\n'));
    expect(nat).not.toBe(TF_NETWORK);
    expect(where(await findings(vpcEndpoints, { 'network.tf': nat, 'services.tf': TF_SERVICES }))).toEqual([]);
  });
});

const CFN_APP = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-task
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: ecs-tasks.amazonaws.com}
            Action: sts:AssumeRole
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: app
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:0000000000000000000000000000000000000000000000000000000000000000
Outputs:
  TaskRoleName:
    Value: !Ref TaskRole
    Export: {Name: app-task-role}
`;
const CFN_POLICIES = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AdminPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: everything
      Roles: [app-task]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: '*'
            Resource: '*'
  IamAdmin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [app-task]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: 'iam:*'
            Resource: '*'
`;
const TF_APP = `resource "aws_iam_role" "task" {
  name = "task"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
resource "aws_ecs_task_definition" "app" {
  family        = "app"
  task_role_arn = aws_iam_role.task.arn
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.25" }])
}
`;
const TF_IAM = `resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.task.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_policy" "all" {
  name   = "all"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_role_policy_attachment" "all" {
  role       = aws_iam_role.task.name
  policy_arn = aws_iam_policy.all.arn
}
`;

describe('a task role made admin by a policy attached in another resource or file', () => {
  it('CloudFormation: task definition -> task role -> policies of another template naming the role', async () => {
    const files = { 'app.yaml': CFN_APP, 'policies.yaml': CFN_POLICIES };
    const { graph, named } = await graphOf(files);
    const task = named('Task');
    const role = referencedResource(graph, task, (task.body.Properties as JsonObject).TaskRoleArn);
    expect(role?.name).toBe('TaskRole');
    if (!role) return;
    expect(identityPolicies(graph, role).identity.map((policy) => `${policy.resource.document.file.path}:${policy.resource.name}`)).toEqual([
      'policies.yaml:AdminPolicy',
      'policies.yaml:IamAdmin',
    ]);
    const found = await findings(noWildcardPermissions, files);
    expect(where(found)).toEqual(['policies.yaml:12', 'policies.yaml:22']);
    expect(found[0]?.message).toContain('full administrator access');
  });

  it('Terraform: role in app.tf, managed and customer policies attached in iam.tf', async () => {
    const files = { 'app.tf': TF_APP, 'iam.tf': TF_IAM };
    const { graph, named } = await graphOf(files);
    const role = terraformReferenced(graph, named('aws_ecs_task_definition.app'), ['task_role_arn'], ['aws_iam_role']);
    expect(role?.name).toBe('aws_iam_role.task');
    if (!role) return;
    expect(identityPolicies(graph, role).identity.map((policy) => policy.resource.name)).toEqual(['aws_iam_policy.all']);
    expect(where(await findings(noAdminPolicy, files))).toEqual(['iam.tf:3']);
    const wildcard = await findings(noWildcardPermissions, files);
    expect(where(wildcard)).toEqual(['iam.tf:7']);
    expect(wildcard[0]?.message).toContain('full administrator access');
  });
});

const CFN_TRAIL = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
      S3BucketName: !ImportValue audit-bucket
`;
const CFN_BUCKET = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Logs:
    Type: AWS::S3::Bucket
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: cloudtrail.amazonaws.com}
            Action: s3:PutObject
            Resource: !Sub '\${Logs.Arn}/AWSLogs/*'
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: !Sub '\${Logs.Arn}/*'
Outputs:
  Bucket:
    Value: !Ref Logs
    Export: {Name: audit-bucket}
`;
const TF_TRAIL = `resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.logs.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
`;
const TF_BUCKET = `resource "aws_s3_bucket" "logs" {
  bucket = "audit-logs"
}
resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "\${aws_s3_bucket.logs.arn}/AWSLogs/*"
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "\${aws_s3_bucket.logs.arn}/*"
      },
    ]
  })
}
`;

describe('a CloudTrail bucket whose policy lets everyone read', () => {
  it('CloudFormation: trail -> imported bucket -> bucket policy of another template', async () => {
    const files = { 'trail.yaml': CFN_TRAIL, 'bucket.yaml': CFN_BUCKET };
    const { graph, named } = await graphOf(files);
    expect(trailsByBucket(graph).get(named('Logs'))?.map((trail) => trail.name)).toEqual(['Trail']);
    const found = await findings(cloudtrailBucketProtected, files);
    expect(where(found)).toEqual(['bucket.yaml:17']);
    expect(found[0]?.message).toContain('allows everyone');
  });

  it('Terraform: trail.tf and bucket.tf', async () => {
    const files = { 'trail.tf': TF_TRAIL, 'bucket.tf': TF_BUCKET };
    const { graph, named } = await graphOf(files);
    expect(trailsByBucket(graph).get(named('aws_s3_bucket.logs'))?.map((trail) => trail.name)).toEqual(['aws_cloudtrail.main']);
    expect(where(await findings(cloudtrailBucketProtected, files))).toEqual(['bucket.tf:17']);
  });

  it('the same bucket policy without a trail writing to the bucket is not this case', async () => {
    expect(where(await findings(cloudtrailBucketProtected, { 'bucket.yaml': CFN_BUCKET }))).toEqual([]);
    expect(where(await findings(cloudtrailBucketProtected, { 'bucket.tf': TF_BUCKET }))).toEqual([]);
  });
});

const CFN_LB = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [subnet-1, subnet-2]
Outputs:
  Lb:
    Value: !Ref Lb
    Export: {Name: edge-lb}
`;
const CFN_LISTENERS = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !ImportValue edge-lb
      Port: 443
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS-1-0-2015-04
      Certificates: [{CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc}]
      DefaultActions: [{Type: forward, TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/1}]
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !ImportValue edge-lb
      Port: 80
      Protocol: HTTP
      DefaultActions: [{Type: forward, TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/1}]
`;
const CFN_CLUSTER = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-1, subnet-2]
`;
const TF_LB = `resource "aws_lb" "edge" {
  name               = "edge"
  load_balancer_type = "application"
  subnets            = ["subnet-1", "subnet-2"]
}
`;
const TF_LISTENERS = `resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.edge.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS-1-0-2015-04"
  certificate_arn   = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/1"
  }
}
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.edge.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/1"
  }
}
`;
const TF_CLUSTER = `resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}
`;

describe('load balancer listeners: TLS 1.0 policy, HTTP without redirect', () => {
  it('CloudFormation: listeners importing an internet-facing load balancer from another template', async () => {
    const files = { 'listeners.yaml': CFN_LISTENERS, 'lb.yaml': CFN_LB };
    expect(where(await findings(httpsListenerTlsPolicy, files))).toEqual(['listeners.yaml:9']);
    const http = await findings(httpListenerRedirects, files);
    expect(where(http)).toEqual(['listeners.yaml:18']);
    expect(http[0]?.message).toContain('internet-facing load balancer Lb');
  });

  it('CloudFormation: an internal load balancer in the other template is reported at low', async () => {
    const internal = CFN_LB.replace('Scheme: internet-facing', 'Scheme: internal');
    const http = await findings(httpListenerRedirects, { 'listeners.yaml': CFN_LISTENERS, 'lb.yaml': internal });
    expect(http.map((finding) => `${where([finding]).join('')} ${finding.severity}`)).toEqual(['listeners.yaml:18 low']);
    expect(http[0]?.message).toContain('internal load balancer Lb');
  });

  it('Terraform: listeners.tf and lb.tf (internet-facing by default)', async () => {
    const files = { 'listeners.tf': TF_LISTENERS, 'lb.tf': TF_LB };
    expect(where(await findings(httpsListenerTlsPolicy, files))).toEqual(['listeners.tf:5']);
    const http = await findings(httpListenerRedirects, files);
    expect(where(http)).toEqual(['listeners.tf:16']);
    expect(http[0]?.message).toContain('aws_lb.edge');
    const internal = TF_LB.replace('  subnets ', '  internal           = true\n  subnets ');
    expect(internal).not.toBe(TF_LB);
    const internalHttp = await findings(httpListenerRedirects, { 'listeners.tf': TF_LISTENERS, 'lb.tf': internal });
    expect(internalHttp.map((finding) => `${where([finding]).join('')} ${finding.severity}`)).toEqual(['listeners.tf:16 low']);
  });
});

describe('an EKS cluster left at the default public endpoint', () => {
  it('CloudFormation: ResourcesVpcConfig without endpoint settings', async () => {
    const found = await findings(endpointAccess, { 'cluster.yaml': CFN_CLUSTER });
    expect(where(found)).toEqual(['cluster.yaml:7']);
    expect(found[0]?.message).toContain('on by default');
  });

  it('Terraform: vpc_config without endpoint settings', async () => {
    const found = await findings(endpointAccess, { 'cluster.tf': TF_CLUSTER });
    expect(where(found)).toEqual(['cluster.tf:4']);
    expect(found[0]?.message).toContain('0.0.0.0/0');
  });
});
