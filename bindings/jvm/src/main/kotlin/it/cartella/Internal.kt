package it.cartella

import it.cartella.ffi.CartellaException
import it.cartella.ffi.InternalException
import java.time.LocalDate
import java.time.format.DateTimeParseException

/**
 * Runs a call into the native library so that only [CartellaException] escapes: a Rust panic
 * (uniffi's [InternalException]) becomes [CartellaException.Internal].
 */
internal inline fun <T> guard(block: () -> T): T =
    try {
        block()
    } catch (e: InternalException) {
        throw CartellaException.Internal(e.message ?: "internal error in the native library")
    }

internal fun LocalDate.iso(): String = toString()

/** An ISO `YYYY-MM-DD` string from the library as a [LocalDate] (null when absent or partial). */
internal fun String?.toLocalDateOrNull(): LocalDate? =
    this?.let {
        try {
            LocalDate.parse(it)
        } catch (e: DateTimeParseException) {
            null
        }
    }
