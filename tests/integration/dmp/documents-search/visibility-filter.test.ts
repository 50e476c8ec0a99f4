import { describe, expect, it } from 'vitest';
import type { VisibilityCode } from '../../../../shared/domain/documents';
import { CONSULTATION_TYPE as CONSULTATION, pdfBase64 } from '../../../support/example-patient';
import { useSimulatedDesk } from '../../../support/simulated-dmp';

/** TD3.1 with a confidentiality filter, each DMP visibility code on its own, against the simulator. */
const RUN = Math.random().toString(36).slice(2, 8);
const desk = useSimulatedDesk({ pkiName: 'documents-visibility-filter' });

describe('TD3.1 visibility filter', () => {
  it('finds the documents carrying each visibility code, and only those', async () => {
    const codes: readonly VisibilityCode[] = ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'];
    for (const code of [...codes, undefined]) {
      const result = await desk.client.documents.deposit({
        patientId: desk.patientId,
        title: `${code ?? 'N'} ${RUN}`,
        type: CONSULTATION,
        pdfBase64: pdfBase64(code ?? 'N'),
        visibility: code === undefined ? [] : [code],
      });
      if (!result.ok) throw new Error(result.error.code);
    }
    for (const code of codes) {
      const found = await desk.client.documents.search({ patientId: desk.patientId, visibility: [code] });
      if (!found.ok) throw new Error(found.error.code);
      const ours = found.value.documents.map((d) => d.title ?? '').filter((title) => title.endsWith(RUN));
      expect(ours).toEqual([`${code} ${RUN}`]);
    }
  }, 60_000);
});
