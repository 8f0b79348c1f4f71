package it.cartella

import it.cartella.ffi.Profile
import it.cartella.ffi.SuppressionSpec
import it.cartella.ffi.ValidateOptions
import java.time.LocalDate

/**
 * Options of a validation: immutable, built fluently.
 *
 * ```java
 * ValidationOptions options = ValidationOptions.defaults()
 *     .profile(Profile.SIUSS)
 *     .asOf(LocalDate.of(2025, 1, 15))
 *     .suppress("CSI-COD-004", "", "open regional systems are expected");
 * ```
 *
 * @property profile profiles to run, cumulatively: `SCHEMA`; `GUIDELINE` = schema + guideline
 *   (the default); `SIUSS` = all three.
 * @property asOf validation date (rule sets in force, "future date" checks); null = today in
 *   Europe/Rome.
 * @property suppressions findings moved to [it.cartella.ffi.Report.suppressed].
 * @property registry code lists with registered tables; null = the standard registry.
 * @property referenceData whether the embedded reference data (comuni, foreign states) are used;
 *   `false` turns the checks needing them into notices (`CF-018`). Default `true`.
 */
class ValidationOptions private constructor(
    val profile: Profile,
    val asOf: LocalDate?,
    val suppressions: List<SuppressionSpec>,
    val registry: Registry?,
    val referenceData: Boolean = true,
) {
    /** The same options with another (cumulative) profile. */
    fun profile(profile: Profile): ValidationOptions = ValidationOptions(profile, asOf, suppressions, registry, referenceData)

    /** The same options validating as of [date] (null = today). */
    fun asOf(date: LocalDate?): ValidationOptions = ValidationOptions(profile, date, suppressions, registry, referenceData)

    /** The same options with or without the embedded reference data. */
    fun referenceData(enabled: Boolean): ValidationOptions = ValidationOptions(profile, asOf, suppressions, registry, enabled)

    /**
     * The same options plus a suppression: findings of [ruleId] whose path starts with the JSON
     * Pointer [pathPrefix] (`""` = everywhere) are moved to `suppressed` with [reason]
     * (mandatory). An unknown rule id or an empty reason fails at validation time with
     * [it.cartella.ffi.CartellaException.UnknownRule] / `InvalidArgument`.
     */
    fun suppress(ruleId: String, pathPrefix: String, reason: String): ValidationOptions =
        ValidationOptions(profile, asOf, suppressions + SuppressionSpec(ruleId, pathPrefix, reason), registry, referenceData)

    /** The same options with a code registry (null = the standard one). */
    fun registry(registry: Registry?): ValidationOptions = ValidationOptions(profile, asOf, suppressions, registry, referenceData)

    internal fun toFfi(): ValidateOptions =
        ValidateOptions(
            profile = profile,
            asOf = asOf?.iso(),
            suppressions = suppressions,
            registry = registry?.handle,
            referenceData = referenceData,
        )

    override fun toString(): String =
        "ValidationOptions(profile=$profile, asOf=$asOf, suppressions=${suppressions.size}, registry=${registry != null}, referenceData=$referenceData)"

    companion object {
        /** Profile `GUIDELINE` (schema + guideline), today, no suppression, standard code lists. */
        @JvmStatic
        fun defaults(): ValidationOptions = ValidationOptions(Profile.GUIDELINE, null, emptyList(), null)
    }
}
