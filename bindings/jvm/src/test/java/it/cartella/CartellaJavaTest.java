package it.cartella;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import it.cartella.ffi.BirthplaceKind;
import it.cartella.ffi.CartellaException;
import it.cartella.ffi.CodeCheck;
import it.cartella.ffi.Issue;
import it.cartella.ffi.ProcessoInfo;
import it.cartella.ffi.Profile;
import it.cartella.ffi.Report;
import it.cartella.ffi.Sample;
import it.cartella.ffi.Severity;
import it.cartella.ffi.Sex;
import it.cartella.ffi.SuppressedIssue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Java side of the API surface: plain Java 17, no Kotlin idiom needed. */
class CartellaJavaTest {
    private static final LocalDate AS_OF = LocalDate.of(2025, 1, 15);
    private static final ValidationOptions OPTIONS = ValidationOptions.defaults().asOf(AS_OF);
    private static final String CITTADINANZA = "2.16.840.1.113883.2.9.6.2.5";

    private static List<String> ruleIds(List<Issue> issues) {
        return issues.stream().map(Issue::getRuleId).collect(Collectors.toList());
    }

    @Test
    void samplesLoadAndRoundTrip() throws CartellaException {
        List<Sample> samples = Samples.all();
        assertEquals(6, samples.size());
        assertEquals("accesso-informativo", samples.get(0).getName());
        for (Sample s : samples) {
            try (Cartella c = Cartella.fromJson(s.getJson()); Cartella again = Cartella.fromJson(c.toJson())) {
                assertFalse(c.getIdCartella().isEmpty());
                assertEquals(c.toJson(), again.toJson());
            }
        }
        try (Cartella c = Cartella.fromSample("percorso-completo")) {
            List<ProcessoInfo> processi = c.getProcessi();
            assertEquals(1, processi.size());
            assertEquals("CHIUSO", processi.get(0).getStato());
            assertEquals("ACCESSO_E_ORIENTAMENTO", processi.get(0).getFasi().get(0).getTipoFase());
            assertEquals("1.0", CartellaLibrary.modelVersion());
        }
    }

    @Test
    void validAndInvalidSamples() throws CartellaException {
        Map<String, List<String>> expected = Map.of(
                "invalido-cf", List.of("CF-003"),
                "invalido-date", List.of("CSI-DAT-001"),
                "invalido-ciclo-vita", List.of("CSI-LCY-003"));
        try (Validator validator = new Validator(OPTIONS)) {
            for (Sample s : Samples.all()) {
                Report report = validator.validateJson(s.getJson());
                if (s.getExpectValid()) {
                    assertTrue(report.isValid(), s.getName());
                    assertTrue(report.getIssues().stream().allMatch(i -> i.getSeverity() == Severity.INFO), s.getName());
                } else {
                    assertFalse(report.isValid(), s.getName());
                    assertEquals(expected.get(s.getName()), s.getExpectedRules());
                    assertTrue(ruleIds(report.getIssues()).containsAll(s.getExpectedRules()), s.getName());
                }
            }
        }
    }

    @Test
    void findingsAreData() throws CartellaException {
        try (Cartella c = Cartella.fromSample("invalido-cf")) {
            Report report = c.validate(OPTIONS);
            Issue cf = report.getIssues().stream().filter(i -> i.getRuleId().equals("CF-003")).findFirst().orElseThrow();
            assertEquals(Severity.ERROR, cf.getSeverity());
            assertEquals(Profile.GUIDELINE, cf.getProfile());
            assertEquals("/assistito/codice_fiscale", cf.getPath());
            assertNull(cf.getXmlPath());
            assertEquals("PGNGLI*********T", cf.getParams().get("cf"));
            assertTrue(cf.getMessageIt().contains("PGNGLI*********T"));
            assertFalse(report.isBlocking());
            assertEquals(report, c.validate(OPTIONS));
        }
    }

    @Test
    void sameFindingsAsTheRustCli() throws IOException, CartellaException {
        String ref = System.getProperty("cartella.rust.reference", "");
        assumeTrue(!ref.isEmpty() && Files.isRegularFile(Path.of(ref)), "no Rust reference");
        Map<String, List<String[]>> groups = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(ref))) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            groups.computeIfAbsent(f[0] + "\t" + f[1] + "\t" + f[2], k -> new ArrayList<>()).add(f);
        }
        assertEquals(36, groups.size());
        for (Map.Entry<String, List<String[]>> g : groups.entrySet()) {
            String[] key = g.getKey().split("\t");
            ValidationOptions options = ValidationOptions.defaults()
                    .profile(Profile.valueOf(key[0].toUpperCase()))
                    .asOf(LocalDate.parse(key[1]));
            List<String> want = g.getValue().stream()
                    .filter(f -> !f[3].equals("-"))
                    .map(f -> f[3] + " " + f[4] + " " + f[5])
                    .collect(Collectors.toList());
            List<String> got = Validator.validate(Samples.get(key[2]).getJson(), options).getIssues().stream()
                    .map(i -> i.getRuleId() + " " + i.getSeverity().name().toLowerCase() + " " + i.getPath())
                    .collect(Collectors.toList());
            assertEquals(want, got, g.getKey());
        }
    }

    @Test
    void asOfAndProfiles() throws CartellaException {
        String json = Samples.get("accesso-informativo").getJson();
        assertEquals(7, Validator.validate(json, OPTIONS).getIssues().size());
        assertTrue(Validator.validate(json, OPTIONS.asOf(LocalDate.of(2000, 1, 1))).getIssues().isEmpty());
        assertTrue(Validator.validate(json, OPTIONS.profile(Profile.SCHEMA)).getIssues().isEmpty());
        try (Validator v = new Validator(OPTIONS)) {
            assertEquals(AS_OF, v.getAsOf());
        }
    }

    @Test
    void suppressions() throws CartellaException {
        String json = Samples.get("accesso-informativo").getJson();
        Report report = Validator.validate(json, OPTIONS.suppress("CSI-COD-004", "/processi", "regional tables not loaded"));
        assertEquals(List.of("/assistito/cittadinanza"),
                report.getIssues().stream().map(Issue::getPath).collect(Collectors.toList()));
        assertEquals(6, report.getSuppressed().size());
        for (SuppressedIssue s : report.getSuppressed()) {
            assertEquals("regional tables not loaded", s.getReason());
            assertEquals("CSI-COD-004", s.getIssue().getRuleId());
        }
        assertThrows(CartellaException.UnknownRule.class,
                () -> Validator.validate(json, OPTIONS.suppress("NOPE-001", "", "x")));
        assertThrows(CartellaException.InvalidArgument.class,
                () -> Validator.validate(json, OPTIONS.suppress("CSI-COD-004", "", "")));
    }

    @Test
    void codiceFiscale() throws CartellaException {
        assertTrue(CodiceFiscale.isValid("RSSMRA80A01H501U"));
        assertFalse(CodiceFiscale.isValid("RSSMRA80A01H501A"));
        assertEquals(List.of(true, false), CodiceFiscale.checkMany(List.of("RSSMRA80A01H501U", "RSSMRA80A01H501A")));

        DecodedCf d = CodiceFiscale.decode("VLLLNE39E61F205K");
        assertTrue(d.isValid());
        assertEquals(Sex.F, d.getSex());
        assertEquals(LocalDate.of(1939, 5, 21), d.getBirthDate());
        assertEquals("F205", d.getBirthplace().getCode());
        assertEquals(BirthplaceKind.COMUNE, d.getBirthplace().getKind());
        assertFalse(d.getOmocodia());

        DecodedCf bad = CodiceFiscale.decode("RSSMRA80A01H501A", LocalDate.of(2025, 1, 1));
        assertTrue(bad.has("CF-003"));
        assertFalse(bad.isValid());

        LocalDate birth = LocalDate.of(1980, 1, 1);
        assertEquals("RSSMRA80A01H501U", CodiceFiscale.encode("Rossi", "Mario", birth, Sex.M, "H501"));
        assertEquals("RSSMRA80A01H50MM", CodiceFiscale.encode("Rossi", "Mario", birth, Sex.M, "H501", 1));
        CartellaException.InvalidArgument e = assertThrows(CartellaException.InvalidArgument.class,
                () -> CodiceFiscale.encode("Rossi", "Mario", birth, Sex.M, "1234"));
        assertEquals("belfiore", e.getName());
    }

    @Test
    void codeListsRegistration() throws CartellaException {
        assertEquals("Periodico", CodeLists.label("INPS.PS_PSA_SINA201812.CaratterePrestazioneType", "1"));
        assertThrows(CartellaException.UnknownCodeSystem.class, () -> CodeLists.list("1.2.3.4.nope"));
        String json = Samples.get("accesso-informativo").getJson();
        String path = "/assistito/cittadinanza";
        try (Registry registry = Registry.standard()) {
            assertEquals(List.of("CSI-COD-004"), ruleIds(Validator.validate(json, OPTIONS.registry(registry)).getIssues()
                    .stream().filter(i -> i.getPath().equals(path)).collect(Collectors.toList())));
            Map<String, String> table = new LinkedHashMap<>();
            table.put("999", "Altro");
            registry.registerTable(CITTADINANZA, table);
            assertEquals(CodeCheck.NOT_IN_TABLE, registry.check(CITTADINANZA, "380"));
            List<Issue> after = Validator.validate(json, OPTIONS.registry(registry)).getIssues()
                    .stream().filter(i -> i.getPath().equals(path)).collect(Collectors.toList());
            assertEquals(List.of("CSI-COD-003"), ruleIds(after));
            // A registry is data handed to the validation: the standard one is unchanged.
            assertEquals(List.of("CSI-COD-004"), ruleIds(Validator.validate(json, OPTIONS).getIssues()
                    .stream().filter(i -> i.getPath().equals(path)).collect(Collectors.toList())));
        }
    }

    @Test
    void ruleCatalogue() throws CartellaException {
        assertTrue(Rules.all().size() > 400);
        Rule r = Rules.explain("CSI-DAT-001");
        assertEquals(Severity.ERROR, r.getSeverity());
        assertThrows(CartellaException.UnknownRule.class, () -> Rules.explain("NOPE-001"));
    }

    @Test
    void lifecycle() throws CartellaException {
        LocalDate day = LocalDate.of(2025, 2, 3);
        try (Cartella c = Cartella.fromSample("accesso-informativo")) {
            String p1 = c.getProcessi().get(0).getIdProcesso();
            assertEquals("CHIUSO", c.currentState(p1));
            assertEquals(List.of("RIAPRI"), c.allowedTransitions(p1));
            c.newAccess("P-2", Event.apriAccesso("A-2").on(day));
            assertEquals("ACCESSO", c.currentState("P-2"));
            CartellaException.IllegalTransition refused = assertThrows(CartellaException.IllegalTransition.class,
                    () -> c.applyEvent("P-2", Event.approvaProgetto().on(day)));
            assertTrue(refused.getRuleId().startsWith("CSI-LCY-"));
            List<Issue> warnings = c.applyEvent("P-2", Event.chiudiAccesso("SOLO_INFORMAZIONE").on(day));
            assertTrue(ruleIds(warnings).contains("CSI-FAS-010"));
            assertEquals("CHIUSO", c.currentState("P-2"));
            assertEquals("CHIUSO", c.replay("P-2").getState());
        }
    }

    @Test
    void errorsAreExceptions() {
        CartellaException.Parse parse = assertThrows(CartellaException.Parse.class, () -> Cartella.fromJson("{"));
        assertTrue(parse.getLine() >= 1);
        assertTrue(parse.getDetail().startsWith("canonical JSON"));
        CartellaException e = assertThrows(CartellaException.class, () -> Cartella.fromSample("nope"));
        assertTrue(e instanceof CartellaException.InvalidArgument);
    }
}
