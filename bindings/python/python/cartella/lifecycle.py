"""Lifecycle of a *processo di aiuto* (``lifecycle.md``): apply API events, current state,
allowed transitions, replay.

Events are named by their codes (``APRI_ACCESSO``, ``AVVIA_VALUTAZIONE``, …, see
:func:`events`). :func:`apply` changes its target (a :class:`cartella.Cartella` with
``process_id=...``, or a :class:`cartella.ProcessoAiuto`) in place and returns the soft-guard
warnings; a refused event raises :class:`cartella.IllegalTransitionError` carrying ``rule_id``
and leaves the target unchanged.
"""

from __future__ import annotations

from ._cartella import Replay, ReplayStep
from ._cartella import allowed_outcomes as allowed_outcomes
from ._cartella import allowed_transitions as allowed_transitions
from ._cartella import apply as apply
from ._cartella import events as events
from ._cartella import new_access as new_access
from ._cartella import receive_transfer as receive_transfer
from ._cartella import replay as replay
from ._cartella import service_state as service_state
from ._cartella import state as state
from ._cartella import state_after_closing as state_after_closing
from ._cartella import states as states

__all__ = [
    "Replay",
    "ReplayStep",
    "allowed_outcomes",
    "allowed_transitions",
    "apply",
    "events",
    "new_access",
    "receive_transfer",
    "replay",
    "service_state",
    "state",
    "state_after_closing",
    "states",
]
