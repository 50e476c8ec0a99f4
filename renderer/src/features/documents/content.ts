/** Base64 from main -> bytes (atob yields one Latin-1 code unit per byte). */
export function bytesOf(contentBase64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0));
}

/** A Blob the viewer can point a frame at. */
export function blobOf(contentBase64: string, mediaType: string): Blob {
  return new Blob([bytesOf(contentBase64)], { type: mediaType });
}

/** File bytes -> base64 for the contract, in chunks so a few MB never hit the argument-count limit. */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}
