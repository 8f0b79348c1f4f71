//! Year segments of periodic prestazioni (`siuss.md` §8.4, decision D13).

use chrono::{Datelike, NaiveDate};

/// One calendar-year segment of a periodic prestazione: a separate `PrestazioniSociali`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentoAnnuale {
    /// `DataInizioPrestazione`: the later of the activation date and 1 January.
    pub inizio: NaiveDate,
    /// `DataFinePrestazione`: the end date in its year, 31 December of past years, absent for a
    /// service still running in the reference year.
    pub fine: Option<NaiveDate>,
    /// `PeriodoErogazione`: `month(fine) − month(inizio) + 1`, only with `fine`.
    pub periodo_erogazione: Option<u32>,
}

/// Splits a periodic prestazione from `inizio` (activation) to `fine` (conclusion, if any) into
/// calendar-year segments up to the reference date `riferimento` (`siuss.md` §8.4).
///
/// Returns an empty list when `fine < inizio` (the caller reports `CSI-DAT-006`) or when the
/// service starts after the reference year.
///
/// ```
/// use chrono::NaiveDate;
/// use cartella::siuss::deriva::segmenti_annuali;
/// let d = |y, m, g| NaiveDate::from_ymd_opt(y, m, g).unwrap();
/// let s = segmenti_annuali(d(2023, 3, 1), None, d(2024, 5, 10));
/// assert_eq!(s.len(), 2);
/// assert_eq!((s[0].fine, s[0].periodo_erogazione), (Some(d(2023, 12, 31)), Some(10)));
/// assert_eq!((s[1].inizio, s[1].fine), (d(2024, 1, 1), None));
/// ```
pub fn segmenti_annuali(
    inizio: NaiveDate,
    fine: Option<NaiveDate>,
    riferimento: NaiveDate,
) -> Vec<SegmentoAnnuale> {
    if fine.is_some_and(|e| e < inizio) {
        return Vec::new();
    }
    let ultimo_anno = match fine {
        Some(e) => e.min(riferimento).year(),
        None => riferimento.year(),
    };
    let mut out = Vec::new();
    for anno in inizio.year()..=ultimo_anno {
        let (Some(primo), Some(ultimo)) = (
            NaiveDate::from_ymd_opt(anno, 1, 1),
            NaiveDate::from_ymd_opt(anno, 12, 31),
        ) else {
            continue;
        };
        let da = inizio.max(primo);
        let a = match fine {
            Some(e) if e.year() == anno => Some(e),
            _ if anno < riferimento.year() => Some(ultimo),
            _ => None,
        };
        out.push(SegmentoAnnuale {
            inizio: da,
            fine: a,
            periodo_erogazione: a.map(|a| a.month() + 1 - da.month()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, g: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, g).unwrap_or_default()
    }

    type Atteso = (NaiveDate, Option<NaiveDate>, Option<u32>);

    #[test]
    fn tabella() {
        let casi: Vec<(NaiveDate, Option<NaiveDate>, NaiveDate, Vec<Atteso>)> = vec![
            // Concluded within one year.
            (
                d(2023, 3, 1),
                Some(d(2023, 8, 31)),
                d(2024, 5, 1),
                vec![(d(2023, 3, 1), Some(d(2023, 8, 31)), Some(6))],
            ),
            // Running in the reference year: no end, no PeriodoErogazione.
            (
                d(2024, 2, 15),
                None,
                d(2024, 5, 1),
                vec![(d(2024, 2, 15), None, None)],
            ),
            // Spanning three years, concluded.
            (
                d(2022, 11, 10),
                Some(d(2024, 2, 5)),
                d(2024, 6, 1),
                vec![
                    (d(2022, 11, 10), Some(d(2022, 12, 31)), Some(2)),
                    (d(2023, 1, 1), Some(d(2023, 12, 31)), Some(12)),
                    (d(2024, 1, 1), Some(d(2024, 2, 5)), Some(2)),
                ],
            ),
            // Conclusion after the reference date: cut at the reference year, open.
            (
                d(2023, 3, 1),
                Some(d(2025, 6, 30)),
                d(2024, 5, 10),
                vec![
                    (d(2023, 3, 1), Some(d(2023, 12, 31)), Some(10)),
                    (d(2024, 1, 1), None, None),
                ],
            ),
            // Conclusion later in the reference year but after R: kept with its end.
            (
                d(2024, 1, 10),
                Some(d(2024, 9, 30)),
                d(2024, 5, 10),
                vec![(d(2024, 1, 10), Some(d(2024, 9, 30)), Some(9))],
            ),
            // Same day start and end.
            (
                d(2023, 7, 4),
                Some(d(2023, 7, 4)),
                d(2023, 7, 4),
                vec![(d(2023, 7, 4), Some(d(2023, 7, 4)), Some(1))],
            ),
            // Starts after the reference year: nothing.
            (d(2025, 1, 1), None, d(2024, 12, 31), vec![]),
            // End before start: nothing (CSI-DAT-006 is the caller's).
            (d(2024, 5, 1), Some(d(2024, 4, 30)), d(2024, 12, 31), vec![]),
        ];
        for (inizio, fine, r, attesi) in casi {
            let got: Vec<Atteso> = segmenti_annuali(inizio, fine, r)
                .into_iter()
                .map(|s| (s.inizio, s.fine, s.periodo_erogazione))
                .collect();
            assert_eq!(got, attesi, "{inizio} {fine:?} {r}");
        }
    }
}
