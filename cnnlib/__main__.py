"""Command line: ``python -m cnnlib summary resnet50 --input-size 224`` · ``python -m cnnlib atlas`` ·
``python -m cnnlib train resnet20_cifar --data cifar10 --recipe resnet-cifar --out runs/r20``.

``train`` works the same under ``torchrun --nproc-per-node N -m cnnlib train …`` (see cnnlib.reproduce).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from cnnlib import ConfigError, atlas, count, i18n, models, set_language


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error says what went wrong in Korean and in English."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        ko, en = i18n.both("cli.usage_error", prog=self.prog, detail=message)
        self.exit(2, f"{ko}\n{en}\n")


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m cnnlib", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summary", help=i18n.t("cli.help.summary", sep=" / "))
    summary.add_argument("model", help="e.g. alexnet, vgg16_bn, googlenet, resnet50, resnet56_cifar")
    summary.add_argument("--input-size", type=int, default=None, help="image height = width")
    summary.add_argument("--num-classes", type=int, default=None)
    summary.add_argument("--width", type=float, default=None, help="channel multiplier")
    summary.add_argument("--all-layers", action="store_true", help="also list activations")
    summary.add_argument("--lang", choices=i18n.LANGUAGES, default=None)
    commands.add_parser("list", help=i18n.t("cli.help.list", sep=" / "))
    build = commands.add_parser("atlas", help=i18n.t("cli.help.atlas", sep=" / "))
    build.add_argument(
        "grid", nargs="*", default=list(atlas.FAMILIES), help=f"any of {', '.join(atlas.FAMILIES)}"
    )
    build.add_argument("--seeds", type=int, default=None, help="at least this many seeds per cell")
    build.add_argument("--device", default="cpu", help="cpu, cuda, mps")
    build.add_argument("--jobs", type=int, default=None, help="training processes side by side")
    build.add_argument("--out", default=str(atlas.SHIPPED), help="the atlas file to build or extend")
    run = commands.add_parser("train", help=i18n.t("cli.help.train", sep=" / "))
    run.add_argument("model", help="e.g. resnet20_cifar, resnet110_cifar, vgg16_bn, alexnet")
    run.add_argument("--data", default="cifar10", help="cifar10, fashion_mnist, shapes")
    run.add_argument("--recipe", default="resnet-cifar", help="e.g. resnet-cifar, resnet110-cifar, vgg-cifar")
    run.add_argument("--out", default=None, help="folder for checkpoint.pt and model.pt")
    run.add_argument("--resume", action="store_true", help="continue the run in --out")
    run.add_argument("--device", default=None, help="cpu, cuda, mps (default: the fastest)")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--width", type=float, default=None, help="channel multiplier (a quick check: 0.25)")
    run.add_argument("--data-root", default=None, help="where datasets are kept")
    run.add_argument("--no-log", action="store_true", help="do not append to the run log")
    args = parser.parse_args(argv)
    if args.command == "train":
        return _train(args)
    try:
        print(_output(args))
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


def _output(args: argparse.Namespace) -> object:
    """What ``list``, ``atlas`` and ``summary`` print."""
    if args.command == "list":
        return "\n".join(models.NAMES)
    if args.command == "atlas":
        grids = [atlas.check_grid(name) for name in args.grid]
        return atlas.build(grids, seeds=args.seeds, path=args.out, device=args.device, jobs=args.jobs)
    if args.lang:
        set_language(args.lang)
    knobs = {k: v for k, v in (("input_size", args.input_size), ("num_classes", args.num_classes),
                               ("width", args.width)) if v is not None}  # fmt: skip
    model = models.from_name(args.model, device="meta", **knobs)
    return count.table(model, all_layers=args.all_layers)


def _train(args: argparse.Namespace) -> int:
    from cnnlib import reproduce  # imports torch.distributed: only when training

    main_process = os.environ.get("RANK", "0") == "0"  # under torchrun, one voice is enough
    try:
        history = reproduce.train(
            args.model, args.data, args.recipe, out=args.out, resume=args.resume, device=args.device,
            seed=args.seed, width=args.width, data_root=args.data_root, log=not args.no_log,
        )  # fmt: skip
    except ConfigError as error:
        if main_process:
            print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        if main_process:
            print("\n".join(i18n.both("reproduce.interrupted")), file=sys.stderr)
        return 130
    if main_process and history.test_acc:
        print(
            i18n.t("cli.trained", name=history.name, acc=f"{history.test_acc[-1]:.4f}", steps=history.steps)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
