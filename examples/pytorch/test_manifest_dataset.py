"""Tests of the manifest-reading half of manifest_dataset.py (standard library only); the torch half is
tested where torch is installed and skipped, saying so, where it is not.

    python3 -m unittest discover -s examples/pytorch -v
"""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import manifest_dataset as md  # noqa: E402

GOLDEN = os.path.join(PACKAGE, "fixtures", "golden")

try:
    import torch  # noqa: F401
    import cv2  # noqa: F401

    HAS_TORCH = True
except ImportError:
    HAS_TORCH = False


class ReadManifest(unittest.TestCase):
    def test_csv_columns_by_name_with_sidecar(self):
        manifest = md.read_manifest(os.path.join(GOLDEN, "kinetics-mini-percent-50-seed-1.csv"))
        self.assertEqual(len(manifest.clips), 43)
        first = manifest.clips[0]
        self.assertEqual(first["label"], "abseiling")
        self.assertEqual(first["label_index"], 0)
        self.assertEqual(first["time_start"], 0)
        self.assertEqual(manifest.provenance["seed"], "1")
        nested = [c for c in manifest.clips if c["clip_id"] == "playing pétanque/extra/take 2"][0]
        self.assertIsNone(nested["youtube_id"])
        self.assertIsNone(nested["time_start"])

    def test_json_with_probe_fields(self):
        manifest = md.read_manifest(os.path.join(GOLDEN, "kinetics-mini-val-per-class-1-probed.json"))
        self.assertEqual([c["label"] for c in manifest.classes], ["abseiling", "air drumming", "hurling (sport)", "massaging person's head", "passing American football (in game)", "playing pétanque"])
        self.assertTrue(all(c["num_frames"] == 8 or c["num_frames"] is None for c in manifest.clips))
        self.assertEqual(manifest.provenance["options"]["probe"], True)

    def test_jsonl_with_sidecar(self):
        manifest = md.read_manifest(os.path.join(GOLDEN, "kinetics-mini-val-per-class-1.jsonl"))
        self.assertEqual(len(manifest.clips), 6)
        self.assertEqual(manifest.provenance["source"]["given"], "fixtures/kinetics-mini")

    def test_root_from_argument_or_provenance(self):
        path = os.path.join(GOLDEN, "kinetics-mini-val-per-class-1.jsonl")
        manifest = md.read_manifest(path)
        self.assertEqual(md.resolve_root(path, manifest), os.path.join(PACKAGE, "fixtures", "kinetics-mini"))
        self.assertEqual(md.resolve_root(path, manifest, "/data/k400"), "/data/k400")
        bare = md.Manifest(manifest.clips, None, None)
        with self.assertRaisesRegex(ValueError, "records no dataset root"):
            md.resolve_root(path, bare)

    def test_uniform_frame_indices(self):
        self.assertEqual(md.sample_indices(8, 4), [1, 3, 5, 7])
        self.assertEqual(md.sample_indices(300, 8), [18, 56, 93, 131, 168, 206, 243, 281])
        self.assertEqual(md.sample_indices(3, 6), [0, 0, 1, 1, 2, 2])
        with self.assertRaises(ValueError):
            md.sample_indices(0, 4)


@unittest.skipUnless(HAS_TORCH, "torch and opencv are not installed here: the Dataset half is not tested (it runs on the GPU machine)")
class Decode(unittest.TestCase):
    def test_uint8_clip_tensor_and_label(self):
        dataset = md.ManifestDataset(os.path.join(GOLDEN, "kinetics-mini-val-per-class-1-probed.json"), root=os.path.join(PACKAGE, "fixtures", "kinetics-mini"), frames=4, size=(24, 32))
        video, label = dataset[0]
        self.assertEqual(tuple(video.shape), (3, 4, 24, 32))
        self.assertEqual(str(video.dtype), "torch.uint8")
        self.assertEqual(label, 0)

    def test_corrupt_clip_raises_or_is_skipped(self):
        import json
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "bad.mp4"), "wb") as f:
                f.write(b"not a video" * 100)
            manifest = os.path.join(tmp, "m.json")
            clip = {"path": "bad.mp4", "label": "x", "label_index": 0, "clip_id": "bad", "youtube_id": None, "time_start": None, "time_end": None, "split": None, "size_bytes": 1100}
            with open(manifest, "w") as f:
                json.dump({"provenance": None, "classes": [], "clips": [clip]}, f)
            with self.assertRaises(md.CorruptClipError):
                md.ManifestDataset(manifest, root=tmp)[0]
            self.assertIsNone(md.ManifestDataset(manifest, root=tmp, skip_corrupt=True)[0])


if __name__ == "__main__":
    unittest.main()
