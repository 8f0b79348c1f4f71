package it.cartella

import it.cartella.ffi.CartellaException
import it.cartella.ffi.Report
import it.cartella.ffi.ValidatorHandle
import it.cartella.ffi.validateJson
import java.time.LocalDate

/**
 * A validator: options fixed once, reusable and thread-safe — the cheap way to validate many
 * cartelle with the same options.
 */
class Validator @Throws(CartellaException::class) @JvmOverloads constructor(options: ValidationOptions = ValidationOptions.defaults()) : AutoCloseable {
    private val handle: ValidatorHandle = guard { ValidatorHandle(options.toFfi()) }

    /** The validation date in use (the configured one, else today in Europe/Rome). */
    val asOf: LocalDate
        get() = LocalDate.parse(guard { handle.asOf() })

    /** Validates a cartella. */
    @Throws(CartellaException::class)
    fun validate(cartella: Cartella): Report = guard { handle.validate(cartella.handle) }

    /** Reads canonical JSON and validates it. */
    @Throws(CartellaException::class)
    fun validateJson(json: String): Report = guard { handle.validateJson(json) }

    /**
     * Reads and validates many documents in one call into the native library (the boundary is
     * crossed once for the whole batch): one report per document, in order. A document that
     * cannot be read fails the batch ([CartellaException.Parse]).
     */
    @Throws(CartellaException::class)
    fun validateAll(jsons: List<String>): List<Report> = guard { handle.validateJsonMany(jsons) }

    override fun close() = handle.close()

    companion object {
        /** Reads canonical JSON and validates it in one call. */
        @JvmStatic
        @JvmOverloads
        @Throws(CartellaException::class)
        fun validate(json: String, options: ValidationOptions = ValidationOptions.defaults()): Report =
            guard { validateJson(json, options.toFfi()) }
    }
}
