"""The dataset loader: real files load and verify; corrupt, truncated, wrong and missing files
are refused with a message that names the file and the fix; the search order; downloads.

MNIST comes from $DLGRADE_DATA (CI points it at ../shared/data/mnist), Fashion-MNIST from
Debian's dataset-fashion-mnist package; tests that need one skip without it. The broken
files are made in tmp_path from the real ones (labels files, to stay fast).
"""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from graders.env import datasets, doctor

MNIST_FILES = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
               "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
FASHION_SYSTEM = Path("/usr/share/datasets/fashion-mnist")


def _mnist_dir() -> Path | None:
    env = os.environ.get("DLGRADE_DATA")
    if not env:
        return None
    for folder in (Path(env) / "mnist", Path(env)):
        if all((folder / name).is_file() for name in MNIST_FILES):
            return folder
    return None


MNIST = _mnist_dir()
needs_mnist = pytest.mark.skipif(MNIST is None, reason="MNIST not found: set DLGRADE_DATA to the folder with its files")
needs_fashion = pytest.mark.skipif(not (FASHION_SYSTEM / "train-labels-idx1-ubyte.gz").is_file(),
                                   reason="Fashion-MNIST not installed: sudo apt-get install dataset-fashion-mnist")


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """No DLGRADE_DATA, an empty cache, no downloads: only what a test puts in place is found."""
    monkeypatch.delenv("DLGRADE_DATA", raising=False)
    monkeypatch.setenv("DLGRADE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("DLGRADE_OFFLINE", "1")
    return tmp_path


def mnist_copy(folder: Path, replace: dict[str, bytes] | None = None) -> Path:
    """A folder of links to the real MNIST files, with some files replaced by the given bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in MNIST_FILES:
        if replace and name in replace:
            (folder / name).write_bytes(replace[name])
        else:
            (folder / name).symlink_to(MNIST / name)
    return folder


def labels_content() -> bytes:
    return gzip.decompress((MNIST / "train-labels-idx1-ubyte.gz").read_bytes())


# -- the real datasets ----------------------------------------------------------------------

@needs_mnist
def test_mnist_loads_with_the_published_shapes_and_labels(isolated):
    ds = datasets.load("mnist", MNIST)
    assert ds.x_train.shape == (60000, 28, 28) and ds.x_train.dtype == np.uint8
    assert ds.y_train.shape == (60000,) and ds.x_test.shape == (10000, 28, 28) and ds.y_test.shape == (10000,)
    assert ds.y_train[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert np.bincount(ds.y_train).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert np.bincount(ds.y_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert abs(ds.x_train.mean() - 33.3184) < 1e-3
    assert not ds.x_train.flags.writeable  # shared by every caller


@needs_mnist
def test_mnist_is_found_through_dlgrade_data(isolated, monkeypatch):
    monkeypatch.setenv("DLGRADE_DATA", str(MNIST))
    assert datasets.locate("mnist") == MNIST
    parent = mnist_copy(isolated / "all" / "mnist").parent  # DLGRADE_DATA may also hold a mnist/ folder
    monkeypatch.setenv("DLGRADE_DATA", str(parent))
    assert datasets.locate("mnist") == parent / "mnist"


@needs_fashion
def test_fashion_mnist_loads_with_the_same_api(isolated):
    ds = datasets.load("fashion-mnist")
    assert ds.folder == FASHION_SYSTEM
    assert ds.x_train.shape == (60000, 28, 28) and ds.y_test.shape == (10000,)
    assert np.bincount(ds.y_train).tolist() == [6000] * 10
    assert ds.classes[ds.y_train[0]] == "Ankle boot"


@needs_mnist
@needs_fashion
def test_a_folder_holding_the_other_dataset_is_passed_over(isolated, monkeypatch):
    monkeypatch.setenv("DLGRADE_DATA", str(MNIST))  # as in CI
    assert datasets.locate("fashion-mnist") == FASHION_SYSTEM
    with pytest.raises(datasets.DatasetError, match="holds MNIST .* files, not Fashion-MNIST"):
        datasets.locate("fashion-mnist", MNIST)  # a folder given explicitly must hold the dataset


@needs_mnist
def test_raw_idx_files_are_accepted(isolated):
    folder = isolated / "raw"
    folder.mkdir()
    for name in MNIST_FILES:
        (folder / name.removesuffix(".gz")).write_bytes(gzip.decompress((MNIST / name).read_bytes()))
    ds = datasets.load("mnist", folder)
    assert ds.y_test[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]


# -- bad files ---------------------------------------------------------------------------------

def _load_error(folder: Path) -> str:
    with pytest.raises(datasets.DatasetError) as info:
        datasets.load("mnist", folder)
    return str(info.value)


@needs_mnist
def test_corrupt_content_fails_the_checksum_and_names_the_file(isolated):
    content = bytearray(labels_content())
    content[5000] = (content[5000] + 1) % 10
    message = _load_error(mnist_copy(isolated / "m", {"train-labels-idx1-ubyte.gz": gzip.compress(bytes(content))}))
    assert "train-labels-idx1-ubyte.gz" in message and "does not match the manifest" in message
    assert "dlgrade data fetch mnist" in message


@needs_mnist
def test_truncated_gzip_file_is_refused(isolated):
    data = (MNIST / "train-labels-idx1-ubyte.gz").read_bytes()
    message = _load_error(mnist_copy(isolated / "m", {"train-labels-idx1-ubyte.gz": data[: len(data) // 2]}))
    assert "train-labels-idx1-ubyte.gz" in message and "not a complete gzip file" in message


@needs_mnist
def test_truncated_raw_file_is_refused(isolated):
    message = _load_error(mnist_copy(isolated / "m", {"train-labels-idx1-ubyte.gz": labels_content()[:-100]}))
    assert "is truncated" in message and "59,900" in message


@needs_mnist
def test_a_file_under_the_wrong_name_is_refused(isolated):
    test_labels = (MNIST / "t10k-labels-idx1-ubyte.gz").read_bytes()
    message = _load_error(mnist_copy(isolated / "a", {"train-labels-idx1-ubyte.gz": test_labels}))
    assert "shape (10000,)" in message and "wrong file" in message
    message = _load_error(mnist_copy(isolated / "b", {"train-images-idx3-ubyte.gz": test_labels}))
    assert "is a label file" in message and "2051" in message


@needs_mnist
def test_a_file_that_is_not_idx_is_refused(isolated):
    message = _load_error(mnist_copy(isolated / "m", {"t10k-labels-idx1-ubyte.gz": b"<html>404 Not Found</html>"}))
    assert "t10k-labels-idx1-ubyte.gz" in message and "not an IDX file" in message


@needs_mnist
@needs_fashion
def test_the_other_datasets_file_is_named_as_such(isolated):
    fashion_labels = (FASHION_SYSTEM / "t10k-labels-idx1-ubyte.gz").read_bytes()
    message = _load_error(mnist_copy(isolated / "m", {"t10k-labels-idx1-ubyte.gz": fashion_labels}))
    assert "t10k-labels-idx1-ubyte.gz is the Fashion-MNIST" in message and "test labels" in message


@needs_mnist
def test_a_folder_missing_files_says_which(isolated):
    folder = mnist_copy(isolated / "m")
    (folder / "t10k-images-idx3-ubyte.gz").unlink()
    with pytest.raises(datasets.DatasetNotFound, match="missing t10k-images-idx3-ubyte.gz"):
        datasets.load("mnist", folder)


def test_offline_without_files_says_where_to_put_them(isolated):
    with pytest.raises(datasets.DatasetNotFound) as info:
        datasets.load("mnist")
    message = str(info.value)
    assert message.count("\n") <= 6
    for needed in [*MNIST_FILES, str(isolated / "cache" / "mnist"), "DLGRADE_DATA"]:
        assert needed in message


# -- downloading -----------------------------------------------------------------------------

@needs_mnist
def test_fetch_downloads_verifies_and_fills_the_cache(isolated):
    mirror = f"file://{MNIST}/"
    folder = datasets.fetch("mnist", mirrors=["file:///nonexistent/mirror/", mirror], progress=False)
    assert folder == isolated / "cache" / "mnist"
    assert sorted(p.name for p in folder.iterdir()) == sorted(MNIST_FILES)  # no .part left
    assert datasets.locate("mnist") == folder


@needs_mnist
def test_fetch_refuses_a_mirror_that_serves_a_bad_file(isolated):
    mirror = mnist_copy(isolated / "bad", {"t10k-labels-idx1-ubyte.gz": gzip.compress(b"\0\0\x08\x01" + b"\0" * 4)})
    with pytest.raises(datasets.DatasetError, match="t10k-labels-idx1-ubyte.gz downloaded from .* does not match"):
        datasets.fetch("mnist", mirrors=[f"file://{mirror}/"], progress=False)
    assert not (isolated / "cache" / "mnist" / "t10k-labels-idx1-ubyte.gz").exists()
    assert not list((isolated / "cache" / "mnist").glob("*.part"))


def test_fetch_with_no_reachable_mirror_gives_the_offline_message(isolated):
    with pytest.raises(datasets.DatasetNotFound, match="could not be downloaded") as info:
        datasets.fetch("mnist", mirrors=["file:///nonexistent/mirror/"], progress=False)
    assert "DLGRADE_DATA" in str(info.value)


# -- around the loader -------------------------------------------------------------------------

def test_the_loader_does_not_import_torch():
    code = "import sys, graders.env.datasets, graders.cli.data; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])


@needs_mnist
def test_cli_verify_passes_a_good_folder_and_fails_a_bad_one(isolated):
    from graders.cli.kit import main

    good = CliRunner().invoke(main, ["data", "verify", "mnist", "--path", str(MNIST)])
    assert good.exit_code == 0, good.output
    assert good.output.count("ok") == 4
    bad = mnist_copy(isolated / "m", {"train-labels-idx1-ubyte.gz": labels_content()[:-1]})
    result = CliRunner().invoke(main, ["data", "verify", "mnist", "--path", str(bad)])
    assert result.exit_code == 1 and "truncated" in result.output


@needs_mnist
def test_doctor_reports_each_dataset(isolated, monkeypatch):
    monkeypatch.setenv("DLGRADE_DATA", str(MNIST))
    findings = {f.name: f for f in doctor.dataset_findings()}
    assert findings["mnist data"].ok and "verified" in findings["mnist data"].detail
    monkeypatch.delenv("DLGRADE_DATA")
    missing = {f.name: f for f in doctor.dataset_findings()}["mnist data"]
    assert not missing.ok and "dlgrade data fetch mnist" in missing.fix
