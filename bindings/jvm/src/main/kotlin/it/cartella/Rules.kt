package it.cartella

import it.cartella.ffi.CartellaException
import it.cartella.ffi.Profile
import it.cartella.ffi.RuleInfo
import it.cartella.ffi.Sample
import it.cartella.ffi.Severity
import it.cartella.ffi.rules
import it.cartella.ffi.sample
import it.cartella.ffi.samples
import java.time.LocalDate

/** One rule of the catalogue. */
data class Rule(
    val id: String,
    val severity: Severity,
    val profile: Profile,
    val ruleset: String,
    val validFrom: LocalDate?,
    val validTo: LocalDate?,
    val source: List<String>,
    val reference: String,
    val description: String,
    val messageIt: String,
    val messageEn: String,
    val params: List<String>,
    /** `xml`, `canonical`, `siuss` or `waas`. */
    val stage: String,
    /** Whether this version implements the rule. */
    val implemented: Boolean,
) {
    internal companion object {
        fun of(r: RuleInfo) = Rule(
            r.id, r.severity, r.profile, r.ruleset, r.validFrom.toLocalDateOrNull(), r.validTo.toLocalDateOrNull(),
            r.source, r.reference, r.description, r.messageIt, r.messageEn, r.params, r.stage, r.implemented,
        )
    }
}

/** The rule catalogue. */
object Rules {
    /** Every rule, in catalogue order. */
    @JvmStatic
    fun all(): List<Rule> = guard { rules() }.map(Rule::of)

    /** One rule. @throws it.cartella.ffi.CartellaException.UnknownRule */
    @JvmStatic
    @Throws(CartellaException::class)
    fun explain(ruleId: String): Rule = Rule.of(guard { it.cartella.ffi.explain(ruleId) })
}

/** The embedded sample cartelle. */
object Samples {
    /** Every sample: the valid ones first. */
    @JvmStatic
    fun all(): List<Sample> = guard { samples() }

    /** Names of the samples. */
    @JvmStatic
    fun names(): List<String> = all().map { it.name }

    /** One sample. @throws it.cartella.ffi.CartellaException.InvalidArgument for an unknown name. */
    @JvmStatic
    @Throws(CartellaException::class)
    fun get(name: String): Sample =
        guard { sample(name) } ?: throw CartellaException.InvalidArgument(
            "invalid argument name: no sample named $name", "name",
        )
}

/** Library information. */
object CartellaLibrary {
    /** Version of the library. */
    @JvmStatic
    fun version(): String = guard { it.cartella.ffi.version() }

    /** Version of the canonical model (`versione_modello`). */
    @JvmStatic
    fun modelVersion(): String = guard { it.cartella.ffi.modelVersion() }
}
