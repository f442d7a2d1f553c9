import { describe, expect, it } from 'vitest';
import { terraformReferenced, terraformReferrers } from '../../src/graph/aws.js';
import { ResourceGraph } from '../../src/graph/graph.js';
import { loadSources } from '../../src/loaders/sources.js';

const code = `
variable "create" {}

resource "aws_s3_bucket" "trail" {
  count  = var.create ? 1 : 0
  bucket = "trail-logs"
}

resource "aws_s3_bucket_versioning" "trail" {
  count  = var.create ? 1 : 0
  bucket = aws_s3_bucket.trail[0].id
  versioning_configuration {
    status = "Enabled"
  }
}
`;

describe('Terraform references across an unknown count', () => {
  it('a reference to x[0] names the resource loaded as x (count unknown), in both directions', async () => {
    const { resources } = await loadSources([{ path: 'main.tf', text: code, explicit: true }]);
    const graph = new ResourceGraph(resources);
    const bucket = resources.find((resource) => resource.type === 'aws_s3_bucket');
    const versioning = resources.find((resource) => resource.type === 'aws_s3_bucket_versioning');
    expect(bucket?.name).toBe('aws_s3_bucket.trail');
    if (!bucket || !versioning) throw new Error('resources missing');
    expect(terraformReferenced(graph, versioning, ['bucket'], ['aws_s3_bucket'])).toBe(bucket);
    expect(terraformReferrers(graph, bucket, 'aws_s3_bucket_versioning')).toEqual([versioning]);
  });
});
