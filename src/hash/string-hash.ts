/**
 * A quick 32-bit hash of a string: FNV-1a over its UTF-16 units from a salted start, with a final mix so that
 * the low bits depend on every unit. For tables and repeat checks that compare the strings themselves where
 * hashes meet; never for anything written (selection keys and fingerprints are MD5, see md5.ts).
 */
export function hash32(text: string, salt = 0): number {
  let h = 0x811c9dc5 ^ salt;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}
