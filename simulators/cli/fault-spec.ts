import { DMP_SERVICES, type DmpFaultRule, type DmpFaults, type DmpService } from '../national-dmp/faults';

/** Thrown for a command line the CLI cannot understand; the message is the usage hint to print. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const FAULT_SPEC_HELP =
  '<service|*>=<latency:MS|timeout|http500|drop|soap:CODE|none>  (services: ' + DMP_SERVICES.join(', ') + ')';

/** `patients=latency:2000`, `*=http500`, `habilitations=soap:DMPInternalError`, `registry=none`. */
export function parseFaultSpec(spec: string): { route: DmpService | '*'; rule: DmpFaultRule } {
  const match = /^([^=]+)=([a-z0-9]+)(?::(.+))?$/.exec(spec.trim());
  const route = match?.[1];
  if (
    match === null ||
    route === undefined ||
    (route !== '*' && !(DMP_SERVICES as readonly string[]).includes(route))
  ) {
    throw new UsageError(`bad fault "${spec}": expected ${FAULT_SPEC_HELP}`);
  }
  const argument = match[3];
  const rule = ((): DmpFaultRule => {
    switch (match[2]) {
      case 'latency': {
        const ms = Number(argument);
        if (!Number.isInteger(ms) || ms < 0) throw new UsageError(`bad latency in "${spec}"`);
        return { latencyMs: ms };
      }
      case 'timeout':
        return { timeout: true };
      case 'http500':
        return { http500: true };
      case 'drop':
        return { drop: true };
      case 'soap':
        if (argument === undefined || !/^[A-Za-z][A-Za-z0-9]*$/.test(argument))
          throw new UsageError(`bad SOAP code in "${spec}"`);
        return { soapFault: argument };
      case 'none':
        return {};
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
