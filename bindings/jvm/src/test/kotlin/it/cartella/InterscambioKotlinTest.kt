package it.cartella

import it.cartella.ffi.CartellaException
import it.cartella.ffi.DateFormat
import it.cartella.ffi.EsitoPlacement
import it.cartella.ffi.GenderCodes
import it.cartella.ffi.MessageHandle
import it.cartella.ffi.MoneyForm
import it.cartella.ffi.Profile
import it.cartella.ffi.Severity
import it.cartella.ffi.WriteOptions
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.LocalDate
import java.time.LocalDateTime

/** Interscambio from Kotlin; mirrors `bindings/python/tests/test_interscambio.py`. */
class InterscambioKotlinTest {
    private val created = LocalDateTime.of(2024, 2, 1, 10, 30, 0)

    private fun message(): MessageHandle =
        Cartella.fromSample("percorso-completo").use { c ->
            Interscambio.messageForProcess(
                c, c.processi[0].idProcesso, Interscambio.id("MSG-1"), created,
                Interscambio.id("016024"), listOf(Interscambio.id("AMBITO-DEST")),
            )
        }

    @Test
    fun `message for process has the envelope`() {
        val e = message().envelope()
        assertEquals("MSG-1", e.messageId.extension)
        assertEquals("2.16.840.1.113883.2.9.2.30.3.2.4.3", e.messageId.root)
        assertEquals("2024-02-01T10:30:00", e.created)
        assertEquals(listOf("P", "T", "AL"), listOf(e.processingCode, e.processingModeCode, e.acceptAckCode))
        assertEquals(listOf("AMBITO-DEST"), e.receivers.map { it.extension })
        val err = assertThrows<CartellaException.InvalidArgument> {
            Cartella.fromSample("percorso-completo").use { c ->
                Interscambio.messageForProcess(c, "NO-SUCH", Interscambio.id("M"), created, Interscambio.id("S"), listOf(Interscambio.id("R")))
            }
        }
        assertEquals("id_processo", err.name)
        assertTrue(Interscambio.messageFromJson(message().toJson()).sameAs(message()))
    }

    @Test
    fun `write then read back`() {
        val m = message()
        val w = Interscambio.writeMessage(m)
        assertTrue(w.xml.contains("<creationTime value=\"20240201103000\"/>"))
        assertTrue(w.issues.isEmpty())
        val r = Interscambio.readMessage(w.xml)
        assertNotNull(r.message)
        val back = r.message!!
        assertFalse(r.issues.any { i -> i.severity == Severity.ERROR && i.profile == Profile.SCHEMA })
        assertEquals(m.envelope(), back.envelope())
        Interscambio.cartellaOf(m).use { a ->
            Interscambio.cartellaOf(back).use { b -> assertEquals(a.assistito.codiceFiscale, b.assistito.codiceFiscale) }
        }
        assertEquals(w.xml, Interscambio.writeMessage(back).xml)
    }

    @Test
    fun `compat option forms read back`() {
        val m = message()
        val base = Interscambio.readMessage(Interscambio.writeMessage(m).xml)
        val cases = listOf(
            WriteOptions(dateFormat = DateFormat.DDMMYYYY) to "CSI-CMP-001",
            WriteOptions(genderCodes = GenderCodes.NUMERIC) to "CSI-CMP-005",
            WriteOptions(esitoPlacement = EsitoPlacement.ENCOUNTER_EVENT) to "CSI-CMP-007",
            WriteOptions(interactionIdRoot = false) to "CSI-CMP-019",
            WriteOptions(patientCfRoot = "2.16.840.1.113883.2.9.4.1.2") to "CSI-CMP-004",
            WriteOptions(moneyForm = MoneyForm.HL7_MO) to "CSI-CMP-002",
        )
        for ((options, rule) in cases) {
            assertFalse(base.issues.any { it.ruleId == rule }, rule)
            val r = Interscambio.readMessage(Interscambio.writeMessage(m, options).xml)
            assertTrue(r.issues.any { it.ruleId == rule }, rule)
            assertTrue(r.message!!.sameAs(base.message!!), rule)
        }
        assertEquals(listOf("CSI-CMP-026"), Interscambio.writeMessage(m, WriteOptions(moneyForm = MoneyForm.HL7_MO)).issues.map { it.ruleId })
        assertThrows<CartellaException.InvalidArgument> { Interscambio.writeMessage(m, WriteOptions(phaseCodes = listOf("A"))) }
    }

    @Test
    fun `broken xml gives XML-001 and no message`() {
        val r = Interscambio.readMessage("<PRSS_IN001004ZZ xmlns=\"urn:hl7-org:v3\"><id")
        assertNull(r.message)
        assertEquals(listOf("XML-001"), r.issues.map { it.ruleId })
        assertEquals("1", r.issues[0].params["riga"])
        assertTrue(Interscambio.readMessage("<a/>").issues.any { it.ruleId == "XML-004" })
    }

    @Test
    fun `ack AA and AR`() {
        val m = message()
        val report = Interscambio.validateMessage(m, ValidationOptions.defaults().asOf(LocalDate.of(2025, 6, 30)))
        assertEquals("AA", Interscambio.ackType(report.issues))
        val ack = Interscambio.ackFor(m, report.issues, Interscambio.id("ACK-1"), created, Interscambio.id("RICEVENTE"))
        assertEquals("AA", ack.ackType())
        assertEquals(m.envelope().messageId, ack.targetMessageId())
        val xml = Interscambio.writeAck(ack)
        assertTrue(xml.contains("<acknowledgement typeCode=\"AA\">"))
        val back = Interscambio.readAck(xml)
        assertTrue(back.ack!!.sameAs(ack))

        val withoutId = Interscambio.writeMessage(m).xml
            .replaceFirst("<id root=\"2.16.840.1.113883.2.9.2.30.3.2.4.3\" extension=\"MSG-1\"/>", "")
        val r = Interscambio.readMessage(withoutId)
        assertTrue(r.issues.any { it.ruleId == "CSI-ENV-001" })
        assertEquals("AR", Interscambio.ackType(r.issues))
        val ar = Interscambio.ackFor(r.message!!, r.issues, Interscambio.id("ACK-2"), created, Interscambio.id("RICEVENTE"))
        assertEquals("AR", ar.ackType())
        assertTrue(ar.detailRuleIds().contains("CSI-ENV-001"))
        val arBack = Interscambio.readAck(Interscambio.writeAck(ar, false))
        assertEquals("AR", arBack.ack!!.ackType())
        assertEquals(listOf("XML-001"), Interscambio.readAck("<MCCI_IN000002UV01").issues.map { it.ruleId })
    }
}
