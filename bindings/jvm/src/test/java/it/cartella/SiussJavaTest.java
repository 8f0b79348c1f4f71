package it.cartella;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.cartella.ffi.Canale;
import it.cartella.ffi.CartellaException;
import it.cartella.ffi.HttpResponse;
import it.cartella.ffi.Issue;
import it.cartella.ffi.Report;
import it.cartella.ffi.StatoFlusso;
import it.cartella.ffi.TipoFlusso;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** National flows (SIUSS) from plain Java; mirrors the Kotlin and Python tests. */
class SiussJavaTest {
    private static final String CF_OPERATORE = "MRCSLV84L59F205D";
    private static final LocalDate RIFERIMENTO = LocalDate.of(2024, 12, 31);

    private static List<String> ruleIds(List<Issue> issues) {
        return issues.stream().map(Issue::getRuleId).collect(Collectors.toList());
    }

    private static DerivationOptions options() {
        return DerivationOptions.of(CF_OPERATORE)
                .dataRiferimento(RIFERIMENTO)
                .dataCreazione(LocalDate.of(2025, 1, 15))
                .regioneDm1986("03", "03")
                .tolleranzaQuote(new BigDecimal("0.00"));
    }

    private static Derivazione derivePs() throws CartellaException {
        try (Cartella c = Cartella.fromSample("percorso-completo")) {
            return Siuss.derivePeriod(c, LocalDate.of(2023, 1, 1), RIFERIMENTO, options());
        }
    }

    @Test
    void deriveCheckAndWrite() throws CartellaException {
        Derivazione d = derivePs();
        assertEquals(1, d.getFlussi().size());
        Flusso f = d.getFlussi().get(0);
        assertEquals(TipoFlusso.PS_PSA_SINA, f.getTipo());
        assertEquals("F205.PS.20250115.0000001", f.getNome());
        Report r = Siuss.check(f, FlowCheckOptions.defaults().canale(Canale.WAAS).asOf(RIFERIMENTO));
        assertTrue(r.isValid());
        assertTrue(Siuss.check(f).getIssues().stream().noneMatch(i -> i.getRuleId().startsWith("XML-")));
        FlussoLetto back = Siuss.readXml(f.toXml());
        assertEquals(f, back.getFlusso());
        assertTrue(back.getIssues().isEmpty());
        assertEquals(f, Flusso.fromJson(f.toJson()));
    }

    @Test
    void notDerivableCarriesTheFindings() throws CartellaException {
        try (Cartella c = Cartella.fromSample("percorso-completo")) {
            CartellaException.FlussoNonDerivabile e = assertThrows(CartellaException.FlussoNonDerivabile.class,
                    () -> Siuss.derivePrestazione(c, "MI-D-2023-4511-2", options()));
            assertTrue(ruleIds(e.getIssues()).contains("SIUSS-PS-080"));
        }
    }

    @Test
    void checkFileStreams() throws Exception {
        Path p = Path.of("../../core/tests/fixtures/siuss/sinba-completo.xml");
        FlowCheckOptions o = FlowCheckOptions.defaults().asOf(LocalDate.of(2024, 6, 30));
        Flusso f = Siuss.readXml(Files.readAllBytes(p)).getFlusso();
        assertNotNull(f);
        assertEquals(TipoFlusso.SINBA, f.getTipo());
        assertEquals(ruleIds(Siuss.check(f, o).getIssues()), ruleIds(Siuss.checkFile(p, o).getIssues()));
    }

    @Test
    void waasRegister() throws CartellaException {
        Flusso f = derivePs().getFlussi().get(0);
        try (RegistroInvii registro = new RegistroInvii()) {
            long ts = registro.add(f, 1_700_000_000_000L);
            assertEquals(1_700_000_000_000L, ts);
            HttpResponse r = Siuss.getFlussi("since=0", registro);
            assertEquals(200, r.getStatus());
            assertTrue(r.getBody().contains(f.getNome()));
            assertEquals(StatoFlusso.ESPOSTO, registro.voce(f.getNome()).getStato());
            HttpResponse bad = Siuss.postEsiti("{", registro);
            assertEquals(400, bad.getStatus());
            assertEquals("application/problem+json", bad.getContentType());
            try (RegistroInvii copy = RegistroInvii.fromJson(registro.toJson())) {
                assertEquals(registro.getVoci(), copy.getVoci());
            }
        }
        CartellaException.Rifiuto e =
                assertThrows(CartellaException.Rifiuto.class, () -> Siuss.parametriFlussi("since=-1"));
        assertEquals(List.of("SIUSS-WAAS-010"), ruleIds(e.getResponse().getIssues()));
    }

    @Test
    void idsAndPseudonyms() throws CartellaException {
        assertEquals("H501.SINBA.20240131.0000007",
                Siuss.idFlusso("H501", TipoFlusso.SINBA, LocalDate.of(2024, 1, 31), 7));
        IdFlusso id = IdFlusso.parse("H501.SINBA.20240131.0000007");
        assertNotNull(id);
        assertEquals(LocalDate.of(2024, 1, 31), id.getData());
        assertEquals(7L, id.getProgressivo());
        assertNull(IdFlusso.parse("nope"));
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        assertEquals("F205BR4S9082TB4DEE90", Siuss.idBeneficiarioSinba("F205", "C-000123", key));
    }
}
