package it.cartella

import it.cartella.ffi.CartellaException
import it.cartella.ffi.DocumentResult
import it.cartella.ffi.validateDocument
import java.nio.file.Files
import java.nio.file.Path

/**
 * Documents of any supported format, the kind detected from the content: canonical JSON (a
 * cartella or an interscambio message), interscambio XML (request or acknowledgement), INPS flows
 * (PS-PSA-SINA, SINBA). The same function as `cartella validate` and `cartella conformance run`.
 *
 * ```java
 * DocumentResult r = Documents.validate(bytes, ValidationOptions.defaults().asOf(LocalDate.of(2025, 1, 1)));
 * r.getKind();      // DocumentKind.INTERSCAMBIO_XML, ...
 * r.getReport();    // null when the document could not be read: then getError() says why
 * r.getIssues();    // the report's findings, or the reader's
 * ```
 */
object Documents {
    /**
     * Reads and validates one document (INPS flows are checked on the `UPLOAD` channel with the
     * options' date and suppressions). An unreadable document is not an exception: the result
     * has no report and an error message.
     * @throws CartellaException.InvalidArgument malformed options (e.g. an empty suppression reason).
     */
    @JvmStatic
    @JvmOverloads
    @Throws(CartellaException::class)
    fun validate(bytes: ByteArray, options: ValidationOptions = ValidationOptions.defaults()): DocumentResult =
        guard { validateDocument(bytes, options.toFfi()) }

    /** Reads the file at [path] and validates it like [validate]. */
    @JvmStatic
    @JvmOverloads
    @Throws(CartellaException::class, java.io.IOException::class)
    fun validate(path: Path, options: ValidationOptions = ValidationOptions.defaults()): DocumentResult =
        validate(Files.readAllBytes(path), options)
}
