import rule from '../../../src/rules/ecs/trusted-registry.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'ECR private and ECR Public images',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'web',
        containerDefinitions: [
          { name: 'web', image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.2.3' },
          { name: 'fluent-bit', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0' },
        ],
      }),
    },
    {
      name: 'CloudFormation: images built with !Sub or templates are unknown; configured registry',
      filename: 'template.yaml',
      settings: { allowedRegistries: ['ghcr.io/acme/'] },
      code: yaml`
        Parameters:
          Tag: { Type: String }
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: a
                  Image: !Sub "\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/a:\${Tag}"
                - Name: b
                  Image: "\${REGISTRY}/b:1"
                - Name: c
                  Image: ghcr.io/acme/c:1
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: a literal registry with a templated tag (Fn::Sub, Fn::Join)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          ImageTag: { Type: String }
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: hub
                  Image: !Sub docker.io/myorg/app:\${ImageTag}
                - Name: ghcr
                  Image: !Join [":", [ghcr.io/myorg/app, !Ref ImageTag]]
                - Name: ecr
                  Image: !Sub \${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/app:\${ImageTag}
      `,
      errors: [
        { line: 9, message: 'Container "hub" runs image "docker.io/myorg/app:${ImageTag}" from Docker Hub' },
        { line: 11, message: 'Container "ghcr" runs image "ghcr.io/myorg/app:${ImageTag}" from ghcr.io' },
      ],
    },
    {
      name: 'task-definition JSON: Docker Hub implied',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx:1.27' }] }, null, 2),
      errors: [{ line: 6, message: 'Container "web" runs image "nginx:1.27" from Docker Hub' }],
    },
    {
      name: 'CloudFormation YAML: quay and ghcr',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: a
                  Image: quay.io/prometheus/node-exporter:v1.8.0
                - Name: b
                  Image: ghcr.io/acme/b:1
      `,
      errors: [
        { line: 7, message: 'quay.io' },
        { line: 9, message: 'ghcr.io' },
      ],
    },
    {
      name: 'CloudFormation JSON: Docker Hub',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'amazon/amazon-ecs-sample' }] } } } }, null, 2),
      errors: [{ line: 9, message: 'Docker Hub' }],
    },
  ],
});
