"""docs/GLOSSARY.md and cnnlib.i18n.GLOSSARY hold the same Korean ↔ English pairs, in the same order."""

from __future__ import annotations

from pathlib import Path

from cnnlib.i18n import GLOSSARY

GLOSSARY_MD = Path(__file__).resolve().parents[1] / "docs" / "GLOSSARY.md"


def markdown_pairs(text: str) -> list[tuple[str, str]]:
    """The (Korean, English) rows of the first two-column table in ``text``, header excluded."""
    rows = [line.strip() for line in text.splitlines() if line.strip().startswith("|")]
    pairs = []
    for row in rows[2:]:  # skip the header and the |---|---| line
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 2, f"expected two columns: {row}"
        pairs.append((cells[0], cells[1]))
    return pairs


def test_markdown_table_matches_i18n():
    pairs = markdown_pairs(GLOSSARY_MD.read_text(encoding="utf-8"))
    assert pairs == list(GLOSSARY.items())


def test_no_duplicate_terms():
    pairs = markdown_pairs(GLOSSARY_MD.read_text(encoding="utf-8"))
    assert len({ko for ko, _ in pairs}) == len(pairs)
    assert len({en for _, en in pairs}) == len(pairs)
