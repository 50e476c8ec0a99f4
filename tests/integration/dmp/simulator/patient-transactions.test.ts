import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_DOCTOR } from '../../../../simulators/national-dmp';
import {
  count,
  faultCode,
  officialMessage,
  path,
  sendOfficial,
  startFixture,
  xp,
  type SimulatorFixture,
} from './harness';
import {
  addAttribute,
  compose,
  forPatient,
  indirect,
  OFFICIAL,
  setNameId,
  setPurpose,
  setRoles,
  td03,
  td04,
  td11,
  td12,
  td05,
  td16,
} from './requests';

const INS_NIR = '1.2.250.1.213.1.4.8';
const EXAMPLE = '207058575627097';
const NOT_AUTHORIZED = '297022A02077878'; // ADRTROIS DOMINIQUE: DMP, nobody authorized
const NO_DMP = '160012B02077713'; // ADRTROIS TOUSSAINT
const OPPOSED = '180032B02040123'; // CORSE: both emergency oppositions
const MES = '209066322012355'; // ECETINSI: attached to Mon espace santé
const CLOSED = '236066322083656'; // TCHITCHI
const BLOCKS_DOCTOR = '181036322045660'; // HERMANN: the example doctor is blocked
const OTHER_DOCTOR = '899900038839';
const NURSE = '899900071000';
const OCCUPATIONAL = '899900073000';

let fx: SimulatorFixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => fx.sim.close());

const td02 = (nir: string, oid = INS_NIR): string =>
  nir === EXAMPLE ? officialMessage(OFFICIAL.td02) : forPatient(officialMessage(OFFICIAL.td02), nir, oid);
const td13a = (nir: string): string => forPatient(officialMessage(OFFICIAL.td13a), nir, INS_NIR);
const forNir = (xml: string, nir: string): string => (nir === EXAMPLE ? xml : forPatient(xml, nir, INS_NIR));

const queryCode = (body: string): string => xp(body, path('queryAck', 'queryResponseCode') + '/@code');
const ackDetail = (body: string): string => xp(body, path('acknowledgementDetail', 'code') + '/@code');
const wsStatus = (body: string): string => xp(body, path('output', 'status'));
const attention = (body: string, key: string): string =>
  xp(
    body,
    `//*[local-name()='attentionLine'][*[local-name()='keyWordText']/@code='${key}']/*[local-name()='value']/@*[local-name()='code' or local-name()='value']`,
  );

describe('TD0.2 existence and authorization', () => {
  it('answers OK, VALIDE and MT for the example patient and its doctor', async () => {
    const answer = await sendOfficial(fx, 'patients', td02(EXAMPLE));
    expect(answer.status).toBe(200);
    expect(queryCode(answer.body)).toBe('OK');
    expect(attention(answer.body, 'AUTORISATION')).toBe('VALIDE');
    expect(attention(answer.body, 'STATUT_MT')).toBe('true');
    expect(xp(answer.body, path('patient', 'statusCode') + '/@code')).toBe('active');
  });

  it('answers NF, without a patient, when there is no DMP', async () => {
    const answer = await sendOfficial(fx, 'patients', td02(NO_DMP));
    expect(queryCode(answer.body)).toBe('NF');
    expect(count(answer.body, path('patient'))).toBe(0);
  });

  it('tells an unauthorized, a blocked professional and a closed DMP apart', async () => {
    const none = await sendOfficial(fx, 'patients', td02(NOT_AUTHORIZED));
    expect(attention(none.body, 'AUTORISATION')).toBe('NON_EXISTANTE');
    expect(attention(none.body, 'STATUT_MT')).toBe('false');
    const blocked = await sendOfficial(fx, 'patients', td02(BLOCKS_DOCTOR));
    expect(attention(blocked.body, 'AUTORISATION')).toBe('INTERDITE');
    const closed = await sendOfficial(fx, 'patients', td02(CLOSED));
    expect(xp(closed.body, path('patient', 'statusCode') + '/@code')).toBe('terminated');
  });

  it('shows the emergency oppositions the patient set', async () => {
    const answer = await sendOfficial(fx, 'patients', td02(OPPOSED));
    const flag = (code: string): string =>
      xp(
        answer.body,
        `//*[local-name()='administrativeObservation'][*[local-name()='code']/@code='${code}']/*[local-name()='value']/@value`,
      );
    expect(flag('OPPOSITION_BRIS_DE_GLACE')).toBe('true');
    expect(flag('OPPOSITION_ACCES_URGENCE')).toBe('true');
  });

  it('refuses a body INS that is not the VIHF patient', async () => {
    const xml = officialMessage(OFFICIAL.td02).replace('extension="207058575627097"', `extension="${NOT_AUTHORIZED}"`);
    const answer = await sendOfficial(fx, 'patients', xml);
    expect(answer.status).toBe(500);
    expect(faultCode(answer.body)).toBe('DMPPatientIdMismatch');
  });
});

describe('TD0.3 authorization and TD1.6 list of professionals', () => {
  it('declares an authorization once, then reports it as already present and lists it', async () => {
    const first = await sendOfficial(fx, 'habilitations', forNir(td03('AJOUT'), NOT_AUTHORIZED));
    expect(wsStatus(first.body)).toBe('DMPOk');
    expect(xp(first.body, path('output', 'context'))).toBe('Autorisation ajoutée');
    const again = await sendOfficial(fx, 'habilitations', forNir(td03('AJOUT'), NOT_AUTHORIZED));
    expect(xp(again.body, path('output', 'context'))).toBe('Autorisation déjà présente aucune action effectuée');
    const existence = await sendOfficial(fx, 'patients', td02(NOT_AUTHORIZED));
    expect(attention(existence.body, 'AUTORISATION')).toBe('VALIDE');
    const list = await sendOfficial(fx, 'habilitations', forNir(td16('ACTIVE'), NOT_AUTHORIZED));
    expect(wsStatus(list.body)).toBe('DMPOk');
    expect(xp(list.body, path('listOfAuthorizationByPatient', 'nationalId'))).toBe(EXAMPLE_DOCTOR);
    expect(xp(list.body, path('listOfAuthorizationByPatient', 'codeSpeciality'))).toBe('G15_10/SM26');
  });

  it('refuses declaring oneself authorized in bris de glace, by the médecin du travail, or when blocked', async () => {
    const bdg = await sendOfficial(fx, 'habilitations', forNir(td03('AJOUT'), NOT_AUTHORIZED), {
      mutate: setPurpose('bris_de_glace'),
    });
    expect(wsStatus(bdg.body)).toBe('DMPAccessDeniedByRightsService');
    const occupational = await sendOfficial(fx, 'habilitations', forNir(td03('AJOUT'), NOT_AUTHORIZED), {
      mutate: compose(setNameId(OCCUPATIONAL), setRoles('10', 'SM27')),
    });
    expect(wsStatus(occupational.body)).toBe('DMPAccessDeniedByRightsService');
    const blocked = await sendOfficial(fx, 'habilitations', forNir(td03('AJOUT'), BLOCKS_DOCTOR));
    expect(wsStatus(blocked.body)).toBe('DMPAccessDeniedByPatient');
    expect(fx.sim.admin.listAuthorizations(NOT_AUTHORIZED)).toEqual([]);
  });

  it('lets the MT remove itself as MT, which only the MT may do', async () => {
    const notMt = await sendOfficial(fx, 'habilitations', td03('SUPPRESSION', 'MEDECIN_TRAITANT'), {
      mutate: setNameId(OTHER_DOCTOR),
    });
    expect(wsStatus(notMt.body)).toBe('DMPAccessDeniedByRightsService');
    const mt = await sendOfficial(fx, 'habilitations', td03('SUPPRESSION', 'MEDECIN_TRAITANT'));
    expect(wsStatus(mt.body)).toBe('DMPOk');
    const existence = await sendOfficial(fx, 'patients', td02(EXAMPLE));
    expect(attention(existence.body, 'STATUT_MT')).toBe('false');
    expect(attention(existence.body, 'AUTORISATION')).toBe('VALIDE');
  });

  it('lets a médecin declare itself MT, and not a nurse', async () => {
    fx.sim.admin.authorizeProfessional(NOT_AUTHORIZED, NURSE);
    const nurse = await sendOfficial(fx, 'habilitations', forNir(td03('AJOUT', 'MEDECIN_TRAITANT'), NOT_AUTHORIZED), {
      mutate: compose(setNameId(NURSE), setRoles('60')),
    });
    expect(wsStatus(nurse.body)).toBe('DMPAccessDeniedByRightsService');
    const doctor = await sendOfficial(fx, 'habilitations', forNir(td03('AJOUT', 'MEDECIN_TRAITANT'), NOT_AUTHORIZED));
    expect(wsStatus(doctor.body)).toBe('DMPOk');
    expect(fx.sim.admin.getDmp(NOT_AUTHORIZED)?.treatingDoctor).toBe(EXAMPLE_DOCTOR);
  });

  it('names in TD1.6 a professional it learnt from its VIHF', async () => {
    const newcomer = '899900099999';
    const declared = await sendOfficial(fx, 'habilitations', td03('AJOUT'), {
      mutate: compose(
        setNameId(newcomer),
        setRoles('60'),
        addAttribute('urn:oasis:names:tc:xspa:1.0:subject:subject-id', 'Anne SOIN DE NUIT'),
      ),
    });
    expect(wsStatus(declared.body)).toBe('DMPOk');
    const list = await sendOfficial(fx, 'habilitations', td16('ACTIVE'));
    const entry = `//*[local-name()='listOfAuthorizationByPatient'][*[local-name()='nationalId']='${newcomer}']`;
    expect(xp(list.body, `${entry}/*[local-name()='lastName']`)).toBe('SOIN DE NUIT');
    expect(xp(list.body, `${entry}/*[local-name()='codeSpeciality']`)).toBe('G15_60');
    // The identifier type is the IdNat OID and the speciality has its label, as in the official TD1.6 answer.
    expect(xp(list.body, `${entry}/*[local-name()='nationalIdType']`)).toBe('1.2.250.1.71.4.2.1');
    expect(xp(list.body, `${entry}/*[local-name()='libSpeciality']`)).toBe('Infirmier');
  });

  it('lists blocked professionals with mode INTERDITE and refuses TD1.6 outside normal mode', async () => {
    fx.sim.admin.authorizeProfessional(BLOCKS_DOCTOR, OTHER_DOCTOR);
    const list = await sendOfficial(fx, 'habilitations', forNir(td16('INTERDITE'), BLOCKS_DOCTOR), {
      mutate: setNameId(OTHER_DOCTOR),
    });
    expect(count(list.body, path('listOfAuthorizationByPatient'))).toBe(1);
    expect(xp(list.body, path('listOfAuthorizationByPatient', 'mode'))).toBe('INTERDITE');
    const regulation = await sendOfficial(fx, 'habilitations', td16(), { mutate: setPurpose('centre_15') });
    expect(wsStatus(regulation.body)).toBe('DMPAccessDeniedByRightsService');
  });
});

describe('TD0.4 authorized DMPs', () => {
  it('lists the DMPs the caller is authorized on, not those that block it, filtered by date', async () => {
    const answer = await sendOfficial(fx, 'patientsSpecific', td04());
    expect(wsStatus(answer.body)).toBe('DMPOk');
    const nirs = [EXAMPLE, OPPOSED, MES, BLOCKS_DOCTOR].map(
      (nir) => count(answer.body, `//*[local-name()='nationalId'][.='${nir}']`) > 0,
    );
    expect(nirs).toEqual([true, true, true, false]);
    const later = await sendOfficial(fx, 'patientsSpecific', td04('29990101'));
    expect(count(later.body, path('patientlistData'))).toBe(0);
  });

  it('with dateType LASTDOC, lists the DMPs that received a document since the date, with lastAddDate', async () => {
    await fx.sim.close();
    fx = await startFixture({ seedDocuments: true });
    const all = await sendOfficial(fx, 'patientsSpecific', td04('20000101000000'));
    const byDocument = await sendOfficial(fx, 'patientsSpecific', td04('20000101000000', 'LASTDOC'));
    expect(wsStatus(byDocument.body)).toBe('DMPOk');
    const listed = (body: string, nir: string) => count(body, `//*[local-name()='nationalId'][.='${nir}']`) > 0;
    // The training seed gives the example patient documents; ECETINSI (MES) is authorized but has none.
    expect([listed(all.body, EXAMPLE), listed(all.body, MES)]).toEqual([true, true]);
    expect([listed(byDocument.body, EXAMPLE), listed(byDocument.body, MES)]).toEqual([true, false]);
    const example = `//*[local-name()='patientlistData'][.//*[local-name()='nationalId']='${EXAMPLE}']`;
    expect(xp(byDocument.body, `${example}/*[local-name()='lastAddDate']`)).toMatch(/^\d{14}$/);
    expect(
      count(
        all.body,
        `//*[local-name()='patientlistData'][.//*[local-name()='nationalId']='${MES}']/*[local-name()='lastAddDate']`,
      ),
    ).toBe(0);
    const later = await sendOfficial(fx, 'patientsSpecific', td04('29990101000000', 'LASTDOC'));
    expect(count(later.body, path('patientlistData'))).toBe(0);
  });
});

describe('TD0.5 patient search without INS (régulation)', () => {
  const candidates = (body: string): string[] =>
    Array.from({ length: count(body, path('registrationEvent')) }, (_, i) =>
      xp(
        body,
        `(//*[local-name()='registrationEvent'])[${i + 1}]//*[local-name()='patient']/*[local-name()='id'][1]/@extension`,
      ),
    );
  const centre15 = { mutate: setPurpose('centre_15') };

  it('finds the patients by traits in centre 15, with the match, the INS first and the opposition flag', async () => {
    const answer = await sendOfficial(fx, 'patientsPDQ', td05({ family: 'Corse' }), centre15);
    expect(answer.status).toBe(200);
    expect(xp(answer.body, path('Header', 'Action'))).toBe('urn:hl7-org:v3:PRPA_IN201306UV02');
    expect(xp(answer.body, path('queryAck', 'queryResponseCode') + '/@code')).toBe('OK');
    expect(candidates(answer.body)).toEqual([OPPOSED]);
    const patient = path('registrationEvent', 'subject1', 'patient');
    expect(xp(answer.body, `${patient}/*[local-name()='id'][1]/@root`)).toBe(INS_NIR);
    expect(xp(answer.body, `${patient}//*[local-name()='queryMatchObservation']/*[local-name()='value']/@value`)).toBe(
      '25',
    );
    expect(
      xp(answer.body, `${patient}//*[local-name()='administrativeObservation']/*[local-name()='value']/@value`),
    ).toBe('true');
    expect(xp(answer.body, path('queryAck', 'resultTotalQuantity') + '/@value')).toBe('1');
  });

  it('narrows by given name (accents, hyphens, case ignored), sex and birth date; NF when nothing matches', async () => {
    const full = await sendOfficial(
      fx,
      'patientsPDQ',
      td05({ family: 'ecetinsi', given: 'Pierre Alain', gender: 'M', birthTime: '20090714' }),
      centre15,
    );
    expect(candidates(full.body)).toEqual([MES]);
    expect(xp(full.body, path('queryMatchObservation', 'value') + '/@value')).toBe('100');
    const wrongDate = await sendOfficial(
      fx,
      'patientsPDQ',
      td05({ family: 'ECETINSI', birthTime: '20090715' }),
      centre15,
    );
    expect(xp(wrongDate.body, path('queryAck', 'queryResponseCode') + '/@code')).toBe('NF');
    expect(count(wrongDate.body, path('registrationEvent'))).toBe(0);
    // A patient with no DMP (ADRTROIS TOUSSAINT) is no candidate; the one with a DMP is.
    const adrtrois = await sendOfficial(fx, 'patientsPDQ', td05({ family: 'ADRTROIS' }), centre15);
    expect(candidates(adrtrois.body)).toEqual([NOT_AUTHORIZED]);
  });

  it('is refused outside régulation: normal mode and bris de glace', async () => {
    for (const mutate of [undefined, setPurpose('bris_de_glace')]) {
      const answer = await sendOfficial(
        fx,
        'patientsPDQ',
        td05({ family: 'CORSE' }),
        mutate === undefined ? {} : { mutate },
      );
      expect(xp(answer.body, path('acknowledgement', 'typeCode') + '/@code')).toBe('AE');
      expect(ackDetail(answer.body)).toBe('DMPAccessDeniedByRightsService');
      expect(count(answer.body, path('registrationEvent'))).toBe(0);
    }
  });

  it('refuses a search without a family name, and an action sent to another service', async () => {
    const noName = await sendOfficial(fx, 'patientsPDQ', td05({ given: 'ANTHONY' }), centre15);
    expect(faultCode(noName.body)).toBe('DMPInvalidRequest');
    const elsewhere = await sendOfficial(fx, 'patients', td05({ family: 'CORSE' }), centre15);
    expect(faultCode(elsewhere.body)).not.toBe('');
  });

  it('leaves a trace: the search itself, and one régulation access line per patient disclosed', async () => {
    await sendOfficial(fx, 'patientsPDQ', td05({ family: 'CORSE' }), centre15);
    const lines = fx.sim.admin.accessHistory(OPPOSED).filter((line) => line.transaction === 'TD0.5');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ accessMode: 'regulation', outcome: 'allow', actorId: EXAMPLE_DOCTOR });
    const search = fx.sim.admin.accessHistory().filter((line) => line.transaction === 'TD0.5' && line.nir === null);
    expect(search).toHaveLength(1);
    // A refused search discloses no one.
    await sendOfficial(fx, 'patientsPDQ', td05({ family: 'ECETINSI' }));
    expect(fx.sim.admin.accessHistory(MES).filter((line) => line.transaction === 'TD0.5')).toEqual([]);
  });
});

describe('TD1.3a administrative data', () => {
  it('needs the authorization in normal mode but not in centre 15', async () => {
    const normal = await sendOfficial(fx, 'patients', td13a(NOT_AUTHORIZED));
    expect(queryCode(normal.body)).toBe('AE');
    expect(ackDetail(normal.body)).toBe('DMPAccessNotAuthorized');
    const regulation = await sendOfficial(fx, 'patients', td13a(NOT_AUTHORIZED), { mutate: setPurpose('centre_15') });
    expect(queryCode(regulation.body)).toBe('OK');
  });

  it('refuses emergency access the patient opposed, and allows it otherwise', async () => {
    for (const purpose of ['bris_de_glace', 'centre_15'] as const) {
      const answer = await sendOfficial(fx, 'patients', td13a(OPPOSED), { mutate: setPurpose(purpose) });
      expect(ackDetail(answer.body)).toBe('DMPAccessDeniedByPatient');
    }
    const allowed = await sendOfficial(fx, 'patients', td13a(NOT_AUTHORIZED), { mutate: setPurpose('bris_de_glace') });
    expect(queryCode(allowed.body)).toBe('OK');
  });

  it('refuses a blocked professional even in bris de glace', async () => {
    const answer = await sendOfficial(fx, 'patients', td13a(BLOCKS_DOCTOR), { mutate: setPurpose('bris_de_glace') });
    expect(ackDetail(answer.body)).toBe('DMPAccessDeniedByPatient');
  });
});

describe('TD1.3b, TD1.4, TD1.1 and TD1.2 administration', () => {
  it('applies a modification, seen by the next TD1.3a', async () => {
    const answer = await sendOfficial(fx, 'patients', officialMessage(OFFICIAL.td13b));
    expect(xp(answer.body, path('acknowledgement') + '/@typeCode')).toBe('AA');
    const dmp = fx.sim.admin.getDmp(EXAMPLE);
    expect(dmp?.phone).toBe('0607080901');
    expect(dmp?.street).toBe('20 rue des edelweiss');
  });

  it('refuses changes to a DMP attached to MES and a request without author names', async () => {
    const mes = await sendOfficial(fx, 'patients', forNir(officialMessage(OFFICIAL.td13b), MES));
    expect(count(mes.body, path('PRPA_IN201316UV02'))).toBe(1);
    expect(ackDetail(mes.body)).toBe('DMPAttachedToMES');
    const anonymous = officialMessage(OFFICIAL.td13b).replace(/<assignedPerson[\s\S]*<\/assignedPerson>/, '');
    const noAuthor = await sendOfficial(fx, 'patients', anonymous);
    expect(ackDetail(noAuthor.body)).toBe('DMPInvalidRequest');
  });

  it('closes a DMP once; the second close is DMPClosed', async () => {
    const first = await sendOfficial(fx, 'patients', officialMessage(OFFICIAL.td14));
    expect(xp(first.body, path('patient', 'statusCode') + '/@code')).toBe('terminated');
    expect(fx.sim.admin.getDmp(EXAMPLE)?.closeReason).toBe('FERMETURE_DEMANDE_PATIENT');
    const second = await sendOfficial(fx, 'patients', officialMessage(OFFICIAL.td14));
    expect(ackDetail(second.body)).toBe('DMPClosed');
  });

  it('creates a DMP with consent, refuses an existing one, and refuses all when configured like production', async () => {
    const created = await sendOfficial(fx, 'patients', forNir(td11(true), NO_DMP));
    expect(count(created.body, path('PRPA_IN201312UV02'))).toBe(1);
    expect(fx.sim.admin.getDmp(NO_DMP)?.consentRecordedAt).not.toBeNull();
    const existing = await sendOfficial(fx, 'patients', td11(true));
    expect(count(existing.body, path('PRPA_IN201313UV02'))).toBe(1);
    expect(ackDetail(existing.body)).toBe('DMPFound');

    fx.sim.admin.setRefuseCreation(true);
    const refused = await sendOfficial(fx, 'patients', forNir(td11(true), '197022A02077801'));
    expect(count(refused.body, path('PRPA_IN201313UV02'))).toBe(1);
    expect(ackDetail(refused.body)).toBe('DMPAccessDeniedByRightsService');
    expect(fx.sim.admin.getDmp('197022A02077801')).toBeUndefined();
  });

  it('refuses a creation the patient did not consent to, and records consent when given', async () => {
    const refused = await sendOfficial(fx, 'patients', forNir(td11(false), NO_DMP));
    expect(ackDetail(refused.body)).toBe('DMPInvalidRequest');
    expect(fx.sim.admin.getDmp(NO_DMP)).toBeUndefined();
    const unstated = await sendOfficial(fx, 'patients', forNir(td11(), NO_DMP));
    expect(count(unstated.body, path('PRPA_IN201312UV02'))).toBe(1);
    expect(fx.sim.admin.getDmp(NO_DMP)?.consentRecordedAt).toBeNull();
  });

  it('refuses reactivation too when configured like production', async () => {
    fx.sim.admin.authorizeProfessional(CLOSED, EXAMPLE_DOCTOR);
    fx.sim.admin.setRefuseCreation(true);
    const answer = await sendOfficial(fx, 'patients', forNir(td12(true), CLOSED));
    expect(ackDetail(answer.body)).toBe('DMPAccessDeniedByRightsService');
    expect(fx.sim.admin.getDmp(CLOSED)?.status).toBe('closed');
  });

  it('reactivates a closed DMP only with the reactivation consent', async () => {
    fx.sim.admin.authorizeProfessional(CLOSED, EXAMPLE_DOCTOR);
    const without = await sendOfficial(fx, 'patients', forNir(td12(false), CLOSED));
    expect(ackDetail(without.body)).toBe('DMPInvalidRequest');
    const withConsent = await sendOfficial(fx, 'patients', forNir(td12(true), CLOSED));
    expect(xp(withConsent.body, path('patient', 'statusCode') + '/@code')).toBe('active');
    expect(fx.sim.admin.getDmp(CLOSED)?.status).toBe('active');
  });
});

describe('indirect and AIR authentication', () => {
  it('lets an establishment test existence but not declare an authorization (M526)', async () => {
    const as = { signer: fx.establishment, client: fx.establishment, mutate: indirect() };
    expect(queryCode((await sendOfficial(fx, 'patients', td02(EXAMPLE), as)).body)).toBe('OK');
    const declare = await sendOfficial(fx, 'habilitations', forNir(td03('AJOUT'), NOT_AUTHORIZED), as);
    expect(wsStatus(declare.body)).toBe('DMPAccessDeniedByRightsService');
  });

  it('applies the AIR matrix: no TD0.3 in bris de glace, no TD1.6 for a non-PS (M606)', async () => {
    const air = { signer: fx.establishment, client: fx.establishment };
    const bdg = await sendOfficial(fx, 'habilitations', forNir(td03('AJOUT'), NOT_AUTHORIZED), {
      ...air,
      mutate: compose(indirect('INDIRECTE_RENFORCEE'), setPurpose('bris_de_glace')),
    });
    expect(wsStatus(bdg.body)).toBe('DMPAccessDeniedByRightsService');
    const normal = await sendOfficial(fx, 'habilitations', forNir(td03('AJOUT'), NOT_AUTHORIZED), {
      ...air,
      mutate: indirect('INDIRECTE_RENFORCEE'),
    });
    expect(wsStatus(normal.body)).toBe('DMPOk');
    const nonPs = await sendOfficial(fx, 'habilitations', td16(), {
      ...air,
      mutate: compose(indirect('INDIRECTE_RENFORCEE'), setRoles('SECRETARIAT', undefined, '1.2.250.1.213.1.1.4.6')),
    });
    expect(wsStatus(nonPs.body)).toBe('DMPAccessDeniedByRightsService');
  });
});

describe('access history', () => {
  it('records who did what, when and in which mode, refusals included', async () => {
    await sendOfficial(fx, 'patients', td13a(OPPOSED), { mutate: setPurpose('bris_de_glace') });
    await sendOfficial(fx, 'patients', td02(OPPOSED));
    const history = fx.sim.admin.accessHistory(OPPOSED);
    expect(
      history.map(({ transaction, accessMode, outcome, actorId }) => ({ transaction, accessMode, outcome, actorId })),
    ).toEqual([
      {
        transaction: 'TD1.3a',
        accessMode: 'bris_de_glace',
        outcome: 'DMPAccessDeniedByPatient',
        actorId: EXAMPLE_DOCTOR,
      },
      { transaction: 'TD0.2', accessMode: 'normal', outcome: 'allow', actorId: EXAMPLE_DOCTOR },
    ]);
    expect(Number.isNaN(Date.parse(history[0]?.at ?? ''))).toBe(false);
  });
});
