import { corrupt, type FileReader, type ProbeInfo, round6 } from './reader.js';

// Matroska and WebM: EBML elements of [id: vint with its marker][size: vint][data]. Only the EBML header,
// the Segment's Info (duration) and Tracks (codec, size, frame duration) are read; they come before the
// clusters of frames, which are never touched.

const EBML = 0x1a45dfa3;
const DOC_TYPE = 0x4282;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TRACKS = 0x1654ae6b;
const CLUSTER = 0x1f43b675;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
const TRACK_ENTRY = 0xae;
const TRACK_TYPE = 0x83;
const CODEC_ID = 0x86;
const DEFAULT_DURATION = 0x23e383;
const VIDEO = 0xe0;
const PIXEL_WIDTH = 0xb0;
const PIXEL_HEIGHT = 0xba;
const MAX_HEADER_ELEMENT = 16 * 1024 * 1024;

/** ffprobe's codec_name for Matroska codec ids. */
const CODECS: Record<string, string> = {
  V_VP8: 'vp8',
  V_VP9: 'vp9',
  V_AV1: 'av1',
  'V_MPEG4/ISO/AVC': 'h264',
  'V_MPEGH/ISO/HEVC': 'hevc',
  'V_MPEG4/ISO/ASP': 'mpeg4',
  'V_MPEG4/ISO/SP': 'mpeg4',
  'V_MPEG4/ISO/AP': 'mpeg4',
  V_MJPEG: 'mjpeg',
  V_THEORA: 'theora',
  V_MPEG1: 'mpeg1video',
  V_MPEG2: 'mpeg2video',
};

export function looksLikeMatroska(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt32BE(0) === EBML;
}

class ProbeError extends Error {}

/** A variable-length integer at `at`: its value (marker kept for ids, dropped for sizes) and length. */
function vint(buf: Buffer, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } {
  if (at >= buf.length) throw new ProbeError('an element is cut short');
  const first = buf[at] as number;
  let length = 1;
  while (length <= 8 && (first & (0x80 >> (length - 1))) === 0) length += 1;
  if (length > 8) throw new ProbeError('a malformed element size');
  if (at + length > buf.length) throw new ProbeError('an element is cut short');
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = buf[at + i] as number;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

interface Element {
  readonly id: number;
  readonly start: number;
  /** End of its data; Infinity for an unknown size (a live stream's Segment). */
  readonly end: number;
}

function header(buf: Buffer, at: number): Element & { headerLength: number } {
  const id = vint(buf, at, true);
  const size = vint(buf, at + id.length, false);
  const start = at + id.length + size.length;
  return {
    id: id.value,
    start,
    end: size.unknown ? Number.POSITIVE_INFINITY : start + size.value,
    headerLength: id.length + size.length,
  };
}

function* children(buf: Buffer, parent: Element): Generator<Element> {
  let at = parent.start;
  const end = Math.min(parent.end, buf.length);
  while (at < end) {
    const element = header(buf, at);
    if (element.end > end) throw new ProbeError('an element runs past its parent');
    yield element;
    at = element.end;
  }
}

function uint(buf: Buffer, e: Element): number {
  let value = 0;
  for (let i = e.start; i < e.end; i++) value = value * 256 + (buf[i] as number);
  return value;
}

function float(buf: Buffer, e: Element): number {
  const length = e.end - e.start;
  if (length === 4) return buf.readFloatBE(e.start);
  if (length === 8) return buf.readDoubleBE(e.start);
  return 0;
}

export function probeMatroska(file: FileReader): ProbeInfo {
  try {
    const head = file.read(0, 4096);
    const ebml = header(head, 0);
    if (ebml.end > head.length) throw new ProbeError('EBML header is cut short');
    let docType = '';
    for (const e of children(head, ebml)) if (e.id === DOC_TYPE) docType = head.toString('latin1', e.start, e.end);
    if (docType !== 'matroska' && docType !== 'webm') throw new ProbeError(`unknown document type '${docType}'`);
    const segmentHeader = file.read(ebml.end, 16);
    const segment = header(segmentHeader, 0);
    if (segment.id !== SEGMENT) throw new ProbeError('no Segment after the EBML header');
    const segmentStart = ebml.end + segment.start;
    const segmentEnd = segment.end === Number.POSITIVE_INFINITY ? file.size : ebml.end + segment.end;
    if (segmentEnd > file.size) return corrupt('the Segment runs past the end of the file');
    let info: Buffer | null = null;
    let tracks: Buffer | null = null;
    let at = segmentStart;
    // Top-level elements of the Segment, headers only, until Info and Tracks are found or clusters begin.
    while (at < segmentEnd && (info === null || tracks === null)) {
      const element = header(file.read(at, 16), 0);
      if (element.end === Number.POSITIVE_INFINITY || at + element.end > segmentEnd)
        throw new ProbeError('an element runs past the end of the Segment');
      if (element.id === CLUSTER) break;
      if (element.id === INFO || element.id === TRACKS) {
        if (element.end > MAX_HEADER_ELEMENT) throw new ProbeError('a header element larger than 16 MB');
        const body = file.read(at, element.end);
        if (element.id === INFO) info = body;
        else tracks = body;
      }
      at += element.end;
    }
    if (tracks === null) return corrupt('no Tracks element before the first cluster');
    return describe(info, tracks);
  } catch (error) {
    if (error instanceof ProbeError) return corrupt(error.message);
    throw error;
  }
}

function describe(info: Buffer | null, tracks: Buffer): ProbeInfo {
  let scale = 1_000_000;
  let duration: number | null = null;
  if (info !== null) {
    for (const e of children(info, header(info, 0))) {
      if (e.id === TIMECODE_SCALE) scale = uint(info, e);
      if (e.id === DURATION) duration = float(info, e);
    }
  }
  for (const entry of children(tracks, header(tracks, 0))) {
    if (entry.id !== TRACK_ENTRY) continue;
    let type = 0;
    let codec = '';
    let frameNs: number | null = null;
    let width: number | null = null;
    let height: number | null = null;
    for (const e of children(tracks, entry)) {
      if (e.id === TRACK_TYPE) type = uint(tracks, e);
      else if (e.id === CODEC_ID) codec = tracks.toString('latin1', e.start, e.end).replace(/\0+$/, '');
      else if (e.id === DEFAULT_DURATION) frameNs = uint(tracks, e);
      else if (e.id === VIDEO) {
        for (const v of children(tracks, e)) {
          if (v.id === PIXEL_WIDTH) width = uint(tracks, v);
          if (v.id === PIXEL_HEIGHT) height = uint(tracks, v);
        }
      }
    }
    if (type !== 1) continue;
    return {
      status: 'ok',
      reason: null,
      duration_s: duration === null ? null : round6((duration * scale) / 1e9),
      fps: frameNs === null || frameNs === 0 ? null : round6(1e9 / frameNs),
      // Matroska stores no frame count (ffprobe says N/A too); counting means reading every cluster.
      num_frames: null,
      width,
      height,
      codec: CODECS[codec] ?? (codec.toLowerCase() || null),
    };
  }
  return corrupt('no video track');
}
