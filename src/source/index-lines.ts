import { type Clip, codePointRank, compareCodePoints, compareNullable } from '../clip.js';
import { clipIdOf, kineticsFields, kineticsStemOf, stripExtension } from '../scan/clip-name.js';
import { type ClipTable, TableClip } from '../scan/clip-table.js';

// The clip lines of a walked root's index, made from its ClipTable's columns. Made clip by clip (sortClips,
// then indexLine), each of Kinetics-700's 650,000 lines worked its clip id out five times and its Kinetics
// fields with a regular expression three times, built an object for JSON.stringify, and every clip went
// through one comparison sort: most of `scan`'s time after the walk. Here each class folder is one split
// and label, so folders are ordered once and their rows sorted a folder at a time; each row's id is worked
// out once, and what a folder's rows share (its path, label and split as JSON) once a folder. The bytes are
// those of indexLine in sortClips order (test/source/index-lines.property.test.ts).

/** The size of a block of bytes handed on: big blocks make few writes, small ones little memory. */
const BLOCK_BYTES = 1 << 20;

/** What a folder's lines share, as UTF-8: the text before a file's name, between it and the clip id, and after. */
interface FolderBytes {
  readonly path: Buffer;
  readonly label: Buffer;
  readonly split: Buffer;
}

/**
 * The clip lines of an index of `clips` (each ending in a newline), in blocks of about a megabyte, or null
 * when `clips` are not all distinct rows of one ClipTable: the caller then sorts and renders clip by clip.
 * `lineOf` renders a row the table cannot (one with a probe). Each iteration works the order out again.
 */
export function tableIndexLines(clips: readonly Clip[], lineOf: (clip: Clip) => string): Iterable<Buffer> | null {
  const table = clips[0] instanceof TableClip ? clips[0].table : undefined;
  if (table === undefined) return null;
  const present = new Uint8Array(table.rows);
  for (const clip of clips) {
    if (!(clip instanceof TableClip) || clip.table !== table || present[clip.row] === 1) return null;
    present[clip.row] = 1;
  }
  return {
    *[Symbol.iterator]() {
      const rows = rowsByFolder(table, present);
      const shared = table.folders.map(
        (folder): FolderBytes => ({
          // The path's JSON without its closing quote: the file's name, escaped, goes on from there.
          path: Buffer.from(`{"path":${JSON.stringify(`${folder.path}/`).slice(0, -1)}`),
          label: Buffer.from(`","label":${JSON.stringify(folder.label)},"clip_id":`),
          split: Buffer.from(`,"split":${JSON.stringify(folder.split)},"size_bytes":`),
        }),
      );
      let block = Buffer.allocUnsafe(BLOCK_BYTES);
      let at = 0;
      for (const folders of folderGroups(table)) {
        const group = groupOf(
          table,
          folders.flatMap(f => rows[f] ?? []),
        );
        for (const i of group.order) {
          const row = group.rows[i] as number;
          const probed = table.probes?.[row] ?? null;
          const line = probed === null ? null : `${lineOf(new TableClip(table, row))}\n`;
          const file = group.files[i] as string;
          const id = group.ids[i] as string;
          const part = shared[table.folderOf[row] as number] as FolderBytes;
          // At most 3 bytes a UTF-16 unit, 6 once escaped: ample room for the line, measured without encoding it.
          const room =
            line === null
              ? part.path.length + part.label.length + part.split.length + 6 * (file.length + id.length) + 160
              : 3 * line.length;
          if (at + room > block.length) {
            if (at > 0) yield block.subarray(0, at);
            block = Buffer.allocUnsafe(Math.max(BLOCK_BYTES, room));
            at = 0;
          }
          if (line !== null) {
            at += block.write(line, at);
            continue;
          }
          block.set(part.path, at);
          at = putEscaped(block, at + part.path.length, file);
          block.set(part.label, at);
          at = putIdFields(block, at + part.label.length, id, group.kinetics[i] === 1);
          block.set(part.split, at);
          at = putNumber(block, at + part.split.length, table.sizes[row] as number);
          block[at++] = 125; // }
          block[at++] = 10; // newline
        }
      }
      if (at > 0) yield block.subarray(0, at);
    },
  };
}

/** The rows of one split and label, each with its file, clip id and whether it is Kinetics-named, and their order. */
interface Group {
  readonly rows: readonly number[];
  readonly files: readonly string[];
  readonly ids: readonly string[];
  readonly kinetics: Uint8Array;
  /** Positions in index order: by clip id, then path (as sortClips orders the clips of one class). */
  readonly order: readonly number[];
}

function groupOf(table: ClipTable, rows: readonly number[]): Group {
  const n = rows.length;
  const label = n === 0 ? '' : table.folderOfRow(rows[0] as number).label;
  const files = new Array<string>(n);
  const ids = new Array<string>(n);
  const kinetics = new Uint8Array(n);
  // The first three UTF-16 units of each id as one number in code-point order: most comparisons end there.
  const leads = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const file = table.fileOf(rows[i] as number);
    const stem = kineticsStemOf(stripExtension(file));
    const id = stem ?? clipIdOf(file, label);
    files[i] = file;
    ids[i] = id;
    kinetics[i] = stem === null ? 0 : 1;
    leads[i] = (rankAt(id, 0) * 0x20000 + rankAt(id, 1)) * 0x20000 + rankAt(id, 2);
  }
  const pathOf = (i: number): string => `${table.folderOfRow(rows[i] as number).path}/${files[i]}`;
  const order = Array.from(rows, (_, i) => i).sort(
    (a, b) =>
      (leads[a] as number) - (leads[b] as number) ||
      compareCodePoints(ids[a] as string, ids[b] as string) ||
      compareCodePoints(pathOf(a), pathOf(b)),
  );
  return { rows, files, ids, kinetics, order };
}

/** The code-point rank of an id's unit at `i`, plus one: 0 where the id has ended, so a prefix sorts first. */
function rankAt(id: string, i: number): number {
  return i < id.length ? codePointRank(id.charCodeAt(i)) + 1 : 0;
}

/** The present rows of each folder, in row order. */
function rowsByFolder(table: ClipTable, present: Uint8Array): number[][] {
  const rows = table.folders.map((): number[] => []);
  for (let row = 0; row < table.rows; row++) if (present[row] === 1) rows[table.folderOf[row] as number]?.push(row);
  return rows;
}

/**
 * Folder indexes in index order (split, then label), grouped where folders share both: two folders that are
 * one class after Unicode NFC interleave their clips.
 */
function folderGroups(table: ClipTable): number[][] {
  const { folders } = table;
  const order = folders.map((_, f) => f);
  const compare = (a: number, b: number): number => {
    const x = folders[a] as (typeof folders)[number];
    const y = folders[b] as (typeof folders)[number];
    return compareNullable(x.split, y.split) || compareNullable(x.label, y.label);
  };
  order.sort(compare);
  const groups: number[][] = [];
  for (const f of order) {
    const last = groups[groups.length - 1];
    if (last !== undefined && compare(last[0] as number, f) === 0) last.push(f);
    else groups.push([f]);
  }
  return groups;
}

/** Writes an ASCII string that JSON writes as it is; returns where it ends. */
function putPlain(block: Buffer, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) block[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/** Writes a string as JSON writes it between its quotes, as UTF-8; returns where it ends. */
function putEscaped(block: Buffer, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A quote, a backslash, a control character or anything not ASCII: let JSON.stringify and UTF-8 decide.
    if (unit < 32 || unit > 126 || unit === 34 || unit === 92)
      return at + block.write(JSON.stringify(text).slice(1, -1), at);
    block[at + i] = unit;
  }
  return at + text.length;
}

const KINETICS_TAIL = Buffer.from('","youtube_id":"');

/**
 * Writes `clip_id` through `time_end` of a line (after `"clip_id":`). A Kinetics id is ASCII letters, digits,
 * `-` and `_`, which JSON writes as they are, and its fields sit in fixed places (see kineticsStemOf).
 */
function putIdFields(block: Buffer, at: number, id: string, kinetics: boolean): number {
  if (!kinetics) {
    const { youtubeId, timeStart, timeEnd } = kineticsFields(id);
    const fields = `"youtube_id":${JSON.stringify(youtubeId)},"time_start":${timeStart},"time_end":${timeEnd}`;
    return at + block.write(`${JSON.stringify(id)},${fields}`, at);
  }
  block[at] = 34; // "
  let end = putPlain(block, at + 1, id);
  block.set(KINETICS_TAIL, end);
  end = putPlain(block, end + KINETICS_TAIL.length, id.slice(0, 11));
  end = putPlain(block, end, `","time_start":`);
  end = putSeconds(block, end, id, 12);
  end = putPlain(block, end, ',"time_end":');
  return putSeconds(block, end, id, 19);
}

/** Writes the number six decimal digits from `from` in `id` make (`000235` as 235); returns where it ends. */
function putSeconds(block: Buffer, at: number, id: string, from: number): number {
  let first = from;
  while (first < from + 5 && id.charCodeAt(first) === 48) first++;
  for (let i = first; i < from + 6; i++) block[at++] = id.charCodeAt(i);
  return at;
}

/** Writes a size as JSON does; returns where it ends. */
function putNumber(block: Buffer, at: number, value: number): number {
  if (!(Number.isSafeInteger(value) && value >= 0)) return putPlain(block, at, JSON.stringify(value));
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  for (let i = digits - 1, rest = value; i >= 0; i--, rest = Math.floor(rest / 10)) block[at + i] = 48 + (rest % 10);
  return at + digits;
}
