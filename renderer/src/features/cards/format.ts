/**
 * Display helpers. Dates stay strings: a lunar date (`19380300`) is shown as printed
 * (`00/03/1938`), never "corrected" into a real calendar day.
 */
export function formatBirthDate(raw: string): string {
  return /^\d{8}$/.test(raw) ? `${raw.slice(6, 8)}/${raw.slice(4, 6)}/${raw.slice(0, 4)}` : raw;
}

/** NIR as on the card and the paper attestation: `1 80 03 2B 020 401 23`. */
export function formatNir(nir: string): string {
  if (!/^[0-9A-Z]{15}$/.test(nir)) return nir;
  return [
    nir.slice(0, 1),
    nir.slice(1, 3),
    nir.slice(3, 5),
    nir.slice(5, 7),
    nir.slice(7, 10),
    nir.slice(10, 13),
    nir.slice(13),
  ].join(' ');
}
