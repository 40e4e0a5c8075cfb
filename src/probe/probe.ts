import { extname } from 'node:path';
import { looksLikeMatroska, probeMatroska } from './matroska.js';
import { looksLikeMp4, probeMp4 } from './mp4.js';
import { corrupt, FileReader, type ProbeInfo, unsupported } from './reader.js';

/** Extensions whose files must be one of the containers probed here: anything else in them is corrupt. */
const CLAIMED: Record<string, string> = {
  '.mp4': 'an MP4',
  '.m4v': 'an MP4',
  '.mov': 'a MOV',
  '.mkv': 'a Matroska',
  '.webm': 'a WebM',
};

/**
 * Reads a video's container header, never its frames: MP4/MOV boxes or Matroska/WebM elements. A file that
 * cannot be opened, is empty, or is not the container its name claims is `corrupt`; another container (AVI,
 * say) is `unsupported`.
 */
export function probeVideo(path: string): ProbeInfo {
  let file: FileReader;
  try {
    file = new FileReader(path);
  } catch (error) {
    return corrupt(`cannot open: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    if (file.size === 0) return corrupt('empty file');
    const head = file.read(0, 16);
    if (looksLikeMp4(head)) return probeMp4(file);
    if (looksLikeMatroska(head)) return probeMatroska(file);
    const claimed = CLAIMED[extname(path).toLowerCase()];
    if (claimed !== undefined) return corrupt(`not ${claimed} file`);
    return unsupported(head.toString('latin1', 0, 4) === 'RIFF' ? 'AVI is not probed' : 'unknown container');
  } finally {
    file.close();
  }
}

export type { ProbeInfo } from './reader.js';
