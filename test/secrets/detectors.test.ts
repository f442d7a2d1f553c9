import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DETECTOR_LABELS,
  maskSecretsInLine,
  SECRET_KEYWORDS,
  decodeBase64Text,
  describeSecretMatches,
  detectSecrets,
  findPrivateKey,
  findSecretAssignment,
  firstMatchOffset,
  isAllowListed,
  isHighEntropyToken,
  isFillInMarker,
  isPlaceholder,
  isEncryptedValue,
  literalExemption,
  nameTokens,
  secretNameMatch,
  shannonEntropy,
  type DetectorId,
} from '../../src/secrets/detectors.js';
import { isUnresolved } from '../../src/util/template.js';

// Test credentials are assembled at run time so that the repository itself carries no scannable secret.
const join = (...parts: string[]): string => parts.join('');
const AWS_KEY_ID = join('AKIA', 'Q3EGRWTZ6N5KPLXM');
const AWS_TEMP_KEY_ID = join('ASIA', 'Y2UE7M4LQ5RNXC3B');
const AWS_SECRET = join('k7Qx9PzL2mV8', 'nR4tW6yB1cD3fG5hJ0aS', 'eU7iO9pK');
const GITHUB_TOKEN = join('ghp_', 'R8vT2kLm9QxZ4wPn7YbC', '3dFh6JsA1eGu5NiK0oMq');
const GITLAB_TOKEN = join('glpat-', 'x9Kq2LmN7pR4sT1vW8yZ');
const HUGGINGFACE_TOKEN = join('hf_', 'QwErTyUiOpAsDfGhJk', 'LzXcVbNmQwErTyUi');
const OPENAI_KEY = join('sk-proj-', 'Ab12Cd34Ef56Gh78Ij90', 'T3Bl', 'bkFJ', 'Kl12Mn34Op56Qr78St90');
const ANTHROPIC_KEY = join('sk-ant-api03-', 'x9Kq2LmN7pR4sT1vW8yZ'.repeat(5));
const PYPI_TOKEN = join('pypi-AgEIcHlwaS5vcmc', 'CJ7kLm9QxZ4wPn7YbC3dFh6JsA1eGu5NiK0oMqR8vT2kLm9QxZ4wPn');
const DOCKERHUB_TOKEN = join('dckr_pat_', 'R8vT2kLm9QxZ4wPn7YbC3dFh6Js');
const DIGITALOCEAN_TOKEN = join('dop_v1_', '0123456789abcdef'.repeat(4));
const SHOPIFY_TOKEN = join('shpat_', '0123456789abcdef'.repeat(2));
const SLACK_TOKEN = join('xoxb-', '263594206564-', '2343282740866-', 'Xq7LmP2rT9vW4yZ1bC5dF8gH');
const SLACK_WEBHOOK = join('https://hooks.slack.com/services/', 'T04B2KQ7R/B06LMN3PQ8S/', 'q9Wm2Xr7Tz4Lp8Vn3Kc6Yb1D');
const STRIPE_KEY = join('sk_live_', '51HxQ2kLmN8pR4sT1vW8yZ3bC');
const GOOGLE_KEY = join('AIza', 'SyD4kLm9QxZ4wPn7YbC3dFh6JsA1eGu5NiK');
const NPM_TOKEN = join('npm_', 'R8vT2kLm9QxZ4wPn7YbC3dFh6JsA1eGu5NiK');
const VAULT_TOKEN = join('hvs.', 'CAESIJ7kLm9QxZ4wPn7YbC3dFh6JsA1eGu5NiK0oMqR8vT2k');
const SENDGRID_KEY = join('SG.', 'q9Wm2Xr7Tz4Lp8Vn3Kc6Yb', '.', 'R8vT2kLm9QxZ4wPn7YbC3dFh6JsA1eGu5NiK0oMq7Lp');
const JWT = join(
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
  '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
);
const PEM = join('-----BEGIN ', 'RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x9Kq2LmN7pR4sT1vW8yZ\nq9Wm2Xr7Tz4Lp8Vn3Kc6Yb1D\n-----END ', 'RSA PRIVATE KEY-----\n');

const detectorsOf = (text: string, options?: Parameters<typeof detectSecrets>[1]): DetectorId[] =>
  detectSecrets(text, options).map((match) => match.detector);

describe('detectSecrets: value detectors', () => {
  const positives: Array<[string, string, DetectorId]> = [
    ['AWS access key id', `id=${AWS_KEY_ID}`, 'aws-access-key-id'],
    ['temporary AWS access key id', AWS_TEMP_KEY_ID, 'aws-access-key-id'],
    ['AWS secret access key after its name', `aws_secret_access_key = ${AWS_SECRET}`, 'aws-secret-access-key'],
    ['AWS secret access key in JSON', `{"SecretAccessKey": "${AWS_SECRET}"}`, 'aws-secret-access-key'],
    ['PEM RSA private key', PEM, 'private-key'],
    ['OpenSSH key with three dashes (Polaris fixture shape)', '---BEGIN OPENSSH PRIVATE KEY---\nxxxxx\n---END  OPENSSH PRIVATE KEY---', 'private-key'],
    ['PKCS#8 key in a JSON string with \\n escapes', '{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN\\n-----END PRIVATE KEY-----\\n"}', 'private-key'],
    ['PGP private key block', '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----', 'private-key'],
    ['encrypted PEM key cut off, in a JSON string with \\r\\n escapes', '{"key": "-----BEGIN RSA PRIVATE KEY-----\\r\\nProc-Type: 4,ENCRYPTED\\r\\nDEK-Info: AES-128-CBC,0A1B2C\\r\\n\\r\\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oHqN\\r\\nAwEHoUQDQgAE7KLBrKAWoYHg0HmvsQfyqqCmy6yBzYL9"}', 'private-key'],
    ['PGP private key cut off after its armor headers and two lines', '-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\nComment: deploy key\n\nlQOYBGMz8xEBCADHtA4ZMqkrL8M7u9wJ0bAq6M5YWm0PXsYvK7RfWc8Fj2Qz1Hn0\nAwEHoUQDQgAE7KLBrKAWoYHg0HmvsQfyqqCmy6yBzYL9\n', 'private-key'],
    ['PEM key cut off before its END line (two key lines)', `-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oHqN\nAwEHoUQDQgAE7KLBrKAWoYHg0HmvsQfyqqCmy6yBzYL9\n`, 'private-key'],
    ['PuTTY key', 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\nAAAA', 'private-key'],
    ['signed JWT', `Bearer ${JWT}`, 'jwt'],
    ['GitHub token', GITHUB_TOKEN, 'github-token'],
    ['GitLab token', GITLAB_TOKEN, 'gitlab-token'],
    ['Slack bot token', SLACK_TOKEN, 'slack-token'],
    ['Slack webhook', SLACK_WEBHOOK, 'slack-webhook'],
    ['Stripe secret key', STRIPE_KEY, 'stripe-key'],
    ['Google API key', GOOGLE_KEY, 'google-api-key'],
    ['npm token', NPM_TOKEN, 'npm-token'],
    ['Vault token', VAULT_TOKEN, 'vault-token'],
    ['SendGrid key', SENDGRID_KEY, 'sendgrid-key'],
    ['Hugging Face token', `HF_TOKEN=${HUGGINGFACE_TOKEN}`, 'huggingface-token'],
    ['OpenAI key', OPENAI_KEY, 'openai-key'],
    ['Anthropic key', ANTHROPIC_KEY, 'anthropic-key'],
    ['PyPI token', PYPI_TOKEN, 'pypi-token'],
    ['Docker Hub token', DOCKERHUB_TOKEN, 'dockerhub-token'],
    ['DigitalOcean token', DIGITALOCEAN_TOKEN, 'digitalocean-token'],
    ['Shopify token', SHOPIFY_TOKEN, 'shopify-token'],
    ['URL with a password', 'postgres://app:s3cr3t-Pw@db.internal:5432/app', 'url-credentials'],
    ['URL with an empty user and a password', 'redis://:hunter2@redis:6379/0', 'url-credentials'],
    ['Bearer token in an Authorization value', join('Bearer ', '8f3Kq9ZtR2vXwY7pL4mN6bC1dE5gH0jA'), 'authorization-credentials'],
    ['hex Bearer token inside an nginx header line', join('proxy_set_header Authorization "bearer ', 'a3f9c2e1d4b5a6f7e8d9c0b1a2f3e4d5"', ';'), 'authorization-credentials'],
    ['Basic credentials (base64 of user:password)', join('Basic ', 'dXNlcjpwYXNzd29yZA=='), 'authorization-credentials'],
    ['Authorization: Token (Django REST framework)', join('Authorization: Token ', '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b'), 'authorization-credentials'],
    ['ADO.NET connection string', 'Server=db;Database=app;User Id=sa;Password=Pa55w0rd!;', 'connection-string'],
    ['Azure storage connection string', 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc123def456==;EndpointSuffix=core.windows.net', 'connection-string'],
  ];
  it.each(positives)('%s', (_name, text, detector) => {
    expect(detectorsOf(text)).toContain(detector);
  });

  const negatives: Array<[string, string]> = [
    ['AWS documentation example key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['key id embedded in a longer token', `X${AWS_KEY_ID}Y`],
    ['PEM header alone (a script grepping for it)', 'grep -q "BEGIN RSA PRIVATE KEY" key.pem'],
    ['PEM header with dashes in a script, no key lines after it', 'if grep -q -- "-----BEGIN RSA PRIVATE KEY-----" "$KEY"; then\n  echo "found a key in $KEY, refusing to continue"\nfi'],
    ['PEM header cut off after one line', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun'],
    ['certificate', '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----'],
    ['public key', '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----'],
    ['unsigned JWT (alg none)', 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.AAAAAAAAAAAAAAAAAAAA'],
    ['URL with a templated password', 'postgres://app:${DB_PASSWORD}@db:5432/app'],
    ['URL with a Kubernetes variable reference', 'postgres://app:$(DB_PASSWORD)@db:5432/app'],
    ['URL with a masked password', 'postgres://app:****@db:5432/app'],
    ['URL with a user and no password', 'https://public-key@o123.ingest.sentry.io/42'],
    ['Slack webhook placeholder', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
    ['git SSH remote', 'git@github.com:org/repo.git'],
    ['connection string with a templated password', 'Server=db;User Id=sa;Password={{ .Values.pw }};'],
    ['plain configuration', 'log_level: info\nlisten: 0.0.0.0:8080\n'],
    ['Hugging Face placeholder', join('hf_', 'x'.repeat(34))],
    ['hf_ inside a longer word', join('xhf_', 'QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUi')],
    ['Bearer placeholders and references', 'Authorization: Bearer <token>\nBearer $TOKEN\nBearer ${API_TOKEN}\nBearer YOUR_ACCESS_TOKEN\nBearer XXXXXXXXXXXXXXXXXXXX'],
    ['the words of a sentence', 'Use Bearer authentication; Basic authentication is disabled and tokens rotate daily.'],
    ['Basic credentials without a password, or not base64 of user:password', 'Basic dXNlcm5hbWVvbmx5Cg==\nBasic YWRtaW46\nBasic notbase64atall!!'],
    ['image digest', 'nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31'],
  ];
  it.each(negatives)('not: %s', (_name, text) => {
    expect(detectorsOf(text, { assignments: true, entropy: true })).toEqual([]);
  });

  it('ignores the AWS documentation example secret as a key shape (the assignment is still a literal)', () => {
    const text = 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    expect(detectorsOf(text)).toEqual([]);
    expect(detectorsOf(text, { assignments: true })).toEqual(['secret-assignment']);
  });

  it('reports each detector once, in a fixed order', () => {
    expect(detectorsOf(`${AWS_KEY_ID} ${AWS_TEMP_KEY_ID} ${GITHUB_TOKEN} ${PEM}`)).toEqual(['private-key', 'aws-access-key-id', 'github-token']);
  });

  it('describes matches without their values, with the right article', () => {
    expect(describeSecretMatches(detectSecrets(`${AWS_KEY_ID} ${GITHUB_TOKEN}`))).toBe('an AWS access key ID, a GitHub token');
    expect(describeSecretMatches(detectSecrets('REDIS_PASSWORD=abcd1234', { assignments: true }))).toBe('a literal value assigned to "REDIS_PASSWORD"');
  });
});

describe('detectSecrets: where each match starts', () => {
  it('gives the offset of the first accepted match of each detector', () => {
    const text = `# settings\nurl=postgres://app:s3cr3t@db/app\nPASSWORD=abcd1234\n${PEM}`;
    const offsets = Object.fromEntries(detectSecrets(text, { assignments: true }).map((match) => [match.detector, match.offset]));
    expect(offsets).toEqual({ 'private-key': text.indexOf('-----BEGIN'), 'url-credentials': text.indexOf('postgres'), 'secret-assignment': text.indexOf('PASSWORD') });
    expect(firstMatchOffset(detectSecrets(text, { assignments: true }))).toBe(text.indexOf('postgres'));
    expect(firstMatchOffset([])).toBeUndefined();
  });

  it('counts CRLF line breaks and skipped lines', () => {
    const text = 'a=1\r\n# password=hunter22\r\nServer=db;Password=Hunter2xyz;';
    expect(detectSecrets(text, { assignments: true }).map((match) => [match.detector, match.offset])).toEqual([
      ['connection-string', text.indexOf(';Password') ],
      ['secret-assignment', text.indexOf('Password=Hunter')],
    ]);
  });

  it('gives offsets for tokens, JWTs, authorization headers, PuTTY keys and indented PEM blocks', () => {
    const jwt = `${'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9'}.${'eyJzdWIiOiIxMjM0NTY3ODkwIn0'}.${'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'}`;
    const text = `a: 1\nghp: ${join('gh', 'p_aBcdEfGhIjKlMnOpQrStUvWxYz0123456789')}\njwt: ${jwt}\nauth: Authorization: Bearer ${'aB3dE5gH7jK9mN1pQ3sT'}\n`;
    const offsets = Object.fromEntries(detectSecrets(text).map((match) => [match.detector, match.offset]));
    expect(offsets['github-token']).toBe(text.indexOf('ghp_'));
    expect(offsets.jwt).toBe(text.indexOf('eyJ'));
    expect(offsets['authorization-credentials']).toBe(text.indexOf('Bearer'));
    expect(findPrivateKey('x\nPuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\nAAAA\n')?.offset).toBe(2);
    expect(findPrivateKey(`k: |\n  -----  BEGIN${PEM.slice('-----BEGIN'.length)}`)?.offset).toBe(7);
    expect(detectSecrets('Zm9vYmFyYmF6cXV4UXdFclR5VWlPcEFzRGZHaEprTA', { entropy: true })).toEqual([expect.objectContaining({ detector: 'high-entropy', offset: 0 })]);
  });
});

describe('findSecretAssignment', () => {
  const positives: Array<[string, string]> = [
    ['REDIS_PASSWORD=abcd1234', 'REDIS_PASSWORD'],
    ['database:\n  password: supersecret\n', 'password'],
    ['{"apiKey": "k-123"}', 'apiKey'],
    ["client_secret: 'abc'", 'client_secret'],
    ['-Xmx1g -Dspring.datasource.password=hunter2 -Dx=y', 'spring.datasource.password'],
    ['jdbc:mysql://db/app?user=app&password=hunter2', 'password'],
    ['<password>hunter2</password>', 'password'],
    ['[auth]\ncookie_secret = "s3cr3t"\n', 'cookie_secret'],
    ['DB_PASSWORD="123456"', 'DB_PASSWORD'],
    ['client-key-data: LS0tLS1CRUdJTg==', 'client-key-data'],
    ['admin_password = changeme', 'admin_password'],
    ["<?php\ndefine('DB_SERVER', 'db.internal');\ndefine('DB_PASSWORD', 'Aa1234321Bb');\n", 'DB_PASSWORD'],
    ['define( "AUTH_KEY", "q9Wm2Xr7Tz4Lp8Vn" );', 'AUTH_KEY'],
    ["$db_password = 'Aa1234321Bb';", 'db_password'],
    ['my $api_token = "k-123";', 'api_token'],
    ["define ('DB_PASSWORD', 'Aa1234321Bb');", 'DB_PASSWORD'],
    ["  $x = 1; $db_pass = 'Aa1234321Bb';", 'db_pass'],
    ['port 6379\nrequirepass Xk93hsPq2LmZ81vB\n', 'requirepass'],
    ['masterauth "Xk93 hsPq"', 'masterauth'],
    ['sentinel auth-pass mymaster Xk93hsPq2LmZ81vB', 'auth-pass'],
    ['machine github.com login deploy password ghp_abc123', 'password'],
    ['[OUTPUT]\n    Name        es\n    HTTP_User   admin\n    HTTP_Passwd Vx9rTq2LmZ8pW\n', 'HTTP_Passwd'],
  ];
  it.each(positives)('%s', (text, name) => {
    expect(findSecretAssignment(text)).toBe(name);
  });

  const negatives: string[] = [
    'REDIS_PASSWORD=',
    'REDIS_PASSWORD=${REDIS_PASSWORD}',
    'password: "{{ .Values.password }}"',
    '# password: admin',
    ';admin_password = admin',
    'Password: the password of the admin user',
    'password = os.environ["PASSWORD"]',
    'token = get_token()',
    'export TOKEN=$1',
    'PASSWORD=$(cat /run/secrets/db)',
    'TOKEN=`curl -X PUT "http://169.254.169.254/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 21600"`',
    'DB_PASSWORD="`aws ssm get-parameter --name db --query Parameter.Value --output text`"',
    'password_file: /etc/secrets/db',
    'passwordFile: /etc/secrets/db',
    'secretName: tls-cert',
    'existingSecret: db-credentials',
    'tokenUrl: https://auth.example.com/token',
    'password_min_length: 12',
    'secret: true',
    'password: null',
    '"password": {"type": "string"}',
    'password: !vault |',
    'password = var.db_password',
    'bypass: everything',
    'trustStorePassword=changeit',
    'keepalive_timeout: 65',
    'local token = ngx.var.http_authorization',
    'clientSecret: $oidc.okta.clientSecret',
    "define('DB_PASSWORD', getenv('DB_PASSWORD'));",
    "define('DB_PASSWORD', '');",
    "define('DB_PASSWORD', $password);",
    "$db_password = $_ENV['DB_PASSWORD'];",
    '$password = "${DB_PASSWORD}";',
    '$db_password == "x"',
    '// $db_password = \'old\';',
    '$$password = "x"',
    'if [ $DB_PASSWORD = "hunter2xyz" ]; then',
    "define('AUTH_KEY', 'put your unique phrase here');",
    '# requirepass foobared',
    'requirepass replace-default-auth',
    'requirepass $REDIS_PASSWORD',
    'sentinel auth-pass mymaster',
    'requirepass',
    'Default user and password are set in the Secret',
    'machine learning models need password protection',
    '[OUTPUT]\n    Name        es\n    HTTP_Passwd ${ES_PASSWORD}\n    tls.key_file /etc/tls/key.pem\n',
    'HTTP_Passwd Vx9rTq2LmZ8pW',
  ];
  it.each(negatives)('not: %s', (text) => {
    expect(findSecretAssignment(text)).toBeUndefined();
  });
});

describe('secretNameMatch', () => {
  const secret: Array<[string, string]> = [
    ['password', 'password'],
    ['DB_PASSWORD', 'password'],
    ['dbPassword', 'password'],
    ['MYSQL_PASSWD', 'password'],
    ['DB_PASS', 'password'],
    ['passphrase', 'password'],
    ['CLIENT_SECRET', 'secret'],
    ['clientSecret', 'secret'],
    ['VAULT_SECRET_ID', 'secret'],
    ['GITHUB_TOKEN', 'token'],
    ['refreshToken', 'token'],
    ['API_KEY', 'key'],
    ['apikey', 'key'],
    ['APIKey', 'key'],
    ['x-api-key', 'key'],
    ['PRIVATE_KEY', 'key'],
    ['privateKey', 'key'],
    ['AWS_SECRET_ACCESS_KEY', 'key'],
    ['S3_ACCESS_KEY', 'key'],
    ['azurestorageaccountkey', 'key'],
    ['ENCRYPTION_KEY', 'key'],
    ['AZURE_BATCH_KEY', 'key'],
    ['OCI_CLI_KEY_CONTENT', 'key'],
    ['secretkey', 'key'],
    ['GOOGLE_APPLICATION_CREDENTIALS', 'credentials'],
    ['db-creds', 'credentials'],
    ['BEARER', 'bearer'],
    ['db-password.txt', 'password'],
    ['spring.datasource.password', 'password'],
    ['pwd1', 'password'],
    ['DB_PWD2', 'password'],
    ['PASS1', 'password'],
  ];
  it.each(secret)('%s', (name, keyword) => {
    expect(secretNameMatch(name)?.keyword).toBe(keyword);
  });

  const notSecret = [
    'PASSWORD_FILE',
    'PASSWORD_PATH',
    'SECRET_NAME',
    'secretName',
    'secretKeyRef',
    'existingSecret',
    'TOKEN_URL',
    'tokenUrl',
    'TOKEN_TTL',
    'TOKEN_AUDIENCE',
    'API_KEY_HEADER',
    'AWS_ACCESS_KEY_ID',
    'CLIENT_ID',
    'PUBLIC_KEY',
    'CACHE_KEY',
    'KEY',
    'MAX_TOKENS',
    'tokenizer',
    'bypass',
    'compass',
    'USE_PASSWORD',
    'PASSWORD_MIN_LENGTH',
    'secrets.yaml',
    'tls.key',
    'ETCD_INITIAL_CLUSTER_TOKEN',
    'MINIO_ACCESS_KEY', // the root user's name; MINIO_SECRET_KEY is the password
    'azurestorageaccountname',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'javax.net.ssl.trustStorePassword',
    'GPG_KEY',
    'NEXT_PUBLIC_FIREBASE_API_KEY',
    'VITE_MAPS_API_KEY',
    'TOKEN_ENDPOINT_AUTH_METHOD',
    'GF_SECURITY_ADMIN_PASSWORD__FILE',
    'ALLOW_EMPTY_PASSWORD',
    'greeting',
    '',
  ];
  it.each(notSecret)('not: %s', (name) => {
    expect(secretNameMatch(name)).toBeUndefined();
  });

  it('says whether the secret word ends the name', () => {
    expect(secretNameMatch('DB_PASSWORD')?.whole).toBe(true);
    expect(secretNameMatch('PASSWORD_HASH')?.whole).toBe(false);
  });

  it.each([
    ['AWS_SECRET_ACCESS_KEY', 'secret access key'],
    ['apiKey', 'api key'],
    ['APIKEY', 'apikey'],
    ['OCI_CLI_KEY_CONTENT', 'key content'],
    ['DB_PASSWD', 'passwd'],
    ['GITHUB_TOKEN', 'token'],
  ])('quotes the words of %s that say it is a secret', (name, said) => {
    expect(secretNameMatch(name)?.said).toBe(said);
  });

  it('splits names into words', () => {
    expect(nameTokens('APIKey')).toEqual(['api', 'key']);
    expect(nameTokens('spring.datasource.password')).toEqual(['spring', 'datasource', 'password']);
    expect(nameTokens('myDB_Password-2')).toEqual(['my', 'db', 'password', '2']);
  });
});

describe('literalExemption and placeholders', () => {
  const exempt: Array<[string, string]> = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['{{ .Values.password }}', 'unresolved'],
    ['${DB_PASSWORD}', 'unresolved'],
    ['$(DB_PASSWORD)', 'unresolved'],
    ['true', 'boolean'],
    ['False', 'boolean'],
    ['8080', 'number'],
    ['/run/secrets/db-password', 'path'],
    ['./secrets/token', 'path'],
    ['secrets/db-password.txt', 'path'],
    ['my/secret/file/path', 'path'],
    ['certs/Client.PEM', 'path'],
    ['https://auth.example.com/token', 'url'],
    ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', 'reference'],
    ['vault:secret/data/db#password', 'reference'],
    ['ref+awssm://prod/db#password', 'reference'],
    ['********', 'masked'],
    ['string', 'type-name'],
  ];
  it.each(exempt)('%j is %s', (value, reason) => {
    expect(literalExemption(value)).toBe(reason);
  });

  it('keeps secrets, placeholders included', () => {
    // Slashes in random tokens (base64) or passwords do not make them paths.
    for (const value of ['hunter2', 'changeme', 'xxx', '<your-password>', 'secret', 'password', 'postgres://a:b@c/d', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE', 'Pa55/w0rd', 'abc/123']) {
      expect(literalExemption(value)).toBeUndefined();
    }
    expect(literalExemption('123456', { numeric: true })).toBeUndefined();
  });

  it('recognises placeholders (for messages only)', () => {
    for (const value of ['changeme', 'CHANGE_ME', 'xxx', 'XXXXX', '<token>', 'your-api-key', 'INSERT_ETCD_DISCOVERY_TOKEN', 'replace-me']) {
      expect(isPlaceholder(value), value).toBe(true);
    }
    for (const value of ['hunter2', 'Xk9pL2mN8qR4', 'abc123x']) expect(isPlaceholder(value), value).toBe(false);
  });

  it('tells markers to fill in from weak defaults that work as they are', () => {
    for (const value of ['<token>', '[API_KEY]', '...', 'xxxx', 'YOUR_AWS_SECRET_ACCESS_KEY_HERE', 'your-api-key', 'INSERT_TOKEN', 'TODO']) expect(isFillInMarker(value), value).toBe(true);
    for (const value of ['changeme', 'admin', 'password', 'newpassword', 'demo', 'hunter2']) expect(isFillInMarker(value), value).toBe(false);
  });

  it('recognises unresolved values, SOPS and Jasypt ciphertext', () => {
    expect(isUnresolved('a-{{ .Values.x }}')).toBe(true);
    expect(isUnresolved('#{vault.secret}')).toBe(true);
    expect(literalExemption('__SERVICEACCOUNT_TOKEN__')).toBe('unresolved');
    expect(literalExemption('__init__')).toBeUndefined();
    expect(isUnresolved('cat <<__EOF__')).toBe(false);
    expect(isUnresolved('plain')).toBe(false);
    expect(isEncryptedValue('ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]')).toBe(true);
    expect(isEncryptedValue('ENC(abc)')).toBe(false);
    expect(isEncryptedValue('ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)')).toBe(true);
    expect(isEncryptedValue('ENC(not base64!)')).toBe(false);
  });
});

describe('high entropy', () => {
  it('computes Shannon entropy', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  const random = ['Xk9pL2mN8qR4sT6vW1yZ3bC5dF7gH0jK', 'q9Wm2Xr7Tz4Lp8Vn3Kc6Yb1DhJ5sA', 'R8vT2kLm9QxZ4wPn7YbC3dFh6JsA1eGu5NiK0oMq+/=='];
  it.each(random)('random token %s', (token) => {
    expect(isHighEntropyToken(token)).toBe(true);
  });

  const notRandom = [
    'short1Ab',
    'my-application-configuration-v2',
    'AmazonEKSClusterPolicy2',
    'MyServiceAccount2024',
    '0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
    '123e4567-e89b-12d3-a456-426614174000',
    'registry.k8s.io/ingress-nginx/controller:v1.10.0',
    'sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
    'eyJ7ImxvZyI6eyJsZXZlbCI6ImluZm8iLCJmb3JtYXQiOiJqc29uIn19fQ==',
    'has spaces Xk9pL2mN8qR4sT6vW1yZ3b',
    'v1.28.3-eks-4f4795d',
  ];
  it.each(notRandom)('not: %s', (token) => {
    expect(isHighEntropyToken(token)).toBe(false);
  });

  it('is only used when asked for', () => {
    expect(detectorsOf(random[0] ?? '')).toEqual([]);
    expect(detectorsOf(random[0] ?? '', { entropy: true })).toEqual(['high-entropy']);
  });
});

describe('helpers', () => {
  it('finds private keys and says what kind', () => {
    expect(findPrivateKey(PEM)).toEqual({ kind: 'RSA PRIVATE KEY', encrypted: false, offset: 0 });
    expect(findPrivateKey(`key: |\n  ${PEM}`)?.offset).toBe(9);
    expect(findPrivateKey('-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n-----END ENCRYPTED PRIVATE KEY-----')?.encrypted).toBe(true);
    expect(findPrivateKey('-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----')).toBeUndefined();
  });

  it('decodes base64 text only', () => {
    expect(decodeBase64Text(Buffer.from('hello: world').toString('base64'))).toBe('hello: world');
    expect(decodeBase64Text('not base64!')).toBeUndefined();
    expect(decodeBase64Text(Buffer.from([0, 1, 2, 3, 255, 254]).toString('base64'))).toBeUndefined();
  });

  it('matches allow lists by exact name or /regex/', () => {
    expect(isAllowListed('DB_PASSWORD', ['DB_PASSWORD'])).toBe(true);
    expect(isAllowListed('DB_PASSWORD', ['db_password'])).toBe(false);
    expect(isAllowListed('LEGACY_TOKEN', ['/^LEGACY_/'])).toBe(true);
    expect(isAllowListed('legacy_token', ['/^LEGACY_/i'])).toBe(true);
    expect(isAllowListed('X', ['/([/'])).toBe(false);
  });
});

describe('pathological inputs', () => {
  const size = 200_000;
  const inputs = [
    '-'.repeat(size) + 'PRIVATE',
    '-----BEGIN RSA PRIVATE KEY-----'.repeat(size / 32),
    '='.repeat(size),
    `${'a'.repeat(size)}:`,
    'eyJ'.repeat(size / 3),
    `xoxb-${'1'.repeat(size)}`,
    `${'/'.repeat(size)}@://`,
    'a:'.repeat(size / 2),
    'a://x:'.repeat(size / 6),
    `secret_key=${' '.repeat(size)}`,
  ];
  it.each(inputs.map((input, index) => [index, input] as const))('input %i stays fast (linear)', (_index, input) => {
    const start = performance.now();
    detectSecrets(input, { assignments: true, entropy: true });
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe('properties', () => {
  const labels = new Set(Object.values(DETECTOR_LABELS));
  const keywords = new Set<string>(SECRET_KEYWORDS);
  const secretish = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom(AWS_KEY_ID, AWS_SECRET, GITHUB_TOKEN, SLACK_TOKEN, STRIPE_KEY, JWT, PEM, 'REDIS_PASSWORD=abcd1234', 'postgres://a:b@c/d'),
    fc.tuple(fc.string(), fc.constantFrom(AWS_KEY_ID, GITHUB_TOKEN, PEM, 'password: hunter2\n', 'x://u:p@h'), fc.string()).map((parts) => parts.join('')),
    fc.stringMatching(/^[A-Za-z0-9+/=_-]{16,80}$/),
  );

  it('detectors never throw and never return the value', () => {
    fc.assert(
      fc.property(secretish, fc.boolean(), fc.boolean(), (value, assignments, entropy) => {
        const matches = detectSecrets(value, { assignments, entropy });
        for (const match of matches) {
          expect(labels.has(match.label)).toBe(true);
          const message = describeSecretMatches([match]);
          if (value.trim().length >= 6) expect(message.includes(value)).toBe(false);
          if (match.name !== undefined) {
            expect(match.name.length).toBeLessThanOrEqual(64);
            if (value.length > match.name.length) expect(match.name).not.toBe(value);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('name and literal helpers never throw and return fixed vocabularies', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, value) => {
        const match = secretNameMatch(name);
        if (match) expect(keywords.has(match.keyword)).toBe(true);
        literalExemption(value);
        isPlaceholder(value);
        isHighEntropyToken(value);
        findPrivateKey(value);
        findSecretAssignment(value);
        decodeBase64Text(value);
        isAllowListed(name, [value, `/${value}/`]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('secretNameMatch: names of where a secret is, not of the secret', () => {
  it('a Secrets Manager secret id or name is not a credential; a Vault SecretID is', () => {
    expect(secretNameMatch('SECRETS_MANAGER_SECRET_ID')).toBeUndefined();
    expect(secretNameMatch('ServiceToken')).toBeUndefined();
    expect(secretNameMatch('secretsManagerSecretName')).toBeUndefined();
    expect(secretNameMatch('VAULT_SECRET_ID')?.keyword).toBe('secret');
  });
});

describe('maskSecretsInLine (code frames)', () => {
  it.each([
    ['    password: hunter2-prod', '    password: ********'],
    ['{"DB_PASSWORD":"s3cr3t value","name":"api"}', '{"DB_PASSWORD":********,"name":"api"}'],
    ['    db-password: correct horse battery staple  # rotated', '    db-password: ********  # rotated'],
    ['    api_key: "!bangsecret99"', '    api_key: ********'],
    ['{"name":"DB_PASSWORD","value":"hunter2pass"},{"value":"s3cret-token-x","name":"API_TOKEN"}', '{"name":"DB_PASSWORD","value":********},{"value":********,"name":"API_TOKEN"}'],
    ['  args: ["--token=ghp_abcdefghijklmnopqrstuvwxyz0123456789"]', '  args: ["--token=********"]'],
    ['url: postgres://app:Sup3rS3cret@db:5432/app', 'url: postgres://app:********@db:5432/app'],
    ['    AKIAIOSFODNN7EXAMPLE', '    ********'],
    ['key: "-----BEGIN RSA PRIVATE KEY-----\\nMIIEow...\\n-----END RSA PRIVATE KEY-----"', 'key: "-----BEGIN RSA PRIVATE KEY-----********"'],
    ['  secret: aZ3kQ9pL2mX7vB1nR8tY4wE6', '  secret: ********'],
  ])('%s', (line, masked) => {
    expect(maskSecretsInLine(line)).toBe(masked);
  });

  it('masks an env value under a secret-looking name, and leaves references and plain values alone', () => {
    expect(maskSecretsInLine('      value: hunter2', '    - name: DB_PASSWORD')).toBe('      value: ********');
    expect(maskSecretsInLine('              Value: hunter2', '            - Name: DB_PASSWORD')).toBe('              Value: ********');
    expect(maskSecretsInLine('    value = "hunter2"', '    name  = "DB_PASSWORD"')).toBe('    value = ********');
    expect(maskSecretsInLine('        - value: swordfish-rev', '      env:', '          name: DB_PASSWORD')).toBe('        - value: ********');
    expect(maskSecretsInLine('      value: info', '    - name: LOG_LEVEL')).toBe('      value: info');
    expect(maskSecretsInLine('    password: !Ref DbPassword')).toBe('    password: !Ref DbPassword');
    expect(maskSecretsInLine('    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0')).toBe('    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0');
  });
});
