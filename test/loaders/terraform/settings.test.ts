import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan.js';
import { tempDir, writeFiles } from '../../engine/helpers.js';
import { hcl, loadClean } from './helpers.js';

describe('Terraform provider and backend blocks', () => {
  it('are evaluated in their module instance and named by address', async () => {
    const result = await loadClean({
      'root/main.tf': hcl`
        terraform {
          required_version = ">= 1.5"
          backend "s3" {
            bucket = "state"
            region = var.region
          }
        }
        variable "region" {
          default = "eu-west-1"
        }
        provider "aws" {
          region = var.region
        }
        provider "aws" {
          alias  = "west"
          region = "us-west-2"
        }
        module "app" {
          source = "./app"
          name   = "api"
        }
      `,
      'root/app/main.tf': hcl`
        variable "name" {}
        provider "github" {
          owner = var.name
        }
      `,
    });
    const settings = result.settings.map((resource) => [resource.type, resource.name, resource.body]);
    expect(settings).toEqual([
      ['backend', 'terraform.backend.s3', { bucket: 'state', region: 'eu-west-1' }],
      ['provider', 'provider.aws', { region: 'eu-west-1' }],
      ['provider', 'provider.aws.west', { alias: 'west', region: 'us-west-2' }],
      ['provider', 'module.app.provider.github', { owner: 'api' }],
    ]);
    const aws = result.settings[1];
    expect(aws?.document.sourceMap.locate([...(aws?.basePath ?? []), 'region']).startLine).toBe(12);
  });

  it('are read from .tf.json too (CDKTF writes its backend there)', async () => {
    const result = await loadClean({
      'root/main.tf.json': JSON.stringify({
        terraform: { required_version: '>= 1.5', backend: { s3: { bucket: 'state', region: 'eu-west-1' } } },
        provider: { aws: [{ region: 'eu-west-1' }, { alias: 'west', region: 'us-west-2' }] },
      }),
    });
    expect(result.settings.map((resource) => [resource.type, resource.name, resource.body])).toEqual([
      ['backend', 'terraform.backend.s3', { bucket: 'state', region: 'eu-west-1' }],
      ['provider', 'provider.aws', { region: 'eu-west-1' }],
      ['provider', 'provider.aws.west', { alias: 'west', region: 'us-west-2' }],
    ]);
  });

  it('are checked, but not counted as resources of the scan', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'main.tf': hcl`
        provider "aws" {
          region = "eu-west-1"
        }
        terraform {
          cloud {
            organization = "acme"
          }
        }
        resource "aws_sqs_queue" "q" {
          name = "q"
        }
      `,
    });
    const report = await scan([dir], { cwd: dir, noConfig: true });
    expect(report.summary.resources).toBe(1);
    expect(report.errors).toEqual([]);
  });
});
