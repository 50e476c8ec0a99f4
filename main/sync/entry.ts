import { randomUUID } from 'node:crypto';
import type { DmpAccessMode } from '../../shared/domain/dmp';
import type { VihfPractitioner } from '../dmp/vihf/types';
import type { NewOutboxEntry, OutboxRowKind } from '../store/outbox-ops';
import { encodeRequest, type OutboxRequest } from './request';

/** What every outbox item says of itself, whatever it sends. */
export interface EntryCommon {
  readonly patientId: string;
  readonly ins: { readonly oid: string; readonly matricule: string };
  /** For the outbox screen: who the item is about. */
  readonly patient: { readonly family: string; readonly given: string; readonly birthDate: string };
  readonly title: string;
  /** The practitioner the VIHF names; their CPS signs it when present. */
  readonly author: VihfPractitioner;
  readonly accessMode: DmpAccessMode;
  readonly emergencyReason?: string | undefined;
  readonly enqueuedAt: Date;
  readonly id?: string;
}

/** The outbox item around a built request, its display fields cut to what the store's columns take. */
export function outboxEntry(
  input: EntryCommon & { readonly kind: OutboxRowKind; readonly uniqueId: string },
  request: Omit<OutboxRequest, 'author' | 'accessMode' | 'emergencyReason'>,
): NewOutboxEntry {
  return {
    id: input.id ?? randomUUID(),
    kind: input.kind,
    patientId: input.patientId,
    ins: { oid: input.ins.oid, matricule: input.ins.matricule },
    patient: {
      family: input.patient.family.slice(0, 100),
      given: input.patient.given.slice(0, 100),
      birthDate: input.patient.birthDate.slice(0, 10),
    },
    title: input.title.slice(0, 200),
    uniqueId: input.uniqueId,
    authorId: input.author.nationalId,
    payload: encodeRequest({
      author: input.author,
      accessMode: input.accessMode,
      ...(input.emergencyReason === undefined ? {} : { emergencyReason: input.emergencyReason }),
      ...request,
    }),
    enqueuedAt: input.enqueuedAt.toISOString(),
  };
}
