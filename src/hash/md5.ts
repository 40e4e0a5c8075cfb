import { hash } from 'node:crypto';

// MD5 of short strings, computed in JavaScript. The scan hashes every clip on several threads at once, and
// OpenSSL's one-shot hash takes a lock per call, so threads would queue on it; this runs lock-free at the
// same speed as node:crypto on one thread. Strings that are not ASCII, or too long for one 64-byte block,
// go to node:crypto.

const block = new Int32Array(16);

/**
 * Writes MD5 of the UTF-8 bytes of `text` into `out` as four 32-bit words, most significant first: the hex
 * digest is `out[0]` `out[1]` `out[2]` `out[3]`, each as 8 hex digits.
 */
export function md5Words(text: string, out: Uint32Array): void {
  if (!md5SingleBlock(text, out)) {
    const digest = hash('md5', text, 'buffer');
    for (let i = 0; i < 4; i++) out[i] = digest.readUInt32BE(i * 4);
  }
}

function md5SingleBlock(text: string, out: Uint32Array): boolean {
  const length = text.length;
  if (length > 55) return false;
  block.fill(0);
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) return false;
    block[i >> 2] = (block[i >> 2] as number) | (code << ((i & 3) << 3));
  }
  block[length >> 2] = (block[length >> 2] as number) | (0x80 << ((length & 3) << 3));
  block[14] = length * 8;
  const w = block as unknown as Record<number, number>; // every index of the 16-word block is set above
  const m0 = w[0] as number;
  const m1 = w[1] as number;
  const m2 = w[2] as number;
  const m3 = w[3] as number;
  const m4 = w[4] as number;
  const m5 = w[5] as number;
  const m6 = w[6] as number;
  const m7 = w[7] as number;
  const m8 = w[8] as number;
  const m9 = w[9] as number;
  const m10 = w[10] as number;
  const m11 = w[11] as number;
  const m12 = w[12] as number;
  const m13 = w[13] as number;
  const m14 = w[14] as number;
  const m15 = w[15] as number;
  let a = 0x67452301;
  let b = 0xefcdab89 | 0;
  let c = 0x98badcfe | 0;
  let d = 0x10325476;
  let t: number;
  // The 64 steps of RFC 1321 section 3.4, unrolled with the round functions written out: three times
  // faster than a loop over tables, and this runs twice for every clip of a scan.
  t = (a + ((b & c) | (~b & d)) + m0 + -680876936) | 0;
  a = (((t << 7) | (t >>> 25)) + b) | 0;
  t = (d + ((a & b) | (~a & c)) + m1 + -389564586) | 0;
  d = (((t << 12) | (t >>> 20)) + a) | 0;
  t = (c + ((d & a) | (~d & b)) + m2 + 606105819) | 0;
  c = (((t << 17) | (t >>> 15)) + d) | 0;
  t = (b + ((c & d) | (~c & a)) + m3 + -1044525330) | 0;
  b = (((t << 22) | (t >>> 10)) + c) | 0;
  t = (a + ((b & c) | (~b & d)) + m4 + -176418897) | 0;
  a = (((t << 7) | (t >>> 25)) + b) | 0;
  t = (d + ((a & b) | (~a & c)) + m5 + 1200080426) | 0;
  d = (((t << 12) | (t >>> 20)) + a) | 0;
  t = (c + ((d & a) | (~d & b)) + m6 + -1473231341) | 0;
  c = (((t << 17) | (t >>> 15)) + d) | 0;
  t = (b + ((c & d) | (~c & a)) + m7 + -45705983) | 0;
  b = (((t << 22) | (t >>> 10)) + c) | 0;
  t = (a + ((b & c) | (~b & d)) + m8 + 1770035416) | 0;
  a = (((t << 7) | (t >>> 25)) + b) | 0;
  t = (d + ((a & b) | (~a & c)) + m9 + -1958414417) | 0;
  d = (((t << 12) | (t >>> 20)) + a) | 0;
  t = (c + ((d & a) | (~d & b)) + m10 + -42063) | 0;
  c = (((t << 17) | (t >>> 15)) + d) | 0;
  t = (b + ((c & d) | (~c & a)) + m11 + -1990404162) | 0;
  b = (((t << 22) | (t >>> 10)) + c) | 0;
  t = (a + ((b & c) | (~b & d)) + m12 + 1804603682) | 0;
  a = (((t << 7) | (t >>> 25)) + b) | 0;
  t = (d + ((a & b) | (~a & c)) + m13 + -40341101) | 0;
  d = (((t << 12) | (t >>> 20)) + a) | 0;
  t = (c + ((d & a) | (~d & b)) + m14 + -1502002290) | 0;
  c = (((t << 17) | (t >>> 15)) + d) | 0;
  t = (b + ((c & d) | (~c & a)) + m15 + 1236535329) | 0;
  b = (((t << 22) | (t >>> 10)) + c) | 0;
  t = (a + ((b & d) | (c & ~d)) + m1 + -165796510) | 0;
  a = (((t << 5) | (t >>> 27)) + b) | 0;
  t = (d + ((a & c) | (b & ~c)) + m6 + -1069501632) | 0;
  d = (((t << 9) | (t >>> 23)) + a) | 0;
  t = (c + ((d & b) | (a & ~b)) + m11 + 643717713) | 0;
  c = (((t << 14) | (t >>> 18)) + d) | 0;
  t = (b + ((c & a) | (d & ~a)) + m0 + -373897302) | 0;
  b = (((t << 20) | (t >>> 12)) + c) | 0;
  t = (a + ((b & d) | (c & ~d)) + m5 + -701558691) | 0;
  a = (((t << 5) | (t >>> 27)) + b) | 0;
  t = (d + ((a & c) | (b & ~c)) + m10 + 38016083) | 0;
  d = (((t << 9) | (t >>> 23)) + a) | 0;
  t = (c + ((d & b) | (a & ~b)) + m15 + -660478335) | 0;
  c = (((t << 14) | (t >>> 18)) + d) | 0;
  t = (b + ((c & a) | (d & ~a)) + m4 + -405537848) | 0;
  b = (((t << 20) | (t >>> 12)) + c) | 0;
  t = (a + ((b & d) | (c & ~d)) + m9 + 568446438) | 0;
  a = (((t << 5) | (t >>> 27)) + b) | 0;
  t = (d + ((a & c) | (b & ~c)) + m14 + -1019803690) | 0;
  d = (((t << 9) | (t >>> 23)) + a) | 0;
  t = (c + ((d & b) | (a & ~b)) + m3 + -187363961) | 0;
  c = (((t << 14) | (t >>> 18)) + d) | 0;
  t = (b + ((c & a) | (d & ~a)) + m8 + 1163531501) | 0;
  b = (((t << 20) | (t >>> 12)) + c) | 0;
  t = (a + ((b & d) | (c & ~d)) + m13 + -1444681467) | 0;
  a = (((t << 5) | (t >>> 27)) + b) | 0;
  t = (d + ((a & c) | (b & ~c)) + m2 + -51403784) | 0;
  d = (((t << 9) | (t >>> 23)) + a) | 0;
  t = (c + ((d & b) | (a & ~b)) + m7 + 1735328473) | 0;
  c = (((t << 14) | (t >>> 18)) + d) | 0;
  t = (b + ((c & a) | (d & ~a)) + m12 + -1926607734) | 0;
  b = (((t << 20) | (t >>> 12)) + c) | 0;
  t = (a + (b ^ c ^ d) + m5 + -378558) | 0;
  a = (((t << 4) | (t >>> 28)) + b) | 0;
  t = (d + (a ^ b ^ c) + m8 + -2022574463) | 0;
  d = (((t << 11) | (t >>> 21)) + a) | 0;
  t = (c + (d ^ a ^ b) + m11 + 1839030562) | 0;
  c = (((t << 16) | (t >>> 16)) + d) | 0;
  t = (b + (c ^ d ^ a) + m14 + -35309556) | 0;
  b = (((t << 23) | (t >>> 9)) + c) | 0;
  t = (a + (b ^ c ^ d) + m1 + -1530992060) | 0;
  a = (((t << 4) | (t >>> 28)) + b) | 0;
  t = (d + (a ^ b ^ c) + m4 + 1272893353) | 0;
  d = (((t << 11) | (t >>> 21)) + a) | 0;
  t = (c + (d ^ a ^ b) + m7 + -155497632) | 0;
  c = (((t << 16) | (t >>> 16)) + d) | 0;
  t = (b + (c ^ d ^ a) + m10 + -1094730640) | 0;
  b = (((t << 23) | (t >>> 9)) + c) | 0;
  t = (a + (b ^ c ^ d) + m13 + 681279174) | 0;
  a = (((t << 4) | (t >>> 28)) + b) | 0;
  t = (d + (a ^ b ^ c) + m0 + -358537222) | 0;
  d = (((t << 11) | (t >>> 21)) + a) | 0;
  t = (c + (d ^ a ^ b) + m3 + -722521979) | 0;
  c = (((t << 16) | (t >>> 16)) + d) | 0;
  t = (b + (c ^ d ^ a) + m6 + 76029189) | 0;
  b = (((t << 23) | (t >>> 9)) + c) | 0;
  t = (a + (b ^ c ^ d) + m9 + -640364487) | 0;
  a = (((t << 4) | (t >>> 28)) + b) | 0;
  t = (d + (a ^ b ^ c) + m12 + -421815835) | 0;
  d = (((t << 11) | (t >>> 21)) + a) | 0;
  t = (c + (d ^ a ^ b) + m15 + 530742520) | 0;
  c = (((t << 16) | (t >>> 16)) + d) | 0;
  t = (b + (c ^ d ^ a) + m2 + -995338651) | 0;
  b = (((t << 23) | (t >>> 9)) + c) | 0;
  t = (a + (c ^ (b | ~d)) + m0 + -198630844) | 0;
  a = (((t << 6) | (t >>> 26)) + b) | 0;
  t = (d + (b ^ (a | ~c)) + m7 + 1126891415) | 0;
  d = (((t << 10) | (t >>> 22)) + a) | 0;
  t = (c + (a ^ (d | ~b)) + m14 + -1416354905) | 0;
  c = (((t << 15) | (t >>> 17)) + d) | 0;
  t = (b + (d ^ (c | ~a)) + m5 + -57434055) | 0;
  b = (((t << 21) | (t >>> 11)) + c) | 0;
  t = (a + (c ^ (b | ~d)) + m12 + 1700485571) | 0;
  a = (((t << 6) | (t >>> 26)) + b) | 0;
  t = (d + (b ^ (a | ~c)) + m3 + -1894986606) | 0;
  d = (((t << 10) | (t >>> 22)) + a) | 0;
  t = (c + (a ^ (d | ~b)) + m10 + -1051523) | 0;
  c = (((t << 15) | (t >>> 17)) + d) | 0;
  t = (b + (d ^ (c | ~a)) + m1 + -2054922799) | 0;
  b = (((t << 21) | (t >>> 11)) + c) | 0;
  t = (a + (c ^ (b | ~d)) + m8 + 1873313359) | 0;
  a = (((t << 6) | (t >>> 26)) + b) | 0;
  t = (d + (b ^ (a | ~c)) + m15 + -30611744) | 0;
  d = (((t << 10) | (t >>> 22)) + a) | 0;
  t = (c + (a ^ (d | ~b)) + m6 + -1560198380) | 0;
  c = (((t << 15) | (t >>> 17)) + d) | 0;
  t = (b + (d ^ (c | ~a)) + m13 + 1309151649) | 0;
  b = (((t << 21) | (t >>> 11)) + c) | 0;
  t = (a + (c ^ (b | ~d)) + m4 + -145523070) | 0;
  a = (((t << 6) | (t >>> 26)) + b) | 0;
  t = (d + (b ^ (a | ~c)) + m11 + -1120210379) | 0;
  d = (((t << 10) | (t >>> 22)) + a) | 0;
  t = (c + (a ^ (d | ~b)) + m2 + 718787259) | 0;
  c = (((t << 15) | (t >>> 17)) + d) | 0;
  t = (b + (d ^ (c | ~a)) + m9 + -343485551) | 0;
  b = (((t << 21) | (t >>> 11)) + c) | 0;
  // The digest is A, B, C, D, each written little-endian.
  out[0] = byteSwap((a + 0x67452301) | 0);
  out[1] = byteSwap((b + (0xefcdab89 | 0)) | 0);
  out[2] = byteSwap((c + (0x98badcfe | 0)) | 0);
  out[3] = byteSwap((d + 0x10325476) | 0);
  return true;
}

function byteSwap(word: number): number {
  return (((word & 0xff) << 24) | ((word & 0xff00) << 8) | ((word >>> 8) & 0xff00) | (word >>> 24)) >>> 0;
}
