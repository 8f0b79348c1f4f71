package it.cartella

import it.cartella.ffi.Report
import it.cartella.ffi.ValidatorHandle
import it.cartella.ffi.validateJson
import java.time.LocalDate

/**
 * A validator: options fixed once, reusable and thread-safe — the cheap way to validate many
 * cartelle with the same options.
 */
class Validator @JvmOverloads constructor(options: ValidationOptions = ValidationOptions.defaults()) : AutoCloseable {
    private val handle: ValidatorHandle = guard { ValidatorHandle(options.toFfi()) }

    /** The validation date in use (the configured one, else today in Europe/Rome). */
    val asOf: LocalDate
        get() = LocalDate.parse(guard { handle.asOf() })

    /** Validates a cartella. */
    fun validate(cartella: Cartella): Report = guard { handle.validate(cartella.handle) }

    /** Reads canonical JSON and validates it. */
    fun validateJson(json: String): Report = guard { handle.validateJson(json) }

    override fun close() = handle.close()

    companion object {
        /** Reads canonical JSON and validates it in one call. */
        @JvmStatic
        @JvmOverloads
        fun validate(json: String, options: ValidationOptions = ValidationOptions.defaults()): Report =
            guard { validateJson(json, options.toFfi()) }
    }
}
