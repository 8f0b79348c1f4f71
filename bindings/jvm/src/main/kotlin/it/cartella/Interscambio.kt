package it.cartella

import it.cartella.ffi.AckHandle
import it.cartella.ffi.AckOptions
import it.cartella.ffi.AckReadResult
import it.cartella.ffi.CartellaException
import it.cartella.ffi.Identifier
import it.cartella.ffi.Issue
import it.cartella.ffi.MessageHandle
import it.cartella.ffi.ReadResult
import it.cartella.ffi.Report
import it.cartella.ffi.WriteOptions
import it.cartella.ffi.WrittenMessage
import it.cartella.ffi.XmlLimits
import java.nio.charset.StandardCharsets
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter

/**
 * The HL7 v3 interscambio (`interscambio.md`): the request `PRSS_IN001004ZZ` and the
 * acknowledgement `MCCI_IN000002UV01`. Static entry points for Java:
 *
 * ```java
 * MessageHandle m = Interscambio.messageForProcess(c, "P-1", Interscambio.id("MSG-1"),
 *     LocalDateTime.of(2024, 2, 1, 10, 30), Interscambio.id("016024"), List.of(Interscambio.id("DEST")));
 * WrittenMessage w = Interscambio.writeMessage(m);
 * ReadResult r = Interscambio.readMessage(w.getXml());   // r.getMessage() null when unreadable (XML-001…)
 * ```
 *
 * Writer options are [WriteOptions] (§15; `new WriteOptions()` has every default). Unreadable XML
 * is not an exception: the result has no message and the blocking finding.
 */
object Interscambio {
    private val seconds = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")

    /** An identifier under the message/device root `2.16.840.1.113883.2.9.2.30.3.2.4.3`. */
    @JvmStatic
    fun id(extension: String): Identifier = Identifier(it.cartella.ffi.messageIdRoot(), extension)

    /** An identifier with an explicit root. */
    @JvmStatic
    fun id(root: String, extension: String?): Identifier = Identifier(root, extension)

    /** Reads a request. */
    @JvmStatic
    @JvmOverloads
    @Throws(CartellaException::class)
    fun readMessage(xml: ByteArray, limits: XmlLimits = XmlLimits()): ReadResult =
        guard { it.cartella.ffi.readMessage(xml, limits) }

    /** Reads a request given as text. */
    @JvmStatic
    @Throws(CartellaException::class)
    fun readMessage(xml: String): ReadResult = readMessage(xml.toByteArray(StandardCharsets.UTF_8))

    /** A message from its canonical JSON. */
    @JvmStatic
    @Throws(CartellaException::class)
    fun messageFromJson(json: String): MessageHandle = guard { MessageHandle.fromJson(json) }

    /** Writes a request (default options: the XSD-valid HL7 forms). */
    @JvmStatic
    @JvmOverloads
    @Throws(CartellaException::class)
    fun writeMessage(message: MessageHandle, options: WriteOptions = WriteOptions()): WrittenMessage =
        guard { it.cartella.ffi.writeMessage(message, options) }

    /** The message of process [processId] of [cartella] (envelope codes `P`, `T`, `AL`). */
    @JvmStatic
    @Throws(CartellaException::class)
    fun messageForProcess(
        cartella: Cartella,
        processId: String,
        messageId: Identifier,
        created: LocalDateTime,
        sender: Identifier,
        receivers: List<Identifier>,
    ): MessageHandle =
        guard {
            it.cartella.ffi.messageForProcess(
                cartella.handle, processId, messageId, created.format(seconds), sender, receivers,
            )
        }

    /** The cartella carried by [message] (a copy: close it). */
    @JvmStatic
    fun cartellaOf(message: MessageHandle): Cartella = Cartella.wrap(guard { message.cartella() })

    /** Validates a message (its cartella under `/cartella` plus the message rules). */
    @JvmStatic
    @JvmOverloads
    @Throws(CartellaException::class)
    fun validateMessage(message: MessageHandle, options: ValidationOptions = ValidationOptions.defaults()): Report =
        guard { message.validate(options.toFfi()) }

    /** `AA`, `AE` or `AR` for these findings. */
    @JvmStatic
    @Throws(CartellaException::class)
    fun ackType(issues: List<Issue>): String = guard { it.cartella.ffi.ackType(issues) }

    /** The acknowledgement of [message] from findings (a report's and/or the reader's). */
    @JvmStatic
    @JvmOverloads
    @Throws(CartellaException::class)
    fun ackFor(
        message: MessageHandle,
        issues: List<Issue>,
        messageId: Identifier,
        created: LocalDateTime,
        sender: Identifier,
        options: AckOptions = AckOptions(),
    ): AckHandle = guard { it.cartella.ffi.ackFor(message, issues, messageId, created.format(seconds), sender, options) }

    /** Writes an acknowledgement. */
    @JvmStatic
    @JvmOverloads
    @Throws(CartellaException::class)
    fun writeAck(ack: AckHandle, indent: Boolean = true): String = guard { it.cartella.ffi.writeAck(ack, indent) }

    /** Reads an acknowledgement. */
    @JvmStatic
    @Throws(CartellaException::class)
    fun readAck(xml: String): AckReadResult =
        guard { it.cartella.ffi.readAck(xml.toByteArray(StandardCharsets.UTF_8), XmlLimits()) }
}
