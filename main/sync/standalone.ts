import { randomUUID } from 'node:crypto';
import type { CodedValue } from '../../shared/domain/documents';
import { createDmpConnection, type DmpClientConfig } from '../dmp/client';
import { depositContext } from '../dmp/documents/context';
import { buildDeposit } from '../dmp/xds';
import { openStore, type Store } from '../store/client';
import type { KeyProvider } from '../store/keys/key-provider';
import type { NewOutboxEntry } from '../store/outbox-ops';
import { depositEntry } from './deposit-entry';
import { createDmpSyncTransport } from './dmp-transport';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './engine';

/**
 * The outbox and its engine without Electron or the desk: a store folder, a DMP endpoint and a
 * signer (a software key standing for the CPS). For tools, crash trials and benchmarks run in a
 * plain Node process; the desk itself wires the same pieces in main/services.ts.
 */
export interface StandaloneSyncOptions {
  readonly storeDir: string;
  readonly keys: KeyProvider;
  /** The endpoint and who deposits: `signer` signs the XAdES at build and the VIHF at send; `practitioner` is the author. */
  readonly dmp: DmpClientConfig;
  /** Who may sign an item's VIHF now; default: `dmp.signer` for every author. */
  readonly signerFor?: SyncEngineOptions['signerFor'];
  readonly engine?: Pick<
    SyncEngineOptions,
    'concurrency' | 'backoff' | 'random' | 'logger' | 'onChange' | 'changeIntervalMs' | 'sentKeepMs'
  >;
}

/** A PDF to deposit for a patient, as a tool names it (the desk resolves the same from its patient session). */
export interface StandaloneDeposit {
  readonly patient: { readonly oid: string; readonly matricule: string };
  readonly traits: {
    readonly birthFamily: string;
    readonly givenNames: string;
    readonly sex: 'M' | 'F' | 'U';
    /** YYYY-MM-DD or YYYYMMDD. */
    readonly birthDate: string;
    readonly birthPlaceCode: string;
  };
  readonly title: string;
  readonly pdf: Uint8Array;
  /** JDV_J07 (with a known class code), e.g. 11488-4 "CR ou fiche de consultation". */
  readonly typeCode: CodedValue;
  /** The desk's patient id the outbox shows; default: a fresh uuid. */
  readonly patientId?: string;
}

export interface StandaloneSync {
  readonly store: Store;
  readonly engine: SyncEngine;
  /** Builds and signs the deposit (CDA, XAdES, ITI-41, uniqueIds minted): the item, not yet kept. */
  build(deposit: StandaloneDeposit): Promise<NewOutboxEntry>;
  /** Builds the deposit and keeps it in the outbox; the engine sends it once started. */
  enqueue(deposit: StandaloneDeposit): Promise<NewOutboxEntry>;
  /** Stops the engine (attempts in flight end) and closes the store. */
  close(): Promise<void>;
}

/** Opens the store in `storeDir` and makes its engine; call `engine.start()` to recover and send. */
export async function openStandaloneSync(options: StandaloneSyncOptions): Promise<StandaloneSync> {
  const { signer, practitioner, logger, now, ...endpoint } = options.dmp;
  const store = await openStore({ dir: options.storeDir, keys: options.keys });
  const connection = createDmpConnection(endpoint, {
    ...(logger === undefined ? {} : { logger }),
    ...(now === undefined ? {} : { now }),
  });
  const transport = createDmpSyncTransport(connection, {
    ...(endpoint.vihfTtlMs === undefined ? {} : { vihfTtlMs: endpoint.vihfTtlMs }),
  });
  const engine = createSyncEngine({
    store,
    send: transport.send,
    lookup: transport.lookup,
    signerFor: options.signerFor ?? (async () => signer),
    ...(now === undefined ? {} : { now }),
    ...options.engine,
  });
  const context = depositContext({ practitioner, structure: endpoint.structure });

  const build = async (input: StandaloneDeposit): Promise<NewOutboxEntry> => {
    const at = now?.() ?? new Date();
    const deposit = await buildDeposit({
      content: input.pdf,
      mediaType: 'application/pdf',
      title: input.title,
      typeCode: input.typeCode,
      patient: {
        ins: { root: input.patient.oid, extension: input.patient.matricule },
        birthFamily: input.traits.birthFamily,
        givenNames: input.traits.givenNames,
        sex: input.traits.sex,
        birthDate: input.traits.birthDate.replace(/-/g, ''),
        birthPlaceCode: input.traits.birthPlaceCode,
      },
      author: context.author,
      structure: context.structure,
      contentType: context.contentType,
      sourceId: endpoint.software.senderOid,
      signer,
      now: at,
    });
    const birth = input.traits.birthDate.replace(/-/g, '');
    return depositEntry({
      kind: 'deposit',
      patientId: input.patientId ?? randomUUID(),
      ins: input.patient,
      patient: {
        family: input.traits.birthFamily,
        given: input.traits.givenNames,
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      },
      title: input.title,
      author: practitioner,
      accessMode: 'normal',
      deposit,
      enqueuedAt: at,
    });
  };

  return {
    store,
    engine,
    build,
    async enqueue(input) {
      const entry = await build(input);
      await engine.enqueue(entry);
      return entry;
    },
    async close() {
      await engine.stop();
      await store.close();
    },
  };
}
