"""A PyTorch Dataset over a k400-slice manifest (CSV, JSON or JSONL).

The manifest-reading half (read_manifest, resolve_root, sample_indices) is plain Python, so it runs and is
tested without torch. ManifestDataset decodes with OpenCV (cv2, built with FFmpeg) by default, or with
torchcodec on the GPU when it is installed and asked for, samples a fixed number of frames uniformly over
each clip, and returns a uint8 tensor of shape (C, T, H, W) with the clip's label_index.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from typing import Any, Iterable, Optional

try:  # the Dataset needs torch; reading manifests does not
    import torch
    from torch.utils.data import Dataset
except ImportError:  # pragma: no cover - exercised where torch is missing
    torch = None
    Dataset = object

INT_COLUMNS = ("label_index", "time_start", "time_end", "num_frames", "width", "height", "size_bytes")
FLOAT_COLUMNS = ("duration_s", "fps")


@dataclass(frozen=True)
class Manifest:
    clips: list[dict[str, Any]]
    provenance: Optional[dict[str, Any]]
    classes: Optional[list[dict[str, Any]]]


def _typed(row: dict[str, str]) -> dict[str, Any]:
    """CSV cells are text: empty means unknown, numeric columns become numbers."""
    out: dict[str, Any] = {}
    for column, cell in row.items():
        if cell == "":
            out[column] = None
        elif column in INT_COLUMNS:
            out[column] = int(cell)
        elif column in FLOAT_COLUMNS:
            out[column] = float(cell)
        else:
            out[column] = cell
    return out


def _sidecar(path: str) -> tuple[Optional[dict[str, Any]], Optional[list[dict[str, Any]]]]:
    meta = path + ".meta.json"
    if not os.path.exists(meta):
        return None, None
    with open(meta, encoding="utf-8") as f:
        data = json.load(f)
    return data.get("provenance"), data.get("classes")


def read_manifest(path: str) -> Manifest:
    """Reads a manifest written by k400-slice; columns are taken by name, never by position."""
    lower = path.lower()
    if lower.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return Manifest(data["clips"], data.get("provenance"), data.get("classes"))
    provenance, classes = _sidecar(path)
    if lower.endswith(".jsonl") or lower.endswith(".ndjson"):
        with open(path, encoding="utf-8") as f:
            clips = [json.loads(line) for line in f if line.strip()]
        return Manifest(clips, provenance, classes)
    with open(path, newline="", encoding="utf-8-sig") as f:
        clips = [_typed(row) for row in csv.DictReader(f)]
    for number, clip in enumerate(clips, start=2):
        if "path" not in clip or clip["path"] is None:
            raise ValueError(f"{path}: row {number} has no path (is this a k400-slice manifest?)")
    return Manifest(clips, provenance, classes)


def resolve_root(manifest_path: str, manifest: Manifest, root: Optional[str] = None) -> str:
    """The dataset root: the one given, else the provenance's `root` (relative to the manifest's own folder,
    so the manifest works from anywhere), else, for older manifests, `given` (relative to where it was made)."""
    if root is not None:
        return root
    if manifest.provenance is None:
        raise ValueError(f"{manifest_path} records no dataset root: pass root=")
    source = manifest.provenance["source"]
    if "root" not in source:
        return source["given"]
    return os.path.normpath(os.path.join(os.path.dirname(manifest_path), source["root"]))


def sample_indices(num_frames: int, frames: int) -> list[int]:
    """`frames` frame indices spread uniformly over a clip of `num_frames` (centres of equal segments)."""
    if num_frames <= 0:
        raise ValueError("a clip with no frames")
    return [min(num_frames - 1, int((i + 0.5) * num_frames / frames)) for i in range(frames)]


class CorruptClipError(RuntimeError):
    """A clip the decoder cannot read: named, with the reason, instead of a bare OpenCV failure."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _decode_cv2(path: str, indices: list[int], size: Optional[tuple[int, int]]):
    import cv2  # OpenCV built with FFmpeg reads mp4, mkv, webm, avi, mov

    capture = cv2.VideoCapture(path)
    if not capture.isOpened():
        raise CorruptClipError(path, "cannot be opened")
    wanted = sorted(set(indices))
    frames: dict[int, Any] = {}
    position = 0
    try:
        # Reading forward is reliable where seeking in a short clip often is not.
        while position <= wanted[-1]:
            ok, frame = capture.read()
            if not ok:
                break
            if position in wanted:
                frame = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
                if size is not None:
                    frame = cv2.resize(frame, (size[1], size[0]), interpolation=cv2.INTER_AREA)
                frames[position] = frame
            position += 1
    finally:
        capture.release()
    if not frames:
        raise CorruptClipError(path, "no frame could be decoded")
    last = frames[max(frames)]  # a clip shorter than its header says: repeat its last frame
    stacked = [frames.get(i, last) for i in indices]
    import numpy as np

    array = np.stack(stacked)  # T, H, W, C
    return torch.from_numpy(array).permute(3, 0, 1, 2).contiguous()  # C, T, H, W


def _decode_torchcodec(path: str, indices: list[int], size: Optional[tuple[int, int]], device: str):
    from torchcodec.decoders import VideoDecoder

    try:
        decoder = VideoDecoder(path, device=device)
        count = decoder.metadata.num_frames or len(decoder)
        batch = decoder.get_frames_at(indices=[min(i, count - 1) for i in indices]).data  # T, C, H, W
    except Exception as error:  # torchcodec raises RuntimeError subclasses for bad files
        raise CorruptClipError(path, str(error)) from error
    if size is not None:
        batch = torch.nn.functional.interpolate(batch.float(), size=size, mode="area").round().to(torch.uint8)
    return batch.permute(1, 0, 2, 3).contiguous()  # C, T, H, W


class ManifestDataset(Dataset):
    """Clips of a k400-slice manifest as (uint8 tensor C x T x H x W, label_index).

    frames: how many frames to sample uniformly over each clip (num_frames from the manifest when probed,
    else the decoder's count). size: (H, W) to resize to, so clips of different sizes batch together.
    decoder: 'cv2' (default), 'torchcodec' (GPU decode when device is cuda), or 'auto' (torchcodec when
    importable and device is cuda). skip_corrupt: return None for a clip that cannot be decoded, for
    collate_skipping_none to drop, instead of raising CorruptClipError.
    """

    def __init__(self, manifest: str, root: Optional[str] = None, frames: int = 8, size: Optional[tuple[int, int]] = (112, 112), decoder: str = "cv2", device: str = "cpu", skip_corrupt: bool = False):
        if torch is None:
            raise ImportError("ManifestDataset needs torch; read_manifest works without it")
        self.manifest = read_manifest(manifest)
        self.root = resolve_root(manifest, self.manifest, root)
        self.frames = frames
        self.size = size
        self.device = device
        self.skip_corrupt = skip_corrupt
        if decoder == "auto":
            decoder = "torchcodec" if device.startswith("cuda") and _has_torchcodec() else "cv2"
        self.decoder = decoder
        self.clips = [clip for clip in self.manifest.clips if clip.get("label_index") is not None]

    def __len__(self) -> int:
        return len(self.clips)

    def __getitem__(self, index: int):
        clip = self.clips[index]
        path = clip["path"] if os.path.isabs(clip["path"]) else os.path.join(self.root, clip["path"])
        try:
            count = clip.get("num_frames") or _frame_count(path)
            indices = sample_indices(count, self.frames)
            if self.decoder == "torchcodec":
                video = _decode_torchcodec(path, indices, self.size, self.device)
            else:
                video = _decode_cv2(path, indices, self.size)
        except (CorruptClipError, ValueError) as error:
            if self.skip_corrupt:
                return None
            raise error if isinstance(error, CorruptClipError) else CorruptClipError(path, str(error)) from error
        return video, clip["label_index"]


def _frame_count(path: str) -> int:
    import cv2

    capture = cv2.VideoCapture(path)
    try:
        if not capture.isOpened():
            raise CorruptClipError(path, "cannot be opened")
        return int(capture.get(cv2.CAP_PROP_FRAME_COUNT))
    finally:
        capture.release()


def _has_torchcodec() -> bool:
    try:
        import torchcodec  # noqa: F401
    except ImportError:
        return False
    return True


def collate_skipping_none(batch: Iterable[Any]):
    """default_collate over the clips that decoded (ManifestDataset(skip_corrupt=True) gives None for the rest)."""
    from torch.utils.data import default_collate

    kept = [item for item in batch if item is not None]
    return default_collate(kept) if kept else None
