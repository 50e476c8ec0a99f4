import type { DmpAuthMode } from '../../shared/domain/dmp';
import type { Signer } from '../crypto/signer';
import type { VihfSoftware, VihfStructure } from '../dmp/vihf/types';
import type { InsiConfig } from '../identity/wiring';
import type { TlsCredentials } from '../soap';

/**
 * What the services are given to reach the national services. Production builds it from the IT
 * configuration file (main/config) and training mode from its in-process simulators
 * (main/training): one type, so nothing past the composition root can tell a lesson from a desk.
 *
 * Nothing here names a practitioner: who calls comes from the practitioner session (the CPS in
 * the reader), never from configuration.
 */
export interface DmpEndpointConfig {
  /** `https://host[:port]`, or the services root `https://host/si-dmp-server/v2/services`. */
  readonly baseUrl: string;
  /** TLS client credentials: the authentication key (CPS auth, or establishment ORG-AUTH_CLI). */
  readonly tls: TlsCredentials;
  /** VIHF `Authentification_Mode`: DIRECTE signs with the CPS, the INDIRECTE modes with `establishmentSigner`. */
  readonly authMode: DmpAuthMode;
  /** The establishment's ORG-SIGN key, for the INDIRECTE modes (AIR); never the TLS one. */
  readonly establishmentSigner?: Signer;
  readonly structure: VihfStructure & { readonly name: string };
  readonly software: VihfSoftware & { readonly senderOid: string };
  readonly timeoutMs?: number;
  /** How long a signed VIHF is reused for the same patient and access mode (0 = a new token per call). */
  readonly vihfTtlMs?: number;
  /** HTTPS proxy (CONNECT) the clinic routes outbound traffic through. */
  readonly proxy?: ProxyConfig;
}

export interface ProxyConfig {
  /** `http://host:port` of a proxy that tunnels with CONNECT. */
  readonly url: string;
}

export interface NationalServicesConfig {
  /** Absent -> every DMP call answers DMP_NOT_CONFIGURED. */
  readonly dmp?: DmpEndpointConfig;
  /** Absent -> INSi calls answer INSI_NOT_CONFIGURED. */
  readonly insi?: InsiConfig;
}
