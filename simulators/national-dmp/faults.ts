/** The services of the DMP, one route each under /si-dmp-server/v2/services/. */
export const DMP_SERVICES = [
  'patients',
  'patientsSpecific',
  'patientsPDQ',
  'habilitations',
  'registry',
  'repository',
] as const;
export type DmpService = (typeof DMP_SERVICES)[number];

/** Failures to inject on a route, for clients' error paths and training ("service down"). */
export interface DmpFaultRule {
  /** Delay before answering (or before the failure below). */
  readonly latencyMs?: number;
  /** Never answer; the socket stays open until the client gives up or the simulator closes. */
  readonly timeout?: boolean;
  /** HTTP 500 with a non-SOAP body. */
  readonly http500?: boolean;
  /** Close the connection without answering. */
  readonly drop?: boolean;
  /** Answer a SOAP fault with this DMP code (e.g. `DMPInternalError`). */
  readonly soapFault?: string;
  /**
   * The ambiguous outcome: the transaction runs and commits (a deposit is stored, metadata changed),
   * then its answer is lost — the connection dropped, or a 500 SOAP fault sent instead of the success.
   * The client cannot tell whether its request took effect, which is what a retry must survive.
   */
  readonly afterCommit?: AfterCommitFault;
}

export type AfterCommitFault = 'drop' | 'http500';

/**
 * Whether the answer of a transaction that ran is replaced by the ambiguous fault: only when it was
 * accepted, since a refusal (SOAP fault, XDS RegistryResponse Failure) committed nothing and losing it
 * would not be ambiguous — a retry then sees the real refusal (a duplicate uniqueId, say).
 */
export function afterCommitFault(
  rule: DmpFaultRule | undefined,
  outcome: { readonly accepted: boolean },
): AfterCommitFault | undefined {
  return outcome.accepted ? rule?.afterCommit : undefined;
}

/** Per service, with `*` applying to every service that has no rule of its own. */
export type DmpFaults = Readonly<Partial<Record<DmpService | '*', DmpFaultRule>>>;

export function faultFor(faults: DmpFaults, service: DmpService): DmpFaultRule | undefined {
  return faults[service] ?? faults['*'];
}
