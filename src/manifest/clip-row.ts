import * as z from 'zod';

// One clip row, written once: a manifest's row (with its label_index) and an index's clip line (with its
// probe cache key) are both this, so the two readers cannot drift apart on what a clip column may hold.

/**
 * The columns every clip row has, manifest or index, in manifest column order (label_index goes after label):
 * made on first use, the same objects every time. Built when the module loaded, they cost about 9 ms of every
 * slice's start, which a slice of a Parquet index never used.
 */
export function clipRowFields() {
  fields ??= makeFields();
  return fields;
}

let fields: ReturnType<typeof makeFields> | undefined;

const makeFields = () => ({
  path: z
    .string()
    .min(1)
    .describe('Path of the video relative to the dataset root, with / separators (absolute with --absolute).'),
  label: z.string().nullable().describe('Class name as found in the source; null when unknown.'),
  clip_id: z
    .string()
    .min(1)
    .describe(
      'Clip identity: {youtube_id}_{start:06d}_{end:06d}, or the path below the class folder without extension.',
    ),
  youtube_id: z.string().nullable(),
  time_start: z.number().min(0).nullable().describe('Start of the clip in the YouTube video, in seconds.'),
  time_end: z.number().min(0).nullable(),
  split: z.string().nullable().describe('Split folder or annotation split the clip came from.'),
  size_bytes: z.int().min(0).nullable().describe('File size when the manifest was written.'),
  // Header probe (--probe), present in probed manifests; null where the container does not say.
  duration_s: z.number().min(0).nullable().optional().describe('Duration of the video track in seconds (probed).'),
  fps: z
    .number()
    .min(0)
    .nullable()
    .optional()
    .describe('Frames per second: frames over duration, or the container frame duration (probed).'),
  num_frames: z
    .int()
    .min(0)
    .nullable()
    .optional()
    .describe('Frames in the video track; null for Matroska/WebM, which do not store it (probed).'),
  width: z.int().min(0).nullable().optional().describe('Coded width in pixels (probed).'),
  height: z.int().min(0).nullable().optional().describe('Coded height in pixels (probed).'),
  codec: z
    .string()
    .nullable()
    .optional()
    .describe("ffprobe's codec_name: h264, hevc, vp8, vp9, av1, mpeg4... (probed)."),
});
