import { corrupt, type FileReader, type ProbeInfo, round6 } from './reader.js';

// ISO base media (MP4, MOV): boxes of [size:u32][type:4cc], size 1 meaning a u64 size follows, 0 meaning
// "to the end of the file". Only box headers are read at the top level; `moov` (the index, tens of KB for a
// clip, at the start or the end of the file) is read whole.

const TOP_LEVEL = new Set([
  'ftyp',
  'moov',
  'mdat',
  'free',
  'skip',
  'wide',
  'pnot',
  'uuid',
  'meta',
  'styp',
  'sidx',
  'moof',
  'mfra',
  'pdin',
  'prft',
  'emsg',
]);
const MAX_MOOV = 64 * 1024 * 1024;

/** ffprobe's codec_name for the sample entry types of video tracks. */
const CODECS: Record<string, string> = {
  avc1: 'h264',
  avc3: 'h264',
  hev1: 'hevc',
  hvc1: 'hevc',
  mp4v: 'mpeg4',
  av01: 'av1',
  vp08: 'vp8',
  vp09: 'vp9',
  jpeg: 'mjpeg',
  mjpa: 'mjpeg',
  'mp4v ': 'mpeg4',
  s263: 'h263',
  apcn: 'prores',
  apch: 'prores',
  apcs: 'prores',
  apco: 'prores',
  ap4h: 'prores',
};

/** True when the file starts with a box type this parser knows. */
export function looksLikeMp4(head: Buffer): boolean {
  return head.length >= 8 && TOP_LEVEL.has(head.toString('latin1', 4, 8));
}

interface Box {
  readonly type: string;
  /** Where the payload starts and ends, in the buffer or file read. */
  readonly start: number;
  readonly end: number;
}

/** Iterates the boxes in buf[from, to); a child that overruns its parent makes the file corrupt. */
function* boxes(buf: Buffer, from: number, to: number): Generator<Box> {
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) throw new ProbeError(`box ${type} is cut short`);
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < header) throw new ProbeError(`box ${type} has a size of ${size}`);
    if (at + size > to) throw new ProbeError(`box ${type} runs past its parent`);
    yield { type, start: at + header, end: at + size };
    at += size;
  }
}

class ProbeError extends Error {}

export function probeMp4(file: FileReader): ProbeInfo {
  try {
    let moov: Buffer | null = null;
    let damage: string | null = null;
    let at = 0;
    // Every top-level box header is checked: a file cut short keeps its moov (when at the front) but loses
    // the end of mdat, and is corrupt even though its header reads well.
    while (at < file.size && damage === null) {
      const head = file.read(at, 16);
      if (head.length < 8) {
        damage = 'a box header is cut short';
        break;
      }
      let size = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      let header = 8;
      if (size === 1) {
        if (head.length < 16) {
          damage = `box ${type} is cut short`;
          break;
        }
        size = Number(head.readBigUInt64BE(8));
        header = 16;
      } else if (size === 0) {
        size = file.size - at;
      }
      if (size < header) {
        damage = `box ${type} has a size of ${size}`;
        break;
      }
      if (at + size > file.size) {
        damage = `box ${type} runs past the end of the file`;
        break;
      }
      if (type === 'moov') {
        if (size > MAX_MOOV) return corrupt('moov box larger than 64 MB');
        moov = file.read(at, size);
      }
      at += size;
    }
    if (moov === null) return corrupt(damage ?? 'no moov box');
    const info = readMoov(moov);
    // What the intact moov says is still worth knowing of a damaged file; the status says it is damaged.
    return damage === null || info.status !== 'ok' ? info : { ...info, status: 'corrupt', reason: damage };
  } catch (error) {
    if (error instanceof ProbeError) return corrupt(error.message);
    throw error;
  }
}

function child(buf: Buffer, parent: Box, type: string): Box | undefined {
  for (const box of boxes(buf, parent.start, parent.end)) if (box.type === type) return box;
  return undefined;
}

function path(buf: Buffer, parent: Box, ...types: string[]): Box | undefined {
  let box: Box | undefined = parent;
  for (const type of types) box = box === undefined ? undefined : child(buf, box, type);
  return box;
}

function need(box: Box, bytes: number): void {
  if (box.start + bytes > box.end) throw new ProbeError(`box ${box.type} is cut short`);
}

function readMoov(moov: Buffer): ProbeInfo {
  const root: Box = { type: 'moov', start: moov.readUInt32BE(0) === 1 ? 16 : 8, end: moov.length };
  for (const trak of boxes(moov, root.start, root.end)) {
    if (trak.type !== 'trak') continue;
    const hdlr = path(moov, trak, 'mdia', 'hdlr');
    if (hdlr === undefined) continue;
    need(hdlr, 12);
    if (moov.toString('latin1', hdlr.start + 8, hdlr.start + 12) !== 'vide') continue;
    return readVideoTrack(moov, trak);
  }
  return corrupt('no video track');
}

function readVideoTrack(buf: Buffer, trak: Box): ProbeInfo {
  const mdhd = path(buf, trak, 'mdia', 'mdhd');
  const stbl = path(buf, trak, 'mdia', 'minf', 'stbl');
  if (mdhd === undefined || stbl === undefined) throw new ProbeError('video track without mdhd or stbl');
  const version = buf.readUInt8(mdhd.start);
  need(mdhd, version === 1 ? 32 : 20);
  const timescale = version === 1 ? buf.readUInt32BE(mdhd.start + 20) : buf.readUInt32BE(mdhd.start + 12);
  const duration = version === 1 ? Number(buf.readBigUInt64BE(mdhd.start + 24)) : buf.readUInt32BE(mdhd.start + 16);
  const stsd = child(buf, stbl, 'stsd');
  if (stsd === undefined) throw new ProbeError('video track without stsd');
  need(stsd, 8 + 36);
  const entry = stsd.start + 8; // version/flags and entry count come first
  const codecTag = buf.toString('latin1', entry + 4, entry + 8);
  const width = buf.readUInt16BE(entry + 32);
  const height = buf.readUInt16BE(entry + 34);
  const stsz = child(buf, stbl, 'stsz');
  let frames: number | null = null;
  if (stsz !== undefined) {
    need(stsz, 12);
    frames = buf.readUInt32BE(stsz.start + 8);
  } else {
    const stts = child(buf, stbl, 'stts');
    if (stts !== undefined) {
      need(stts, 8);
      const count = buf.readUInt32BE(stts.start + 4);
      need(stts, 8 + count * 8);
      frames = 0;
      for (let i = 0; i < count; i++) frames += buf.readUInt32BE(stts.start + 8 + i * 8);
    }
  }
  const seconds = timescale > 0 ? duration / timescale : null;
  return {
    status: 'ok',
    reason: null,
    duration_s: seconds === null ? null : round6(seconds),
    fps: seconds !== null && seconds > 0 && frames !== null ? round6(frames / seconds) : null,
    num_frames: frames,
    width,
    height,
    codec: CODECS[codecTag] ?? codecTag.trim(),
  };
}
