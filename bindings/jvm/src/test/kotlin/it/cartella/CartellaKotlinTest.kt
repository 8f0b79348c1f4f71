package it.cartella

import it.cartella.ffi.BirthplaceKind
import it.cartella.ffi.CartellaException
import it.cartella.ffi.CodeCheck
import it.cartella.ffi.Issue
import it.cartella.ffi.Profile
import it.cartella.ffi.Report
import it.cartella.ffi.Severity
import it.cartella.ffi.Sex
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.LocalDate

/** The Kotlin side of the API surface; `CartellaJavaTest` covers the same from Java. */
class CartellaKotlinTest {
    private val asOf = LocalDate.of(2025, 1, 15)
    private val options = ValidationOptions.defaults().asOf(asOf)
    private val cittadinanza = "2.16.840.1.113883.2.9.6.2.5"

    private fun Report.ruleIds() = issues.map { it.ruleId }

    @Test
    fun `samples load and round-trip through canonical JSON`() {
        val samples = Samples.all()
        assertEquals(
            listOf("accesso-informativo", "valutato-e-chiuso", "percorso-completo", "invalido-cf", "invalido-date", "invalido-ciclo-vita"),
            samples.map { it.name },
        )
        for (s in samples) {
            Cartella.fromJson(s.json).use { c ->
                assertTrue(c.idCartella.isNotEmpty())
                val again = Cartella.fromJson(c.toJson())
                assertEquals(c.toJson(), again.toJson())
                again.close()
            }
        }
        Cartella.fromSample("percorso-completo").use { c ->
            assertEquals(1, c.processi.size)
            val p = c.processi[0]
            assertEquals("MI-2023-004511-P1", p.idProcesso)
            assertEquals("CHIUSO", p.stato)
            assertEquals(9, p.fasi.size)
            assertEquals("ACCESSO_E_ORIENTAMENTO", p.fasi[0].tipoFase)
            assertNotNull(c.assistito.codiceFiscale)
            assertTrue(c.sectionJson("/assistito").startsWith("{"))
        }
    }

    @Test
    fun `valid samples are valid and invalid ones raise their documented rules`() {
        val expected = mapOf(
            "invalido-cf" to listOf("CF-003"),
            "invalido-date" to listOf("CSI-DAT-001"),
            "invalido-ciclo-vita" to listOf("CSI-LCY-003"),
        )
        for (s in Samples.all()) {
            val report = Cartella.fromJson(s.json).use { it.validate(options) }
            if (s.expectValid) {
                assertTrue(report.isValid, s.name)
                assertTrue(report.issues.none { it.severity != Severity.INFO }, s.name)
            } else {
                assertFalse(report.isValid, s.name)
                assertEquals(expected[s.name], s.expectedRules, s.name)
                assertTrue(report.ruleIds().containsAll(s.expectedRules), "${s.name}: ${report.ruleIds()}")
            }
        }
    }

    @Test
    fun `findings are data`() {
        val report = Validator.validate(Samples.get("invalido-cf").json, options)
        val cf = report.issues.single { it.ruleId == "CF-003" }
        assertEquals(
            Issue(
                ruleId = "CF-003",
                severity = Severity.ERROR,
                profile = Profile.GUIDELINE,
                path = "/assistito/codice_fiscale",
                xmlPath = null,
                messageIt = cf.messageIt,
                messageEn = cf.messageEn,
                params = cf.params,
            ),
            cf,
        )
        assertTrue(cf.messageEn.startsWith("Wrong codice fiscale check character"))
        assertEquals("PGNGLI*********T", cf.params["cf"])
        assertFalse(report.isBlocking)
        assertEquals(report, report.copy())
    }

    @Test
    fun `same findings as the Rust CLI`() {
        val file = File(System.getProperty("cartella.rust.reference") ?: "")
        assumeTrue(file.isFile, "no Rust reference (bindings/jvm/rust-reference.sh)")
        val rows = file.readLines().filter { it.isNotBlank() }.map { it.split('\t') }
        val groups = rows.groupBy { Triple(it[0], it[1], it[2]) }
        assertEquals(36, groups.size)
        for ((key, lines) in groups) {
            val (profile, date, name) = key
            val opts = ValidationOptions.defaults()
                .profile(Profile.valueOf(profile.uppercase()))
                .asOf(LocalDate.parse(date))
            val report = Validator(opts).use { it.validateJson(Samples.get(name).json) }
            val want = lines.filter { it[3] != "-" }.map { listOf(it[3], it[4], it[5]) }
            val got = report.issues.map { listOf(it.ruleId, it.severity.name.lowercase(), it.path) }
            assertEquals(want, got, "$key")
        }
    }

    @Test
    fun `as-of date and profiles`() {
        val json = Samples.get("accesso-informativo").json
        assertEquals(7, Validator.validate(json, options).issues.size)
        assertEquals(emptyList<Issue>(), Validator.validate(json, options.asOf(LocalDate.of(2000, 1, 1))).issues)
        assertEquals(emptyList<Issue>(), Validator.validate(json, options.profile(Profile.SCHEMA)).issues)
        Validator(options).use { assertEquals(asOf, it.asOf) }
        Validator().use { assertTrue(it.asOf.year >= 2025) }
    }

    @Test
    fun `suppressions move findings aside`() {
        val json = Samples.get("accesso-informativo").json
        val report = Validator.validate(json, options.suppress("CSI-COD-004", "/processi", "regional tables not loaded"))
        assertEquals(listOf("/assistito/cittadinanza"), report.issues.map { it.path })
        assertEquals(6, report.suppressed.size)
        assertTrue(report.suppressed.all { it.reason == "regional tables not loaded" && it.issue.ruleId == "CSI-COD-004" })
        val all = Validator.validate(json, options.suppress("CSI-COD-004", "", "all"))
        assertTrue(all.issues.isEmpty())
        assertEquals(7, all.suppressed.size)
        assertThrows<CartellaException.UnknownRule> { Validator.validate(json, options.suppress("NOPE-001", "", "x")) }
        assertThrows<CartellaException.InvalidArgument> { Validator.validate(json, options.suppress("CSI-COD-004", "", " ")) }
    }

    @Test
    fun `codice fiscale`() {
        assertTrue(CodiceFiscale.isValid("RSSMRA80A01H501U"))
        assertTrue(CodiceFiscale.isValid(" rssmra80a01h501u "))
        assertFalse(CodiceFiscale.isValid("RSSMRA80A01H501A"))
        assertEquals(listOf(true, false, true), CodiceFiscale.checkMany(listOf("RSSMRA80A01H501U", "RSSMRA80A01H501A", "01234567897")))

        val d = CodiceFiscale.decode("VLLLNE39E61F205K")
        assertTrue(d.isValid)
        assertEquals("PERSONALE", d.kind)
        assertEquals(Sex.F, d.sex)
        assertEquals(LocalDate.of(1939, 5, 21), d.birthDate)
        assertEquals("F205", d.birthplace?.code)
        assertEquals(BirthplaceKind.COMUNE, d.birthplace?.kind)
        assertEquals("MILANO", d.birthplace?.name?.uppercase())
        assertFalse(d.omocodia)
        assertEquals("VLLLNE*********K", d.masked)

        val bad = CodiceFiscale.decode("RSSMRA80A01H501A")
        assertFalse(bad.isValid)
        assertTrue(bad.has("CF-003"))
        assertEquals("RSSMRA*********A", bad.issues.single { it.ruleId == "CF-003" }.params["cf"])
        assertTrue(CodiceFiscale.decode("RSSMRA8LA01H501F").omocodia)

        val birth = LocalDate.of(1980, 1, 1)
        assertEquals("RSSMRA80A01H501U", CodiceFiscale.encode("Rossi", "Mario", birth, Sex.M, "H501"))
        assertEquals("RSSMRA80A01H50MM", CodiceFiscale.encode("Rossi", "Mario", birth, Sex.M, "H501", 1))
        assertThrows<CartellaException.InvalidArgument> { CodiceFiscale.encode("Rossi", "Mario", birth, Sex.M, "H50") }
        val e = assertThrows<CartellaException.InvalidArgument> { CodiceFiscale.encode("Rossi", "Mario", birth, Sex.M, "H501", 8) }
        assertEquals("omocodia", e.name)
    }

    @Test
    fun `code lists and registration turn CSI-COD-004 into CSI-COD-003`() {
        assertEquals("Periodico", CodeLists.label("INPS.PS_PSA_SINA201812.CaratterePrestazioneType", "1"))
        assertNull(CodeLists.label("INPS.PS_PSA_SINA201812.CaratterePrestazioneType", "nope"))
        val list = CodeLists.list("INPS.PS_PSA_SINA201812.CaratterePrestazioneType")
        assertEquals("Periodico", list.get("1")?.label)
        assertThrows<CartellaException.UnknownCodeSystem> { CodeLists.list("1.2.3.4.nope") }

        val json = Samples.get("accesso-informativo").json
        val path = "/assistito/cittadinanza"
        val before = Validator.validate(json, options).issues.filter { it.path == path }.map { it.ruleId }
        assertEquals(listOf("CSI-COD-004"), before)

        Registry.standard().use { registry ->
            assertTrue(registry.isOpen(cittadinanza))
            assertEquals(CodeCheck.OPEN_SYSTEM, registry.check(cittadinanza, "380"))
            registry.registerTable(cittadinanza, mapOf("999" to "Altro"))
            assertFalse(registry.isOpen(cittadinanza))
            assertEquals(CodeCheck.NOT_IN_TABLE, registry.check(cittadinanza, "380"))
            val after = Validator.validate(json, options.registry(registry)).issues.filter { it.path == path }
            assertEquals(listOf("CSI-COD-003"), after.map { it.ruleId })
            assertEquals(Severity.ERROR, after[0].severity)

            registry.registerCodes(cittadinanza, listOf(Code("380", "Italia", LocalDate.of(1900, 1, 1))))
            assertEquals(CodeCheck.VALID, registry.check(cittadinanza, "380"))
            assertEquals(LocalDate.of(1900, 1, 1), registry.lookup(cittadinanza, "380")?.validFrom)
            assertTrue(Validator.validate(json, options.registry(registry)).issues.none { it.path == path })
            assertThrows<CartellaException.InvalidArgument> { registry.registerTable(" ", mapOf("1" to null)) }
        }
    }

    @Test
    fun `rule catalogue`() {
        val rules = Rules.all()
        assertTrue(rules.size > 400)
        val r = Rules.explain("CF-003")
        assertEquals(Severity.ERROR, r.severity)
        assertEquals(Profile.GUIDELINE, r.profile)
        assertTrue(r.implemented)
        assertThrows<CartellaException.UnknownRule> { Rules.explain("NOPE-001") }
    }

    @Test
    fun `lifecycle events change the cartella and illegal ones are refused`() {
        Cartella.fromSample("accesso-informativo").use { c ->
            val p1 = c.processi[0].idProcesso
            assertEquals("CHIUSO", c.currentState(p1))
            assertEquals(listOf("RIAPRI"), c.allowedTransitions(p1))

            c.newAccess("P-2", Event.apriAccesso("A-2").on(LocalDate.of(2025, 2, 3)))
            assertEquals("ACCESSO", c.currentState("P-2"))
            assertTrue(c.allowedTransitions("P-2").containsAll(listOf("AVVIA_VALUTAZIONE", "CHIUDI_ACCESSO")))

            val refused = assertThrows<CartellaException.IllegalTransition> {
                c.applyEvent("P-2", Event.approvaProgetto().on(LocalDate.of(2025, 2, 3)))
            }
            assertTrue(refused.ruleId.startsWith("CSI-LCY-"), refused.ruleId)
            assertEquals("APPROVA_PROGETTO", refused.event)
            assertEquals("ACCESSO", refused.state)
            assertEquals("ACCESSO", c.currentState("P-2"))

            val warnings = c.applyEvent("P-2", Event.chiudiAccesso("SOLO_INFORMAZIONE").on(LocalDate.of(2025, 2, 3)))
            assertTrue(warnings.any { it.ruleId == "CSI-FAS-010" }, "${warnings.map { it.ruleId }}")
            assertEquals("CHIUSO", c.currentState("P-2"))
            assertEquals("CHIUSO", c.replay("P-2").state)
            assertEquals(2, Cartella.fromJson(c.toJson()).use { it.processi.size })

            assertThrows<CartellaException.InvalidArgument> { c.currentState("nope") }
            assertThrows<CartellaException.InvalidArgument> { c.applyEvent("P-2", Event.of("NOPE").on(LocalDate.of(2025, 2, 3))) }
            assertThrows<CartellaException.InvalidArgument> { c.applyEvent("P-2", Event.chiudiAccesso("SOLO_INFORMAZIONE")) }
        }
    }

    @Test
    fun `errors are exceptions`() {
        val parse = assertThrows<CartellaException.Parse> { Cartella.fromJson("{\"versione_modello\": \"1.0\",") }
        assertTrue(parse.line >= 1)
        assertThrows<CartellaException.Parse> { Cartella.fromJson("[]") }
        val version = assertThrows<CartellaException.UnsupportedVersion> {
            Cartella.fromJson(Samples.get("accesso-informativo").json.replaceFirst("\"1.0\"", "\"9.9\""))
        }
        assertEquals("1.0", version.expected)
        assertThrows<CartellaException.InvalidArgument> { Samples.get("nope") }
        assertThrows<CartellaException.InvalidArgument> { Cartella.fromSample("percorso-completo").use { it.sectionJson("/nope") } }
        // Every failure is a CartellaException.
        val e: CartellaException = assertThrows<CartellaException> { Cartella.fromJson("") }
        assertTrue(e is CartellaException.Parse)
        assertEquals("1.0", CartellaLibrary.modelVersion())
    }
}
