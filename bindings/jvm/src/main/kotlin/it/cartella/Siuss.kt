package it.cartella

import it.cartella.ffi.CampiOpzionali
import it.cartella.ffi.Canale
import it.cartella.ffi.CartellaException
import it.cartella.ffi.CheckOptions
import it.cartella.ffi.DeriveOptions
import it.cartella.ffi.FlussoHandle
import it.cartella.ffi.FlussoXml
import it.cartella.ffi.HttpResponse
import it.cartella.ffi.IdCaso
import it.cartella.ffi.Issue
import it.cartella.ffi.ModalitaSina
import it.cartella.ffi.ParametriFlussi
import it.cartella.ffi.RegistroInviiHandle
import it.cartella.ffi.Report
import it.cartella.ffi.SelezioneFlussi
import it.cartella.ffi.SuppressionSpec
import it.cartella.ffi.TipoFlusso
import it.cartella.ffi.VoceFlusso
import it.cartella.ffi.VoceRegistro
import it.cartella.ffi.XmlLimits
import java.math.BigDecimal
import java.nio.charset.StandardCharsets
import java.nio.file.Path
import java.time.LocalDate

/**
 * The INPS national flows (`siuss.md`): PS-PSA-SINA and SINBA. Static entry points for Java:
 *
 * ```java
 * DerivationOptions o = DerivationOptions.of("MRCSLV84L59F205D").regioneDm1986("03", "03");
 * Derivazione d = Siuss.derivePeriod(c, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 12, 31), o);
 * for (Flusso f : d.getFlussi()) {
 *     Report r = Siuss.check(f, FlowCheckOptions.defaults().canale(Canale.WAAS));
 *     String xml = f.toXml();
 * }
 * ```
 *
 * Unreadable XML is not an exception ([readXml] gives no flow and the blocking finding); a D
 * record that cannot be derived throws [CartellaException.FlussoNonDerivabile] with the blocking
 * findings; a refused WaaS query throws [CartellaException.Rifiuto] with the `400` response.
 */
object Siuss {
    /** PS-PSA-SINA flows of every D record with a year segment in [dal]..[al]; records that cannot be derived are reported and skipped. */
    @JvmStatic
    @Throws(CartellaException::class)
    fun derivePeriod(cartella: Cartella, dal: LocalDate, al: LocalDate, options: DerivationOptions): Derivazione =
        Derivazione.wrap(guard { it.cartella.ffi.derivePeriod(cartella.handle, dal.iso(), al.iso(), options.toFfi()) })

    /**
     * PS-PSA-SINA flows of the D record [idFase].
     * @throws CartellaException.InvalidArgument no such record, or the record is marked `siuss.escludi`.
     * @throws CartellaException.FlussoNonDerivabile a required value cannot be derived (`issues` say which).
     */
    @JvmStatic
    @Throws(CartellaException::class)
    fun derivePrestazione(cartella: Cartella, idFase: String, options: DerivationOptions): Derivazione =
        Derivazione.wrap(guard { it.cartella.ffi.derivePrestazione(cartella.handle, idFase, options.toFfi()) })

    /** One SINBA element per process having a `scheda_sinba`. */
    @JvmStatic
    @Throws(CartellaException::class)
    fun deriveSinba(cartella: Cartella, options: DerivationOptions): Derivazione =
        Derivazione.wrap(guard { it.cartella.ffi.deriveSinba(cartella.handle, options.toFfi()) })

    /** Reads a flow (UTF-8 or UTF-16 bytes); limits default to the flow limits. */
    @JvmStatic
    @JvmOverloads
    fun readXml(xml: ByteArray, limits: XmlLimits = XmlLimits()): FlussoLetto {
        val r = guard { it.cartella.ffi.readFlussoXml(xml, limits) }
        return FlussoLetto(r.flusso?.let { Flusso(it) }, r.issues)
    }

    /** Reads a flow given as text. */
    @JvmStatic
    fun readXml(xml: String): FlussoLetto = readXml(xml.toByteArray(StandardCharsets.UTF_8))

    /** Runs the INPS checks on a flow (default: channel `UPLOAD`, today). */
    @JvmStatic
    @JvmOverloads
    @Throws(CartellaException::class)
    fun check(flusso: Flusso, options: FlowCheckOptions = FlowCheckOptions.defaults()): Report =
        guard { flusso.handle.check(options.toFfi()) }

    /** Reads a flow file with the streaming reader and checks it item by item (memory independent of the file size). */
    @JvmStatic
    @JvmOverloads
    @Throws(CartellaException::class)
    fun checkFile(path: Path, options: FlowCheckOptions = FlowCheckOptions.defaults()): Report =
        guard { it.cartella.ffi.checkFile(path.toString(), options.toFfi()) }

    // ---- WaaS --------------------------------------------------------------------------------

    /** The `id_flusso` (= flow name) `{codiceEnte}.{PS|SINBA}.{yyyyMMdd}.{progressivo:07}`. */
    @JvmStatic
    @Throws(CartellaException::class)
    fun idFlusso(codiceEnte: String, tipo: TipoFlusso, data: LocalDate, progressivo: Long): String =
        guard { it.cartella.ffi.idFlusso(codiceEnte, tipo, data.iso(), progressivo) }

    /** Validates a raw `GET /flussi` query (`since=0&limit=10`); a bad one throws [CartellaException.Rifiuto]. */
    @JvmStatic
    @Throws(CartellaException::class)
    fun parametriFlussi(query: String): ParametriFlussi = guard { it.cartella.ffi.parametriFlussi(query) }

    /** The `GET /flussi` entry of a flow XML, with its `ts_flusso` in ms since the epoch (not checked). */
    @JvmStatic
    @Throws(CartellaException::class)
    fun voceFromXml(xml: ByteArray, tsFlusso: Long): VoceFlusso = guard { it.cartella.ffi.voceFromXml(xml, tsFlusso) }

    /** A flow XML without a register entry, with its `ts_flusso` (ms since the epoch). */
    @JvmStatic
    fun flussoXml(xml: ByteArray, tsFlusso: Long): FlussoXml = FlussoXml(xml, tsFlusso)

    /** Selects the flows (no register) to return to `GET /flussi`. */
    @JvmStatic
    @Throws(CartellaException::class)
    fun selectFlussiXml(flussi: List<FlussoXml>, parametri: ParametriFlussi): SelezioneFlussi =
        guard { it.cartella.ffi.selectFlussiXml(flussi, parametri) }

    /** `GET /flussi?{query}` on a register: the entries returned move `PRONTO` → `ESPOSTO`. */
    @JvmStatic
    fun getFlussi(query: String, registro: RegistroInvii): HttpResponse =
        guard { it.cartella.ffi.getFlussi(query, registro.handle) }

    /** `POST /esiti` on a register: `204`, or `400` when the body is not usable. */
    @JvmStatic
    fun postEsiti(body: ByteArray, registro: RegistroInvii): HttpResponse =
        guard { it.cartella.ffi.postEsiti(body, registro.handle) }

    /** `POST /esiti` with a text body. */
    @JvmStatic
    fun postEsiti(body: String, registro: RegistroInvii): HttpResponse =
        postEsiti(body.toByteArray(StandardCharsets.UTF_8), registro)

    /** The pseudonymous SINBA `IDBeneficiario` of a case (`privacy.md` §3); [chiave] at least 32 bytes. */
    @JvmStatic
    @Throws(CartellaException::class)
    fun idBeneficiarioSinba(belfiore: String, idCaso: String, chiave: ByteArray): String =
        guard { it.cartella.ffi.idBeneficiarioSinba(belfiore, idCaso, chiave) }
}

/**
 * A PS-PSA-SINA or SINBA flow. Immutable; holds native memory ([close] it or let the garbage
 * collector release it). Equality compares every attribute.
 */
class Flusso internal constructor(internal val handle: FlussoHandle) : AutoCloseable {
    /** Which flow this is. */
    val tipo: TipoFlusso
        get() = guard { handle.tipo() }

    /** `IdentificazioneFlusso/@Nome` (= WaaS `id_flusso`), null when absent. */
    val nome: String?
        get() = guard { handle.nome() }

    /** Number of items: `Beneficiario` (PS-PSA-SINA) or `SINBA` elements. */
    val items: Long
        get() = guard { handle.items() }

    /** The XML (INPS format). */
    fun toXml(): String = guard { handle.toXml() }

    /** The JSON (the spec's `snake_case` names), compact. */
    @Throws(CartellaException::class)
    fun toJson(): String = guard { handle.toJson() }

    /** The JSON, indented. */
    @Throws(CartellaException::class)
    fun toJsonPretty(): String = guard { handle.toJsonPretty() }

    override fun equals(other: Any?): Boolean = other is Flusso && guard { handle.sameAs(other.handle) }

    override fun hashCode(): Int = toXml().hashCode()

    override fun toString(): String = "Flusso(tipo=$tipo, nome=$nome, items=$items)"

    override fun close() = handle.close()

    companion object {
        /** A flow from its JSON. */
        @JvmStatic
        @Throws(CartellaException::class)
        fun fromJson(json: String): Flusso = Flusso(guard { FlussoHandle.fromJson(json) })
    }
}

/** Result of a derivation: the flows and the findings (on the cartella, then on the flows). */
class Derivazione(val flussi: List<Flusso>, val report: Report) {
    override fun toString(): String = "Derivazione(flussi=${flussi.size}, issues=${report.issues.size})"

    internal companion object {
        fun wrap(d: it.cartella.ffi.Derivazione): Derivazione = Derivazione(d.flussi.map { Flusso(it) }, d.report)
    }
}

/** The flow read (null when the input is unreadable) and the reader's findings. */
class FlussoLetto(val flusso: Flusso?, val issues: List<Issue>) {
    /** Whether a finding of [ruleId] was raised. */
    fun has(ruleId: String): Boolean = issues.any { it.ruleId == ruleId }
}

/**
 * The parts of an `id_flusso` read with the lenient form.
 * @property data the creation date.
 */
class IdFlusso(val codiceEnte: String, val tipo: TipoFlusso, val data: LocalDate, val progressivo: Long) {
    /** The id in the write form. */
    @Throws(CartellaException::class)
    fun write(): String = Siuss.idFlusso(codiceEnte, tipo, data, progressivo)

    override fun equals(other: Any?): Boolean =
        other is IdFlusso && other.codiceEnte == codiceEnte && other.tipo == tipo && other.data == data &&
            other.progressivo == progressivo

    override fun hashCode(): Int = listOf(codiceEnte, tipo, data, progressivo).hashCode()

    override fun toString(): String = "IdFlusso(codiceEnte=$codiceEnte, tipo=$tipo, data=$data, progressivo=$progressivo)"

    companion object {
        /** Parses an `id_flusso` (lenient read form, e.g. `H501.PS.INPS.20160423.115235`); null when it does not match. */
        @JvmStatic
        fun parse(id: String): IdFlusso? =
            guard { it.cartella.ffi.parseIdFlusso(id) }?.let {
                IdFlusso(it.codiceEnte, it.tipo, LocalDate.parse(it.data), it.progressivo)
            }
    }
}

/**
 * The send register of the WaaS API, kept by the caller: persist it with [toJson] (it holds
 * personal data), read it back with [fromJson]. Thread-safe; holds native memory.
 */
class RegistroInvii private constructor(internal val handle: RegistroInviiHandle) : AutoCloseable {
    /** An empty register. */
    constructor() : this(RegistroInviiHandle())

    /** The register as JSON. */
    @Throws(CartellaException::class)
    fun toJson(): String = guard { handle.toJson() }

    /** Number of entries. */
    val size: Long
        get() = guard { handle.size() }

    /** The entries, in creation order. */
    val voci: List<VoceRegistro>
        get() = guard { handle.voci() }

    /** The entry of a flow, null when absent. */
    fun voce(idFlusso: String): VoceRegistro? = guard { handle.voce(idFlusso) }

    /**
     * Adds a `PRONTO` entry for a flow carrying one record (its name is the `id_flusso`, its XML
     * is written now); [nowMs] is the clock reading (null: now). Returns the `ts_flusso` (ms).
     */
    @JvmOverloads
    @Throws(CartellaException::class)
    fun add(flusso: Flusso, nowMs: Long? = null): Long = guard { handle.add(flusso.handle, nowMs) }

    /** Checks the register (`SIUSS-WAAS-001`, `-002`, `-006`, `-011`). */
    fun check(): List<Issue> = guard { handle.check() }

    override fun close() = handle.close()

    companion object {
        /** A register read back from its JSON. */
        @JvmStatic
        @Throws(CartellaException::class)
        fun fromJson(json: String): RegistroInvii = RegistroInvii(guard { RegistroInviiHandle.fromJson(json) })
    }
}

/**
 * Options of the derivation (`siuss.md` §8.1): immutable, built fluently from the operator's
 * codice fiscale, the only required value.
 *
 * ```java
 * DerivationOptions o = DerivationOptions.of("MRCSLV84L59F205D")
 *     .canale(Canale.UPLOAD).dataRiferimento(LocalDate.of(2024, 12, 31))
 *     .chiaveHmac(key).regioneDm1986("03", "03");
 * ```
 */
class DerivationOptions private constructor(private val o: DeriveOptions) {
    private fun with(f: DeriveOptions.() -> DeriveOptions) = DerivationOptions(o.f())

    /** Channel (default `WAAS`: one flow per prestazione / per minor; `UPLOAD`: one per ente). */
    fun canale(canale: Canale): DerivationOptions = with { copy(canale = canale) }

    /** Reference date (year segments, age bands); null = today in Europe/Rome. */
    fun dataRiferimento(date: LocalDate?): DerivationOptions = with { copy(dataRiferimento = date?.iso()) }

    /** Creation date written in flow names; null = today in Europe/Rome. */
    fun dataCreazione(date: LocalDate?): DerivationOptions = with { copy(dataCreazione = date?.iso()) }

    /** First daily progressive of the flow names (default 1). */
    fun progressivo(first: Long): DerivationOptions = with { copy(progressivo = first) }

    /** Tolerance of the quota sum rule (default 0). */
    fun tolleranzaQuote(tolerance: BigDecimal): DerivationOptions = with { copy(tolleranzaQuote = tolerance.toPlainString()) }

    /** Cut names longer than 36 characters with a warning (default true) instead of failing. */
    fun troncamentoNomi(cut: Boolean): DerivationOptions = with { copy(troncamentoNomi = cut) }

    /** SINA block policy (default `AUTO`). */
    fun sina(sina: ModalitaSina): DerivationOptions = with { copy(sina = sina) }

    /** The ente's secret key for SINBA ids (at least 32 bytes; copied). */
    fun chiaveHmac(key: ByteArray): DerivationOptions = with { copy(chiaveHmac = key.copyOf()) }

    /** Case id hashed into `IDBeneficiario` (default `CARTELLA`). */
    fun idCaso(idCaso: IdCaso): DerivationOptions = with { copy(idCaso = idCaso) }

    /** Optional attributes (default `SE_PRESENTI`; `SOLO_OBBLIGATORI` for data minimisation). */
    fun campiOpzionali(campi: CampiOpzionali): DerivationOptions = with { copy(campiOpzionali = campi) }

    /** Maps the ISTAT region [istat] to the DM 1986 region code [dm1986] (no identity default). */
    fun regioneDm1986(istat: String, dm1986: String): DerivationOptions =
        with { copy(regioniDm1986 = regioniDm1986 + (istat to dm1986)) }

    /** Suppresses findings of [ruleId] under [pathPrefix] with a mandatory [reason]. */
    fun suppress(ruleId: String, pathPrefix: String, reason: String): DerivationOptions =
        with { copy(suppressions = suppressions + SuppressionSpec(ruleId, pathPrefix, reason)) }

    /** Code lists and concept maps (null = the standard registry). */
    fun registry(registry: Registry?): DerivationOptions = with { copy(registry = registry?.handle) }

    internal fun toFfi(): DeriveOptions = o

    override fun toString(): String =
        "DerivationOptions(canale=${o.canale}, dataRiferimento=${o.dataRiferimento}, dataCreazione=${o.dataCreazione}, " +
            "progressivo=${o.progressivo}, chiaveHmac=${if (o.chiaveHmac != null) "***" else "null"})"

    companion object {
        /** Default options with the operator's codice fiscale (`Ente/@CFOperatore`). */
        @JvmStatic
        fun of(cfOperatore: String): DerivationOptions = DerivationOptions(DeriveOptions(cfOperatore = cfOperatore))
    }
}

/**
 * Options of the INPS checks of a flow: immutable, built fluently.
 *
 * ```java
 * FlowCheckOptions o = FlowCheckOptions.defaults().canale(Canale.WAAS).asOf(LocalDate.of(2024, 12, 31));
 * ```
 */
class FlowCheckOptions private constructor(private val o: CheckOptions) {
    private fun with(f: CheckOptions.() -> CheckOptions) = FlowCheckOptions(o.f())

    /** Channel the flow is meant for (default `UPLOAD`: no single-item limit). */
    fun canale(canale: Canale): FlowCheckOptions = with { copy(canale = canale) }

    /** Reference date; null = today in Europe/Rome. */
    fun asOf(date: LocalDate?): FlowCheckOptions = with { copy(asOf = date?.iso()) }

    /** Tolerance of the quota sum rule (default 0). */
    fun tolleranzaQuote(tolerance: BigDecimal): FlowCheckOptions = with { copy(tolleranzaQuote = tolerance.toPlainString()) }

    /** Suppresses findings of [ruleId] under [pathPrefix] with a mandatory [reason]. */
    fun suppress(ruleId: String, pathPrefix: String, reason: String): FlowCheckOptions =
        with { copy(suppressions = suppressions + SuppressionSpec(ruleId, pathPrefix, reason)) }

    /** Code lists (null = the standard registry). */
    fun registry(registry: Registry?): FlowCheckOptions = with { copy(registry = registry?.handle) }

    internal fun toFfi(): CheckOptions = o

    override fun toString(): String = "FlowCheckOptions(canale=${o.canale}, asOf=${o.asOf})"

    companion object {
        /** Channel `UPLOAD`, today, no tolerance, no suppression, standard code lists. */
        @JvmStatic
        fun defaults(): FlowCheckOptions = FlowCheckOptions(CheckOptions())
    }
}
