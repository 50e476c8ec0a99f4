import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_DOCTOR } from '../../../../simulators/national-dmp';
import {
  buildDeposit,
  iti57,
  postRaw,
  readMtomAnswer,
  sendDeposit,
  slot,
  storedQuery,
  td31,
  td32,
  xadesFor,
  type Deposit,
  type SendOptions,
} from './documents';
import { count, path, sendOfficial, startFixture, xp, type SimulatorFixture } from './harness';
import { addAttribute, compose, indirect, setAttribute, setNameId, setPurpose, setRoles } from './requests';

const EXAMPLE = '207058575627097'; // the example doctor is MT and authorized
const OPPOSED = '180032B02040123'; // both emergency oppositions; example doctor authorized
const OTHER_DOCTOR = '899900038839';
const OCCUPATIONAL = '899900073000';
const APPROVED = 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved';
const DEPRECATED = 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated';
const ARCHIVED = 'urn:asip:ci-sis:2010:StatusType:Archived';
const DELETED = 'urn:asip:ci-sis:2010:StatusType:Deleted';
const SUCCESS = 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success';
const FAILURE = 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure';

let fx: SimulatorFixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => fx.sim.close());

const status = (body: string): string =>
  xp(body, "//*[local-name()='RegistryResponse' or local-name()='AdhocQueryResponse']/@status");
const errorCode = (body: string): string => xp(body, path('RegistryError') + '/@errorCode');
const otherDoctor = (): SendOptions => ({ mutate: setNameId(OTHER_DOCTOR) });
const setResource = (nir: string) =>
  setAttribute('urn:oasis:names:tc:xacml:2.0:resource:resource-id', `${nir}^^^&1.2.250.1.213.1.4.10&ISO^NH`);
const emergency = (purpose: 'bris_de_glace' | 'centre_15', reason?: string): SendOptions => ({
  mutate: compose(
    setNameId(OTHER_DOCTOR),
    setPurpose(purpose),
    ...(reason === undefined ? [] : [addAttribute('Mode_Acces_Raison', reason)]),
  ),
});

async function deposit(options: Parameters<typeof buildDeposit>[0] = {}, send: SendOptions = {}): Promise<Deposit> {
  const built = buildDeposit(options);
  const answer = await sendDeposit(fx, built, send);
  expect(answer.status).toBe(200);
  expect(status(answer.body), answer.body).toBe(SUCCESS);
  return built;
}

/** entryUUIDs and uniqueIds of a FindDocuments answer. */
async function find(
  send: SendOptions = {},
  statuses?: string[],
  nir = EXAMPLE,
): Promise<{ uuid: string; uid: string; status: string }[]> {
  const answer = await sendOfficial(
    fx,
    'registry',
    td31({ nir, ...(statuses === undefined ? {} : { statuses }) }),
    send,
  );
  expect(status(answer.body), answer.body).toBe(SUCCESS);
  const n = count(answer.body, path('ExtrinsicObject'));
  return Array.from({ length: n }, (_, i) => {
    const entry = `(${path('ExtrinsicObject')})[${i + 1}]`;
    return {
      uuid: xp(answer.body, `${entry}/@id`),
      status: xp(answer.body, `${entry}/@status`),
      uid: xp(
        answer.body,
        `${entry}/*[local-name()='ExternalIdentifier'][@identificationScheme='urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab']/@value`,
      ),
    };
  });
}

const uuidOf = async (uid: string): Promise<string> => {
  const found = (await find({}, [APPROVED, ARCHIVED, DEPRECATED, DELETED])).filter((e) => e.uid === uid);
  const last = found[found.length - 1];
  if (last === undefined) throw new Error(`no entry for ${uid}`);
  return last.uuid;
};

const statusChange = (entryUuid: string, from: string, to: string, nir = EXAMPLE): string =>
  iti57(
    `<lcm:SubmitObjectsRequest xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0" xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><RegistryObjectList>` +
      `<RegistryPackage id="SubmissionSet01">${slot('submissionTime', '20260101120000')}` +
      `<ExternalIdentifier id="ei1" identificationScheme="urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446" value="${nir}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH"/>` +
      `</RegistryPackage><Association associationType="urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus" id="a1"` +
      ` sourceObject="SubmissionSet01" targetObject="${entryUuid}">${slot('OriginalStatus', from)}${slot('NewStatus', to)}</Association>` +
      `</RegistryObjectList></lcm:SubmitObjectsRequest>`,
    nir,
  );

describe('TD2.1 deposit (ITI-41 over MTOM)', () => {
  it('stores the document, its signature and the submission set, and answers Success', async () => {
    const built = await deposit();
    const entries = await find();
    expect(entries.map((e) => e.uid)).toContain(built.documentUid);
    const docs = fx.sim.admin.listDocuments(EXAMPLE);
    const stored = docs.find((d) => d.uniqueId === built.documentUid);
    expect(stored?.size).toBe(built.parts.document.length);
    expect(stored?.hash).toBe(createHash('sha1').update(built.parts.document).digest('hex'));
    const feeds = fx.sim.admin.accessHistory(EXAMPLE).filter((line) => line.transaction === 'TD2.1');
    expect(feeds).toEqual([expect.objectContaining({ outcome: 'allow', documentUniqueId: built.documentUid })]);
  });

  it('refuses a patient id that differs between SubmissionSet, DocumentEntry and VIHF', async () => {
    const entryMismatch = buildDeposit({
      editEnvelope: (xml) => xml.replace(/(registryObject="DocumentME2" value=")207058575627097/, '$1297022A02077878'),
    });
    const answer = await sendDeposit(fx, entryMismatch);
    expect(status(answer.body)).toBe(FAILURE);
    expect(errorCode(answer.body)).toBe('XDSPatientIdDoesNotMatch');

    // The metadata names one patient, the VIHF another.
    const vihfMismatch = await sendDeposit(fx, buildDeposit({ nir: '297022A02077878' }), {
      mutate: setResource(EXAMPLE),
    });
    expect(errorCode(vihfMismatch.body)).toBe('XDSPatientIdDoesNotMatch');
  });

  it('refuses a CDA whose recordTarget names another patient', async () => {
    const other = buildDeposit({
      tamper: (doc) =>
        Buffer.from(doc.toString('utf8').replace('extension="207058575627097"', 'extension="297022A02077878"')),
    });
    // Signed again over the changed document: only the CDA header is wrong.
    const resealed = {
      ...other,
      parts: {
        ...other.parts,
        signature: xadesFor(other.submissionSetUid, [{ uid: other.documentUid, content: other.parts.document }]),
      },
    };
    const answer = await sendDeposit(fx, resealed);
    expect(errorCode(answer.body)).toBe('XDSPatientIdDoesNotMatch');
    expect(xp(answer.body, path('RegistryError') + '/@codeContext')).toBe('DocumentME2: recordTarget');
  });

  it('refuses codes outside the DMP value sets, missing metadata, and a document without its metadata', async () => {
    const badType = await sendDeposit(
      fx,
      buildDeposit({
        editEnvelope: (xml) => xml.replace('nodeRepresentation="27899-4"', 'nodeRepresentation="99999-9"'),
      }),
    );
    expect(errorCode(badType.body)).toBe('DMPInvalidCode');
    const noFacility = await sendDeposit(
      fx,
      buildDeposit({
        editEnvelope: (xml) =>
          xml.replace(
            /<Classification classificationScheme="urn:uuid:f33fb8ac[^>]*classifiedObject="DocumentME2"[\s\S]*?<\/Classification>/,
            '',
          ),
      }),
    );
    expect(errorCode(noFacility.body)).toBe('XDSRegistryMetadataError');
  });

  it('requires the XAdES document linked by signs, with the right digest of the document', async () => {
    const tampered = await sendDeposit(
      fx,
      buildDeposit({ tamper: (doc) => Buffer.from(doc.toString().replace('LAURENCE', 'LAURENT')) }),
    );
    expect(errorCode(tampered.body)).toBe('DMPSignatureDigestMismatch');
    const unlinked = await sendDeposit(
      fx,
      buildDeposit({
        editEnvelope: (xml) =>
          xml.replace('urn:ihe:iti:2007:AssociationType:signs', 'urn:ihe:iti:2007:AssociationType:XFRM'),
      }),
    );
    expect(errorCode(unlinked.body)).toBe('DMPSignatureDocumentMissing');
    expect(fx.sim.admin.listDocuments(EXAMPLE)).toHaveLength(0);
  });

  it('checks declared hash and size against the document received', async () => {
    const answer = await sendDeposit(
      fx,
      buildDeposit({
        editEnvelope: (xml) =>
          xml.replace('<Slot name="languageCode">', `${slot('size', '12')}<Slot name="languageCode">`),
      }),
    );
    expect(errorCode(answer.body)).toBe('XDSNonIdenticalSize');
  });

  it('refuses a second deposit of the same uniqueId', async () => {
    const built = await deposit();
    const again = await sendDeposit(fx, built);
    expect(errorCode(again.body)).toBe('XDSDuplicateUniqueIdInRegistry');
  });

  it('refuses an entryUUID the registry already holds, as a RegistryError', async () => {
    const first = await deposit();
    const taken = await uuidOf(first.documentUid);
    const clash = buildDeposit({
      editEnvelope: (xml) => xml.replaceAll('"DocumentME2"', `"${taken}"`).replace('id="documentME2"', `id="${taken}"`),
    });
    const answer = await sendDeposit(fx, clash);
    expect(answer.status).toBe(200);
    expect(errorCode(answer.body)).toBe('XDSDuplicateUniqueIdInRegistry');
  });

  it('replaces a document (RPLC): the previous version becomes Deprecated', async () => {
    const first = await deposit();
    const firstUuid = await uuidOf(first.documentUid);
    const second = await deposit({ replaces: firstUuid });
    const all = await find({}, [APPROVED, DEPRECATED]);
    expect(all.find((e) => e.uid === first.documentUid)?.status).toBe(DEPRECATED);
    expect(all.find((e) => e.uid === second.documentUid)?.status).toBe(APPROVED);
    expect((await find()).map((e) => e.uid)).not.toContain(first.documentUid);
  });

  it('does not let AIR feed the DMP (M606), nor an unknown patient be fed', async () => {
    const air = await sendDeposit(fx, buildDeposit(), {
      signer: fx.establishment,
      client: fx.establishment,
      mutate: indirect('INDIRECTE_RENFORCEE'),
    });
    expect(errorCode(air.body)).toBe('DMPAccessDeniedByRightsService');
    const unknown = await sendDeposit(fx, buildDeposit({ nir: '160012B02077713' }));
    expect(errorCode(unknown.body)).toBe('XDSUnknownPatientId');
  });
});

describe('TD3.1 / TD3.2 search and read', () => {
  it('retrieves a document by uniqueId over MTOM, byte for byte, and records the read', async () => {
    const built = await deposit();
    const answer = await postRaw(fx, 'repository', td32(built.documentUid));
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^multipart\/related/);
    const { envelope, parts } = readMtomAnswer(answer.body, answer.contentType);
    expect(status(envelope)).toBe(SUCCESS);
    const href = xp(envelope, "//*[local-name()='Include']/@href");
    expect(parts.get(decodeURIComponent(href.slice(4)))).toEqual(built.parts.document);
    const reads = fx.sim.admin.accessHistory(EXAMPLE).filter((a) => a.transaction === 'TD3.2');
    expect(reads).toEqual([
      expect.objectContaining({ documentUniqueId: built.documentUid, outcome: 'allow', actorId: EXAMPLE_DOCTOR }),
    ]);
  });

  it('answers XDSDocumentUniqueIdError for an unknown uniqueId or an entryUUID', async () => {
    const built = await deposit();
    const unknown = await postRaw(fx, 'repository', td32('1.2.3.4'));
    expect(errorCode(unknown.body.toString())).toBe('XDSDocumentUniqueIdError');
    const byUuid = await postRaw(fx, 'repository', td32(await uuidOf(built.documentUid)));
    expect(errorCode(byUuid.body.toString())).toBe('XDSDocumentUniqueIdError');
  });

  it('filters on type code and creation date', async () => {
    const built = await deposit(); // CR d'acte diagnostique created 20100319194535, its signature 20210604135051
    const uids = async (extraSlots: string): Promise<string[]> => {
      const answer = await sendOfficial(fx, 'registry', td31({ extraSlots }));
      expect(status(answer.body)).toBe(SUCCESS);
      return Array.from({ length: count(answer.body, path('ExtrinsicObject')) }, (_, i) =>
        xp(answer.body, `(${path('ExtrinsicObject')})[${i + 1}]/*[local-name()='ExternalIdentifier'][2]/@value`),
      );
    };
    expect(await uids(slot('$XDSDocumentEntryTypeCode', "('27899-4^^2.16.840.1.113883.6.1')"))).toEqual([
      built.documentUid,
    ]);
    expect(await uids(slot('$XDSDocumentEntryTypeCode', "('11488-4^^2.16.840.1.113883.6.1')"))).toEqual([]);
    expect(
      await uids(
        slot('$XDSDocumentEntryCreationTimeFrom', '20100101') + slot('$XDSDocumentEntryCreationTimeTo', '20110101'),
      ),
    ).toEqual([built.documentUid]);
  });

  it('filters on masking, and answers typed errors for unknown queries and missing parameters', async () => {
    const plain = await deposit();
    const masked = await deposit({ confidentiality: ['MASQUE_PS'] });
    const onlyMasked = await sendOfficial(
      fx,
      'registry',
      td31({ extraSlots: slot('$XDSDocumentEntryConfidentialityCode', "('MASQUE_PS^^1.2.250.1.213.1.1.4.13')") }),
    );
    expect(onlyMasked.body).toContain(masked.documentUid);
    expect(onlyMasked.body).not.toContain(`value="${plain.documentUid}"`);
    const unknown = await sendOfficial(
      fx,
      'registry',
      storedQuery('urn:uuid:00000000-0000-0000-0000-000000000000', ''),
    );
    expect(errorCode(unknown.body)).toBe('XDSUnknownStoredQuery');
    const noStatus = await sendOfficial(
      fx,
      'registry',
      storedQuery(
        'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d',
        slot('$XDSDocumentEntryPatientId', `'${EXAMPLE}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH'`),
      ),
    );
    expect(errorCode(noStatus.body)).toBe('XDSStoredQueryParamNumber');
    expect(status(noStatus.body)).toBe(FAILURE);
  });

  it('hides masked documents from other professionals, shows them to the author and the MT', async () => {
    const masked = await deposit({ confidentiality: ['MASQUE_PS'] });
    fx.sim.admin.authorizeProfessional(EXAMPLE, OTHER_DOCTOR);
    expect((await find(otherDoctor())).map((e) => e.uid)).not.toContain(masked.documentUid);
    expect((await find()).map((e) => e.uid)).toContain(masked.documentUid);
    const read = await postRaw(fx, 'repository', td32(masked.documentUid), otherDoctor());
    expect(errorCode(read.body.toString())).toBe('XDSDocumentUniqueIdError');
  });

  it('gives the médecin du travail no document to read', async () => {
    const built = await deposit();
    fx.sim.admin.authorizeProfessional(EXAMPLE, OCCUPATIONAL);
    const read = await postRaw(fx, 'repository', td32(built.documentUid), {
      mutate: compose(setNameId(OCCUPATIONAL), setRoles('10', 'SM27')),
    });
    expect(errorCode(read.body.toString())).toBe('DMPAccessDeniedByRightsService');
    expect(await find({ mutate: compose(setNameId(OCCUPATIONAL), setRoles('10', 'SM27')) })).toEqual([]);
  });

  it('answers ObjectRefs when asked', async () => {
    await deposit();
    const answer = await sendOfficial(fx, 'registry', td31({ returnType: 'ObjectRef' }));
    expect(count(answer.body, path('ObjectRef'))).toBe(2); // the document and its signature
    expect(count(answer.body, path('ExtrinsicObject'))).toBe(0);
  });

  it('offers FindSubmissionSets, GetAssociations and GetDocuments', async () => {
    const built = await deposit();
    const sets = await sendOfficial(
      fx,
      'registry',
      storedQuery(
        'urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9',
        slot('$XDSSubmissionSetPatientId', `'${EXAMPLE}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH'`) +
          slot('$XDSSubmissionSetStatus', `('${APPROVED}')`),
      ),
    );
    expect(count(sets.body, path('RegistryPackage'))).toBe(1);
    const ssUuid = xp(sets.body, path('RegistryPackage') + '/@id');
    const associations = await sendOfficial(
      fx,
      'registry',
      storedQuery('urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155', slot('$uuid', `('${ssUuid}')`)),
    );
    expect(count(associations.body, path('Association'))).toBe(3);
    const docs = await sendOfficial(
      fx,
      'registry',
      storedQuery(
        'urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4',
        slot('$XDSDocumentEntryUniqueId', `('${built.documentUid}')`),
      ),
    );
    expect(count(docs.body, path('ExtrinsicObject'))).toBe(1);
  });
});

describe('emergency access (bris de glace, centre 15)', () => {
  it('needs a reason in the VIHF and records it in the access history', async () => {
    await deposit();
    const noReason = await sendOfficial(fx, 'registry', td31(), emergency('bris_de_glace'));
    expect(errorCode(noReason.body)).toBe('DMPEmergencyReasonMissing');
    const withReason = await sendOfficial(fx, 'registry', td31(), emergency('bris_de_glace', 'Patient inconscient'));
    expect(status(withReason.body)).toBe(SUCCESS);
    expect(count(withReason.body, path('ExtrinsicObject'))).toBeGreaterThan(0);
    const lines = fx.sim.admin
      .accessHistory(EXAMPLE)
      .filter((a) => a.transaction === 'TD3.1' && a.actorId === OTHER_DOCTOR);
    expect(lines.map((l) => [l.accessMode, l.outcome, l.reason])).toEqual([
      ['bris_de_glace', 'DMPEmergencyReasonMissing', null],
      ['bris_de_glace', 'allow', 'Patient inconscient'],
    ]);
  });

  it('is refused when the patient opposed it', async () => {
    const bdg = await sendOfficial(
      fx,
      'registry',
      td31({ nir: OPPOSED }),
      emergency('bris_de_glace', 'Urgence vitale'),
    );
    expect(errorCode(bdg.body)).toBe('DMPAccessDeniedByPatient');
    const c15 = await sendOfficial(fx, 'registry', td31({ nir: OPPOSED }), emergency('centre_15', 'Régulation'));
    expect(errorCode(c15.body)).toBe('DMPAccessDeniedByPatient');
  });

  it('shows masked documents in emergency only if the patient allowed it', async () => {
    const masked = await deposit({ confidentiality: ['MASQUE_PS'] });
    const before = await find(emergency('bris_de_glace', 'Inconscient'));
    expect(before.map((e) => e.uid)).not.toContain(masked.documentUid);
    fx.sim.admin.setMaskedVisibleInEmergency(EXAMPLE, true);
    const after = await find(emergency('bris_de_glace', 'Inconscient'));
    expect(after.map((e) => e.uid)).toContain(masked.documentUid);
  });
});

describe('indirect authentication (establishment)', () => {
  it('feeds in the name of its structure, finds its own documents by reference only (TD3.1b), deletes them', async () => {
    const asEstablishment: SendOptions = { signer: fx.establishment, client: fx.establishment, mutate: indirect() };
    const built = await deposit({}, asEstablishment);
    const list = await sendOfficial(fx, 'registry', td31(), asEstablishment);
    expect(errorCode(list.body)).toBe('DMPAccessDeniedByRightsService');
    const byRef = await sendOfficial(
      fx,
      'registry',
      storedQuery(
        'urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4',
        slot('$XDSDocumentEntryUniqueId', `('${built.documentUid}')`),
      ),
      asEstablishment,
    );
    expect(count(byRef.body, path('ExtrinsicObject'))).toBe(1);
    const read = await postRaw(fx, 'repository', td32(built.documentUid), asEstablishment);
    expect(errorCode(read.body.toString())).toBe('DMPAccessDeniedByRightsService');
    const uuid = await uuidOf(built.documentUid);
    const removed = await sendOfficial(fx, 'registry', statusChange(uuid, APPROVED, DELETED), asEstablishment);
    expect(status(removed.body)).toBe(SUCCESS);
  });
});

describe('TD3.3 updates (ITI-57)', () => {
  it('archives, unarchives and deletes a document of its author', async () => {
    const built = await deposit();
    const uuid = await uuidOf(built.documentUid);
    expect(status((await sendOfficial(fx, 'registry', statusChange(uuid, APPROVED, ARCHIVED))).body)).toBe(SUCCESS);
    expect((await find()).map((e) => e.uid)).not.toContain(built.documentUid);
    expect((await find({}, [ARCHIVED])).map((e) => e.uid)).toContain(built.documentUid);
    expect(status((await sendOfficial(fx, 'registry', statusChange(uuid, ARCHIVED, APPROVED))).body)).toBe(SUCCESS);
    expect(status((await sendOfficial(fx, 'registry', statusChange(uuid, APPROVED, DELETED))).body)).toBe(SUCCESS);
    expect((await find({}, [DELETED])).map((e) => e.uid)).toContain(built.documentUid);
  });

  it('refuses delete by another professional of another structure, and a wrong OriginalStatus', async () => {
    const built = await deposit();
    const uuid = await uuidOf(built.documentUid);
    fx.sim.admin.authorizeProfessional(EXAMPLE, OTHER_DOCTOR);
    const other = await sendOfficial(fx, 'registry', statusChange(uuid, APPROVED, DELETED), {
      mutate: compose(setNameId(OTHER_DOCTOR), setAttribute('Identifiant_Structure', '10B0000099')),
    });
    expect(errorCode(other.body)).toBe('DMPAccessDeniedByRightsService');
    const wrong = await sendOfficial(fx, 'registry', statusChange(uuid, ARCHIVED, DELETED));
    expect(errorCode(wrong.body)).toBe('XDSMetadataUpdateError');
  });
});
