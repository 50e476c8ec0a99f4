import type { DeskSession, DmpHandlers, PractitionerSummary } from '../../shared/api';
import type { EventBus } from '../events/event-bus';
import type { IdentityService } from '../identity/identity-service';
import type { PatientSessions } from './patient-sessions';
import type { DmpSignature, PractitionerSession } from './practitioner-session';

/**
 * Who is at the desk, as one answer: the patient in context and the practitioner whose card is
 * in a reader. Every change goes to the renderer as `session.changed`, so each screen shows the
 * same patient and clears what belonged to the previous one.
 */
export interface DeskSessions {
  current(): DeskSession;
  readonly handlers: DmpHandlers<unknown>['session'];
  /** Identity handlers that change the patient in context call this, so the banner follows. */
  touched(patientId: string): void;
  dispose(): void;
}

export function createDeskSessions(options: {
  readonly patients: PatientSessions;
  readonly practitioner: PractitionerSession;
  readonly dmpSignature: DmpSignature;
  readonly events: EventBus;
  /** Words for the card's profession and specialty codes (the JDV_J01 value set); none known when absent. */
  readonly professionLabels?: ProfessionLabels;
  /** Told after a patient is forgotten (their emergency accesses end with them). */
  readonly onForgotten?: (patientId: string) => void;
}): DeskSessions {
  const { patients, practitioner, events } = options;
  const labelled = (summary: PractitionerSummary | null): PractitionerSummary | null => {
    if (summary === null || options.professionLabels === undefined) return summary;
    const labels = options.professionLabels(summary.profession, summary.specialty);
    return {
      ...summary,
      ...(labels.profession === undefined ? {} : { professionLabel: labels.profession }),
      ...(labels.specialty === undefined ? {} : { specialtyLabel: labels.specialty }),
    };
  };
  const current = (): DeskSession => ({
    patient: patients.current(),
    practitioner: labelled(practitioner.current()),
    dmpSignature: options.dmpSignature,
  });
  const publish = (): void => events.emit('session.changed', current());
  const unsubscribe = [patients.onChange(publish), practitioner.onChange(publish)];
  // An identity's status can change from any identity call (INSi answer, document check).
  unsubscribe.push(
    events.subscribe((event, payload) => {
      if (
        event === 'identity.statusChanged' &&
        (payload as { patientId: string }).patientId === patients.current()?.patientId
      ) {
        publish();
      }
    }),
  );
  return {
    current,
    handlers: {
      current: async () => current(),
      selectPatient: async ({ patientId }) => {
        // A patient of the day restored from the store is only known once the store has answered.
        await patients.restored;
        patients.select(patientId);
        return current();
      },
      patients: async () => {
        await patients.restored;
        return { patients: patients.list() };
      },
      leavePatient: async () => {
        patients.leave();
        return current();
      },
      forgetPatient: async ({ patientId }) => {
        await patients.restored;
        const forgotten = await patients.forget(patientId);
        options.onForgotten?.(patientId);
        return { forgotten };
      },
    },
    touched(patientId) {
      patients.updated(patientId);
      if (patients.current()?.patientId === patientId) publish();
    },
    dispose() {
      for (const stop of unsubscribe) stop();
    },
  };
}

export type ProfessionLabels = (
  profession: string,
  specialty: string | undefined,
) => { readonly profession?: string; readonly specialty?: string };

/**
 * Reads the CPS's codes in the XDS author specialty value set (JDV_J01), whose codes are the
 * TRE_G15 profession (`G15_10`) and the profession/TRE_R01 specialty pair (`G15_10/SM26`).
 */
export function professionLabelsFrom(displayName: (code: string) => string | undefined): ProfessionLabels {
  return (profession, specialty) => {
    const professionLabel = displayName(`G15_${profession}`);
    const specialtyLabel = specialty === undefined ? undefined : displayName(`G15_${profession}/${specialty}`);
    return {
      ...(professionLabel === undefined ? {} : { profession: professionLabel }),
      ...(specialtyLabel === undefined ? {} : { specialty: specialtyLabel }),
    };
  };
}

/** The `identity.*` handlers: opening goes through the patient sessions, every change refreshes the banner. */
export function identityHandlers(
  identity: IdentityService,
  patients: PatientSessions,
  desk: Pick<DeskSessions, 'touched'>,
): DmpHandlers<unknown>['identity'] {
  const changed = <T extends { patientId: string }>(view: T): T => {
    desk.touched(view.patientId);
    return view;
  };
  return {
    open: async (request) => patients.open(request),
    get: async ({ patientId }) => identity.get(patientId),
    setTypedTraits: async ({ patientId, traits }) => changed(identity.setTypedTraits(patientId, traits)),
    searchInsWithVitale: async ({ patientId }) => changed(await identity.searchWithVitale(patientId)),
    searchInsWithTraits: async ({ patientId }) => changed(await identity.searchWithTraits(patientId)),
    adoptInsiTraits: async ({ patientId }) => changed(identity.adoptInsiTraits(patientId)),
    recordDocumentCheck: async ({ patientId, documentType, checkedOn }) =>
      changed(identity.recordDocumentCheck(patientId, documentType, checkedOn)),
    setAttributes: async ({ patientId, attributes }) => changed(identity.setAttributes(patientId, attributes)),
  };
}
