"""Where the lectures live online, kept in one place: Colab badges and the install line."""

from __future__ import annotations

import sys

# The public repository of this project. Change it here (and re-run `python tools/notebooks.py build`)
# if the repository moves: every badge and the Colab install cell are built from it.
REPOSITORY = "cnn-lectures/cnnlib"
BRANCH = "main"


def badge_url(notebook: str) -> str:
    """The "Open in Colab" address of ``notebooks/<notebook>``."""
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/notebooks/{notebook}"


def badge_markdown(notebook: str) -> str:
    """Markdown for the "Open in Colab" badge of one notebook."""
    image = "https://colab.research.google.com/assets/colab-badge.svg"
    return f"[![Open In Colab]({image})]({badge_url(notebook)})"


def repository_url() -> str:
    """The address Colab's setup cell checks and installs from (git over https)."""
    return f"https://github.com/{REPOSITORY}"


def install_spec() -> str:
    """What Colab's ``pip install`` gets: the package straight from the repository (keeps Colab's torch)."""
    return f"cnnlib @ git+{repository_url()}@{BRANCH}"


def in_colab() -> bool:
    """True inside Google Colab."""
    return "google.colab" in sys.modules
