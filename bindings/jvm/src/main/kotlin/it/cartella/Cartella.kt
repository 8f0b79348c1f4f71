package it.cartella

import it.cartella.ffi.AssistitoInfo
import it.cartella.ffi.CartellaException
import it.cartella.ffi.CartellaHandle
import it.cartella.ffi.EnteInfo
import it.cartella.ffi.Issue
import it.cartella.ffi.ProcessoInfo
import it.cartella.ffi.ReplayResult
import it.cartella.ffi.Report
import it.cartella.ffi.newCartella
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

/**
 * A cartella sociale, loaded from canonical JSON. Thread-safe; lifecycle events change it in
 * place. Holds native memory: [close] it (try-with-resources / `use`) or let the garbage
 * collector release it.
 *
 * ```java
 * try (Cartella c = Cartella.fromJson(json)) {
 *     Report report = c.validate();
 *     for (Issue i : report.getIssues()) System.out.println(i.getRuleId() + " " + i.getMessageEn());
 * }
 * ```
 *
 * Failures throw [CartellaException] (one subclass per kind: `Parse`, `InvalidArgument`,
 * `IllegalTransition`, …); the methods that can fail declare it (`@Throws`) for Java.
 */
class Cartella private constructor(internal val handle: CartellaHandle) : AutoCloseable {
    /** The canonical JSON (compact). */
    fun toJson(): String = guard { handle.toJson() }

    /** The canonical JSON, indented. */
    fun toJsonPretty(): String = guard { handle.toJsonPretty() }

    /**
     * The canonical JSON of the part at a JSON Pointer (`""`, `/assistito`, `/processi/0/fasi/1`…).
     * @throws it.cartella.ffi.CartellaException.InvalidArgument when nothing is there.
     */
    @Throws(CartellaException::class)
    fun sectionJson(pointer: String): String = guard { handle.sectionJson(pointer) }

    /** `id_cartella`. */
    val idCartella: String
        get() = guard { handle.idCartella() }

    /** The ente titolare. */
    val enteTitolare: EnteInfo
        get() = guard { handle.enteTitolare() }

    /** The assistito (dates as written: the model allows a precision coarser than a day). */
    val assistito: AssistitoInfo
        get() = guard { handle.assistito() }

    /** The processi di aiuto with their replayed state and phase headers. */
    val processi: List<ProcessoInfo>
        get() = guard { handle.processi() }

    /** Validates the cartella (default: profile `GUIDELINE`, today, standard code lists). */
    @JvmOverloads
    @Throws(CartellaException::class)
    fun validate(options: ValidationOptions = ValidationOptions.defaults()): Report =
        guard { handle.validate(options.toFfi()) }

    // ---- lifecycle ---------------------------------------------------------------------------

    /** Current state of process [idProcesso], replayed from its records (`INIZIALE`, `ACCESSO`, … `CHIUSO`). */
    @Throws(CartellaException::class)
    fun currentState(idProcesso: String): String = guard { handle.currentState(idProcesso) }

    /** Event kinds allowed now on process [idProcesso] (`AVVIA_VALUTAZIONE`, `CHIUDI_ACCESSO`, …). */
    @Throws(CartellaException::class)
    fun allowedTransitions(idProcesso: String): List<String> = guard { handle.allowedTransitions(idProcesso) }

    /**
     * Applies [event] to process [idProcesso]. Returns the soft-guard warnings; a refused event
     * throws [it.cartella.ffi.CartellaException.IllegalTransition] (with `getRuleId()`) and leaves
     * the cartella unchanged.
     */
    @Throws(CartellaException::class)
    fun applyEvent(idProcesso: String, event: Event): List<Issue> =
        guard { handle.applyEvent(idProcesso, event.toFfi(), event.data(), event.strict) }

    /**
     * `NUOVO_ACCESSO`: creates process [idProcesso] opening the access record of [event] (made
     * with [Event.apriAccesso]). Refused with `CSI-LCY-009` while another process is open.
     */
    @Throws(CartellaException::class)
    fun newAccess(idProcesso: String, event: Event): List<Issue> =
        guard {
            val e = event.toFfi()
            handle.newAccess(
                idProcesso,
                e.idFase ?: throw CartellaException.InvalidArgument(
                    "invalid argument id_fase: required by this event", "id_fase",
                ),
                event.data(),
                e.recordJson,
                event.strict,
            )
        }

    /** Replays process [idProcesso] from its phase records: state and lifecycle findings. */
    @Throws(CartellaException::class)
    fun replay(idProcesso: String): ReplayResult = guard { handle.replay(idProcesso) }

    /** An independent copy. */
    fun copy(): Cartella = Cartella(guard { handle.copy() })

    /** Releases the native memory now. */
    override fun close() = handle.close()

    override fun toString(): String = "Cartella(${guard { handle.idCartella() }})"

    companion object {
        /**
         * Reads a cartella from canonical JSON.
         * @throws it.cartella.ffi.CartellaException.Parse on malformed JSON.
         */
        @JvmStatic
        @Throws(CartellaException::class)
        fun fromJson(json: String): Cartella = Cartella(guard { CartellaHandle.fromJson(json) })

        /** Reads a cartella from a UTF-8 canonical JSON file. */
        @JvmStatic
        @Throws(CartellaException::class, java.io.IOException::class)
        fun fromPath(path: Path): Cartella =
            fromJson(String(Files.readAllBytes(path), StandardCharsets.UTF_8))

        /**
         * One of the embedded samples ([Samples.names]).
         * @throws it.cartella.ffi.CartellaException.InvalidArgument for an unknown name.
         */
        @JvmStatic
        @Throws(CartellaException::class)
        fun fromSample(name: String): Cartella = fromJson(Samples.get(name).json)

        /**
         * A new cartella without processes (for the lifecycle API): [idCartella], the ente
         * titolare and the assistito as canonical JSON objects.
         */
        @JvmStatic
        @Throws(CartellaException::class)
        fun create(idCartella: String, enteTitolareJson: String, assistitoJson: String): Cartella =
            Cartella(guard { newCartella(idCartella, enteTitolareJson, assistitoJson) })

        /** Wraps a handle of the generated bindings. */
        @JvmStatic
        fun wrap(handle: CartellaHandle): Cartella = Cartella(handle)
    }
}
