"""One classifier model per test session, trained into a temporary directory.

Code under test finds it through SHAHRVAND_MODEL_DIR (set per test by `use_model_dir`, and
in the environment of every CLI subprocess), never through var/models.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shahrvand.triage import classifier, store
from shahrvand.triage.classifier import TrainResult


@pytest.fixture(scope="session")
def trained(tmp_path_factory: pytest.TempPathFactory) -> TrainResult:
    directory = tmp_path_factory.mktemp("models")
    return classifier.train_version(directory=directory, force=True)


@pytest.fixture
def model_dir(trained: TrainResult) -> Path:
    return trained.version.path.parent


@pytest.fixture
def use_model_dir(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(store.MODEL_DIR_ENV, str(model_dir))
    return model_dir
