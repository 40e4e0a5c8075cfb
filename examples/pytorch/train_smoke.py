"""One epoch of a tiny 3D CNN over a k400-slice manifest: the GPU side of the pipeline, end to end.

    npx k400-slice slice fixtures/kinetics-mini --format json -o /tmp/mini.json
    python examples/pytorch/train_smoke.py /tmp/mini.json --root fixtures/kinetics-mini

Feeds a DataLoader (worker processes, pinned memory, non_blocking copies) into a small Conv3d network on
CUDA when available, and prints clips per second.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import torch
from torch import nn
from torch.utils.data import DataLoader

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifest_dataset import ManifestDataset, collate_skipping_none  # noqa: E402


class TinyC3D(nn.Module):
    def __init__(self, classes: int):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv3d(3, 16, kernel_size=3, padding=1), nn.BatchNorm3d(16), nn.ReLU(inplace=True), nn.MaxPool3d((1, 2, 2)),
            nn.Conv3d(16, 32, kernel_size=3, padding=1), nn.BatchNorm3d(32), nn.ReLU(inplace=True), nn.AdaptiveAvgPool3d(1),
        )
        self.head = nn.Linear(32, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x).flatten(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest")
    parser.add_argument("--root", help="dataset root (default: the one in the provenance)")
    parser.add_argument("--frames", type=int, default=8)
    parser.add_argument("--size", type=int, default=64, help="frames are resized to size x size")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=1)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = ManifestDataset(args.manifest, root=args.root, frames=args.frames, size=(args.size, args.size), skip_corrupt=True)
    classes = len(dataset.manifest.classes or []) or (max(c["label_index"] for c in dataset.clips) + 1)
    loader = DataLoader(
        dataset, batch_size=args.batch, shuffle=True, num_workers=args.workers, pin_memory=device.type == "cuda",
        persistent_workers=args.workers > 0, collate_fn=collate_skipping_none, drop_last=False,
    )
    model = TinyC3D(classes).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    print(f"device {device}{' (' + torch.cuda.get_device_name(0) + ')' if device.type == 'cuda' else ''}, "
          f"{len(dataset)} clips, {classes} classes, {args.frames} frames of {args.size}x{args.size}, batch {args.batch}, {args.workers} workers")
    for epoch in range(args.epochs):
        model.train()
        seen, total_loss, start = 0, 0.0, time.perf_counter()
        for batch in loader:
            if batch is None:
                continue
            videos, labels = batch
            videos = videos.to(device, non_blocking=True).float().div_(255)
            labels = labels.to(device, non_blocking=True)
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(videos), labels)
            loss.backward()
            optimizer.step()
            seen += labels.shape[0]
            total_loss += loss.item() * labels.shape[0]
        if device.type == "cuda":
            torch.cuda.synchronize()
        seconds = time.perf_counter() - start
        print(f"epoch {epoch + 1}: {seen} clips in {seconds:.2f} s, {seen / seconds:.1f} clips/s, mean loss {total_loss / max(seen, 1):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
