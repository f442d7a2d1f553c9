import { describe, expect, it } from 'vitest';
import rule from '../../../src/rules/iam/no-credentials-in-user-data.js';
import { createRule, type RuleReport } from '../../../src/rules/rule.js';
import { runRule, ruleTester, yaml } from '../../helpers/rule-tester.js';

// Assembled at run time so that the repository carries no scannable secret.
const KEY_ID = ['AKIA', 'Q7W3E5R7T9Y2U4I6'].join('');
const SECRET_KEY = ['kT9vR2mQ8xL4wZ7p', 'N3bC6dF1gH5jK0sAeY2uI8oP'].join('');
const GITHUB_TOKEN = ['ghp_', 'R8vT2kLm9QxZ4wPn7YbC', '3dFh6JsA1eGu5NiK0oMq'].join('');
const PEM = ['-----BEGIN RSA', ' PRIVATE KEY-----'].join('');
const PEM_END = ['-----END RSA', ' PRIVATE KEY-----'].join('');
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: secrets fetched at boot, parameters without a default are unknown (Trivy AVD-AWS-0029 good)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          DbPassword: { Type: String, NoEcho: true }
        Resources:
          GoodExample:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-79fd7eee
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  export SSM_PATH=/database/creds
                  export DB_PASSWORD=\${DbPassword}
                  export API_TOKEN=$(aws secretsmanager get-secret-value --secret-id api --query SecretString --output text)
                  aws configure set region us-east-1
                  export AWS_DEFAULT_REGION=us-east-1
                  # export AWS_SECRET_ACCESS_KEY=set-me-in-ci
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                UserData: !Base64 |
                  #!/bin/bash
                  echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config
                  echo "example key id: AKIAIOSFODNN7EXAMPLE"
      `,
    },
    {
      name: 'Terraform: interpolations, templatefile() and unscanned files are unknown',
      filename: 'main.tf',
      code: `variable "db_password" {}
resource "aws_instance" "web" {
  ami       = "ami-12345667"
  user_data = <<-EOF
    #!/bin/bash
    export DB_PASSWORD=\${var.db_password}
    export GREETING=hello
  EOF
}
resource "aws_launch_template" "nodes" {
  user_data = base64encode(templatefile("\${path.module}/user-data.sh", { token = var.db_password }))
}
resource "aws_launch_configuration" "legacy" {
  image_id         = "ami-12345667"
  instance_type    = "t3.micro"
  user_data_base64 = "${b64('export EDITOR=vim\n')}"
}
`,
    },
    {
      name: 'IMDSv2 token idiom with backticks, the access key ID alone, an access key of another resource type',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Key:
            Type: AWS::IAM::AccessKey
            Properties: { UserName: deploy }
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-79fd7eee
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  TOKEN=\`curl -X PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600"\`
                  curl -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/
                  echo "key id \${Key}"
      `,
    },
    {
      name: 'names allowed with secretAllowList are skipped',
      filename: 'main.tf',
      settings: { secretAllowList: ['DEMO_PASSWORD'] },
      code: `resource "aws_instance" "demo" {
  ami       = "ami-12345667"
  user_data = "export DEMO_PASSWORD=demo1234"
}
`,
    },
  ],
  invalid: [
    {
      name: 'Karpenter EC2NodeClass userData and eksctl preBootstrapCommands with literal AWS keys (eksctl-hunt)',
      code: yaml`
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: x }
        spec:
          amiSelectorTerms: [{ alias: al2023@latest }]
          userData: |
            #!/bin/bash
            export AWS_ACCESS_KEY_ID=${KEY_ID}
            export AWS_SECRET_ACCESS_KEY=${SECRET_KEY}
        ---
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: c, region: us-west-2 }
        managedNodeGroups:
          - name: ng
            preBootstrapCommands:
              - "echo starting"
              - "aws configure set aws_secret_access_key ${SECRET_KEY}"
      `,
      errors: [
        { line: 8, severity: 'critical', message: 'The user data of Karpenter EC2NodeClass "x" (userData) contains AWS credentials assigned literally' },
        { line: 18, severity: 'critical', message: 'The user data of eksctl node group "ng" (preBootstrapCommands) contains' },
      ],
    },
    {
      name: "cfn-init authentication metadata: a literal secret key, an IAM user access key's secret, a basic password (roleName is the way)",
      filename: 'template.yaml',
      code: yaml`
        Resources:
          DeployKey:
            Type: AWS::IAM::AccessKey
            Properties: { UserName: deployer }
          Web:
            Type: AWS::EC2::Instance
            Metadata:
              AWS::CloudFormation::Authentication:
                S3Creds:
                  type: S3
                  accessKeyId: ${KEY_ID}
                  secretKey: ${SECRET_KEY}
                FromUser:
                  type: S3
                  accessKeyId: !Ref DeployKey
                  secretKey: !GetAtt DeployKey.SecretAccessKey
                Basic:
                  type: basic
                  username: fetch
                  password: hunter2hunter2
                  uris: [https://artifacts.example.com]
                ByRole:
                  type: S3
                  roleName: web-instance
                  buckets: [artifacts]
            Properties:
              ImageId: ami-79fd7eee
      `,
      errors: [
        { line: 12, severity: 'critical', message: 'cfn-init authentication "S3Creds" holds a literal secret access key' },
        { line: 16, severity: 'critical', message: 'cfn-init authentication "FromUser" uses the secret access key of IAM user access key DeployKey (secretKey)' },
        { line: 20, severity: 'high', message: 'cfn-init authentication "Basic" holds a literal password' },
      ],
    },
    {
      name: 'CloudFormation YAML: AWS keys exported in an instance\'s user data',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-79fd7eee
              UserData:
                Fn::Base64: |
                  #!/bin/bash
                  export AWS_ACCESS_KEY_ID=${KEY_ID}
                  export AWS_SECRET_ACCESS_KEY=${SECRET_KEY}
      `,
      errors: [{ line: 6, message: /AWS credentials assigned literally \(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY\)/ }],
    },
    {
      name: 'CloudFormation YAML: the Trivy examples (raw user data), launch template data and aws configure set',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          BadExample:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-79fd7eee
              UserData: export DATABASE_PASSWORD=password1234
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: ami-04d5cc9b88example
                UserData: !Base64
                  Fn::Sub: |
                    #!/bin/bash
                    aws configure set aws_secret_access_key ${SECRET_KEY} --region \${AWS::Region}
          Config:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: ami-04d5cc9b88example
              InstanceType: t3.micro
              UserData: ${b64(`#cloud-config\nwrite_files:\n  - path: /etc/ssl/key.pem\n    content: |\n      ${PEM}\n      MIIEowIBAAKCAQEA\n      ${PEM_END}\n`)}
      `,
      errors: [
        { line: 6, message: 'a literal value assigned to "DATABASE_PASSWORD"' },
        // The line of the assignment inside the `Fn::Sub` block.
        { line: 15, message: 'aws_secret_access_key' },
        { line: 21, message: 'PEM private key block' },
      ],
    },
    {
      name: 'CloudFormation JSON: Fn::Join parts, reported at the part holding the secret',
      filename: 'case.json',
      code: JSON.stringify(
        {
          Resources: {
            Config: {
              Type: 'AWS::AutoScaling::LaunchConfiguration',
              Properties: {
                ImageId: 'ami-04d5cc9b88example',
                InstanceType: 't3.micro',
                UserData: {
                  'Fn::Base64': {
                    'Fn::Join': [
                      '',
                      ['#!/bin/bash -xe\n', 'echo ECS_CLUSTER=', { Ref: 'Cluster' }, ' >> /etc/ecs/ecs.config\n', `git clone https://${GITHUB_TOKEN}@github.com/acme/app.git\n`],
                    ],
                  },
                },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 19, message: 'GitHub token' }],
    },
    {
      name: 'CloudFormation JSON: a secret split across Join parts is reported at the user data',
      filename: 'case.json',
      code: JSON.stringify(
        {
          Resources: {
            Web: {
              Type: 'AWS::EC2::Instance',
              Properties: {
                ImageId: 'ami-04d5cc9b88example',
                UserData: { 'Fn::Base64': { 'Fn::Join': ['', ['export AWS_SECRET_ACCESS_KEY=', SECRET_KEY, '\n', { Ref: 'AWS::Region' }]] } },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 7, message: 'AWS_SECRET_ACCESS_KEY' }],
    },
    {
      name: 'Terraform: heredoc with interpolations, user_data_base64, base64encode() of a template (Trivy AVD-AWS-0129 bad)',
      filename: 'main.tf',
      code: `variable "cluster" {}
resource "aws_instance" "web" {
  ami       = "ami-12345667"
  user_data = <<EOF
    export CLUSTER=\${var.cluster}
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  EOF
}
resource "aws_launch_configuration" "legacy" {
  image_id         = "ami-12345667"
  instance_type    = "t3.micro"
  user_data_base64 = "${b64(`export DATABASE_PASSWORD="SomeSortOfPassword"\n`)}"
}
resource "aws_launch_template" "nodes" {
  image_id  = "ami-12345667"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    echo "\${var.cluster}"
    curl -H "Authorization: token ${GITHUB_TOKEN}" https://api.github.com/repos/acme/app
  EOT
  )
}
resource "aws_launch_configuration" "escaped" {
  image_id      = "ami-12345667"
  instance_type = "t3.micro"
  user_data     = <<EOF
 export DATABASE_PASSWORD=\\"SomeSortOfPassword\\"
 EOF
}
`,
      errors: [
        { line: 4, message: /AWS credentials assigned literally \(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY\)/ },
        { line: 13, message: 'user_data_base64' },
        { line: 17, message: 'GitHub token' },
        { line: 27, message: 'DATABASE_PASSWORD' },
      ],
    },
    {
      name: 'short-form functions and literal blocks: the line of the secret inside the script',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-79fd7eee
              UserData: !Base64
                Fn::Join:
                  - ''
                  - - "#!/bin/bash\\n"
                    - !Sub "export STACK=\${AWS::StackName}\\n"
                    - "export API_TOKEN=tok-3f9a1c82\\n"
          Host:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-79fd7eee
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  echo starting in \${AWS::Region}

                  export DB_PASSWORD=SuperSecretPassw0rd1
          Literal:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-79fd7eee
              # Base64 of a literal is computed when the template is read: the script the rule reads is decoded,
              # not the text of the file, and the finding stays at the value.
              UserData: !Base64 |
                #!/bin/bash
                export DB_PASSWORD=SuperSecretPassw0rd1
      `,
      errors: [
        { line: 11, message: 'API_TOKEN' },
        { line: 21, message: 'DB_PASSWORD' },
        { line: 28, message: 'DB_PASSWORD' },
      ],
    },
    {
      name: 'Terraform: a heredoc without interpolations, the line of the credential',
      filename: 'main.tf',
      code: `resource "aws_instance" "web" {
  ami       = "ami-12345667"
  user_data = <<-EOT
    #!/bin/bash
    echo hello
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  EOT
}
`,
      errors: [{ line: 6, message: /AWS credentials assigned literally/ }],
    },
    {
      name: 'Terraform: a PHP config written by the boot script, its constant and variable (TerraGoat db-app)',
      filename: 'main.tf',
      code: `variable "password" {
  default = "Aa1234321Bb"
}
resource "aws_instance" "db_app" {
  ami       = "ami-12345667"
  user_data = <<EOF
#!/bin/bash
cat > /var/www/inc/dbinfo.inc <<'PHP'
<?php
define('DB_SERVER', 'db.internal');
define('DB_PASSWORD', '\${var.password}');
PHP
EOF
}
resource "aws_instance" "web" {
  ami       = "ami-12345667"
  user_data = <<EOF
<?php
$db_password = 'Aa1234321Bb';
$db_user = 'admin';
EOF
}
`,
      // An interpolating heredoc is located at its attribute (its lines are not the value's).
      errors: [
        { line: 6, message: 'DB_PASSWORD' },
        { line: 19, message: 'db_password' },
      ],
    },
    {
      name: 'CloudFormation: an IAM user access key handed to cfn-init in user data (Fn::Join part, Fn::Sub)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          HostKeys:
            Type: AWS::IAM::AccessKey
            Properties: { UserName: !Ref CfnUser }
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-79fd7eee
              UserData:
                Fn::Base64:
                  Fn::Join:
                    - ''
                    - - "#!/bin/bash\\n"
                      - "/opt/aws/bin/cfn-init -s "
                      - !Ref AWS::StackName
                      - " --access-key "
                      - !Ref HostKeys
                      - " --secret-key "
                      - !GetAtt HostKeys.SecretAccessKey
                      - "\\n"
          Config:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: ami-79fd7eee
              InstanceType: t3.micro
              UserData:
                Fn::Base64: !Sub "aws configure set aws_secret_access_key \${HostKeys.SecretAccessKey}"
      `,
      errors: [
        { line: 19, message: 'embeds the secret access key of IAM user access key "HostKeys"' },
        { line: 27, message: 'HostKeys' },
      ],
    },
    {
      name: 'Terraform: aws_iam_access_key secret in a heredoc and in templatefile() variables',
      filename: 'main.tf',
      code: `resource "aws_iam_user" "deploy" {
  name = "deploy"
}
resource "aws_iam_access_key" "deploy" {
  user = aws_iam_user.deploy.name
}
resource "aws_instance" "web" {
  ami       = "ami-12345667"
  user_data = <<EOF
export AWS_ACCESS_KEY_ID=\${aws_iam_access_key.deploy.id}
export AWS_SECRET_ACCESS_KEY=\${aws_iam_access_key.deploy.secret}
EOF
}
resource "aws_launch_template" "nodes" {
  user_data = base64encode(templatefile("\${path.module}/boot.sh", { secret = aws_iam_access_key.deploy.secret }))
}
`,
      errors: [
        { line: 9, message: 'aws_iam_access_key.deploy' },
        { line: 15, message: 'aws_iam_access_key.deploy' },
      ],
    },
  ],
});

describe('iam/no-credentials-in-user-data reports', () => {
  it('marks reports as secret, never echoes the value, and grades severity', async () => {
    const seen: RuleReport[] = [];
    const spy = createRule({
      ...rule,
      check: (context) => rule.check({ ...context, report: (report) => { seen.push(report); context.report(report); } }),
    });
    const findings = await runRule(spy, {
      name: 'severity',
      filename: 'main.tf',
      code: `resource "aws_instance" "a" {
  ami       = "ami-12345667"
  user_data = "export AWS_SECRET_ACCESS_KEY=${SECRET_KEY}"
}
resource "aws_instance" "b" {
  ami       = "ami-12345667"
  user_data = "export DB_PASSWORD=hunter2hunter2"
}
resource "aws_instance" "c" {
  ami       = "ami-12345667"
  user_data = "export AWS_ACCESS_KEY_ID=FOO\\nexport AWS_SECRET_ACCESS_KEY=bar"
}
`,
    });
    expect(seen.map((report) => report.secret)).toEqual([true, true, true]);
    // Checkov CKV_AWS_46's FOO / bar: no key has that shape, so a placeholder rather than a leaked key (high, not critical).
    expect(findings.map((finding) => finding.severity)).toEqual(['critical', 'high', 'high']);
    for (const finding of findings) {
      expect(finding.message).not.toContain(SECRET_KEY);
      expect(finding.message).not.toContain('hunter2');
    }
  });
});
