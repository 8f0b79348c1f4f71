package it.cartella

import it.cartella.ffi.CampiOpzionali
import it.cartella.ffi.Canale
import it.cartella.ffi.CartellaException
import it.cartella.ffi.IdCaso
import it.cartella.ffi.ModalitaSina
import it.cartella.ffi.StatoFlusso
import it.cartella.ffi.TipoFlusso
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.math.BigDecimal
import java.nio.file.Files
import java.nio.file.Path
import java.time.LocalDate
import java.util.Base64

/** National flows (SIUSS) from Kotlin; mirrors `bindings/python/tests/test_siuss.py`. */
class SiussKotlinTest {
    private val cfOperatore = "MRCSLV84L59F205D"
    private val riferimento = LocalDate.of(2024, 12, 31)
    private val creazione = LocalDate.of(2025, 1, 15)
    private val chiave = ByteArray(32) { it.toByte() }
    private val fixtures = Path.of("../../core/tests/fixtures/siuss")

    private fun options(): DerivationOptions =
        DerivationOptions.of(cfOperatore).dataRiferimento(riferimento).dataCreazione(creazione).regioneDm1986("03", "03")

    private fun derivePs(options: DerivationOptions = options()): Derivazione =
        Cartella.fromSample("percorso-completo").use { c ->
            Siuss.derivePeriod(c, LocalDate.of(2023, 1, 1), riferimento, options)
        }

    @Test
    fun `derive period gives one PS flow`() {
        val d = derivePs()
        assertEquals(1, d.flussi.size, d.report.issues.toString())
        val f = d.flussi[0]
        assertEquals(TipoFlusso.PS_PSA_SINA, f.tipo)
        assertEquals("F205.PS.20250115.0000001", f.nome)
        assertEquals(1L, f.items)
        assertTrue(d.report.isValid)
        assertTrue(d.report.issues.any { it.ruleId == "SIUSS-PS-087" })
        assertTrue(f.toJson().contains("\"importo_mensile\":\"385.00\""))
        val other = derivePs(options().progressivo(7).sina(ModalitaSina.MAI).campiOpzionali(CampiOpzionali.SOLO_OBBLIGATORI)
            .tolleranzaQuote(BigDecimal("0.01")))
        assertEquals("F205.PS.20250115.0000007", other.flussi[0].nome)
        assertFalse(other.flussi[0].toJson().contains("\"sina\""))
        val suppressed = derivePs(options().suppress("SIUSS-PS-087", "", "no SIUSS data for these services"))
        assertEquals(2, suppressed.report.suppressed.size)
        assertThrows<CartellaException.InvalidArgument> { derivePs(options().progressivo(-1)) }
    }

    @Test
    fun `derive prestazione and its errors`() {
        Cartella.fromSample("percorso-completo").use { c ->
            val d = Siuss.derivePrestazione(c, "MI-D-2023-4511-1", options())
            assertEquals(listOf("F205.PS.20250115.0000001"), d.flussi.map { it.nome })
            val e = assertThrows<CartellaException.InvalidArgument> { Siuss.derivePrestazione(c, "nope", options()) }
            assertEquals("id_fase", e.name)
            val n = assertThrows<CartellaException.FlussoNonDerivabile> {
                Siuss.derivePrestazione(c, "MI-D-2023-4511-2", options())
            }
            assertTrue(n.issues.any { it.ruleId == "SIUSS-PS-080" })
        }
    }

    @Test
    fun `derive sinba with a key`() {
        Cartella.fromJson(MINORE).use { c ->
            val o = DerivationOptions.of(cfOperatore).dataRiferimento(LocalDate.of(2024, 6, 30)).dataCreazione(creazione)
            val d = Siuss.deriveSinba(c, o.chiaveHmac(chiave))
            assertEquals(listOf(TipoFlusso.SINBA), d.flussi.map { it.tipo }, d.report.issues.toString())
            val id = Siuss.idBeneficiarioSinba("F205", "C-000123", chiave)
            assertEquals("F205BR4S9082TB4DEE90", id)
            assertTrue(d.flussi[0].toXml().contains("IDBeneficiario=\"$id\""))
            assertFalse(d.flussi[0].toXml().contains("BNCLCU12E10F205X"))
            val byProcess = Siuss.deriveSinba(c, o.chiaveHmac(chiave).idCaso(IdCaso.PROCESSO))
            assertTrue(byProcess.flussi[0].toXml().contains(Siuss.idBeneficiarioSinba("F205", "P-1", chiave)))
            val noKey = Siuss.deriveSinba(c, o)
            assertTrue(noKey.flussi.isEmpty())
            assertTrue(noKey.report.issues.any { it.ruleId == "SIUSS-SINBA-001" })
        }
        val e = assertThrows<CartellaException.InvalidArgument> { Siuss.idBeneficiarioSinba("F205", "C", ByteArray(3)) }
        assertEquals("chiave", e.name)
    }

    @Test
    fun `xml and json round trips`() {
        val f = derivePs().flussi[0]
        val r = Siuss.readXml(f.toXml())
        assertTrue(r.issues.isEmpty())
        assertEquals(f, r.flusso)
        assertEquals(f, Flusso.fromJson(f.toJson()))
        assertEquals(f, Flusso.fromJson(f.toJsonPretty()))
        assertThrows<CartellaException.Parse> { Flusso.fromJson("{\"extra\":1}") }
        val bad = Siuss.readXml("<Flusso/>")
        assertNull(bad.flusso)
        assertTrue(bad.has("XML-004"))
    }

    @Test
    fun `fixtures checked streaming and whole give the same findings`() {
        val o = FlowCheckOptions.defaults().asOf(LocalDate.of(2024, 6, 30))
        Files.list(fixtures).use { s -> s.filter { it.toString().endsWith(".xml") }.sorted().toList() }.forEach { p ->
            val r = Siuss.readXml(Files.readAllBytes(p))
            assertNotNull(r.flusso, p.toString())
            val f = r.flusso!!
            assertTrue(r.issues.isEmpty(), p.toString())
            val whole = Siuss.check(f, o)
            val streaming = Siuss.checkFile(p, o)
            assertEquals(whole.issues.map { it.ruleId to it.path }, streaming.issues.map { it.ruleId to it.path }, p.toString())
        }
        assertThrows<CartellaException.Io> { Siuss.checkFile(fixtures.resolve("missing.xml")) }
        val f = derivePs().flussi[0]
        assertTrue(Siuss.check(f, FlowCheckOptions.defaults().canale(Canale.WAAS).asOf(riferimento)).isValid)
    }

    @Test
    fun `id flusso`() {
        assertEquals("F205.PS.20240305.0000012", Siuss.idFlusso("F205", TipoFlusso.PS_PSA_SINA, LocalDate.of(2024, 3, 5), 12))
        assertThrows<CartellaException.InvalidArgument> { Siuss.idFlusso("Roma", TipoFlusso.SINBA, LocalDate.of(2024, 3, 5), 1) }
        val id = IdFlusso.parse("H501.PS.INPS.20160423.115235")!!
        assertEquals(IdFlusso("H501", TipoFlusso.PS_PSA_SINA, LocalDate.of(2016, 4, 23), 115235), id)
        assertEquals("H501.PS.20160423.0115235", id.write())
        assertNull(IdFlusso.parse("H501.XX.20160423.1"))
        val p = Siuss.parametriFlussi("since=1700000000000&max_entries=3")
        assertEquals(1_700_000_000_000L, p.since)
        assertEquals(3L, p.limit)
        val e = assertThrows<CartellaException.Rifiuto> { Siuss.parametriFlussi("limit=5") }
        assertEquals(400, e.response.status)
        assertEquals(listOf("SIUSS-WAAS-010"), e.response.issues.map { it.ruleId })
    }

    @Test
    fun `register get flussi and post esiti`() {
        val f = derivePs().flussi[0]
        val id = f.nome!!
        RegistroInvii().use { registro ->
            assertEquals(1_700_000_000_000L, registro.add(f, 1_700_000_000_000L))
            assertEquals(1L, registro.size)
            assertEquals(StatoFlusso.PRONTO, registro.voce(id)!!.stato)
            assertEquals(f.toXml(), registro.voci[0].xml)
            assertTrue(registro.check().isEmpty())
            assertThrows<CartellaException.InvalidArgument> { registro.add(f) }
            RegistroInvii.fromJson(registro.toJson()).use { copy -> assertEquals(registro.voci, copy.voci) }
            val r = Siuss.getFlussi("since=0&limit=5", registro)
            assertEquals(200, r.status)
            assertEquals("application/json", r.contentType)
            assertTrue(r.body!!.contains(id))
            assertEquals(StatoFlusso.ESPOSTO, registro.voce(id)!!.stato)
            assertEquals(400, Siuss.getFlussi("limit=5", registro).status)
            val ts = Regex("\"ts_flusso\":\"([^\"]+)\"").find(r.body!!)!!.groupValues[1]
            val esiti = """{"elenco_esiti":[{"id_flusso":"$id","tipo":"PS_PSA_SINA","ts_flusso":"$ts",""" +
                """"ts_acquisizione":"2024-01-02T10:00:00Z","codice_esito":"OK","id_acquisizione_siuss":"ACQ-1"}]}"""
            val p = Siuss.postEsiti(esiti, registro)
            assertEquals(204, p.status)
            assertNull(p.body)
            assertEquals(StatoFlusso.ACQUISITO, registro.voce(id)!!.stato)
            assertEquals("ACQ-1", registro.voce(id)!!.idAcquisizioneSiuss)
        }
    }

    @Test
    fun `flows without a register`() {
        val f = derivePs().flussi[0]
        val xml = f.toXml().toByteArray()
        val v = Siuss.voceFromXml(xml, 1_000)
        assertEquals("F205", v.codiceEnte)
        assertEquals("1970-01-01T00:00:01.000Z", v.tsFlusso)
        assertEquals(f.toXml(), String(Base64.getDecoder().decode(v.flusso)))
        assertThrows<CartellaException.InvalidArgument> { Siuss.voceFromXml(xml, -1) }
        val sel = Siuss.selectFlussiXml(listOf(Siuss.flussoXml(xml, 5)), Siuss.parametriFlussi("since=4"))
        assertEquals(listOf(f.nome), sel.esposti)
        assertTrue(Siuss.selectFlussiXml(listOf(Siuss.flussoXml(xml, 5)), Siuss.parametriFlussi("since=5")).esposti.isEmpty())
    }

    companion object {
        /** A minimal cartella of a minor taken in charge, with a SINBA record. */
        const val MINORE = """
{"versione_modello":"1.0","id_cartella":"C-000123",
 "ente_titolare":{"id":{"root":"2.16.840.1.113883.2.9.2.30.3.2.4.3","extension":"015146"},
   "denominazione":"Comune di Milano","codice_belfiore":"F205"},
 "assistito":{"codice_fiscale":"BNCLCU12E10F205X","nome":"LUCA","cognome":"BIANCHI","genere":"M",
   "data_nascita":"2012-05-10","comune_nascita":{"code":"015146","system":"2.16.840.1.113883.2.9.4.2.3"},
   "residenza":{"comune_istat":"015146","regione_istat":"03","nazione_iso2":"IT","codice_regione_dm1986":"03"}},
 "processi":[{"id_processo":"P-1","fasi":[
   {"tipo_fase":"ACCESSO_E_ORIENTAMENTO","id_fase":"A-1","stato_fase":"CHIUSA","data_inizio":"2024-02-10",
    "data_fine":"2024-02-10","segnalazione":{"data_segnalazione":"2024-01-20"},
    "valore_isee":{"amount":"7350.00","currency":"EUR"}},
   {"tipo_fase":"EROGAZIONE_DEL_SERVIZIO","id_fase":"D-1","stato_fase":"APERTA","data_inizio":"2024-03-01",
    "data_attivazione":"2024-03-01","siuss":{"codice_prestazione":"A1.04"}}],
  "scheda_sinba":{"minore_straniero_non_accompagnato":false,"condizione_minore":"1","luogo_vita":"1",
   "scuola_frequentata":"3","condizione_lavoro":"1","disabilita":false,"valutazione_minore":"1",
   "valutazione_famiglia":"1","segnalazione_autorita_giudiziaria":{"presente":false},
   "provvedimento_giudiziario":{"presente":false},"composizione_famiglia":["1","2"],"fonte_segnalazione":"2"}}]}
"""
    }
}
