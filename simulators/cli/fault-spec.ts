import { DMP_SERVICES, type DmpFaultRule, type DmpFaults, type DmpService } from '../national-dmp/faults';

/** Thrown for a command line the CLI cannot understand; the message is the usage hint to print. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const FAULT_SPEC_HELP =
  '<service|*>=<latency:MS|timeout|http500|drop|soap:CODE|store-then-drop|store-then-500|none>' +
  '  (services: ' +
  DMP_SERVICES.join(', ') +
  '; store-then-*: the transaction commits, then its answer is lost)';

/**
 * `patients=latency:2000`, `*=http500`, `habilitations=soap:DMPInternalError`, `repository=store-then-drop`,
 * `registry=none`.
 */
export function parseFaultSpec(spec: string): { route: DmpService | '*'; rule: DmpFaultRule } {
  const match = /^([^=]+)=([a-z0-9-]+)(?::(.+))?$/.exec(spec.trim());
  const route = match?.[1];
  if (
    match === null ||
    route === undefined ||
    (route !== '*' && !(DMP_SERVICES as readonly string[]).includes(route))
  ) {
    throw new UsageError(`bad fault "${spec}": expected ${FAULT_SPEC_HELP}`);
  }
  const kind = match[2];
  const argument = match[3];
  // Kinds other than latency and soap refuse an argument rather than ignore it.
  const bare = (rule: DmpFaultRule): DmpFaultRule => {
    if (argument !== undefined) throw new UsageError(`bad fault "${spec}": ${kind ?? ''} takes no argument`);
    return rule;
  };
  const rule = ((): DmpFaultRule => {
    switch (kind) {
      case 'latency': {
        const ms = Number(argument);
        if (!Number.isInteger(ms) || ms < 0) throw new UsageError(`bad latency in "${spec}"`);
        return { latencyMs: ms };
      }
      case 'timeout':
        return bare({ timeout: true });
      case 'http500':
        return bare({ http500: true });
      case 'drop':
        return bare({ drop: true });
      case 'soap':
        if (argument === undefined || !/^[A-Za-z][A-Za-z0-9]*$/.test(argument))
          throw new UsageError(`bad SOAP code in "${spec}"`);
        return { soapFault: argument };
      case 'store-then-drop':
        return bare({ afterCommit: 'drop' });
      case 'store-then-500':
        return bare({ afterCommit: 'http500' });
      case 'none':
        return bare({});
      case undefined:
      default:
        throw new UsageError(`bad fault "${spec}": expected ${FAULT_SPEC_HELP}`);
    }
  })();
  return { route: route as DmpService | '*', rule };
}

export function mergeFaults(base: DmpFaults, specs: readonly string[]): DmpFaults {
  const merged: Partial<Record<DmpService | '*', DmpFaultRule>> = { ...base };
  for (const spec of specs) {
    const { route, rule } = parseFaultSpec(spec);
    merged[route] = rule;
  }
  return merged;
}
