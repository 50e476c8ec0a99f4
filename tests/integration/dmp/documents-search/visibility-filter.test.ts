import { describe, expect, it } from 'vitest';
import type { VisibilityCode } from '../../../../shared/domain/documents';
import { useSimulatedDesk } from '../../../support/simulated-dmp';

/** TD3.1 with a confidentiality filter, each DMP visibility code on its own, against the simulator. */
const PATIENT = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' } as const;
const TRAITS = { birthFamily: 'PATB-QUATRE', givenNames: 'LAURENCE', sex: 'F', birthDate: '1907-05-25' } as const;
const CONSULTATION = {
  code: '11488-4',
  codeSystem: '2.16.840.1.113883.6.1',
  displayName: 'CR ou fiche de consultation ou de visite',
} as const;
const RUN = Math.random().toString(36).slice(2, 8);
const desk = useSimulatedDesk({ pkiName: 'documents-visibility-filter' });

describe('TD3.1 visibility filter', () => {
  it('finds the documents carrying each visibility code, and only those', async () => {
    const codes: readonly VisibilityCode[] = ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'];
    for (const code of [...codes, undefined]) {
      const result = await desk.client.documents.deposit({
        patient: PATIENT,
        traits: TRAITS,
        title: `${code ?? 'N'} ${RUN}`,
        type: CONSULTATION,
        pdfBase64: Buffer.from(`%PDF-1.4\n% ${code ?? 'N'}\n%%EOF\n`, 'latin1').toString('base64'),
        visibility: code === undefined ? [] : [code],
      });
      if (!result.ok) throw new Error(result.error.code);
    }
    for (const code of codes) {
      const found = await desk.client.documents.search({ patient: PATIENT, visibility: [code] });
      if (!found.ok) throw new Error(found.error.code);
      const ours = found.value.documents.map((d) => d.title ?? '').filter((title) => title.endsWith(RUN));
      expect(ours).toEqual([`${code} ${RUN}`]);
    }
  }, 60_000);
});
