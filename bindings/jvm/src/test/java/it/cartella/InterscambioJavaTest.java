package it.cartella;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.cartella.ffi.AckHandle;
import it.cartella.ffi.CartellaException;
import it.cartella.ffi.DateFormat;
import it.cartella.ffi.GenderCodes;
import it.cartella.ffi.Issue;
import it.cartella.ffi.MessageHandle;
import it.cartella.ffi.ReadResult;
import it.cartella.ffi.Report;
import it.cartella.ffi.WriteOptions;
import it.cartella.ffi.WrittenMessage;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Interscambio from plain Java; mirrors the Kotlin and Python tests. */
class InterscambioJavaTest {
    private static final LocalDateTime CREATED = LocalDateTime.of(2024, 2, 1, 10, 30, 0);

    private static List<String> ruleIds(List<Issue> issues) {
        return issues.stream().map(Issue::getRuleId).collect(Collectors.toList());
    }

    private static MessageHandle message() throws CartellaException {
        try (Cartella c = Cartella.fromSample("percorso-completo")) {
            return Interscambio.messageForProcess(c, c.getProcessi().get(0).getIdProcesso(),
                    Interscambio.id("MSG-1"), CREATED, Interscambio.id("016024"),
                    List.of(Interscambio.id("AMBITO-DEST")));
        }
    }

    private static WriteOptions defaults() {
        return new WriteOptions(null, null, null, null, null, null, true, null, null, null, null, null, null, null,
                true, List.of());
    }

    @Test
    void writeThenReadBack() throws CartellaException {
        MessageHandle m = message();
        WrittenMessage w = Interscambio.writeMessage(m);
        assertTrue(w.getIssues().isEmpty());
        ReadResult r = Interscambio.readMessage(w.getXml());
        assertNotNull(r.getMessage());
        assertEquals(m.envelope(), r.getMessage().envelope());
        assertEquals("2024-02-01T10:30:00", r.getMessage().envelope().getCreated());
        assertEquals(w.getXml(), Interscambio.writeMessage(r.getMessage(), defaults()).getXml());
        try (Cartella a = Interscambio.cartellaOf(m); Cartella b = Interscambio.cartellaOf(r.getMessage())) {
            assertEquals(a.getAssistito().getCodiceFiscale(), b.getAssistito().getCodiceFiscale());
            assertEquals(1, b.getProcessi().size());
        }
    }

    @Test
    void compatOptionFormsReadBack() throws CartellaException {
        MessageHandle m = message();
        ReadResult base = Interscambio.readMessage(Interscambio.writeMessage(m).getXml());
        WriteOptions ddmmyyyy = new WriteOptions(DateFormat.DDMMYYYY, null, null, null, null, null, true, null, null,
                null, null, null, null, null, true, List.of());
        WriteOptions numeric = new WriteOptions(null, null, null, null, GenderCodes.NUMERIC, null, true, null, null,
                null, null, null, null, null, true, List.of());
        ReadResult r1 = Interscambio.readMessage(Interscambio.writeMessage(m, ddmmyyyy).getXml());
        assertTrue(ruleIds(r1.getIssues()).contains("CSI-CMP-001"));
        assertFalse(ruleIds(base.getIssues()).contains("CSI-CMP-001"));
        assertTrue(r1.getMessage().sameAs(base.getMessage()));
        ReadResult r2 = Interscambio.readMessage(Interscambio.writeMessage(m, numeric).getXml());
        assertTrue(ruleIds(r2.getIssues()).contains("CSI-CMP-005"));
        assertTrue(r2.getMessage().sameAs(base.getMessage()));
    }

    @Test
    void brokenXmlGivesXml001AndNoMessage() throws CartellaException {
        ReadResult r = Interscambio.readMessage("<PRSS_IN001004ZZ xmlns=\"urn:hl7-org:v3\"><id");
        assertNull(r.getMessage());
        assertEquals(List.of("XML-001"), ruleIds(r.getIssues()));
    }

    @Test
    void ackAcceptAndReject() throws CartellaException {
        MessageHandle m = message();
        Report report = Interscambio.validateMessage(m, ValidationOptions.defaults().asOf(LocalDate.of(2025, 6, 30)));
        AckHandle aa = Interscambio.ackFor(m, report.getIssues(), Interscambio.id("ACK-1"), CREATED,
                Interscambio.id("RICEVENTE"));
        assertEquals("AA", aa.ackType());
        assertTrue(Interscambio.readAck(Interscambio.writeAck(aa)).getAck().sameAs(aa));

        String withoutId = Interscambio.writeMessage(m).getXml()
                .replaceFirst("<id root=\"2.16.840.1.113883.2.9.2.30.3.2.4.3\" extension=\"MSG-1\"/>", "");
        ReadResult r = Interscambio.readMessage(withoutId);
        assertTrue(ruleIds(r.getIssues()).contains("CSI-ENV-001"));
        AckHandle ar = Interscambio.ackFor(r.getMessage(), r.getIssues(), Interscambio.id("ACK-2"), CREATED,
                Interscambio.id("RICEVENTE"));
        assertEquals("AR", ar.ackType());
        assertEquals("AR", Interscambio.ackType(r.getIssues()));
        assertTrue(ar.detailRuleIds().contains("CSI-ENV-001"));
        assertTrue(Interscambio.writeAck(ar, false).contains("<acknowledgement typeCode=\"AR\">"));
    }
}
