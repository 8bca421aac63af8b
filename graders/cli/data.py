"""``dlgrade data where|verify|fetch``: find, check and download the datasets (MNIST, Fashion-MNIST)."""
from __future__ import annotations

import sys

import click
from rich.console import Console

console = Console(highlight=False, soft_wrap=True)
NAME_HELP = "dataset: mnist or fashion-mnist (default: both)"


def _names(name: str | None) -> list[str]:
    from graders.env import datasets

    if name is None:
        return datasets.names()
    try:
        datasets.spec(name)
    except datasets.DatasetError as exc:
        raise click.BadParameter(str(exc)) from None
    return [name]


@click.group()
def data():
    """Datasets for the mlp task: where they are, check them, download them."""


@data.command()
@click.argument("name", required=False)
def where(name):
    """Show the folders looked in, in order, and what each holds."""
    from graders.env import datasets

    for ds in _names(name):
        console.print(f"[bold]{ds}[/bold]")
        for why, folder in datasets.candidates(ds):
            state, details = datasets.folder_state(ds, folder)
            text = {"ok": "[green]holds the files[/green]", "empty": "[dim]no files[/dim]",
                    "incomplete": f"[yellow]missing {', '.join(details)}[/yellow]",
                    "other": f"[yellow]holds {', '.join(details)} (passed over)[/yellow]"}[state]
            console.print(f"  {why:<22} {folder}  {text}")
        console.print(f"  {'download':<22} " + ", ".join(datasets.spec(ds)["mirrors"]))


@data.command()
@click.argument("name", required=False)
@click.option("--path", type=click.Path(file_okay=False), help="check this folder instead of searching")
def verify(name, path):
    """Check each file: IDX header, size and the SHA-256 in data/manifest.json."""
    from graders.env import datasets

    bad = 0
    for ds in _names(name):
        try:
            checks = datasets.verify(ds, path)
        except datasets.DatasetError as exc:
            console.print(f"[red]FAIL[/red] {ds}:")
            console.print(str(exc), markup=False)
            bad += 1
            continue
        if all(c.path is None for c in checks):
            console.print(f"[red]FAIL[/red] {ds}: not found")
            console.print(datasets.not_found_message(ds, "`dlgrade data fetch` downloads it"), markup=False)
            bad += 1
            continue
        for check in checks:
            mark = "[green]ok[/green]  " if check.ok else "[red]FAIL[/red]"
            where_ = check.path or "(not found)"
            console.print(f"{mark} {ds:<14} {check.role:<13} {where_}")
            console.print(f"       {check.detail}", markup=False)
            bad += not check.ok
    sys.exit(1 if bad else 0)


@data.command()
@click.argument("name", required=False)
@click.option("--path", type=click.Path(file_okay=False), help="download into this folder (default: the kit's cache)")
def fetch(name, path):
    """Download what is missing from the public mirrors (with a progress bar), checked against the manifest."""
    from graders.env import datasets

    failed = False
    for ds in _names(name):
        try:
            found = datasets.locate(ds) if path is None else None
            folder = found or datasets.fetch(ds, path, progress=sys.stderr.isatty())
        except datasets.DatasetError as exc:
            console.print(f"[red]FAIL[/red] {ds}:")
            console.print(str(exc), markup=False)
            failed = True
            continue
        console.print(f"[green]ok[/green]   {ds}: {folder}")
    sys.exit(1 if failed else 0)
