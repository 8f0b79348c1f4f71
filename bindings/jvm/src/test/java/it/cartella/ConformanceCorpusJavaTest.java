package it.cartella;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.cartella.ffi.CartellaException;
import it.cartella.ffi.DocumentKind;
import it.cartella.ffi.DocumentResult;
import it.cartella.ffi.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A handful of conformance cases through the Java-friendly surface (the full corpus: ConformanceCorpusTest). */
class ConformanceCorpusJavaTest {
    @Test
    void runsAFewCasesOfEachKind() throws Exception {
        try (ConformanceManifest m = ConformanceManifest.fromPath(ConformanceCorpusTest.manifestPath())) {
            List<ConformanceCase> some = m.getCases().stream()
                    .filter(ConformanceCase::getActive)
                    .collect(Collectors.groupingBy(ConformanceCase::getKind))
                    .values().stream().map(l -> l.get(0)).collect(Collectors.toList());
            assertFalse(some.isEmpty());
            for (ConformanceCase c : some) {
                if (ConformanceCorpusTest.expectedFailures().containsKey(c.getId())) continue;
                byte[] input = Files.readAllBytes(m.inputOf(c));
                Outcome o = c.run(input);
                assertTrue(o.getPassed(), c.getId() + ": " + o.getDifference());
                assertEquals(c.getExpected().getValid(), o.getValid(), c.getId());
                assertEquals(c.getExpected().getFindings(), o.getFindings(), c.getId());
                boolean flowOnly = c.getDocumentOptions() != null
                        && (c.getDocumentOptions().getCanale() != null || c.getDocumentOptions().getRegistroJson() != null);
                if (c.getKind().equals("documento") && !flowOnly) {
                    DocumentResult d = Documents.validate(input, c.validationOptions());
                    assertEquals(o.getValid(), d.isValid(), c.getId());
                    assertEquals(o.getFindings().size(), d.getIssues().size(), c.getId());
                }
            }
        }
    }

    @Test
    void documentsAndManifestErrors() throws Exception {
        DocumentResult d = Documents.validate("garbage".getBytes(StandardCharsets.UTF_8));
        assertEquals(DocumentKind.CARTELLA_JSON, d.getKind());
        assertNull(d.getReport());
        assertNotNull(d.getError());
        assertFalse(d.isValid());
        assertThrows(CartellaException.InvalidArgument.class, () -> ConformanceManifest.fromJson("{}"));
    }

    @Test
    void aDifferenceIsReported() throws Exception {
        String json = "{\"versione\": 1, \"casi\": [{\"id\": \"q\", \"descrizione\": \"\", \"tipo\": \"waas_query\","
                + " \"input\": \"q.txt\", \"stato\": \"attivo\", \"profilo\": \"siuss\", \"as_of\": \"2025-01-01\","
                + " \"atteso\": {\"valido\": false, \"findings\": [{\"rule_id\": \"SIUSS-WAAS-010\", \"severity\": \"error\", \"path\": \"/since\"}]}}]}";
        try (ConformanceManifest m = ConformanceManifest.fromJson(json)) {
            ConformanceCase c = m.findCase("q");
            assertNotNull(c);
            assertTrue(c.run("limit=5".getBytes(StandardCharsets.UTF_8)).getPassed());
            Outcome o = c.run("since=0".getBytes(StandardCharsets.UTF_8));
            assertFalse(o.getPassed());
            assertEquals(Boolean.TRUE, o.getDifference().getActualValid());
            assertEquals("SIUSS-WAAS-010", o.getDifference().getMissing().get(0).getRuleId());
            assertNull(m.getDirectory());
            assertEquals(Path.of("q.txt"), m.inputOf(c));
        }
    }
}
