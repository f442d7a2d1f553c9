import rule from '../../../src/rules/ecs/image-tag-pinned.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'release tags, digests and registry ports',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'web',
        containerDefinitions: [
          { name: 'a', image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.2.3' },
          { name: 'b', image: `registry.local:5000/b@sha256:${'a'.repeat(64)}` },
          { name: 'c', image: 'registry.local:5000/c:2.0' },
        ],
      }),
    },
    {
      name: 'CloudFormation: tag from a parameter (intrinsic) or a template is unknown; CodePipeline placeholder',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Image: { Type: String }
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: a
                  Image: !Ref Image
                - Name: b
                  Image: "repo/b:\${Tag}"
                - Name: c
                  Image: "<IMAGE1_NAME>"
      `,
    },
    {
      name: 'task-definition JSON: the whole image or its tag templated is unknown',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'a', image: '${IMAGE}' }, { name: 'b', image: '{aws_account_id}.dkr.ecr.us-east-1.amazonaws.com/b:${TAG}' }] }, null, 2),
    },
  ],
  invalid: [
    {
      name: 'an image that is a parameter\'s Default says so (a deployment may pass another)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          ImageUrl:
            Type: String
            Default: nginx
        Resources:
          TaskDefinition:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [FARGATE]
              ContainerDefinitions:
                - Name: app
                  Image: !Ref ImageUrl
      `,
      errors: [{ line: 12, message: 'runs image "nginx" without a tag or digest, which means "latest" (the Default of parameter ImageUrl: a deployment may pass another value).' }],
    },
    {
      name: 'CloudFormation: a literal floating tag after a templated repository (CDK fromEcrRepository output)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Repo:
            Type: AWS::ECR::Repository
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: !Sub \${Repo.RepositoryUri}:latest
                - Name: cdk
                  Image: { "Fn::Join": ["", [{ "Fn::GetAtt": [Repo, RepositoryUri] }, ":latest"]] }
                - Name: pinned
                  Image: !Sub \${Repo.RepositoryUri}:\${AWS::StackName}
      `,
      errors: [
        { line: 9, message: 'Container "app" runs image "${Repo.RepositoryUri}:latest" with the floating tag "latest"' },
        { line: 11, message: 'Container "cdk" runs image "${Repo.RepositoryUri}:latest" with the floating tag "latest"' },
      ],
    },
    {
      name: 'task-definition JSON: no tag, latest',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'repo/b:latest' }] }, null, 2),
      errors: [
        { line: 6, message: 'without a tag or digest' },
        { line: 10, message: 'floating tag "latest"' },
      ],
    },
    {
      name: 'task-definition JSON: a literal tag after a registry written for a script to fill in',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'agg',
          containerDefinitions: [
            { name: 'a', image: '{aws_account_id}.dkr.ecr.${aws_region}.amazonaws.com.cn/fluent-bit:latest' },
            { name: 'b', image: '${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:latest' },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 6, message: 'Container "a" runs image "{aws_account_id}.dkr.ecr.${aws_region}.amazonaws.com.cn/fluent-bit:latest" with the floating tag "latest".' },
        { line: 10, message: 'Container "b" runs image "${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:latest" with the floating tag "latest".' },
      ],
    },
    {
      name: 'CloudFormation YAML: stable',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: a
                  Image: public.ecr.aws/nginx/nginx:stable
      `,
      errors: [{ line: 7, message: '"stable"' }],
    },
    {
      name: 'CloudFormation JSON: no tag',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'amazon/amazon-ecs-sample' }] } } } }, null, 2),
      errors: [{ line: 9, message: 'means "latest"' }],
    },
  ],
});
