"""Codice fiscale: validation, decoding, encoding (``rules.md`` §5, rules ``CF-001``…``CF-018``).

>>> from cartella import cf
>>> cf.is_valid("RSSMRA80A01H501U")
True
>>> d = cf.decode("RSSMRA80A01H501U")
>>> (d.sex, d.birth_date.isoformat(), d.birthplace.code)
('M', '1980-01-01', 'H501')
"""

from __future__ import annotations

from ._cartella import Birthplace, DecodedCf
from ._cartella import check_character as check_character
from ._cartella import check_digit as check_digit
from ._cartella import check_many as check_many
from ._cartella import decode as decode
from ._cartella import encode as encode
from ._cartella import is_valid as is_valid
from ._cartella import mask as mask
from ._cartella import name_letters as name_letters
from ._cartella import normalize as normalize
from ._cartella import surname_letters as surname_letters

__all__ = [
    "Birthplace",
    "DecodedCf",
    "check_character",
    "check_digit",
    "check_many",
    "decode",
    "encode",
    "is_valid",
    "mask",
    "name_letters",
    "normalize",
    "surname_letters",
]
