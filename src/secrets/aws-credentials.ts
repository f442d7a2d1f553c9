/** Variables the AWS SDKs and CLI read static credentials from (current and legacy names), with what each holds. */
export const AWS_CREDENTIAL_VARIABLES: ReadonlyMap<string, string> = new Map([
  ['AWS_ACCESS_KEY_ID', 'access key ID'],
  ['AWS_SECRET_ACCESS_KEY', 'secret access key'],
  ['AWS_SESSION_TOKEN', 'session token'],
  ['AWS_SECURITY_TOKEN', 'session token'],
  ['AWS_ACCESS_KEY', 'access key ID'],
  ['AWS_SECRET_KEY', 'secret access key'],
]);
