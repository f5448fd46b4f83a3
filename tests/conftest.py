from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from vjties.models import Dataset
from vjties.pipeline import shared_pipeline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return shared_pipeline()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def sample_ties() -> Dataset:
    """The hand-made dataset of tests/ties (exports, report, explain)."""
    from ties.sample import sample_dataset

    return sample_dataset()


@pytest.fixture(scope="session")
def seeds_dataset() -> Dataset:
    """The committed dataset of the seeds."""
    from vjties.diff import read_dataset

    return read_dataset(str(ROOT / "data" / "vjties.json"))
