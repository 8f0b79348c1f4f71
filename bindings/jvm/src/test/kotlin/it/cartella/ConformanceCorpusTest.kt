package it.cartella

import it.cartella.ffi.Finding
import it.cartella.ffi.Issue
import it.cartella.ffi.Severity
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.opentest4j.AssertionFailedError
import java.nio.file.Files
import java.nio.file.Path

/**
 * The JUnit runner of the conformance suite: one dynamic test per active case of
 * `conformance/manifest.json` (display name = case id), same semantics as the Rust runner
 * (`conformance/tests/corpus.rs`) and the pytest one.
 *
 * The manifest is the system property `cartella.conformance.manifest` (set by the pom), else the
 * environment variable `CARTELLA_CONFORMANCE_MANIFEST`, else `../../conformance/manifest.json`
 * relative to the project directory; case inputs are read relative to it. A case listed in
 * `expected-failures/jvm.txt` beside the manifest must fail (and then passes the test); the list
 * must stay empty unless a `# reason` explains an entry.
 *
 * `documento` cases are asserted through the generic API ([Documents.validate], with
 * [ConformanceCase.validationOptions]) and also checked against the case runner; the other kinds,
 * and `documento` cases with the INPS-flow options (channel, send register: no equivalent in
 * [Documents.validate]), through
 * [ConformanceCase.run].
 */
class ConformanceCorpusTest {
    /** `(rule_id, severity, path)` of a finding. */
    private data class Row(val ruleId: String, val severity: String, val path: String) : Comparable<Row> {
        override fun compareTo(other: Row): Int = compareValuesBy(this, other, Row::ruleId, Row::severity, Row::path)

        override fun toString(): String = "$ruleId $severity \"$path\""
    }

    private data class Result(val valid: Boolean, val rows: List<Row>)

    private fun Severity.token(): String = name.lowercase()

    private fun findings(v: List<Finding>): List<Row> = v.map { Row(it.ruleId, it.severity.token(), it.path) }.sorted()

    private fun issues(v: List<Issue>): List<Row> = v.map { Row(it.ruleId, it.severity.token(), it.path) }.sorted()

    private fun describe(expected: Result, actual: Result): String {
        val lines = mutableListOf<String>()
        if (expected.valid != actual.valid) lines += "valid: expected ${expected.valid}, actual ${actual.valid}"
        val missing = expected.rows.toMutableList()
        val unexpected = mutableListOf<Row>()
        for (r in actual.rows) if (!missing.remove(r)) unexpected += r
        lines += missing.map { "- $it" }
        lines += unexpected.map { "+ $it" }
        return lines.joinToString("\n")
    }

    /** Runs one case; throws [AssertionFailedError] (or a [it.cartella.ffi.CartellaException]) when it fails. */
    private fun check(manifest: ConformanceManifest, case: ConformanceCase) {
        val data = Files.readAllBytes(manifest.inputOf(case))
        val run = case.run(data)
        val byRunner = Result(run.valid, findings(run.findings))
        // The INPS-flow options (channel, send register) have no equivalent in Documents.validate
        // (flows checked on UPLOAD without a register): such cases go through the case runner only.
        val flowOnly = case.documentOptions?.let { it.canale != null || it.registroJson != null } ?: false
        val actual = if (case.kind == "documento" && !flowOnly) {
            val d = Documents.validate(data, case.validationOptions())
            val generic = Result(d.isValid, issues(d.issues))
            if (generic != byRunner) {
                throw AssertionFailedError("Documents.validate disagrees with the case runner:\n" + describe(byRunner, generic))
            }
            generic
        } else {
            byRunner
        }
        val expected = Result(case.expected.valid, findings(case.expected.findings))
        if (actual != expected) throw AssertionFailedError(describe(expected, actual))
        if (!run.passed) throw AssertionFailedError("the case runner reports a difference: ${run.difference}")
    }

    @TestFactory
    fun corpus(): List<DynamicTest> {
        val manifest = ConformanceManifest.fromPath(manifestPath())
        val expectedFailures = expectedFailures()
        return manifest.cases.filter { it.active }.map { case ->
            DynamicTest.dynamicTest(case.id) {
                val reason = expectedFailures[case.id]
                if (reason == null) {
                    check(manifest, case)
                } else {
                    val failed = try {
                        check(manifest, case)
                        false
                    } catch (e: AssertionFailedError) {
                        true
                    } catch (e: it.cartella.ffi.CartellaException) {
                        true
                    }
                    if (!failed) {
                        throw AssertionFailedError("${case.id} is listed in expected-failures/jvm.txt ($reason) but passes: remove it from the list")
                    }
                }
            }
        }
    }

    companion object {
        /** The manifest: system property, environment variable, or the repository's. */
        @JvmStatic
        fun manifestPath(): Path {
            val configured = System.getProperty("cartella.conformance.manifest")?.takeIf { it.isNotBlank() }
                ?: System.getenv("CARTELLA_CONFORMANCE_MANIFEST")?.takeIf { it.isNotBlank() }
            return (configured?.let { Path.of(it) } ?: Path.of("../../conformance/manifest.json")).toAbsolutePath().normalize()
        }

        /** `case id -> reason` of `expected-failures/jvm.txt` beside the manifest (comments and blanks skipped). */
        @JvmStatic
        fun expectedFailures(): Map<String, String> {
            val file = manifestPath().parent.resolve("expected-failures/jvm.txt")
            if (!Files.exists(file)) return emptyMap()
            return Files.readAllLines(file).map { it.trim() }.filter { it.isNotEmpty() && !it.startsWith("#") }.associate {
                val id = it.substringBefore('#').trim()
                val reason = if ('#' in it) it.substringAfter('#').trim() else ""
                id to reason
            }
        }
    }
}

/** The expected-failure list and the manifest of [ConformanceCorpusTest] (kept apart so that the corpus report counts only cases). */
class ConformanceCorpusListTest {
    @Test
    fun `expected failures are active cases with a reason`() {
        ConformanceManifest.fromPath(ConformanceCorpusTest.manifestPath()).use { manifest ->
            val active = manifest.cases.filter { it.active }.map { it.id }.toSet()
            for ((id, reason) in ConformanceCorpusTest.expectedFailures()) {
                assertTrue(id in active, "expected-failures/jvm.txt: $id is not an active case")
                assertTrue(reason.isNotEmpty(), "expected-failures/jvm.txt: $id needs a `# reason`")
            }
        }
    }

    @Test
    fun `the manifest has active cases`() {
        ConformanceManifest.fromPath(ConformanceCorpusTest.manifestPath()).use { manifest ->
            assertTrue(manifest.cases.any { it.active })
            assertEquals(1, manifest.version)
        }
    }
}
