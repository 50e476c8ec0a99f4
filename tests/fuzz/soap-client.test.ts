import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { parseQueryResponse, parseRevisionResponse } from '../../main/dmp/hl7v3';
import { parsePatientSearchResponse } from '../../main/dmp/hl7v3/patient-search';
import { readWsOutput } from '../../main/dmp/ws/messages';
import {
  checkRegistryResponse,
  parseQueryResponse as parseRegistryQuery,
  parseRetrieveResponse,
} from '../../main/dmp/xds';
import { readInsiResult } from '../../main/identity/insi/response';
import { decodeSoapResponse, parseEnvelope } from '../../main/soap';
import { encodeMtomRequest, resolveXopContent } from '../../main/soap/mtom';
import { isAppError } from '../../shared/errors';
import { vectorsPath } from '../support/vectors';
import { fuzz, int, mutateText, pick, type Random } from './support/fuzz';

interface Answer {
  readonly contentType: string;
  /** latin1 text of the body bytes: mutations then work on bytes, whatever the encoding. */
  readonly body: string;
}

const read = (dir: string, name: string): string => readFileSync(vectorsPath(dir, name), 'utf8');

/** Every official answer, as SOAP or, re-wrapped with a CDA, as the MTOM answer of a retrieval. */
function officialAnswers(): Answer[] {
  const soap = [
    ...readdirSync(vectorsPath('dmp-messages'))
      .filter((name) => name.endsWith('_response.xml'))
      .map((name) => read('dmp-messages', name)),
    ...readdirSync(vectorsPath('insi-responses'))
      .filter((name) => name.endsWith('.xml'))
      .map((name) => read('insi-responses', name)),
  ];
  const answers: Answer[] = soap.map((xml) => ({
    contentType: 'application/soap+xml; charset=utf-8',
    body: Buffer.from(xml, 'utf8').toString('latin1'),
  }));
  const retrieve = read('dmp-messages', 'TD3.2_-_Consultation_dun_document_response.xml');
  const cda = readFileSync(vectorsPath('dmp-messages', 'TD2.1-DocumentME2.xml'));
  const mtom = encodeMtomRequest(retrieve, 'urn:ihe:iti:2007:RetrieveDocumentSetResponse', [
    { contentId: 'doc1@dmp', contentType: 'text/xml', data: cda },
  ]);
  answers.push({ contentType: mtom.contentType, body: mtom.data.toString('latin1') });
  return answers;
}

/** Everything the client does with an answer: split, parse, then every payload reader it has. */
function consume(answer: Answer): string {
  const decoded = decodeSoapResponse(answer.contentType, Buffer.from(answer.body, 'latin1'));
  const envelope = parseEnvelope(decoded.envelopeXml);
  const payload = envelope.payload;
  const readers: (() => unknown)[] = [
    () => parseQueryResponse(payload),
    () => parsePatientSearchResponse(payload),
    () => parseRevisionResponse(payload, 'PRPA_IN201311UV02_Response'),
    () => readWsOutput(payload, 'getAuthorizationResponse', 'http://www.asipsante.fr/dmp/services/v2'),
    () => readInsiResult(payload),
    () => (payload === undefined ? undefined : parseRegistryQuery(payload)),
    () => (payload === undefined ? undefined : checkRegistryResponse(payload)),
    () => (payload === undefined ? undefined : parseRetrieveResponse(payload, decoded)),
    () => {
      for (const document of Array.from(envelope.document.getElementsByTagNameNS('*', 'Document'))) {
        resolveXopContent(document, decoded);
      }
    },
  ];
  let read = 0;
  for (const reader of readers) {
    try {
      reader();
      read += 1;
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  return read > 0 ? 'read' : 'refused by every reader';
}

function mutateAnswer(answers: readonly Answer[], random: Random): Answer {
  const answer = pick(random, answers);
  const body = mutateText(
    answer.body,
    random,
    answers.map((a) => a.body),
  );
  // Now and then the header lies too: another boundary, another charset, no type at all.
  const contentType =
    random() < 0.1
      ? pick(random, ['', 'text/html', 'application/soap+xml; charset=ebcdic', 'multipart/related; boundary=""'])
      : answer.contentType;
  return { contentType, body: random() < 0.02 ? body.repeat(1 + int(random, 50)) : body };
}

describe('client SOAP and MTOM answers under fuzzing', () => {
  const answers = officialAnswers();

  it('reads every official answer (the seeds are valid)', () => {
    for (const answer of answers) consume(answer);
  });

  it('answers mutated official answers with typed errors only, within budget and bounded memory', async (context) => {
    await fuzz(context, {
      boundary: 'client SOAP/MTOM answers',
      budgetMs: 4_000,
      run: (random) => {
        try {
          return consume(mutateAnswer(answers, random));
        } catch (error) {
          if (isAppError(error)) return error.code;
          throw error;
        }
      },
    });
  });
});
