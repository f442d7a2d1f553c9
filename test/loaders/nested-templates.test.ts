import { describe, expect, it } from 'vitest';
import { nestedTemplatePath, templateUrlText } from '../../src/loaders/nested-templates.js';

describe('nested stack TemplateURLs', () => {
  const scanned = ['infra/parent.yaml', 'infra/templates/nodes.yaml', 'other/templates/db.yaml', 'nodes.yaml'];

  it('a relative path from the parent, or a URL whose path ends like exactly one template (folder and file)', () => {
    expect(nestedTemplatePath('templates/nodes.yaml', 'infra/parent.yaml', scanned)).toBe('infra/templates/nodes.yaml');
    expect(nestedTemplatePath('https://bucket.s3.amazonaws.com/v2/templates/db.yaml', 'infra/parent.yaml', scanned)).toBe('other/templates/db.yaml');
    // The file name alone is not enough for a URL.
    expect(nestedTemplatePath('https://bucket.s3.amazonaws.com/nodes.yaml', 'infra/parent.yaml', scanned)).toBeUndefined();
  });

  it('a URL built with Fn::Sub or Fn::Join is known by what follows its last unresolved part', () => {
    const url = (value: Parameters<typeof templateUrlText>[0]): string | undefined => {
      const text = templateUrlText(value);
      return text === undefined ? undefined : nestedTemplatePath(text, 'infra/parent.yaml', scanned);
    };
    expect(url({ 'Fn::Sub': 'https://${Bucket}.s3.${AWS::Region}.amazonaws.com/templates/nodes.yaml' })).toBe('infra/templates/nodes.yaml');
    expect(url({ 'Fn::Sub': 'https://${Bucket}.s3.amazonaws.com/${KeyPrefix}templates/db.yaml' })).toBe('other/templates/db.yaml');
    expect(url({ 'Fn::Join': ['', ['https://s3.amazonaws.com/', { Ref: 'Bucket' }, '/templates/db.yaml']] })).toBe('other/templates/db.yaml');
    // A file name that is itself unresolved names nothing.
    expect(url({ 'Fn::Sub': 'https://${Bucket}.s3.amazonaws.com/templates/${Name}.yaml' })).toBeUndefined();
    expect(templateUrlText({ Ref: 'TemplateUrl' })).toBeUndefined();
  });
});
