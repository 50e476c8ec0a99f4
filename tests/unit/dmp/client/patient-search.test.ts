import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDmpClient, type DmpClient } from '../../../../main/dmp/client';
import { buildPatientSearch, MAX_SEARCH_CANDIDATES } from '../../../../main/dmp/hl7v3/patient-search';
import { searchPatients } from '../../../../main/dmp/transactions/patient-search';
import { NS, parseXmlSafely, selectElements, selectText } from '../../../../main/xml';
import { dmpMethods } from '../../../../shared/api/dmp';
import { clientConfig, clientPki, startScriptedDmp, type Reply } from '../../../conformance/dmp/client/harness';

let client: DmpClient;
let server: Awaited<ReturnType<typeof startScriptedDmp>>;
let reply: Reply = { body: '' };

beforeAll(async () => {
  const material = await clientPki();
  server = await startScriptedDmp(material, () => reply);
  client = createDmpClient(clientConfig(material, server.origin));
});
afterAll(async () => server.close());

const envelope = (body: string): string =>
  `<soap:Envelope xmlns:soap="${NS.soap12}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

/** One candidate as the official TD0.5 answer writes it (k-jefferson/Dehempe, the kit's example pair). */
const subject = (nir: string, opposed: boolean, match = 100): string =>
  `<subject contextConductionInd="false" typeCode="SUBJ"><registrationEvent classCode="REG" moodCode="EVN"><statusCode code="active"/>` +
  `<subject1 typeCode="SBJ"><patient classCode="PAT"><id extension="${nir}" root="1.2.250.1.213.1.4.10"/>` +
  `<id extension="1418878867934420256667" root="1.2.250.1.213.1.4.2"/><statusCode code="active"/>` +
  `<patientPerson classCode="PSN" determinerCode="INSTANCE"><name><prefix>Mme</prefix><given>IRENE</given>` +
  `<family qualifier="SP">ENCHAINE</family><family qualifier="BR">DECHAINE</family></name>` +
  `<administrativeGenderCode code="F"/><birthTime value="19570628"/><addr><city>SECLIN</city><postalCode>59113</postalCode></addr></patientPerson>` +
  `<subjectOf1 typeCode="SBJ"><queryMatchObservation classCode="COND" moodCode="EVN"><code code="POURCENTAGE"/><value value="${match}"/></queryMatchObservation></subjectOf1>` +
  `<subjectOf2><administrativeObservation><code code="OPPOSITION_ACCES_URGENCE" codeSystem="1.2.250.1.213.4.1.2.3"/><value value="${opposed}"/></administrativeObservation></subjectOf2>` +
  `</patient></subject1></registrationEvent></subject>`;

const answer = (subjects: string, code = 'OK', total?: number): Reply => ({
  body: envelope(
    `<PRPA_IN201306UV02 ITSVersion="XML_1.0" xmlns="${NS.hl7}"><acknowledgement><typeCode code="AA"/></acknowledgement>` +
      `<controlActProcess classCode="CACT" moodCode="EVN">${subjects}<queryAck><queryResponseCode code="${code}"/>` +
      (total === undefined ? '' : `<resultTotalQuantity value="${total}"/>`) +
      `</queryAck></controlActProcess></PRPA_IN201306UV02>`,
  ),
});

const REQUEST = {
  traits: { family: 'DECHAINE', given: 'IRENE', sex: 'F', birthDate: '1957-06-28' },
  accessMode: 'centre_15',
  emergencyReason: 'Appel au 15, patiente inconsciente',
} as const;

describe('TD0.5 patient search without INS', () => {
  it('sends a PDQv3 query to patientsPDQ, in centre 15 with the reason, naming no patient', async () => {
    reply = answer(subject('157069329642881', false), 'OK', 1);
    await searchPatients(client, REQUEST);
    const sent = server.requests.at(-1);
    expect(sent?.path).toBe('/si-dmp-server/v2/services/patientsPDQ');
    const document = parseXmlSafely(sent?.body ?? '');
    expect(selectText(document, '//wsa:Action')).toBe('urn:hl7-org:v3:PRPA_IN201305UV02');
    expect(selectText(document, '//hl7:PurposeOfUse/@code')).toBe('centre_15');
    const resource = selectElements(
      document,
      "//saml:Attribute[@Name='urn:oasis:names:tc:xacml:2.0:resource:resource-id']",
    );
    expect(resource.map((attribute) => attribute.textContent)).toEqual(['']);
    const parameters = '//hl7:PRPA_IN201305UV02/hl7:controlActProcess/hl7:queryByParameter/hl7:parameterList';
    expect(selectText(document, `${parameters}/hl7:livingSubjectName/hl7:value/hl7:family`)).toBe('DECHAINE');
    expect(selectText(document, `${parameters}/hl7:livingSubjectName/hl7:value/hl7:given`)).toBe('IRENE');
    expect(selectText(document, `${parameters}/hl7:livingSubjectAdministrativeGender/hl7:value/@code`)).toBe('F');
    expect(selectText(document, `${parameters}/hl7:livingSubjectBirthTime/hl7:value/@value`)).toBe('19570628');
  });

  it('reads the candidates of the answer: INS and INS-C, traits, match and opposition', async () => {
    reply = answer(subject('157069329642881', false, 100) + subject('279035121518989', true, 75), 'OK', 2);
    const { candidates, total } = await searchPatients(client, REQUEST);
    expect(total).toBe(2);
    expect(candidates[0]).toEqual({
      identifiers: [
        { id: '157069329642881', type: '1.2.250.1.213.1.4.10' },
        { id: '1418878867934420256667', type: '1.2.250.1.213.1.4.2' },
      ],
      family: 'ENCHAINE',
      birthFamily: 'DECHAINE',
      given: 'IRENE',
      sex: 'F',
      birthDate: '19570628',
      postalCode: '59113',
      city: 'SECLIN',
      match: 100,
      emergencyOpposed: false,
    });
    expect(candidates[1]).toMatchObject({ match: 75, emergencyOpposed: true });
    // What main answers is what the router lets through.
    expect(dmpMethods.searchPatients.response.safeParse({ candidates, total }).success).toBe(true);
  });

  it('answers no candidate on NF, a typed error on a refusal, and reads at most the bound', async () => {
    reply = answer('', 'NF', 0);
    await expect(searchPatients(client, REQUEST)).resolves.toEqual({ candidates: [], total: 0 });
    reply = {
      body: envelope(
        `<PRPA_IN201306UV02 xmlns="${NS.hl7}"><acknowledgement typeCode="AE"><acknowledgementDetail typeCode="E">` +
          `<code code="DMPAccessDeniedByRightsService"/></acknowledgementDetail></acknowledgement></PRPA_IN201306UV02>`,
      ),
    };
    await expect(searchPatients(client, REQUEST)).rejects.toMatchObject({ code: 'DMP_ACCESS_DENIED' });
    reply = answer(subject('157069329642881', false).repeat(MAX_SEARCH_CANDIDATES + 50), 'OK', 150);
    const bounded = await searchPatients(client, REQUEST);
    expect(bounded.candidates).toHaveLength(MAX_SEARCH_CANDIDATES);
    expect(bounded.total).toBe(150);
    reply = { body: envelope(`<PRPA_IN201308UV02 xmlns="${NS.hl7}"/>`) };
    await expect(searchPatients(client, REQUEST)).rejects.toMatchObject({ code: 'DMP_UNEXPECTED_RESPONSE' });
  });

  it('refuses a search without its reason before anything is sent', async () => {
    const before = server.requests.length;
    await expect(searchPatients(client, { ...REQUEST, emergencyReason: '  ' })).rejects.toMatchObject({
      code: 'DMP_EMERGENCY_REASON_REQUIRED',
    });
    expect(server.requests.length).toBe(before);
  });

  it('the contract takes régulation only, a family name at least, and days as YYYY-MM-DD', () => {
    const input = dmpMethods.searchPatients.request;
    expect(input.safeParse(REQUEST).success).toBe(true);
    expect(input.safeParse({ ...REQUEST, accessMode: 'normal' }).success).toBe(false);
    expect(input.safeParse({ ...REQUEST, accessMode: 'bris_de_glace' }).success).toBe(false);
    expect(input.safeParse({ ...REQUEST, traits: { given: 'IRENE' } }).success).toBe(false);
    expect(input.safeParse({ ...REQUEST, traits: { family: 'X', birthDate: '19570628' } }).success).toBe(false);
  });

  it('escapes the traits it writes', () => {
    const { xml } = buildPatientSearch({ family: 'O<BRIEN & "X"' }, { oid: '1.2.3', softwareName: 'Desk' }, new Date());
    expect(selectText(parseXmlSafely(xml), '//hl7:family')).toBe('O<BRIEN & "X"');
  });
});
