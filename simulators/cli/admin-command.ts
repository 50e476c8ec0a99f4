import { AdminError, type DmpAdmin } from '../national-dmp/admin';
import type { DmpRecord } from '../national-dmp/store/store';
import { FAULT_SPEC_HELP, mergeFaults, UsageError } from './fault-spec';

export const ADMIN_HELP = `admin commands (act on the simulator's state file, running or not):
  list                               DMPs and their state
  show <nir>                         one DMP, its authorizations
  block <nir> <idnat>                the patient blocks a professional
  unblock <nir> <idnat>
  authorize <nir> <idnat>            the patient authorizes a professional
  oppose <nir> <bdg|urgence> <on|off> opposition to bris de glace / centre 15 access
  set-mt <nir> <idnat|none>          médecin traitant DMP
  attach-mes <nir> <on|off>          attached to Mon espace santé
  close <nir> | reopen <nir>
  refuse-creation <on|off>           TD1.1/TD1.2 refused as in production since 2021
  history [nir]                      access history
  documents <nir>                    documents and their metadata versions
  seed-documents                     training PDF documents for seeded patients that have none
  reset [--no-documents]             back to the seed: every change, new DMP, access and deposit gone
  masked-emergency <nir> <on|off>    the patient lets masked documents be read in emergency access
  fault <spec>... | fault clear      ${FAULT_SPEC_HELP}
  faults                             faults stored for the running simulator`;

const onOff = (value: string | undefined): boolean => {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new UsageError('expected on or off');
};

const required = (value: string | undefined, what: string): string => {
  if (value === undefined || value === '') throw new UsageError(`missing ${what}`);
  return value;
};

function describe(dmp: DmpRecord): string {
  const flags = [
    dmp.status === 'closed' ? 'FERMÉ' : 'actif',
    dmp.oppositionBrisDeGlace ? 'opposition BdG' : '',
    dmp.oppositionUrgence ? 'opposition urgence' : '',
    dmp.attachedToMes ? 'MES' : '',
    dmp.treatingDoctor === null ? '' : `MT ${dmp.treatingDoctor}`,
  ].filter((flag) => flag !== '');
  return `${dmp.nir} (${dmp.insOid})  ${dmp.family} ${dmp.given}  ${flags.join(', ')}`;
}

/** Runs one admin command and returns what to print; throws UsageError or AdminError. */
export function runAdminCommand(admin: DmpAdmin, args: readonly string[]): string {
  const [command, first, second, third] = args;
  switch (command) {
    case 'list':
      return admin.listDmps().map(describe).join('\n');
    case 'show': {
      const dmp = admin.getDmp(required(first, '<nir>'));
      if (dmp === undefined) throw new AdminError('UNKNOWN_DMP');
      const authorizations = admin
        .listAuthorizations(dmp.nir)
        .map((a) => `  ${a.subjectId} ${a.status} since ${a.startedAt}`);
      return [describe(dmp), ...authorizations].join('\n');
    }
    case 'block':
      admin.blockProfessional(required(first, '<nir>'), required(second, '<idnat>'));
      return 'blocked';
    case 'unblock':
      admin.unblockProfessional(required(first, '<nir>'), required(second, '<idnat>'));
      return 'unblocked';
    case 'authorize':
      admin.authorizeProfessional(required(first, '<nir>'), required(second, '<idnat>'));
      return 'authorized';
    case 'oppose': {
      const value = onOff(third);
      if (second === 'bdg') admin.setOppositions(required(first, '<nir>'), { brisDeGlace: value });
      else if (second === 'urgence') admin.setOppositions(required(first, '<nir>'), { urgence: value });
      else throw new UsageError('oppose <nir> <bdg|urgence> <on|off>');
      return 'oppositions updated';
    }
    case 'set-mt': {
      const doctor = required(second, '<idnat|none>');
      admin.setTreatingDoctor(required(first, '<nir>'), doctor === 'none' ? null : doctor);
      return 'médecin traitant updated';
    }
    case 'attach-mes':
      admin.setAttachedToMes(required(first, '<nir>'), onOff(second));
      return 'MES attachment updated';
    case 'close':
      admin.close(required(first, '<nir>'));
      return 'closed';
    case 'reopen':
      admin.reopen(required(first, '<nir>'));
      return 'reopened';
    case 'refuse-creation':
      admin.setRefuseCreation(onOff(first));
      return `creation ${admin.refuseCreation() ? 'refused' : 'accepted'}`;
    case 'history':
      return admin
        .accessHistory(first)
        .map(
          (a) =>
            `${a.at} ${a.nir ?? '-'} ${a.actorId} ${a.authMode}/${a.accessMode} ${a.transaction} ${a.outcome}` +
            (a.documentUniqueId === null || a.documentUniqueId === undefined ? '' : ` ${a.documentUniqueId}`),
        )
        .join('\n');
    case 'documents':
      return admin
        .listDocuments(required(first, '<nir>'))
        .map(
          (d) =>
            `${d.uniqueId} v${d.version} ${d.status.split(':').pop() ?? ''}` +
            `${d.masked ? ' MASQUE_PS' : ''}${d.invisiblePatient ? ' INVISIBLE_PATIENT' : ''}` +
            `${d.isSignature ? ' (signature)' : ''}  ${d.title ?? ''}`,
        )
        .join('\n');
    case 'seed-documents':
      return `${admin.seedTrainingDocuments()} documents added`;
    case 'reset':
      if (first !== undefined && first !== '--no-documents') throw new UsageError(`unknown option ${first}`);
      admin.reset({ documents: first === undefined });
      return `reset: ${admin.listDmps().length} DMPs as seeded`;
    case 'masked-emergency':
      admin.setMaskedVisibleInEmergency(required(first, '<nir>'), onOff(second));
      return 'updated';
    case 'fault':
      if (first === 'clear') admin.setStoredFaults({});
      else admin.setStoredFaults(mergeFaults(admin.storedFaults(), args.slice(1)));
      return JSON.stringify(admin.storedFaults());
    case 'faults':
      return JSON.stringify(admin.storedFaults());
    case undefined:
    default:
      throw new UsageError(ADMIN_HELP);
  }
}
