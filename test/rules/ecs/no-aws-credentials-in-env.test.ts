import rule from '../../../src/rules/ecs/no-aws-credentials-in-env.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

// Assembled at run time so that the repository carries no scannable secret.
const ACCESS_KEY_ID = ['AKIA', 'Q3VZ7K2M', 'XW4PLN8R'].join('');

ruleTester(rule, {
  valid: [
    {
      name: 'task role, region settings only',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'web',
        taskRoleArn: 'arn:aws:iam::123456789012:role/web-task',
        containerDefinitions: [{ name: 'web', image: 'web:1', environment: [{ name: 'AWS_REGION', value: 'eu-west-1' }] }],
      }),
    },
    {
      name: 'task-definition JSON: a credential variable set to null or empty is none',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'web:1', environment: [{ name: 'AWS_ACCESS_KEY_ID', value: null }, { name: 'AWS_SECRET_ACCESS_KEY', value: ' ' }] }] }, null, 2),
    },
  ],
  invalid: [
    {
      name: 'task-definition JSON: literal keys, and keys read from Secrets Manager',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'web',
          containerDefinitions: [
            {
              name: 'web',
              image: 'web:1',
              environment: [{ name: 'AWS_ACCESS_KEY_ID', value: ACCESS_KEY_ID }],
              secrets: [{ name: 'AWS_SECRET_ACCESS_KEY', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:keys' }],
            },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 10, message: 'sets AWS_ACCESS_KEY_ID to a literal AWS access key ID' },
        { line: 14, message: 'reads AWS_SECRET_ACCESS_KEY from a secret' },
      ],
    },
    {
      name: 'CloudFormation YAML: access key id under another name',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  Environment:
                    - Name: UPLOADER_KEY
                      Value: ${ACCESS_KEY_ID}
      `,
      errors: [{ line: 10, message: '"UPLOADER_KEY" of container "app" contains an AWS access key ID' }],
    },
    {
      name: 'CloudFormation JSON: session token',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'app:1', Environment: [{ Name: 'AWS_SESSION_TOKEN', Value: 'IQoJb3JpZ2luX2VjEXAMPLE' }] }] } } } },
        null,
        2,
      ),
      errors: [{ line: 13, message: 'session token' }],
    },
    {
      name: 'CloudFormation and task-definition JSON: credentials from a parameter or a placeholder are static keys whatever the value',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Key: { Type: String }
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  Environment:
                    - { Name: AWS_ACCESS_KEY_ID, Value: !Ref Key }
                    - { Name: AWS_SECRET_ACCESS_KEY, Value: '{aws_secret_access_key}' }
                    - { Name: AWS_SESSION_TOKEN, Value: '' }
      `,
      errors: [
        { line: 11, message: 'Container "app" sets AWS_ACCESS_KEY_ID to a value filled in at deployment: static IAM credentials (an AWS access key ID) instead of the task role.' },
        { line: 12, message: 'sets AWS_SECRET_ACCESS_KEY to a value filled in at deployment' },
      ],
    },
  ],
});
