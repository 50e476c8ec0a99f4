import { describe, expect, it } from 'vitest';
import { trainingConfigurationReport } from '../../../main/config/handlers';
import { ConfigurationReportSchema } from '../../../shared/api';
import { validFor } from '../../support/pkcs12-fixtures';

describe('training configuration report', () => {
  it("describes training's national services with the same summary production shows", async () => {
    const now = new Date('2026-12-05T09:00:00Z');
    const pair = await validFor('ORG-AUTH_CLI TRAINING', 300, now);
    const tls = { certPem: pair.certPem, keyPem: pair.keyPem, caPem: pair.certPem };
    const report = trainingConfigurationReport(
      {
        dmp: {
          baseUrl: 'https://127.0.0.1:4443',
          tls,
          authMode: 'DIRECTE',
          structure: { id: '499900063480001', activitySector: 'SA07', name: 'CABINET DR LIBRE' },
          software: { name: 'DMP Desk', version: '0', homologationId: 'TRAINING', senderOid: '1.2.3' },
        },
        insi: { url: 'https://127.0.0.1:4444/lps', tls },
      },
      now,
    );
    expect(ConfigurationReportSchema.parse(report)).toEqual(report);
    expect(report.state).toBe('training');
    expect(report.summary).toEqual({
      dmpUrl: 'https://127.0.0.1:4443',
      insiUrl: 'https://127.0.0.1:4444/lps',
      structure: { name: 'CABINET DR LIBRE', activitySector: 'SA07', vihfStructureId: '499900063480001' },
      authMode: 'cps',
      homologationId: 'TRAINING',
      timeouts: {},
    });
    expect(report.certificates).toMatchObject([{ role: 'tls', daysLeft: 300, warning: false }]);
    expect(JSON.stringify(report)).not.toContain('PRIVATE KEY');
  });
});
