"""The conformance suite (``conformance/manifest.json``, ``docs/src/conformance.md``).

A language-neutral corpus of cases: each names an input file (relative to the manifest), what to
do with it (``Case.kind``), the profile and date to validate with, and the expected outcome
(``Case.expected``: valid or not, and the findings as ``(rule_id, severity, path)``).

* :meth:`Manifest.from_json` reads and checks a manifest; :attr:`Manifest.cases` lists its cases
  (drafts included: filter on :attr:`Case.active`).
* :meth:`Case.run` runs one case on its input bytes with the same core function as the Rust
  runner and the CLI, and returns the actual :class:`Outcome`, with its :class:`Difference`
  from the expected one (``None`` when the case passes).

>>> from cartella import conformance
>>> m = conformance.Manifest.from_json('''{"versione": 1, "casi": [{
...     "id": "query-vuota", "descrizione": "GET /flussi without since", "tipo": "waas_query",
...     "input": "cases/q.txt", "tags": [], "stato": "attivo", "profilo": "siuss",
...     "as_of": "2025-01-01", "atteso": {"valido": false, "findings": [
...         {"rule_id": "SIUSS-WAAS-010", "severity": "error", "path": "/since"}]}}]}''')
>>> out = m.cases[0].run(b"limit=5")
>>> out.passed, [f.as_tuple() for f in out.findings]
(True, [('SIUSS-WAAS-010', 'error', '/since')])
"""

from __future__ import annotations

from ._cartella import Case, Difference, Finding, Manifest, Outcome

__all__ = ["Case", "Difference", "Finding", "Manifest", "Outcome"]
