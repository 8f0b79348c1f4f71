"""The HL7 v3 interscambio (``interscambio.md``): the request ``PRSS_IN001004ZZ`` and the
acknowledgement ``MCCI_IN000002UV01``.

* :func:`read_message` reads a request into a :class:`Message` plus the findings raised while
  reading (``XML-*``, ``CSI-ENV-*``, ``CSI-CMP-*``, …). Unreadable input is not an exception: the
  result has ``message=None`` and the blocking finding (e.g. ``XML-001``).
* :func:`message_for_process` builds the message of one process of a cartella;
  :func:`write_message` writes it (keyword options: the writer options of ``interscambio.md``
  §15) and returns the XML with the writer's findings.
* :func:`ack_for` builds the acknowledgement of a message from a validation report (``AA``,
  ``AE``, ``AR``: :func:`ack_type`); :func:`write_ack` / :func:`read_ack` write and read it.

>>> import cartella
>>> from cartella import interscambio
>>> c = cartella.sample("accesso-informativo").load()
>>> m = interscambio.message_for_process(
...     c, c.processi[0].id_processo, message_id="MSG-1", created="2024-02-01T10:30:00",
...     sender="016024", receivers=["AMBITO-DEST"])
>>> w = interscambio.write_message(m)
>>> interscambio.read_message(w.xml).message is not None
True
"""

from __future__ import annotations

from ._cartella import Ack, AckReadResult, Identifier, Message, ReadResult, WrittenMessage
from ._cartella import ack_for as ack_for
from ._cartella import ack_type as ack_type
from ._cartella import message_for_process as message_for_process
from ._cartella import read_ack as read_ack
from ._cartella import read_message as read_message
from ._cartella import validate_message as validate_message
from ._cartella import write_ack as write_ack
from ._cartella import write_message as write_message

__all__ = [
    "Ack",
    "AckReadResult",
    "Identifier",
    "Message",
    "ReadResult",
    "WrittenMessage",
    "ack_for",
    "ack_type",
    "message_for_process",
    "read_ack",
    "read_message",
    "validate_message",
    "write_ack",
    "write_message",
]
