package it.cartella

import it.cartella.ffi.CartellaException
import it.cartella.ffi.CodeCheck
import it.cartella.ffi.CodeEntry
import it.cartella.ffi.CodeTable
import it.cartella.ffi.RegistryHandle
import it.cartella.ffi.TableKind
import it.cartella.ffi.codeLabel
import it.cartella.ffi.codeList
import java.time.LocalDate

/** One code of a table, with its validity period. */
data class Code @JvmOverloads constructor(
    val code: String,
    val label: String? = null,
    val validFrom: LocalDate? = null,
    val validTo: LocalDate? = null,
) {
    internal fun toFfi() = CodeEntry(code, label, validFrom?.iso(), validTo?.iso())

    internal companion object {
        fun of(e: CodeEntry) = Code(e.code, e.label, e.validFrom.toLocalDateOrNull(), e.validTo.toLocalDateOrNull())
    }
}

/** A code table: system (OID or library name), name, kind and codes in file order. */
data class CodeList(val system: String, val name: String?, val kind: TableKind, val codes: List<Code>) {
    /** The entry of [code], or null. */
    fun get(code: String): Code? = codes.firstOrNull { it.code == code }

    internal companion object {
        fun of(t: CodeTable) = CodeList(t.system, t.name, t.kind, t.entries.map(Code::of))
    }
}

/** Lookups in the standard code lists. */
object CodeLists {
    /** Label of [code] in [system] (standard registry), or null. */
    @JvmStatic
    fun label(system: String, code: String): String? = guard { codeLabel(system, code) }

    /**
     * The table of [system] in the standard registry.
     * @throws it.cartella.ffi.CartellaException.UnknownCodeSystem when there is none.
     */
    @JvmStatic
    @Throws(CartellaException::class)
    fun list(system: String): CodeList = CodeList.of(guard { codeList(system) })
}

/**
 * A code registry: the standard code lists plus the tables registered on it. Give it to a
 * validation ([ValidationOptions.registry]): registering a table for an open regional system turns
 * `CSI-COD-004` (notice) into membership checking (`CSI-COD-003`). Thread-safe.
 */
class Registry private constructor(internal val handle: RegistryHandle) : AutoCloseable {
    /** Registers (or replaces) the table of [system] from code → label pairs. */
    @Throws(CartellaException::class)
    fun registerTable(system: String, codes: Map<String, String?>): Registry = apply {
        guard { handle.registerTable(system, codes.map { (c, l) -> CodeEntry(c, l, null, null) }) }
    }

    /** Registers (or replaces) the table of [system] from full entries (with validity dates). */
    @Throws(CartellaException::class)
    fun registerCodes(system: String, codes: List<Code>): Registry = apply {
        guard { handle.registerTable(system, codes.map(Code::toFfi)) }
    }

    /** Registers the tables of a CSV `code,label,system,source[,valido_dal,valido_al]`; returns the systems. */
    @Throws(CartellaException::class)
    fun registerCsv(csv: String): List<String> = guard { handle.registerCsv(csv) }

    /** Registers the concept maps of a CSV (the format of `codelists.md`). */
    @Throws(CartellaException::class)
    fun registerMapsCsv(csv: String): Registry = apply { guard { handle.registerMapsCsv(csv) } }

    /** Registers the Lombardy ATS seed list. */
    @Throws(CartellaException::class)
    fun registerSeedAts(): Registry = apply { guard { handle.registerSeedAts() } }

    /** Registers a concept map [sourceSystem] → [targetSystem]. */
    fun registerMap(sourceSystem: String, targetSystem: String, pairs: Map<String, String>): Registry = apply {
        guard { handle.registerMap(sourceSystem, targetSystem, pairs) }
    }

    /** Translates [code] through a registered concept map, or null. */
    fun translate(sourceSystem: String, code: String, targetSystem: String): String? =
        guard { handle.translate(sourceSystem, code, targetSystem) }

    /** Label of [code] in [system], or null. */
    fun label(system: String, code: String): String? = guard { handle.label(system, code) }

    /** Entry of [code] in [system], or null. */
    fun lookup(system: String, code: String): Code? = guard { handle.lookup(system, code) }?.let(Code::of)

    /** The table of [system]. @throws it.cartella.ffi.CartellaException.UnknownCodeSystem */
    @Throws(CartellaException::class)
    fun table(system: String): CodeList = CodeList.of(guard { handle.table(system) })

    /** Systems that have a table, sorted. */
    val systems: List<String>
        get() = guard { handle.systems() }

    /** Open regional systems (OID → meaning). */
    val openSystems: Map<String, String>
        get() = guard { handle.openSystems() }

    /** Whether [system] is open (no registered table). */
    fun isOpen(system: String): Boolean = guard { handle.isOpen(system) }

    /** Checks [code] of [system], optionally at a date. */
    @JvmOverloads
    @Throws(CartellaException::class)
    fun check(system: String, code: String, at: LocalDate? = null): CodeCheck = guard { handle.check(system, code, at?.iso()) }

    override fun close() = handle.close()

    companion object {
        /** The standard registry (every closed list, open systems without tables). */
        @JvmStatic
        fun standard(): Registry = Registry(guard { RegistryHandle.standard() })

        /** An empty registry. */
        @JvmStatic
        fun empty(): Registry = Registry(guard { RegistryHandle.empty() })
    }
}
