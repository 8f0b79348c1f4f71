package it.cartella

import it.cartella.ffi.CartellaException
import it.cartella.ffi.Birthplace
import it.cartella.ffi.CfOptions
import it.cartella.ffi.Issue
import it.cartella.ffi.Sex
import it.cartella.ffi.cfCheckMany
import it.cartella.ffi.cfDecode
import it.cartella.ffi.cfEncode
import it.cartella.ffi.cfIsValid
import java.time.LocalDate

/**
 * A decoded codice fiscale.
 *
 * @property normalized the normalised code (white space removed, upper case), unmasked.
 * @property masked the code masked for logs (`RSSMRA*********U`).
 * @property kind `PERSONALE` (16 characters), `NUMERICO` (11 digits), or null when unclassifiable.
 * @property isValid no error-severity finding (`CF-001`…`CF-006`, `CF-015`).
 * @property sex decoded sex.
 * @property birthDate decoded birth date.
 * @property birthplace decoded birthplace (Belfiore code, name, comune or foreign state).
 * @property omocodia the code contains omocodia letters.
 * @property issues the `CF-*` findings, with severity and messages (codes masked).
 */
data class DecodedCf(
    val normalized: String,
    val masked: String,
    val kind: String?,
    val isValid: Boolean,
    val sex: Sex?,
    val birthDate: LocalDate?,
    val birthplace: Birthplace?,
    val omocodia: Boolean,
    val issues: List<Issue>,
) {
    /** Whether a finding of [ruleId] was raised. */
    fun has(ruleId: String): Boolean = issues.any { it.ruleId == ruleId }

    override fun toString(): String =
        "DecodedCf(masked=$masked, kind=$kind, isValid=$isValid, sex=$sex, birthDate=$birthDate, " +
            "birthplace=$birthplace, omocodia=$omocodia, issues=${issues.map { it.ruleId }})"
}

/** Codice fiscale: check, decode, encode. */
object CodiceFiscale {
    /** Whether [code] is a valid codice fiscale (16-character personal or 11-digit numeric). */
    @JvmStatic
    fun isValid(code: String): Boolean = guard { cfIsValid(code) }

    /** [isValid] on many codes, in order. */
    @JvmStatic
    fun checkMany(codes: List<String>): List<Boolean> = guard { cfCheckMany(codes) }

    /**
     * Decodes and checks [code]. [referenceDate] fixes the century of the birth year (default
     * today); [naturalPerson] makes an 11-digit code a notice (`CF-016`).
     */
    @JvmStatic
    @JvmOverloads
    @Throws(CartellaException::class)
    fun decode(code: String, referenceDate: LocalDate? = null, naturalPerson: Boolean = false): DecodedCf {
        val d = guard {
            cfDecode(code, CfOptions(referenceDate = referenceDate?.iso(), naturalPerson = naturalPerson))
        }
        return DecodedCf(
            normalized = d.normalized,
            masked = d.masked,
            kind = d.kind,
            isValid = d.isValid,
            sex = d.sex,
            birthDate = d.birthDate.toLocalDateOrNull(),
            birthplace = d.birthplace,
            omocodia = d.omocodia,
            issues = d.issues,
        )
    }

    /**
     * Encodes a personal codice fiscale. [belfiore] is the birthplace's codice catastale (a letter
     * and 3 digits); [omocodia] (0…7) the number of numeric positions replaced by letters.
     * @throws it.cartella.ffi.CartellaException.InvalidArgument for a malformed Belfiore code or
     *   omocodia level.
     */
    @JvmStatic
    @JvmOverloads
    @Throws(CartellaException::class)
    fun encode(surname: String, name: String, birthDate: LocalDate, sex: Sex, belfiore: String, omocodia: Int = 0): String =
        guard { cfEncode(surname, name, birthDate.iso(), sex, belfiore, omocodia) }
}
