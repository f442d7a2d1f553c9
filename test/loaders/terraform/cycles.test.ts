/**
 * Resources that refer to each other in a loop (Terraform: "Error: Cycle: ..."): one error per cycle at the block
 * of its first resource, naming the members; the resources are still loaded and their values along the cycle are
 * unknown.
 */
import { describe, expect, it } from 'vitest';
import { isUnknown } from '../../../src/util/unknown.js';
import { at, byName, hcl, load, names } from './helpers.js';

describe('Terraform resource cycles', () => {
  it('a.name = b.name and b.name = a.name (the audit repro): one error at the first block, both resources loaded', async () => {
    const result = await load({
      'main.tf': hcl`
        resource "aws_security_group" "a" {
          name        = aws_security_group.b.name
          description = "a"
        }
        resource "aws_security_group" "b" {
          name        = aws_security_group.a.name
          description = "b"
        }
      `,
    });
    expect(result.errors).toEqual([
      {
        path: 'main.tf',
        line: 1,
        message:
          'cycle between resources aws_security_group.a -> aws_security_group.b -> aws_security_group.a: Terraform refuses this configuration ("Cycle"); the values along the cycle stay unknown',
      },
    ]);
    expect(names(result)).toEqual(['aws_security_group.a', 'aws_security_group.b']);
    expect(isUnknown(at(byName(result, 'aws_security_group.a'), 'name'))).toBe(true);
    expect(at(byName(result, 'aws_security_group.a'), 'description')).toBe('a');
  });

  it('through a local, depends_on, count and a data source, across files: the first block in file order', async () => {
    const result = await load({
      'b.tf': hcl`
        resource "aws_iam_role" "r" {
          name = local.policy_name
          depends_on = [aws_iam_policy.p]
        }
      `,
      'a.tf': hcl`
        locals {
          policy_name = "\${data.aws_iam_policy_document.d.json}-x"
        }
        data "aws_iam_policy_document" "d" {
          statement {
            resources = [aws_sqs_queue.q[0].arn]
          }
        }
        resource "aws_sqs_queue" "q" {
          count = length(aws_iam_role.r.name) > 0 ? 1 : 0
        }
      `,
    });
    expect(result.errors).toEqual([
      {
        path: 'a.tf',
        line: 4,
        message:
          'cycle between resources data.aws_iam_policy_document.d -> aws_sqs_queue.q -> aws_iam_role.r -> data.aws_iam_policy_document.d: Terraform refuses this configuration ("Cycle"); the values along the cycle stay unknown',
      },
    ]);
  });

  it('a resource that refers to itself', async () => {
    const result = await load({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n  tags   = { self = aws_s3_bucket.b.id }\n}\n' });
    expect(result.errors).toEqual([
      { path: 'main.tf', line: 1, message: 'aws_s3_bucket.b refers to itself, which Terraform refuses ("Self-referential block"); the values it reads from itself stay unknown' },
    ]);
  });

  it('through a local module (input and output): the cycle is named with module addresses', async () => {
    const result = await load({
      'main.tf': hcl`
        module "m" {
          source = "./m"
          name   = aws_sqs_queue.q.name
        }
        resource "aws_sqs_queue" "q" {
          name = module.m.topic
        }
      `,
      'm/main.tf': hcl`
        variable "name" {}
        resource "aws_sns_topic" "t" {
          name = var.name
        }
        output "topic" {
          value = aws_sns_topic.t.name
        }
      `,
    });
    expect(result.errors.map((error) => `${error.path}:${error.line} ${error.message.split(':')[0]}`)).toEqual([
      'main.tf:5 cycle between resources aws_sqs_queue.q -> module.m.aws_sns_topic.t -> aws_sqs_queue.q',
    ]);
  });

  it('no cycle: chains, count instances of one block referring to others of another, an output that does not use the input', async () => {
    const result = await load({
      'main.tf': hcl`
        resource "aws_vpc" "v" {
          cidr_block = "10.0.0.0/16"
        }
        resource "aws_subnet" "s" {
          count  = 2
          vpc_id = aws_vpc.v.id
        }
        resource "aws_route_table_association" "a" {
          count     = 2
          subnet_id = aws_subnet.s[count.index].id
        }
        module "m" {
          source = "./m"
          name   = aws_sqs_queue.q.name
        }
        resource "aws_sqs_queue" "q" {
          name = "q"
        }
        resource "aws_sqs_queue" "r" {
          name = module.m.fixed
        }
      `,
      'm/main.tf': hcl`
        variable "name" {}
        output "fixed" {
          value = "fixed"
        }
      `,
    });
    expect(result.errors).toEqual([]);
  });
});
