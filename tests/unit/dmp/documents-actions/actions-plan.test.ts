import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../../shared/api';
import { actionsFor } from '../../../../renderer/src/features/documents/DocumentActionsPlan';

const base: DocumentSummary = {
  uniqueId: '1.2.3',
  entryUuid: 'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e',
  title: 'CR',
  type: null,
  creationTime: null,
  author: null,
  status: 'approved',
  maskedToProfessionals: false,
  visibility: [],
  version: '1',
  mimeType: 'text/xml',
};

describe('actions offered per document', () => {
  it('a current document: replace, the three visibility changes as they stand, archive, delete', () => {
    expect(actionsFor(base)).toEqual(['replace', 'mask', 'hidePatient', 'hideRepresentatives', 'archive', 'delete']);
    expect(
      actionsFor({
        ...base,
        maskedToProfessionals: true,
        visibility: ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'],
      }),
    ).toEqual(['replace', 'unmask', 'showPatient', 'showRepresentatives', 'archive', 'delete']);
  });

  it('an archived document: unarchive or delete; history (deprecated, deleted) offers nothing', () => {
    expect(actionsFor({ ...base, status: 'archived' })).toEqual(['unarchive', 'delete']);
    expect(actionsFor({ ...base, status: 'deprecated' })).toEqual([]);
    expect(actionsFor({ ...base, status: 'deleted' })).toEqual([]);
  });
});
