"""Benchmark (not a test): the reference MLP trainer against the textbook PyTorch loop, in one run.

    python benchmarks/bench_mlp.py                      # MNIST, 784-256-10, 8 epochs, batch 256, CPU or CUDA
    python benchmarks/bench_mlp.py --epochs 4 --device cpu --data ../shared/data/mnist
    python benchmarks/bench_mlp.py --compile            # a third row: the reference on torch.compile

Both trainers get the same network (same initial weights), the same epochs, batch size,
optimizer (Adam), learning-rate schedule (linear decay to 0 over all steps), loss
(cross-entropy with label smoothing 0.1; the validation loss without) and a 0.8 / 0.2 train/valid split
of the 60,000 training images; early stopping is off so both run every epoch. Each epoch
is one pass over the training part plus the validation loss. Test accuracy is measured
the same way for both, outside the timed part.

- reference: ``solutions.mlp.train``. The images cross to the device once as one uint8
  tensor; each epoch draws a permutation and slices batches from it; losses are summed
  on the device and read once per epoch; bf16 autocast and fused Adam on a GPU.
- textbook: what the course's seed does with torchvision (which is not installed here, so
  its steps are written out): ``datasets.MNIST(transform=ToTensor())``'s per-sample
  ``__getitem__`` (index a tensor, make a PIL image, ``ToTensor`` it back to a float
  tensor; ``--no-pil`` skips the PIL round trip), a ``DataLoader(shuffle=True)`` that
  collates batches, and the seed's loop, which reads the loss every batch.

Each trainer first runs one short warm-up epoch (4,096 images), so one-time costs (kernel
selection, the CUDA context, first allocations) are not charged to whichever is timed first.
Prints time per epoch, total training time, test accuracy for both, and the ratios, plus one
epoch of the textbook's data pipeline with no model: its data cost alone, which on a CPU,
where both loops do the same arithmetic, bounds the ratio.
Timings on a shared machine vary; compare ratios from one run, not times across runs. On a
busy machine, several torch threads that wait for each other stall whenever one is
preempted: run with --threads 1 or OMP_WAIT_POLICY=PASSIVE there.
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graders.env import datasets  # noqa: E402  (no torch: loading the data costs no torch import)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="mnist", choices=["mnist", "fashion-mnist"])
    parser.add_argument("--data", help="folder with the dataset's files (default: the loader's search)")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--hidden", type=int, nargs="*", default=[256], help="hidden layer widths")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--device", default=None, help="cuda or cpu (default: cuda when available)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-pil", action="store_true", help="textbook Dataset without the PIL round trip")
    parser.add_argument("--compile", action="store_true", help="also time the reference on torch.compile(model)")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    return parser.parse_args(argv)


def textbook_loaders(images, labels, args):
    """The seed's data pipeline: a torchvision-style MNIST Dataset, random_split 0.8 / 0.2, DataLoaders."""
    import torch
    from torch.utils.data import DataLoader, Dataset, random_split

    try:
        from PIL import Image
    except ImportError:
        Image = None
    use_pil = Image is not None and not args.no_pil

    class ImageDataset(Dataset):
        """torchvision's MNIST with transform=ToTensor(), step for step, per sample.

        Images and labels are kept as torch tensors; __getitem__ indexes one image,
        makes a PIL image of it, and ToTensor turns that back into a float tensor
        (1, 28, 28) in [0, 1]; the label becomes a Python int.
        """

        def __init__(self, images, labels):
            self.data, self.targets = torch.from_numpy(images.copy()), torch.from_numpy(labels.astype(np.int64))

        def __len__(self):
            return len(self.targets)

        def __getitem__(self, i):
            img, target = self.data[i], int(self.targets[i])
            if use_pil:
                array = np.array(Image.fromarray(img.numpy()), dtype=np.uint8, copy=True)
            else:
                array = img.numpy().copy()
            tensor = torch.from_numpy(array).view(28, 28, 1).permute(2, 0, 1).contiguous()
            return tensor.to(dtype=torch.float32).div(255), target

    generator = torch.Generator().manual_seed(args.seed)
    full = ImageDataset(images, labels)
    n_train = int(len(full) * 0.8)
    train_set, valid_set = random_split(full, [n_train, len(full) - n_train], generator=generator)
    return (DataLoader(train_set, batch_size=args.batch_size, shuffle=True, generator=generator),
            DataLoader(valid_set, batch_size=args.batch_size))


def textbook_data_only(images, labels, args):
    """One epoch of the textbook pipeline with no model: its data cost alone; returns (seconds, CPU seconds)."""
    start, cpu_start = time.perf_counter(), time.process_time()
    train_loader, valid_loader = textbook_loaders(images, labels, args)
    for loader in (train_loader, valid_loader):
        for _ in loader:
            pass
    return time.perf_counter() - start, time.process_time() - cpu_start


def textbook_train(model, images, labels, args, device):
    """The seed's loop on a torchvision-style Dataset + DataLoader; returns (history, seconds, CPU seconds)."""
    import torch
    import torch.nn as nn

    start, cpu_start = time.perf_counter(), time.process_time()
    train_loader, valid_loader = textbook_loaders(images, labels, args)
    model.to(device)
    crit = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing)
    plain = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    steps = args.epochs * len(train_loader)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.0, 1 - step / steps))
    history = {"train_loss": [], "valid_loss": []}
    for _ in range(args.epochs):
        model.train()
        train_loss = 0.0
        for x_i, y_i in train_loader:
            x_i, y_i = x_i.view(x_i.size(0), -1).to(device), y_i.to(device)
            loss = crit(model(x_i), y_i)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            train_loss += loss.item()  # the seed's float(loss): one wait for the device per batch
        model.eval()
        valid_loss = 0.0
        with torch.no_grad():
            for x_i, y_i in valid_loader:
                valid_loss += plain(model(x_i.view(x_i.size(0), -1).to(device)), y_i.to(device)).item()
        history["train_loss"].append(train_loss / len(train_loader))
        history["valid_loss"].append(valid_loss / len(valid_loader))
    if device.type == "cuda":
        torch.cuda.synchronize()
    return history, time.perf_counter() - start, time.process_time() - cpu_start


def reference_train(model, images, labels, args, device):
    import torch

    from solutions import mlp

    config = {"epochs": args.epochs, "batch_size": args.batch_size, "lr": args.lr, "patience": None,
              "lr_schedule": "linear", "label_smoothing": args.label_smoothing, "seed": args.seed,
              "device": str(device)}
    x, y = torch.from_numpy(images.copy()), torch.from_numpy(labels.astype(np.int64))
    start, cpu_start = time.perf_counter(), time.process_time()
    history = mlp.train(model, x, y, config)
    if device.type == "cuda":
        torch.cuda.synchronize()
    return history, time.perf_counter() - start, time.process_time() - cpu_start


def main(argv=None) -> None:
    args = parse_args(argv)
    ds = datasets.load(args.dataset, args.data)
    import torch

    from solutions import mlp

    if args.threads:
        torch.set_num_threads(args.threads)
    device = mlp.pick_device(args.device)
    x_test = torch.from_numpy(ds.x_test.copy())
    y_test = torch.from_numpy(ds.y_test.astype(np.int64))

    def fresh_model():
        torch.manual_seed(args.seed)
        return mlp.build_mlp(784, args.hidden, 10)

    runs = [("reference (one tensor, sliced batches)", reference_train, fresh_model)]
    if args.compile:
        runs.append(("reference + torch.compile", reference_train, lambda: torch.compile(fresh_model())))
    runs.append(("textbook (Dataset + DataLoader)", textbook_train, fresh_model))
    # One-time costs (kernel selection, the CUDA context, first allocations) go to a short warm-up of
    # each trainer, not to whichever is timed first.
    warm_up = argparse.Namespace(**{**vars(args), "epochs": 1})
    for _, trainer, make in runs:
        trainer(make(), ds.x_train[:4096], ds.y_train[:4096], warm_up, device)
    rows = []
    for name, trainer, make in runs:
        model = make()
        history, seconds, cpu = trainer(model, ds.x_train, ds.y_train, args, device)
        accuracy = mlp.evaluate(model.to(device), x_test, y_test)
        rows.append((name, seconds / args.epochs, seconds, cpu / args.epochs, accuracy, history["valid_loss"][-1]))
        print(f"  done: {name}: {seconds:.1f} s, test accuracy {accuracy:.2%}", file=sys.stderr, flush=True)
    data_seconds, data_cpu = textbook_data_only(ds.x_train, ds.y_train, args)

    threads = f"{torch.get_num_threads()} threads" if device.type == "cpu" else torch.cuda.get_device_name(device)
    print(f"\n{ds.title}: 784-{'-'.join(map(str, args.hidden))}-10, {args.epochs} epochs, batch {args.batch_size}, "
          f"Adam lr {args.lr:g} decaying linearly to 0, label smoothing {args.label_smoothing:g}, "
          "48,000 train / 12,000 valid")
    print(f"device: {device} ({threads}), torch {torch.__version__}, Python {platform.python_version()}, "
          f"{platform.processor() or platform.machine()}\n")
    print(f"| {'trainer':<40} | time/epoch | total train | CPU time/epoch | test accuracy | last valid loss |")
    print(f"|{'-' * 42}|-----------:|------------:|---------------:|--------------:|----------------:|")
    for name, per_epoch, total, cpu, accuracy, valid in rows:
        print(f"| {name:<40} | {per_epoch:8.3f} s | {total:9.2f} s | {cpu:12.3f} s | {accuracy:12.2%} "
              f"| {valid:15.4f} |")
    print(f"| {'textbook data pipeline alone (no model)':<40} | {data_seconds:8.3f} s | {'':>11} | "
          f"{data_cpu:12.3f} s | {'':>13} | {'':>15} |")
    reference, textbook = rows[0], rows[-1]
    print(f"\ntextbook / reference: {textbook[1] / reference[1]:.1f}x per epoch (wall), "
          f"{textbook[3] / reference[3]:.1f}x per epoch (CPU time), {textbook[2] / reference[2]:.1f}x in total; "
          f"test accuracy {reference[4]:.2%} vs {textbook[4]:.2%}")
    print(f"the textbook's data pipeline alone takes {data_seconds / reference[1]:.1f}x the reference's whole epoch; "
          f"the rest of its epoch ({max(textbook[1] - data_seconds, 0):.3f} s) is the same arithmetic as the "
          f"reference's ({reference[1]:.3f} s) plus a wait for the device every batch")
    if device.type == "cpu":
        print("(CPU time: all threads of this process; on a busy machine it is the fairer figure, wall time "
              "includes waiting for a core)")


if __name__ == "__main__":
    main()
