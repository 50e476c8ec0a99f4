import { describe, expect, it } from 'vitest';
import { deskConfigJsonSchema, DeskConfigFileSchema } from '../../../main/config/schema';

const BASE = {
  structure: { finess: '10B0127189', name: 'CENTRE', activitySector: 'SA07', vihfStructureId: '110B0127189' },
  software: { homologationId: 'H-1', senderOid: '1.2.250.1.999.1' },
  authentication: { mode: 'cps' },
  trustAnchors: { caFile: 'ca.pem' },
};

const messages = (input: unknown): string[] => {
  const parsed = DeskConfigFileSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('configuration: update section', () => {
  it('is optional; when present, the channel defaults to stable', () => {
    expect(DeskConfigFileSchema.parse(BASE).update).toBeUndefined();
    expect(
      DeskConfigFileSchema.parse({ ...BASE, update: { url: 'https://updates.clinic.test/dmp-desk/' } }).update,
    ).toEqual({
      url: 'https://updates.clinic.test/dmp-desk/',
      channel: 'stable',
    });
    // An intranet mirror over plain http is allowed: the release signature is what is trusted.
    expect(messages({ ...BASE, update: { url: 'http://mirror.local/dmp-desk', channel: 'beta' } })).toEqual([]);
  });

  it('names the field and the rule when IT gets it wrong', () => {
    expect(messages({ ...BASE, update: { url: 'ftp://mirror.local/', channel: 'nightly', extra: 1 } })).toEqual(
      expect.arrayContaining([
        'update.url: config.problems.updateUrl',
        'update.channel: config.problems.updateChannel',
      ]),
    );
  });

  it('is in the JSON schema shipped for editors, with its channels', () => {
    const schema = deskConfigJsonSchema() as {
      properties: { update: { description: string; properties: { channel: { enum: string[] } } } };
    };
    expect(schema.properties.update.description).toMatch(/updates/);
    expect(schema.properties.update.properties.channel.enum).toEqual(['stable', 'beta']);
  });
});
