"""``python -m videorace``: validate the data, write the codebook, build the reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from videorace.pipeline import config


def cmd_validate(args) -> int:
    from videorace.data.validate import display_dir, validate

    given = args.data or args.data_dir
    directory = config.data_dir(given)
    if not directory.is_dir():
        print(f"validate: {'--data ' + given if given else 'data'}: expected a data directory, "
              f"found none at {directory}", file=sys.stderr)
        return 1
    problems = validate(directory)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {display_dir(directory)}", file=sys.stderr)
        return 1
    print(f"{display_dir(directory)}: all tables valid")
    return 0


def write_generated(target, text: str, command: str, check: bool) -> int:
    """Write a file generated from the schema, or with ``check`` only say whether it is current."""
    if not target.parent.is_dir():
        print(f"{command}: expected a data directory, found none at {target.parent}",
              file=sys.stderr)
        return 1
    if check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"{target}: out of date with videorace/data/schema.py; run python -m videorace "
                  f"{command}", file=sys.stderr)
            return 1
        print(f"{target}: up to date")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


def cmd_codebook(args) -> int:
    from videorace.data.codebook import render

    return write_generated(config.DATA_DIR / "README.md", render(), "codebook", args.check)


def cmd_datapackage(args) -> int:
    from videorace.data.datapackage import render

    return write_generated(config.DATA_DIR / "datapackage.json", render(), "datapackage",
                           args.check)


def kernel_missing(command: str) -> bool:
    """Say so, with the command that installs it, when this environment has no project kernel
    (an installed copy: ``make`` installs it in a checkout)."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(config.KERNEL_NAME)
        return False
    except NoSuchKernel:
        print(f"{command}: this environment has no Jupyter kernel named {config.KERNEL_NAME!r}; "
              f"install it with: {sys.executable} -m ipykernel install --sys-prefix --name "
              f"{config.KERNEL_NAME}", file=sys.stderr)
        return True


def cmd_build(args) -> int:
    from videorace.pipeline.build import main as build_main

    return 2 if kernel_missing("build") else build_main(args)


def cmd_refresh(args) -> int:
    import os
    from unittest import mock

    from videorace.pipeline.notebooks import notebook_names, refresh

    if not notebook_names():
        print(f"refresh: expected notebooks (NN_name.ipynb), found none in {config.NOTEBOOKS_DIR}",
              file=sys.stderr)
        return 2
    if kernel_missing("refresh"):
        return 2
    from videorace.pipeline.manifest import BuildError, load_manifest

    try:
        sets = [r for r in load_manifest(config.MANIFEST, notebook_names(), config.NOTEBOOKS_DIR)
                if r.baseline]
    except BuildError as err:
        print(f"refresh: {err}", file=sys.stderr)
        return 2
    # the kernels run in notebooks/: they are told the data directory, as a build's are
    with mock.patch.dict(os.environ, {config.DATA_DIR_ENV: str(config.data_dir())}):
        return refresh(args.names, sets)


def cmd_update(args) -> int:
    from videorace.pipeline.update import main as update_main

    return update_main(Path(args.repo).resolve())


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m videorace", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check every table in the data directory")
    p.add_argument("data_dir", nargs="?", help="data directory (default: data/)")
    p.add_argument("--data", metavar="DIR", help="data directory, as for build (default: data/)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("codebook", help="write data/README.md from the schema")
    p.add_argument("--check", action="store_true", help="only check that it is up to date")
    p.set_defaults(func=cmd_codebook)

    p = sub.add_parser("datapackage", help="write data/datapackage.json (Frictionless) from the schema")
    p.add_argument("--check", action="store_true", help="only check that it is up to date")
    p.set_defaults(func=cmd_datapackage)

    p = sub.add_parser("build", help="execute the notebooks into HTML reports")
    p.add_argument("--force", action="store_true", help="rebuild every report, changed or not")
    p.add_argument("--only", metavar="NAME", action="append",
                   help="build only this notebook or report (repeatable)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="reports to execute at once (default: twice the number of cores)")
    where = "of the checkout around the package; an installed copy: of the current directory"
    p.add_argument("--data", metavar="DIR", help=f"build from another copy of the data (default: "
                                                 f"data/ {where})")
    p.add_argument("--out", metavar="DIR", help="where reports go: empty, or written by a build, "
                                                f"never the data (default: reports/ {where})")
    p.add_argument("--manifest", metavar="TOML",
                   help=f"report list to use (default: reports.toml {where})")
    p.add_argument("--notebooks", metavar="DIR",
                   help=f"where the notebooks are (default: notebooks/ {where})")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("refresh", help="re-execute notebooks in place at their defaults "
                                       "(updates the nbval baselines)")
    p.add_argument("names", nargs="*", help="notebook names (default: all)")
    p.set_defaults(func=cmd_refresh)

    p = sub.add_parser("run", help="papermill on the project's kernel, a mistake said in one line: "
                                   "run NOTEBOOK OUTPUT [-p NAME VALUE ...] (papermill's options)")
    p.add_argument("papermill_args", nargs=argparse.REMAINDER)

    p = sub.add_parser("update", help="fast-forward the checkout to its upstream branch (refuses "
                                      "on local changes or divergence); for scheduled builds")
    p.add_argument("--repo", default=".", metavar="DIR", help="the checkout (default: here)")
    p.set_defaults(func=cmd_update)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["run"] and argv[1:2] != ["-h"]:  # papermill's own options, as papermill parses them
        from videorace.pipeline.run import main as run_main

        return run_main(argv[1:])
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
