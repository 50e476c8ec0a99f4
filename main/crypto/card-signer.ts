import type { CardService } from '../cards/card-service';
import type { Authenticator, Signer } from './signer';

/**
 * The CPS keys behind the crypto interfaces: VIHF and XAdES code get a {@link Signer}, TLS code an
 * {@link Authenticator}, and neither knows a card is involved. The certificate is read once, when
 * the adapter is made; every signature is an APDU exchange that needs the PIN already verified
 * (PIN_REQUIRED otherwise) and the same card still in the reader (CARD_REMOVED otherwise).
 */
export async function createCpsSigner(cards: CardService, reader: string): Promise<Signer> {
  const key = await cards.cardKey(reader, 'signature');
  return {
    role: 'signature',
    algorithm: 'RSA-SHA256',
    certificateDer: key.certificateDer,
    sign: (data) => key.sign(data),
  };
}

export async function createCpsAuthenticator(cards: CardService, reader: string): Promise<Authenticator> {
  const key = await cards.cardKey(reader, 'authentication');
  return {
    role: 'authentication',
    algorithm: 'RSA-SHA256',
    certificateDer: key.certificateDer,
    sign: (data) => key.sign(data),
  };
}
