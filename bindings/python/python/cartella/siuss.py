"""The INPS national flows (``siuss.md``): PS-PSA-SINA and SINBA.

* :func:`derive_period`, :func:`derive_prestazione` and :func:`derive_sinba` derive the flows of
  a cartella (keyword options: the derivation options of ``siuss.md`` §8.1, ``cf_operatore``
  required) and return a :class:`Derivazione` (``flussi`` plus a :class:`cartella.Report`).
* :class:`Flusso` is a typed flow: ``tipo``, ``nome``, ``to_xml()``, ``to_json()`` /
  ``Flusso.from_json()``; :func:`read_xml` reads one back (unreadable input is not an exception:
  ``flusso`` is ``None`` and the findings say why).
* :func:`check` runs the INPS rules on a flow, :func:`check_file` on a file, streaming.
* WaaS: :func:`id_flusso`, :class:`IdFlusso`, :class:`ParametriFlussi`, :class:`RegistroInvii`
  (persist it with ``to_json()``), :func:`get_flussi`, :func:`post_esiti`,
  :func:`voce_from_xml`, :func:`select_flussi_xml`.
* :func:`id_beneficiario_sinba`: the pseudonymous SINBA ``IDBeneficiario``.

>>> import datetime, cartella
>>> from cartella import siuss
>>> c = cartella.sample("percorso-completo").load()
>>> d = siuss.derive_period(
...     c, datetime.date(2023, 1, 1), datetime.date(2024, 12, 31),
...     cf_operatore="MRCSLV84L59F205D", data_riferimento=datetime.date(2024, 12, 31),
...     data_creazione=datetime.date(2025, 1, 15), regioni_dm1986={"03": "03"})
>>> [f.nome for f in d.flussi]
['F205.PS.20250115.0000001']
>>> siuss.check(d.flussi[0], canale="waas", as_of=datetime.date(2024, 12, 31)).is_valid
True
"""

from __future__ import annotations

from ._cartella import (
    Derivazione,
    Flusso,
    FlussoLetto,
    HttpResponse,
    IdFlusso,
    ParametriFlussi,
    RegistroInvii,
    SelezioneFlussi,
    VoceFlusso,
    VoceRegistro,
)
from ._cartella import get_flussi as get_flussi
from ._cartella import id_beneficiario_sinba as id_beneficiario_sinba
from ._cartella import id_flusso as id_flusso
from ._cartella import post_esiti as post_esiti
from ._cartella import select_flussi_xml as select_flussi_xml
from ._cartella import siuss_check as check
from ._cartella import siuss_check_file as check_file
from ._cartella import siuss_derive_period as derive_period
from ._cartella import siuss_derive_prestazione as derive_prestazione
from ._cartella import siuss_derive_sinba as derive_sinba
from ._cartella import siuss_read_xml as read_xml
from ._cartella import voce_from_xml as voce_from_xml
from .errors import FlussoNonDerivabileError, RifiutoError

__all__ = [
    "Derivazione",
    "Flusso",
    "FlussoLetto",
    "FlussoNonDerivabileError",
    "HttpResponse",
    "IdFlusso",
    "ParametriFlussi",
    "RegistroInvii",
    "RifiutoError",
    "SelezioneFlussi",
    "VoceFlusso",
    "VoceRegistro",
    "check",
    "check_file",
    "derive_period",
    "derive_prestazione",
    "derive_sinba",
    "get_flussi",
    "id_beneficiario_sinba",
    "id_flusso",
    "post_esiti",
    "read_xml",
    "select_flussi_xml",
    "voce_from_xml",
]
