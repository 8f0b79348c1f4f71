package it.cartella

import it.cartella.ffi.CaseInfo
import it.cartella.ffi.CartellaException
import it.cartella.ffi.DocumentOptions
import it.cartella.ffi.ManifestHandle
import it.cartella.ffi.Outcome
import it.cartella.ffi.Profile
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.time.LocalDate

/**
 * The conformance manifest (`conformance/manifest.json`, `docs/src/conformance.md`): a
 * language-neutral corpus of cases run the same way by every binding. `AutoCloseable` (the native
 * handle); thread-safe.
 *
 * ```java
 * try (ConformanceManifest m = ConformanceManifest.fromPath(Path.of("conformance/manifest.json"))) {
 *     for (ConformanceCase c : m.getCases()) {
 *         if (!c.getActive()) continue;
 *         Outcome o = c.run(Files.readAllBytes(m.inputOf(c)));
 *         System.out.println(c.getId() + " " + (o.getPassed() ? "ok" : o.getDifference()));
 *     }
 * }
 * ```
 *
 * @property directory the directory case inputs are relative to (null for [fromJson]).
 */
class ConformanceManifest private constructor(
    internal val handle: ManifestHandle,
    val directory: Path?,
) : AutoCloseable {
    /** Format version (`versione`). */
    val version: Int
        get() = guard { handle.version() }.toInt()

    /** Every case, in file order (drafts included: filter on [ConformanceCase.active]). */
    val cases: List<ConformanceCase> by lazy { guard { handle.cases() }.map { ConformanceCase(this, it) } }

    /** The case with this id, or null. */
    fun findCase(id: String): ConformanceCase? = cases.firstOrNull { it.id == id }

    /** The input file of [case], resolved against [directory] (or the working directory). */
    fun inputOf(case: ConformanceCase): Path =
        directory?.resolve(case.input) ?: Path.of(case.input)

    override fun close() = handle.close()

    override fun toString(): String = "ConformanceManifest(version=$version, cases=${cases.size})"

    companion object {
        /**
         * Reads and checks a manifest (unique ids, real dates, relative inputs, options of the
         * right shape, format version).
         * @throws CartellaException.InvalidArgument (name `manifest`) every problem, one per line.
         */
        @JvmStatic
        @Throws(CartellaException::class)
        fun fromJson(json: String): ConformanceManifest = ConformanceManifest(guard { ManifestHandle.fromJson(json) }, null)

        /** Reads the manifest file at [path]; case inputs are then relative to its directory. */
        @JvmStatic
        @Throws(CartellaException::class, java.io.IOException::class)
        fun fromPath(path: Path): ConformanceManifest {
            val text = String(Files.readAllBytes(path), StandardCharsets.UTF_8)
            return ConformanceManifest(guard { ManifestHandle.fromJson(text) }, path.toAbsolutePath().parent)
        }
    }
}

/**
 * One case of a [ConformanceManifest]: what the manifest says about it, and [run].
 */
class ConformanceCase internal constructor(
    private val manifest: ConformanceManifest,
    private val info: CaseInfo,
) {
    /** Unique id (`^[a-z0-9][a-z0-9-]*$`). */
    val id: String get() = info.id

    /** What the case shows (not compared). */
    val description: String get() = info.description

    /** The case kind, e.g. `documento`, `waas_query`. */
    val kind: String get() = info.kind

    /** The input file, relative to the manifest's directory (`/`-separated). */
    val input: String get() = info.input

    /** Free tags. */
    val tags: List<String> get() = info.tags

    /** `attivo` (run) or `bozza` (draft, not run). */
    val status: String get() = info.status

    /** Whether runners run the case. */
    val active: Boolean get() = info.active

    /** Profiles to validate with, cumulatively. */
    val profile: Profile get() = info.profile

    /** Validation date. */
    val asOf: LocalDate get() = LocalDate.parse(info.asOf)

    /** Kind-specific options as JSON text (null = defaults). */
    val optionsJson: String? get() = info.optionsJson

    /** The options of a `documento` case, typed (null for other kinds). */
    val documentOptions: DocumentOptions? get() = info.documentOptions

    /** The expected outcome (`atteso`; its `difference` is null). */
    val expected: Outcome get() = info.expected

    /**
     * The [Documents.validate] options of a `documento` case: [profile], [asOf], the code tables
     * and concept maps of its options registered on the standard registry, the reference data.
     * (The INPS-flow options [DocumentOptions.canale] and [DocumentOptions.registroJson] have no
     * equivalent: [Documents.validate] checks flows on the `UPLOAD` channel without a register.)
     */
    @Throws(CartellaException::class)
    fun validationOptions(): ValidationOptions {
        var o = ValidationOptions.defaults().profile(profile).asOf(asOf)
        val d = documentOptions ?: return o
        if (d.tablesCsv.isNotEmpty() || d.mapsCsv.isNotEmpty()) {
            val registry = Registry.standard()
            d.tablesCsv.forEach { registry.registerCsv(it) }
            d.mapsCsv.forEach { registry.registerMapsCsv(it) }
            o = o.registry(registry)
        }
        if (d.referenceData == false) o = o.referenceData(false)
        return o
    }

    /**
     * Runs the case on its input bytes (the core's `conformita::esegui`) and compares the result
     * with [expected]: the actual outcome, `passed` when it matches.
     * @throws CartellaException.InvalidArgument (name `case`) the case cannot run at all
     *   (malformed options, an input that is not of the kind's format).
     */
    @Throws(CartellaException::class)
    fun run(input: ByteArray): Outcome = guard { manifest.handle.runCase(info.id, input) }

    override fun toString(): String = "ConformanceCase(id=$id, kind=$kind, status=$status)"
}
